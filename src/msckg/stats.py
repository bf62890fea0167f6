"""What a built graph holds, in numbers: `msckg stats`.

Counts per type come from SPARQL over the Oxigraph store (`node-types` and `edge-types`, which
state the property-graph mapping's rules in SPARQL, and the named queries `top-diseases`,
`top-cell-products`); the shape of the graph (degree distribution, connected components) from
networkx over the property graph the exports write. The tests check the two views agree.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

from msckg.queries import get_query
from msckg.store import load_graph, run_named

TOP = 10


@dataclass
class NodeType:
    label: str
    nodes: int


@dataclass
class EdgeType:
    predicate: str  # CURIE where a prefix is known
    relationship: str  # the relationship type in the property-graph exports
    edges: int


@dataclass
class DegreeBin:
    degree: str  # "0", "1", "2", "3-4", "5-8", ...
    nodes: int


@dataclass
class Hub:
    node: str
    label: str
    degree: int


@dataclass
class Degrees:
    """Total degree (in + out) of every node of the property graph."""

    min: int
    median: str  # exact text: a median of an even count can be x.5
    mean: str  # rounded to 2 decimals, as text
    max: int
    histogram: list[DegreeBin]
    top: list[Hub]


@dataclass
class Components:
    """Weakly connected components (edge direction ignored)."""

    count: int
    largest: int
    isolated: int  # nodes without any edge
    sizes: list[dict[str, int]]  # [{"size": s, "components": n}], largest sizes first, at most TOP


@dataclass
class Disease:
    disease_id: str
    disease: str
    studies: int


@dataclass
class CellProductKind:
    cell_type_id: str
    cell_type: str
    tissue_id: str | None
    tissue: str | None
    studies: int


@dataclass
class GraphStats:
    graph: str
    quads: int
    named_graphs: int
    nodes: int
    edges: int
    node_types: list[NodeType]
    edge_types: list[EdgeType]
    degrees: Degrees
    components: Components
    top_diseases: list[Disease]
    top_cell_products: list[CellProductKind]

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _bin(degree: int) -> str:
    """0, 1, 2, 3-4, 5-8, 9-16, ...: powers of two, so a long tail stays a short table."""
    if degree <= 2:
        return str(degree)
    upper = 1 << (degree - 1).bit_length()
    return f"{upper // 2 + 1}-{upper}"


def _bin_start(name: str) -> int:
    return int(name.split("-")[0])


def _curie(iri: str) -> str:
    from msckg.export._names import compact_iri

    return compact_iri(iri)


def degree_stats(graph: object) -> Degrees:
    """Degree distribution of a networkx graph whose nodes carry `labels`."""
    degrees = dict(graph.degree())  # type: ignore[attr-defined]
    values = sorted(degrees.values()) or [0]
    histogram = Counter(_bin(d) for d in degrees.values())
    hubs = sorted(degrees.items(), key=lambda item: (-item[1], item[0]))[:TOP]
    mean = (Decimal(sum(values)) / Decimal(len(values))).quantize(Decimal("0.01"), ROUND_HALF_EVEN)
    median = Decimal(str(statistics.median(values))).normalize()
    return Degrees(
        min=values[0], median=f"{median:f}", mean=str(mean), max=values[-1],
        histogram=[DegreeBin(name, histogram[name]) for name in sorted(histogram, key=_bin_start)],
        top=[Hub(node, graph.nodes[node]["labels"][0], d) for node, d in hubs],  # type: ignore[attr-defined]
    )


def component_stats(graph: object) -> Components:
    import networkx as nx

    sizes = sorted((len(c) for c in nx.weakly_connected_components(graph)), reverse=True)
    by_size = Counter(sizes)
    return Components(
        count=len(sizes), largest=sizes[0] if sizes else 0,
        isolated=sum(1 for _, d in graph.degree() if d == 0),  # type: ignore[attr-defined]
        sizes=[{"size": s, "components": by_size[s]} for s in sorted(by_size, reverse=True)[:TOP]],
    )


def structure(pg: object) -> object:
    """The property graph's nodes (with their labels) and edges, without properties: all that
    degrees and components need, at a fraction of `to_networkx`'s memory."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    for node, relationships in pg.records():  # type: ignore[attr-defined]
        graph.add_node(node.id, labels=node.labels)
        graph.add_edges_from((r.start, r.end, r.type) for r in relationships)
    return graph


