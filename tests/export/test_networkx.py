"""`to_networkx` and `msckg export graphml|gexf`: networkx's own readers give the graph back."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from msckg.cli import main
from msckg.export import export, to_networkx
from msckg.export.graph_xml import GEXF_RESERVED
from msckg.export.networkx_export import file_graph
from msckg.export.property_graph import PropertyGraph, mapping_query
from msckg.store import load_graph, run_named

MEAN = "https://w3id.org/msckg/study/ssc-umsct-5y/result/mrss.umsct.p0d/mean"


@pytest.fixture(scope="module")
def graph(built: Path) -> nx.MultiDiGraph:
    return to_networkx(built / "kg.nq")


def test_counts_equal_the_property_graph_and_sparql(graph: nx.MultiDiGraph, built: Path) -> None:
    schema = PropertyGraph.read(built / "kg.nq").schema
    assert graph.number_of_nodes() == schema.node_count
    assert graph.number_of_edges() == schema.relationship_count
    store = load_graph(built / "kg.nq")
    assert schema.node_count == sum(int(n) for _, n in run_named(mapping_query("node-types"), store).rows)
    assert schema.relationship_count == sum(int(n) for _, n in run_named(mapping_query("edge-types"), store).rows)
    by_label: dict[str, int] = {}
    for _, labels in graph.nodes(data="labels"):
        by_label[labels[0]] = by_label.get(labels[0], 0) + 1
    assert by_label == {name: label.count for name, label in schema.labels.items()}


def test_values_stay_exact_python_objects(graph: nx.MultiDiGraph) -> None:
    assert graph.nodes[MEAN]["value"] == Decimal("18.68") and graph.nodes[MEAN]["labels"] == ["Mean"]
    study = "https://w3id.org/msckg/study/ssc-umsct-5y"
    arms = [v for _, v, key in graph.out_edges(study, keys=True) if key == "HAS_ARM"]
    assert arms == ["https://w3id.org/msckg/study/ssc-umsct-5y/arm/umsct"]
    assert graph.edges[study, arms[0], "HAS_ARM"]["graphs"] == ["https://w3id.org/msckg/graph/study/ssc-umsct-5y"]
    endpoint = graph.nodes["https://w3id.org/msckg/study/ssc-umsct-5y/endpoint/mrss"]
    assert endpoint["plannedTimepoint"] == ["P0D", "P1Y", "P3Y", "P5Y"]


def test_graphml_round_trip(graph: nx.MultiDiGraph, built: Path, tmp_path: Path) -> None:
    out = tmp_path / "kg.graphml"
    report = export("graphml", built / "kg.nq", out)
    assert report.outputs == [out]
    back = nx.read_graphml(out, force_multigraph=True)
    expected = file_graph(graph)
    assert back.number_of_nodes() == graph.number_of_nodes() and back.number_of_edges() == graph.number_of_edges()
    assert dict(back.nodes(data=True)) == dict(expected.nodes(data=True))
    assert sorted(_edges(back)) == sorted(_edges(expected))
    assert sorted(k for _, _, k in back.edges(keys=True)) == sorted(f"e{i}" for i in range(back.number_of_edges()))
    assert back.nodes[MEAN]["value"] == "18.68" and back.nodes[MEAN]["value_double"] == 18.68


def test_gexf_round_trip(graph: nx.MultiDiGraph, built: Path, tmp_path: Path) -> None:
    out = tmp_path / "kg.gexf"
    export("gexf", built / "kg.nq", out)
    back = nx.read_gexf(out)
    expected = file_graph(graph, GEXF_RESERVED)
    assert back.number_of_nodes() == graph.number_of_nodes() and back.number_of_edges() == graph.number_of_edges()
    for node, data in expected.nodes(data=True):
        got = dict(back.nodes[node])
        if "label" not in data:  # the GEXF reader labels an unlabelled node with its id
            assert got.pop("label") == node
        assert got == data, node
    assert sorted(_edges(back)) == sorted(_edges(expected))


def _edges(graph: nx.MultiDiGraph) -> list[tuple[str, str, str, str]]:
    return [(u, v, d["label"], d["graphs"]) for u, v, d in graph.edges(data=True)]


def test_files_read_back_like_networkx_written_ones(graph: nx.MultiDiGraph, built: Path, tmp_path: Path) -> None:
    """The streamed files and networkx's own writers (whole graph in memory) say the same."""
    for fmt, write, read, reserved in (
        ("graphml", nx.write_graphml, lambda p: nx.read_graphml(p, force_multigraph=True), frozenset()),
        ("gexf", nx.write_gexf, nx.read_gexf, GEXF_RESERVED),
    ):
        ours, theirs = tmp_path / f"ours.{fmt}", tmp_path / f"theirs.{fmt}"
        export(fmt, built / "kg.nq", ours)
        write(file_graph(graph, reserved), theirs)
        a, b = read(ours), read(theirs)
        assert dict(a.nodes(data=True)) == dict(b.nodes(data=True)), fmt
        assert sorted(_edges(a)) == sorted(_edges(b)), fmt


def test_files_are_deterministic(built: Path, tmp_path: Path) -> None:
    for fmt in ("graphml", "gexf"):
        a, b = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
        export(fmt, built / "kg.nq", a)
        export(fmt, built / "kg.nq", b)
        assert a.read_bytes() == b.read_bytes()


def test_cli_export_graphml(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "kg.graphml"
    result = CliRunner().invoke(main, ["export", "graphml", "--graph", str(built / "kg.nq"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert nx.read_graphml(out, force_multigraph=True).number_of_nodes() > 300
