"""End-to-end builds: valid output, deterministic bytes, failed builds leave outputs intact."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef

from msckg.builder.build import build
from msckg.namespaces import MSCKG
from tests.conftest import edit_study

SSC = "ssc-umsct-5y.yaml"


def test_build_writes_valid_outputs(built: Path) -> None:
    nq, ttl = built / "kg.nq", built / "kg.ttl"
    assert nq.stat().st_size > 100_000 and ttl.stat().st_size > 50_000
    ds = Dataset()
    ds.parse(nq, format="nquads")
    graphs = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert {f"https://w3id.org/msckg/graph/study/{s}" for s in
            ("ssc-umsct-5y", "sle-ucmsc-multicentre", "ra-admsc-phase1-2a", "covid19-ucmsc-1y")} <= graphs
    assert "https://w3id.org/msckg/graph/ontology" in graphs
    assert "https://w3id.org/msckg/graph/terms" in graphs
    # blank nodes only where OWL needs them (restrictions, lists), in the ontology graph
    blank = [line for line in nq.read_text().splitlines() if line.startswith("_:") or " _:" in line]
    assert blank and all(line.endswith("<https://w3id.org/msckg/graph/ontology> .") for line in blank)


def test_numbers_keep_exact_lexical_form(built: Path) -> None:
    text = (built / "kg.nq").read_text()
    for lexical in ("18.68", "0.030", "6.30", "72.0", "35.0", "-10.8", "-20.7", "-1.5", "200000000"):
        assert f'"{lexical}"^^<http://www.w3.org/2001/XMLSchema#decimal>' in text, lexical
    assert '"P12M"^^<http://www.w3.org/2001/XMLSchema#duration>' in text
    assert "e+" not in text.lower().replace("e+0", "")  # no float notation anywhere


def _build_in_subprocess(out: Path, seed: str) -> None:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    code = "import sys; from pathlib import Path; from msckg import build; sys.exit(0 if build(None, Path(sys.argv[1])).ok else 1)"
    subprocess.run([sys.executable, "-c", code, str(out)], check=True, env=env)


def test_output_is_byte_identical_across_runs(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    _build_in_subprocess(a, "1")
    _build_in_subprocess(b, "12345")
    for name in ("kg.nq", "kg.ttl"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_base_iri_is_configurable(tmp_path: Path) -> None:
    summary = build(None, tmp_path, base="https://example.org/kg/")
    assert summary.ok
    text = (tmp_path / "kg.nq").read_text()
    assert "<https://example.org/kg/study/ssc-umsct-5y>" in text
    assert "https://w3id.org/msckg/study/" not in text


def _violations_after(studies: Path, out: Path) -> list:
    summary = build(studies, out)
    assert not summary.ok
    return summary.report.violations


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        (lambda d: d["results"][1]["statistics"][1].update(value=-7.26), MSCKG.value, "SD"),
        (lambda d: d["results"][0]["statistics"][0].update(numerator=42, percentage=None), MSCKG.numerator, "count must be <= total"),
        (lambda d: d["results"][0]["statistics"][0].update(percentage=95.1), MSCKG.percentage, "does not agree"),
        (lambda d: d["results"][1].update(n=99), MSCKG.sampleSize, "n exceeds"),
        (lambda d: d["results"][1].update(timepoint="P6Y"), MSCKG.timepoint, "later than the study's follow-up"),
        (lambda d: d["subgroups"][1].update(size=50), MSCKG.size, "larger than its arm"),
    ],
    ids=["sd-negative", "count-over-total", "percentage-mismatch", "n-over-enrollment",
         "timepoint-after-follow-up", "subgroup-over-arm"],
)
def test_range_violations_fail_the_build_and_name_the_file(studies_copy: Path, tmp_path: Path, change, path, message) -> None:  # type: ignore[no-untyped-def]
    edited = edit_study(studies_copy, SSC, change)
    violations = _violations_after(studies_copy, tmp_path / "out")
    assert len(violations) == 1, violations
    v = violations[0]
    assert v.path == str(path) and message in v.message
    assert v.file == str(edited) and v.graph == "https://w3id.org/msckg/graph/study/ssc-umsct-5y"


def test_p_value_and_ci_ranges(studies_copy: Path, tmp_path: Path) -> None:
    def change(d: dict) -> None:
        stats = d["results"][0]["statistics"]
        stats[0]["ci"] = {"lower": -1.0, "upper": -20.7, "level": 0.95}
        stats[1]["value"] = 1.3
    edit_study(studies_copy, "covid19-ucmsc-1y.yaml", change)
    violations = _violations_after(studies_copy, tmp_path / "out")
    messages = sorted(v.message for v in violations)
    assert messages == ["CI lower bound must be <= the estimate", "CI upper bound must be >= the estimate",
                        "a p-value lies in [0, 1]"]


def test_failed_build_leaves_previous_output_intact(studies_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build(studies_copy, out).ok
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    edit_study(studies_copy, SSC, lambda d: d["results"][1]["statistics"][1].update(value=-1))
    assert not build(studies_copy, out).ok
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert sorted(p.name for p in out.iterdir()) == [".msckg-cache", "kg.nq", "kg.ttl"]  # no staging left


def test_conflicting_statements_coexist(dataset) -> None:  # type: ignore[no-untyped-def]
    """The SSc journal page says 'Funding: None.' and also lists five grants: both are kept."""
    study = URIRef("https://w3id.org/msckg/study/ssc-umsct-5y")
    statements = list(dataset.objects(study, MSCKG.hasFundingStatement))
    assert [dataset.value(s, MSCKG.statement) for s in statements] == [Literal("None.")]
    numbers = sorted(str(dataset.value(g, MSCKG.grantNumber)) for g in dataset.objects(study, MSCKG.fundedBy))
    assert numbers == ["2020YFA0710800", "81401353", "81871282", "BE2020621", "H2023087"]


def test_large_graph_turtle_is_the_same_graph(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Above the size limit kg.ttl is written from the N-Quads lines; it must parse to the same graph."""
    import rdflib
    from rdflib import Graph
    from rdflib.compare import isomorphic

    import msckg.builder.build as builder
    from msckg.builder.loader import load_studies
    from msckg.resources import bundled_studies_dir

    ds = builder.build_dataset(load_studies(bundled_studies_dir()))
    monkeypatch.setattr(builder, "PRETTY_TURTLE_LIMIT", 10)
    text = builder.serialize_turtle(ds, nquads=builder.serialize_nquads(ds))
    monkeypatch.setattr(rdflib, "NORMALIZE_LITERALS", False)
    parsed = Graph().parse(data=text, format="turtle")
    merged = Graph()
    for quad in ds.quads((None, None, None, None)):
        merged.add(quad[:3])
    assert isomorphic(parsed, merged)
