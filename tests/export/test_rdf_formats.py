"""Every RDF export parses back to the graph it was written from, keeps lexical forms, and is stable.

Formats with named graphs must give the same dataset; the others the same merged graph. Both
sides are compared after RDFC-1.0 blank-node canonicalisation (pyoxigraph), and a second,
independent parser (rdflib) reads every output too.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from msckg.cli import main
from msckg.export import WRITERS, ExportError, export
from tests.export.msckg_cli import msckg

# name -> (file extension, pyoxigraph syntax, rdflib parser, keeps named graphs)
RDF_FORMATS = {
    "nquads": ("nq", ox.RdfFormat.N_QUADS, "nquads", True),
    "trig": ("trig", ox.RdfFormat.TRIG, "trig", True),
    "jsonld": ("jsonld", ox.RdfFormat.JSON_LD, "json-ld", True),
    "turtle": ("ttl", ox.RdfFormat.TURTLE, "turtle", False),
    "ntriples": ("nt", ox.RdfFormat.N_TRIPLES, "nt", False),
    "rdfxml": ("rdf", ox.RdfFormat.RDF_XML, "xml", False),
}
XSD = "http://www.w3.org/2001/XMLSchema#"

# rdflib's own TriG/JSON-LD parsers and N-Quads serialiser still use its deprecated graph classes
pytestmark = pytest.mark.filterwarnings("ignore:.*is deprecated, use Dataset:DeprecationWarning")


def test_every_rdf_format_is_registered_and_tested() -> None:
    assert set(RDF_FORMATS) <= set(WRITERS)
    assert len(RDF_FORMATS) == 6


def canonical(quads: list[ox.Quad], keep_graphs: bool) -> ox.Dataset:
    if keep_graphs:
        dataset = ox.Dataset(quads)
    else:
        dataset = ox.Dataset(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return dataset


@pytest.fixture(scope="module")
def source(built: Path) -> Path:
    return built / "kg.nq"


@pytest.fixture(scope="module")
def source_quads(source: Path) -> list[ox.Quad]:
    return list(ox.parse(path=str(source), format=ox.RdfFormat.N_QUADS))


@pytest.mark.parametrize("name", sorted(RDF_FORMATS))
def test_export_round_trips(name: str, source: Path, source_quads: list[ox.Quad], tmp_path: Path) -> None:
    ext, syntax, _, keeps_graphs = RDF_FORMATS[name]
    out = tmp_path / f"kg.{ext}"
    report = export(name, source, out)
    back = list(ox.parse(path=str(out), format=syntax))
    assert canonical(back, keeps_graphs) == canonical(source_quads, keeps_graphs)
    named = {q.graph_name for q in source_quads}
    if keeps_graphs:
        assert report.graphs == len(named) and {q.graph_name for q in back} == named
        assert report.statements == len(source_quads) and not report.warnings
    else:
        assert {q.graph_name for q in back} == {ox.DefaultGraph()}
        assert report.statements == len({q.triple for q in source_quads}) < len(source_quads)
        assert report.graphs == 0 and "merged" in report.warnings[0]


@pytest.mark.parametrize("name", sorted(RDF_FORMATS))
def test_rdflib_reads_the_same_graph(name: str, source: Path, tmp_path: Path) -> None:
    """A second parser: the output means the same to rdflib as the source does."""
    ext, _, parser, keeps_graphs = RDF_FORMATS[name]
    out = tmp_path / f"kg.{ext}"
    export(name, source, out)
    expected = Dataset()
    expected.parse(source, format="nquads")
    if keeps_graphs:
        got = Dataset()
        got.parse(out, format=parser)
        names = {g.identifier for g in expected.graphs() if len(g)}
        assert {g.identifier for g in got.graphs() if len(g)} == names
        for graph_name in names:
            assert isomorphic(expected.graph(graph_name), got.graph(graph_name)), graph_name
    else:
        merged = Graph()
        for s, p, o, _ in expected.quads((None, None, None, None)):
            merged.add((s, p, o))
        assert isomorphic(merged, Graph().parse(out, format=parser))


def test_lexical_forms_survive_every_format(source: Path, source_quads: list[ox.Quad], tmp_path: Path) -> None:
    """0.030 stays "0.030" and P0D stays "P0D" (a pyoxigraph Store would print 0.03 and PT0S)."""
    typed = {(q.object.value, q.object.datatype.value) for q in source_quads
             if isinstance(q.object, ox.Literal) and q.object.datatype.value in (f"{XSD}decimal", f"{XSD}duration")}
    assert ("P0D", f"{XSD}duration") in typed
    assert any(d.endswith("decimal") and v.endswith("0") and "." in v for v, d in typed)  # e.g. 365.2500
    for name, (ext, syntax, _, _) in RDF_FORMATS.items():
        out = tmp_path / f"kg.{ext}"
        export(name, source, out)
        back = {(q.object.value, q.object.datatype.value) for q in ox.parse(path=str(out), format=syntax)
                if isinstance(q.object, ox.Literal)}
        assert typed <= back, (name, sorted(typed - back)[:5])


def test_exports_are_byte_identical_across_runs(source: Path, tmp_path: Path) -> None:
    for name, (ext, *_) in RDF_FORMATS.items():
        first, second = tmp_path / f"a.{ext}", tmp_path / f"b.{ext}"
        export(name, source, first)
        export(name, source, second)
        assert first.read_bytes() == second.read_bytes(), name


def test_turtle_groups_subjects_and_uses_prefixes(source: Path, tmp_path: Path) -> None:
    out = tmp_path / "kg.ttl"
    export("turtle", source, out)
    text = out.read_text(encoding="utf-8")
    assert "@prefix msckg: <https://w3id.org/msckg/ontology/> ." in text
    assert "MONDO:0005100" in text and " ;\n" in text


def test_trig_writes_one_block_per_named_graph(source: Path, source_quads: list[ox.Quad], tmp_path: Path) -> None:
    out = tmp_path / "kg.trig"
    export("trig", source, out)
    blocks = [line for line in out.read_text(encoding="utf-8").splitlines() if line.endswith(" {")]
    assert len(blocks) == len({q.graph_name for q in source_quads}) == len(set(blocks))


def test_a_failed_export_leaves_the_previous_output(source: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.nq"
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    broken.write_text("".join(lines[:2000]) + "<http://a> <http://b> not-a-term <http://g> .\n", encoding="utf-8")
    out = tmp_path / "out" / "kg.ttl"
    export("turtle", source, out)
    before = out.read_bytes()
    with pytest.raises(ExportError, match=r"broken\.nq.*line 2001"):
        export("turtle", broken, out)
    assert out.read_bytes() == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["kg.ttl"]  # no temp file left behind


def test_unknown_format_and_missing_graph_are_clear_errors(source: Path, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unknown export format 'yaml'; known: .*turtle"):
        export("yaml", source, tmp_path / "x")
    with pytest.raises(ExportError, match="no such graph file"):
        export("turtle", tmp_path / "missing.nq", tmp_path / "x.ttl")


def test_cli_exports_and_warns_about_merged_graphs(source: Path, tmp_path: Path) -> None:
    run = msckg("export", "turtle", "--graph", str(source), "--out", str(tmp_path / "kg.ttl"))
    assert run.returncode == 0, run.stderr
    assert "warning:" in run.stderr and "cannot hold named graphs" in run.stderr
    assert run.stdout == "" and (tmp_path / "kg.ttl").stat().st_size > 0
    run = msckg("export", "trig", "--graph", str(source), "--out", str(tmp_path / "kg.trig"))
    assert run.returncode == 0 and "warning" not in run.stderr and "6 named graph(s)" in run.stderr
    bad = CliRunner().invoke(main, ["export", "yaml", "--out", str(tmp_path / "x")])
    assert bad.exit_code == 2 and "'yaml' is not one of" in bad.stderr
    for name in WRITERS:  # the choices come from the registry
        assert f"'{name}'" in bad.stderr
