"""`msckg report` as a user runs it, in-process through click's runner: on the default build
(`build/kg.nq` in the working directory), with a missing graph, and its help."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from msckg.cli import main


def test_report_on_the_default_build(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "build").mkdir()
    shutil.copy(built / "kg.nq", tmp_path / "build" / "kg.nq")
    monkeypatch.chdir(tmp_path)
    run = CliRunner().invoke(main, ["report", "--out", "build/report"])  # --graph defaults to build/kg.nq
    assert run.exit_code == 0, run.output
    assert "studies: 4  pages: 7  plots: 4  endpoint families: 1" in run.output
    assert (tmp_path / "build" / "report" / "index.html").is_file()
    assert len(list((tmp_path / "build" / "report" / "studies").glob("*.html"))) == 4


def test_missing_graph_is_a_clear_error(tmp_path: Path) -> None:
    run = CliRunner().invoke(main, ["report", "--graph", str(tmp_path / "nowhere.nq"), "--out", str(tmp_path / "out")])
    assert run.exit_code == 1
    assert "nowhere.nq: no such graph file" in run.output
    assert not (tmp_path / "out").exists()


def test_help_shows_examples() -> None:
    run = CliRunner().invoke(main, ["report", "--help"])
    assert run.exit_code == 0
    assert "msckg report --out build/report" in run.output
