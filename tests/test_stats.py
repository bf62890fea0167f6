"""`msckg stats`: SPARQL counts, networkx shape, top diseases and cell products of the seed build."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from msckg.cli import main
from msckg.export import to_networkx
from msckg.export.property_graph import PropertyGraph
from msckg.stats import GraphStats, graph_stats


@pytest.fixture(scope="module")
def stats(built: Path) -> GraphStats:
    return graph_stats(built / "kg.nq")


def test_counts_per_type_agree_with_the_property_graph(stats: GraphStats, built: Path) -> None:
    schema = PropertyGraph.read(built / "kg.nq").schema
    assert {t.label: t.nodes for t in stats.node_types} == {n: label.count for n, label in schema.labels.items()}
    assert {t.relationship: t.edges for t in stats.edge_types} == {n: r.count for n, r in schema.relationships.items()}
    assert stats.nodes == sum(t.nodes for t in stats.node_types) == schema.node_count
    assert stats.edges == sum(t.edges for t in stats.edge_types) == schema.relationship_count
    assert stats.quads == len((built / "kg.nq").read_text(encoding="utf-8").splitlines())
    assert stats.named_graphs == 6
    has_arm = next(t for t in stats.edge_types if t.relationship == "HAS_ARM")
    assert (has_arm.predicate, has_arm.edges) == ("msckg:hasArm", 5)


def test_degrees_and_components_match_networkx(stats: GraphStats, built: Path) -> None:
    graph = to_networkx(built / "kg.nq")
    degrees = [d for _, d in graph.degree()]
    assert (stats.degrees.min, stats.degrees.max) == (min(degrees), max(degrees))
    assert sum(b.nodes for b in stats.degrees.histogram) == graph.number_of_nodes()
    assert stats.degrees.histogram[0].degree == "0" and stats.degrees.histogram[0].nodes == degrees.count(0)
    assert stats.degrees.top[0].degree == max(degrees)
    assert stats.components.count == nx.number_weakly_connected_components(graph)
    assert stats.components.largest == len(max(nx.weakly_connected_components(graph), key=len))
    assert stats.components.isolated == degrees.count(0)


def test_top_diseases_and_cell_products(stats: GraphStats) -> None:
    diseases = {(d.disease_id, d.disease): d.studies for d in stats.top_diseases}
    assert diseases == {("MONDO:0005100", "systemic sclerosis"): 1, ("MONDO:0007915", "systemic lupus erythematosus"): 1,
                        ("MONDO:0008383", "rheumatoid arthritis"): 1, ("MONDO:0100096", "COVID-19"): 1}
    first = stats.top_cell_products[0]
    assert (first.cell_type_id, first.tissue, first.studies) == ("CL:0002569", "umbilical cord", 3)
    assert [p.studies for p in stats.top_cell_products] == sorted((p.studies for p in stats.top_cell_products), reverse=True)


def test_cli_json_and_table(built: Path, stats: GraphStats) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["stats", "--graph", str(built / "kg.nq"), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data == json.loads(json.dumps(stats.as_dict()))
    table = runner.invoke(main, ["stats", "--graph", str(built / "kg.nq")])
    assert table.exit_code == 0
    for title in ("Nodes per type", "Edges per type", "Degree distribution", "Component sizes",
                  "Diseases with the most studies", "Cell products with the most studies"):
        assert title in table.stdout
    assert "systemic sclerosis" in table.stdout


def test_cli_missing_graph_fails_clearly(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["stats", "--graph", str(tmp_path / "nope.nq")])
    assert result.exit_code == 1
    assert "nope.nq" in result.output and "no such graph file" in result.output
