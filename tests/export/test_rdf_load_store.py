"""`msckg load --store DIR` makes a local Oxigraph store; `load` takes exactly one target."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from msckg.cli import main
from msckg.store import open_store
from tests.export.msckg_cli import msckg

pytestmark = pytest.mark.filterwarnings("ignore:.*is deprecated, use Dataset:DeprecationWarning")


def test_load_store_creates_a_queryable_store(built: Path, tmp_path: Path) -> None:
    source = built / "kg.nq"
    quads = sum(1 for _ in ox.parse(path=str(source), format=ox.RdfFormat.N_QUADS))
    run = msckg("load", "--graph", str(source), "--store", str(tmp_path / "store"))
    assert run.returncode == 0, run.stderr
    assert f"loaded {quads} quads into store" in run.stderr
    assert len(open_store(tmp_path / "store")) == quads
    query = msckg("query", "study-by-registration", "-p", "nct=NCT00962923", "--store", str(tmp_path / "store"),
                  "--format", "csv")
    assert query.returncode == 0 and "ssc-umsct-5y" in query.stdout


def test_load_needs_exactly_one_target(built: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    both = runner.invoke(main, ["load", "--graph", str(built / "kg.nq"), "--store", str(tmp_path / "s"),
                                "--endpoint", "http://127.0.0.1:9/x"])
    neither = runner.invoke(main, ["load", "--graph", str(built / "kg.nq")])
    for run in (both, neither):
        assert run.exit_code == 2 and "exactly one of --endpoint URL or --store DIR" in run.stderr
    assert not (tmp_path / "s").exists()
    missing = runner.invoke(main, ["load", "--graph", str(tmp_path / "none.nq"), "--endpoint", "http://127.0.0.1:9/x"])
    assert missing.exit_code == 1 and "none.nq" in missing.stderr and "no such graph file" in missing.stderr
