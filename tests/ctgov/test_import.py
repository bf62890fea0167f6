"""The registry import end to end: every real record maps, the result is SHACL-valid, registry
and paper describe one study side by side, and bad records are reported, not fatal."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from msckg.builder.build import build
from msckg.conflicts import find_conflicts
from msckg.ctgov.design import TISSUE_UBERON
from msckg.ctgov.importer import import_ctgov
from msckg.ctgov.mapping import CtgovMappingError
from msckg.linking.index import term_index
from msckg.queries import get_query, load_dataset, run_query

SHARED_FILE = "ctgov/ctgov-msc-studyfields-dev.jsonl.gz"


@pytest.fixture(scope="session")
def registry_build(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("registry")
    summary = build(None, out, ctgov=[shared_dir / SHARED_FILE])
    return summary, out


def test_all_records_import_and_validate(registry_build) -> None:  # type: ignore[no-untyped-def]
    summary, out = registry_build
    assert summary.registry_records == 1100
    assert summary.import_errors == []
    assert summary.duplicates == ["ctgov-msc-studyfields-dev.jsonl.gz:368"]  # NCT02421484, kept once
    assert summary.ok, summary.report.violations[:5]
    assert summary.studies == 4 + 1099 - 3  # three registry records join curated studies
    assert (out / "kg.nq").stat().st_size > 10_000_000


def test_covid_trials_with_tissue_sources(registry_build) -> None:  # type: ignore[no-untyped-def]
    ds = load_dataset(registry_build[1] / "kg.nq")
    result = run_query(get_query("products-for-disease"), ds, {"disease": "MONDO:0100096"})
    rows = [dict(zip(result.columns, r, strict=True)) for r in result.rows]
    studies = {r["study"] for r in rows}
    assert len(studies) >= 40
    assert "covid19-ucmsc-1y" in studies  # the curated seed study, joined by its NCT id
    with_tissue = {r["study"] for r in rows if r["tissue_id"]}
    assert len(with_tissue) >= 30
    assert {r["tissue_id"] for r in rows if r["study"] == "covid19-ucmsc-1y"} == {"UBERON:0002331"}


def test_conflict_between_registry_and_paper(registry_build) -> None:  # type: ignore[no-untyped-def]
    ds = load_dataset(registry_build[1] / "kg.nq")
    found = {c.aspect: c for c in find_conflicts(ds, "ssc-umsct-5y")}
    donor = found["donor relation"]
    assert donor.values["https://w3id.org/msckg/graph/ctgov/NCT00962923"] == ("allogeneic",)
    assert donor.values["https://w3id.org/msckg/graph/study/ssc-umsct-5y"] == ()
    tissue = found["tissue source"]
    assert tissue.values["https://w3id.org/msckg/graph/study/ssc-umsct-5y"] == ("UBERON:0002331 umbilical cord",)


def _write_jsonl(path: Path, records: list[dict]) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec) + "\n")
    return path


def _sample(shared_dir: Path, ids: set[str]) -> list[dict]:
    out = []
    with gzip.open(shared_dir / SHARED_FILE, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["NCTId"][0] in ids:
                out.append(rec)
    return out


def test_bad_record_is_reported_and_others_import(shared_dir: Path, tmp_path: Path) -> None:
    good, bad = _sample(shared_dir, {"NCT04288102", "NCT03691909"})
    bad = dict(bad, EnrollmentCount=["about forty"])
    path = _write_jsonl(tmp_path / "two.jsonl.gz", [good, bad])
    summary = import_ctgov([path])
    assert summary.imported == 1
    [err] = summary.errors
    assert isinstance(err, CtgovMappingError)
    assert (err.nct_id, err.field) == (bad["NCTId"][0], "EnrollmentCount") and "about forty" in err.message
    with pytest.raises(CtgovMappingError):
        import_ctgov([path], strict=True)


def test_unknown_coded_value_names_the_field(shared_dir: Path, tmp_path: Path) -> None:
    [rec] = _sample(shared_dir, {"NCT04288102"})
    path = _write_jsonl(tmp_path / "one.jsonl.gz", [dict(rec, DesignMasking=["Sextuple"])])
    [err] = import_ctgov([path]).errors
    assert err.field == "DesignMasking" and "Sextuple" in err.message


def test_cli_import_writes_valid_nquads_deterministically(shared_dir: Path, tmp_path: Path) -> None:
    recs = _sample(shared_dir, {"NCT04288102", "NCT03691909", "NCT00962923", "NCT04355728", "NCT02421484"})
    path = _write_jsonl(tmp_path / "five.jsonl.gz", recs)
    exe = Path(sys.executable).parent / "msckg"
    outs = []
    for name in ("a.nq", "b.nq"):
        run = subprocess.run([str(exe), "import", "ctgov", str(path), "--out", str(tmp_path / name)],
                             capture_output=True, text=True, timeout=600)
        assert run.returncode == 0, run.stderr
        outs.append((tmp_path / name).read_bytes())
    assert outs[0] == outs[1]
    text = outs[0].decode()
    assert "<https://w3id.org/msckg/graph/ctgov/NCT04355728>" in text
    assert "<https://w3id.org/msckg/study/ssc-umsct-5y>" in text  # joins the curated study's IRI
    assert "graph/study/ssc-umsct-5y>" not in text  # but not the curated facts themselves


def test_tissue_keys_name_the_right_uberon_terms() -> None:
    ix = term_index()
    expect = {"umbilical-cord": "umbilical cord", "wharton-jelly": "mesenchyme of umbilical cord",
              "adipose": "adipose tissue", "bone-marrow": "bone marrow", "cord-blood": "umbilical cord blood",
              "menstrual-blood": "menstrual fluid", "dental-pulp": "dental pulp", "placenta": "placenta"}
    for key, label in expect.items():
        assert ix.get(TISSUE_UBERON[key]).label == label
    assert all(ix.current(c) is not None for c in TISSUE_UBERON.values())


def test_parallel_build_reports_a_bad_record_instead_of_hanging(shared_dir: Path, tmp_path: Path) -> None:
    """Regression: a mapping error raised in a build worker could not be unpickled in the parent,
    so the pool's result thread died and the build waited forever."""
    recs = list({r["NCTId"][0]: r for r in _sample(shared_dir, {"NCT04355728", "NCT02421484", "NCT03691909"})}.values())
    bad = dict(recs[0], DesignMasking=["Sextuple"])
    path = _write_jsonl(tmp_path / "three.jsonl.gz", [bad, *recs[1:]])
    exe = Path(sys.executable).parent / "msckg"
    run = subprocess.run([str(exe), "build", "--ctgov", str(path), "--out", str(tmp_path / "out"), "--workers", "2"],
                         capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 1, run.stderr
    assert f"({bad['NCTId'][0]}): field DesignMasking" in run.stderr and "Sextuple" in run.stderr
    assert (tmp_path / "out" / "kg.nq").is_file()  # the other records built
