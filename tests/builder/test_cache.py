"""The build cache: a rebuild maps and validates only what changed, and writes the same bytes
as a build from scratch."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from msckg.builder import cache as cache_module
from msckg.builder.build import build
from msckg.builder.cache import CACHE_DIR
from msckg.cli import main
from tests.conftest import edit_study

RECORDS = 40


@pytest.fixture
def registry(shared_dir: Path, tmp_path: Path) -> Path:
    """The first RECORDS records of the shared sample, as a JSON Lines file the test may edit."""
    with gzip.open(shared_dir / "ctgov" / "ctgov-msc-studyfields-dev.jsonl.gz", "rt", encoding="utf-8") as fh:
        lines = [next(fh) for _ in range(RECORDS)]
    path = tmp_path / "records.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _outputs(out: Path) -> tuple[bytes, bytes]:
    return (out / "kg.nq").read_bytes(), (out / "kg.ttl").read_bytes()


def _edit_record(path: Path, index: int, field: str, value: list[str]) -> str:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    record = json.loads(lines[index])
    record[field] = value
    lines[index] = json.dumps(record) + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    return record["NCTId"][0]


def test_rebuild_reuses_unchanged_units_and_writes_the_same_bytes(studies_copy: Path, registry: Path,
                                                                   tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = build(studies_copy, out, ctgov=[registry])
    assert first.ok and first.reused == 0 and first.units == 4 + RECORDS
    again = build(studies_copy, out, ctgov=[registry])
    assert again.reused == again.units and "map cpu" not in again.stages
    assert _outputs(out) == _outputs(tmp_path / "out") and again.quads == first.quads

    edit_study(studies_copy, "sle-ucmsc-multicentre.yaml", lambda d: d.update(title=d["title"] + " (edited)"))
    nct = _edit_record(registry, 7, "BriefTitle", ["An edited title"])
    third = build(studies_copy, out, ctgov=[registry])
    assert third.ok and third.reused == third.units - 2
    fresh = build(studies_copy, tmp_path / "fresh", ctgov=[registry], cache=False)
    assert fresh.ok and fresh.reused == 0
    assert _outputs(out) == _outputs(tmp_path / "fresh")
    nquads = _outputs(out)[0].decode("utf-8")
    assert "(edited)" in nquads
    assert any("An edited title" in line and nct.lower() in line for line in nquads.splitlines())
    assert not (tmp_path / "fresh" / CACHE_DIR).exists()
    # entries of the replaced inputs are gone: one entry (two files) per unit, plus the vocabulary
    assert len(list((out / CACHE_DIR / "units").glob("*/*.nq"))) == third.units + 1


def test_a_failed_build_keeps_outputs_and_the_cache(studies_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build(studies_copy, out).ok
    before = _outputs(out)
    edit_study(studies_copy, "sle-ucmsc-multicentre.yaml", lambda d: d["enrollment"].update(count=1))
    failed = build(studies_copy, out)
    assert not failed.ok and failed.reused == 3
    assert _outputs(out) == before
    edit_study(studies_copy, "sle-ucmsc-multicentre.yaml", lambda d: d["enrollment"].update(count=40))
    assert build(studies_copy, out).ok


def test_a_damaged_entry_is_rebuilt(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build(None, out).ok
    before = _outputs(out)
    victim = sorted((out / CACHE_DIR / "units").glob("*/*.nq"))[0]
    victim.write_text(victim.read_text(encoding="utf-8")[:100], encoding="utf-8")
    again = build(None, out)
    assert again.ok and _outputs(out) == before
    assert again.reused in (again.units - 1, again.units)  # the damaged file may be the vocabulary's


def test_a_new_msckg_rebuilds_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    assert build(None, out).ok
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "another msckg")
    again = build(None, out)
    assert again.ok and again.reused == 0


def test_cli_reports_reuse_and_no_cache_turns_it_off(tmp_path: Path) -> None:
    runner = CliRunner()
    out = str(tmp_path / "out")
    assert runner.invoke(main, ["build", "--out", out, "-q"]).exit_code == 0
    result = runner.invoke(main, ["build", "--out", out, "--format", "json", "-q"])
    data = json.loads(result.stdout)
    assert result.exit_code == 0 and data["reused"] == data["units"] == 4
    result = runner.invoke(main, ["build", "--out", out, "--format", "json", "-q", "--no-cache"])
    assert json.loads(result.stdout)["reused"] == 0


def test_the_same_inputs_twice_are_named_in_a_clear_error() -> None:
    """Units with identical inputs would overwrite each other's cache entry; the reader's
    de-duplication prevents it, and if it ever did not, the error names both records."""
    from msckg.builder.cache import plan_units
    from msckg.ctgov.reader import CtgovRecord
    from msckg.errors import MsckgError

    first = CtgovRecord("NCT00000001", {"NCTId": ["NCT00000001"]}, "a.jsonl:1")
    again = CtgovRecord("NCT00000001", {"NCTId": ["NCT00000001"]}, "b.jsonl:7")
    with pytest.raises(MsckgError, match=r"record NCT00000001 \(a.jsonl:1\); record NCT00000001 \(b.jsonl:7\)"):
        plan_units([], [first, again], {}, "https://w3id.org/msckg/")