def graph_stats(graph: Path, top: int = TOP) -> GraphStats:
    """Counts, degrees, components and top diseases / cell products of a built graph file.

    Example:
        stats = graph_stats(Path("build/kg.nq"))
        stats.node_types[0].label, stats.components.count
    """
    from msckg.export.property_graph import PropertyGraph, mapping_query

    store = load_graph(graph)
    node_rows = run_named(mapping_query("node-types"), store).rows
    edge_rows = run_named(mapping_query("edge-types"), store).rows
    disease_rows = run_named(get_query("top-diseases"), store).rows[:top]
    product_rows = run_named(get_query("top-cell-products"), store).rows[:top]
    del store  # the property graph is read from the file again, streamed

    pg = PropertyGraph.read(graph)
    nxg = structure(pg)
    names = {rel.predicate: rel.name for rel in pg.schema.relationships.values()}
    node_types = [NodeType(str(label), int(str(n))) for label, n in node_rows]
    edge_types = sorted(
        (EdgeType(_curie(str(p)), names.get(str(p), ""), int(str(n))) for p, n in edge_rows),
        key=lambda e: (e.relationship, e.predicate),
    )
    return GraphStats(
        graph=str(graph), quads=pg.schema.quads, named_graphs=len(pg.schema.graphs),
        nodes=nxg.number_of_nodes(), edges=nxg.number_of_edges(),
        node_types=node_types, edge_types=edge_types,
        degrees=degree_stats(nxg), components=component_stats(nxg),
        top_diseases=[Disease(str(i), str(n), int(str(s))) for i, n, s in disease_rows],
        top_cell_products=[CellProductKind(str(i), str(n), t_id, t, int(str(s))) for i, n, t_id, t, s in product_rows],
    )


def print_tables(stats: GraphStats, console: object) -> None:
    """The stats as rich tables (what `msckg stats` shows on a terminal)."""
    from rich.table import Table

    def table(title: str, columns: list[str], rows: list[list[object]]) -> None:
        console.print(f"[bold]{title}[/]", soft_wrap=True)  # type: ignore[attr-defined]
        t = Table()
        for col in columns:
            t.add_column(col, overflow="fold", justify="right" if col in {"nodes", "edges", "studies", "degree",
                                                                          "size", "components"} else "left")
        for row in rows:
            t.add_row(*("" if c is None else str(c) for c in row))
        console.print(t)  # type: ignore[attr-defined]

    d, c = stats.degrees, stats.components
    table(f"{stats.graph}: {stats.quads} quads in {stats.named_graphs} named graphs",
          ["measure", "value"],
          [["nodes", stats.nodes], ["edges", stats.edges],
           ["degree min / median / mean / max", f"{d.min} / {d.median} / {d.mean} / {d.max}"],
           ["weakly connected components", c.count], ["largest component", c.largest],
           ["isolated nodes", c.isolated]])
    table("Nodes per type", ["label", "nodes"], [[t.label, t.nodes] for t in stats.node_types])
    table("Edges per type", ["relationship", "predicate", "edges"],
          [[t.relationship, t.predicate, t.edges] for t in stats.edge_types])
    table("Degree distribution (in + out)", ["degree", "nodes"], [[b.degree, b.nodes] for b in d.histogram])
    table("Best connected nodes", ["node", "label", "degree"], [[h.node, h.label, h.degree] for h in d.top])
    table("Component sizes", ["size", "components"], [[s["size"], s["components"]] for s in c.sizes])
    table("Diseases with the most studies (primary condition)", ["disease_id", "disease", "studies"],
          [[x.disease_id, x.disease, x.studies] for x in stats.top_diseases])
    table("Cell products with the most studies", ["cell_type_id", "cell_type", "tissue_id", "tissue", "studies"],
          [[x.cell_type_id, x.cell_type, x.tissue_id, x.tissue, x.studies] for x in stats.top_cell_products])
