"""The property graph as a networkx MultiDiGraph, and as GraphML or GEXF for Gephi and Cytoscape.

`to_networkx` is the notebook door: the same nodes, labels, typed properties and relationships as
the Neo4j export (one mapping, `property_graph`), with exact values kept as Python objects
(`Decimal("18.68")`, `datetime.date`, lists for multi-valued properties). Edge keys are the
relationship types, so `G.edges[study, arm, "HAS_ARM"]` reads like Cypher.

GraphML and GEXF hold only scalar attributes, one type per attribute name, so the files carry a
flattened copy (`file_graph`): a decimal becomes its exact text plus a `<name>_double` number, a
date its ISO text, a list its items joined with the export's array delimiter (`;` unless a value
contains one), and an attribute whose type differs between labels becomes text everywhere. Edges
get unique ids (`e0`, `e1`, ... in sorted order) and their type as `label`, which Gephi and
Cytoscape show. The files are streamed (`graph_xml`); networkx's readers give back exactly
`file_graph(to_networkx(path))`, and `nx.write_graphml(file_graph(G), path)` writes a graph a
notebook has filtered the same way.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msckg.export import ExportReport, register
from msckg.export.files import atomic_file
from msckg.export.property_graph import DOUBLE_SUFFIX, GRAPHS_PROPERTY, PropertyGraph
from msckg.progress import Progress

if TYPE_CHECKING:
    import networkx as nx

from msckg.export.graph_xml import (
    EDGE_LABEL,
    LABELS_ATTRIBUTE,
    write_gexf,
    write_graphml,
)


def property_graph_to_networkx(pg: PropertyGraph) -> nx.MultiDiGraph:
    """A MultiDiGraph of an already read property graph (one pass over its records)."""
    import networkx as nx

    graph = nx.MultiDiGraph(array_delimiter=pg.schema.array_delimiter)
    for node, relationships in pg.records():
        graph.add_node(node.id, **{LABELS_ATTRIBUTE: list(node.labels), GRAPHS_PROPERTY: node.graphs},
                       **node.properties)
        for rel in relationships:
            graph.add_edge(rel.start, rel.end, key=rel.type, **{EDGE_LABEL: rel.type, GRAPHS_PROPERTY: rel.graphs})
    return graph


def to_networkx(graph: Path | str) -> nx.MultiDiGraph:
    """The built graph file (normally build/kg.nq) as a networkx MultiDiGraph.

    Example:
        G = to_networkx("build/kg.nq")
        studies = [n for n, labels in G.nodes(data="labels") if "ClinicalStudy" in labels]
    """
    return property_graph_to_networkx(PropertyGraph.read(Path(graph)))


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _scalars(name: str, value: Any, delimiter: str) -> dict[str, Any]:
    """One attribute as the scalar attribute(s) a GraphML/GEXF file can hold."""
    if isinstance(value, list):
        out = {name: delimiter.join(_text(v) for v in value)}
        if value and all(isinstance(v, Decimal) for v in value):
            out[name + DOUBLE_SUFFIX] = delimiter.join(repr(float(v)) for v in value)
        return out
    if isinstance(value, Decimal):
        return {name: str(value), name + DOUBLE_SUFFIX: float(value)}
    if isinstance(value, dt.date):
        return {name: value.isoformat()}
    return {name: value}


def file_graph(graph: nx.MultiDiGraph, reserved: set[str] | frozenset[str] = frozenset()) -> nx.MultiDiGraph:
    """The flattened copy GraphML and GEXF are written from (see the module docstring)."""
    import networkx as nx

    delimiter = graph.graph.get("array_delimiter", ";")
    flat: dict[str, dict[str, Any]] = {}
    types: dict[str, set[type]] = {}
    for node, data in graph.nodes(data=True):
        attrs: dict[str, Any] = {}
        for name, value in data.items():
            for key, scalar in _scalars(name, value, delimiter).items():
                key = f"{key}_" if key in reserved else key
                attrs[key] = scalar
                types.setdefault(key, set()).add(type(scalar))
        flat[node] = attrs
    as_text = {name for name, seen in types.items() if len(seen) > 1}
    out = nx.MultiDiGraph()
    for node in sorted(flat):
        out.add_node(node, **{k: (_text(v) if k in as_text else v) for k, v in sorted(flat[node].items())})
    edges = sorted((u, data[EDGE_LABEL], v, data) for u, v, data in graph.edges(data=True))
    for number, (u, label, v, data) in enumerate(edges):
        out.add_edge(u, v, key=f"e{number}", **{EDGE_LABEL: label, GRAPHS_PROPERTY: delimiter.join(data[GRAPHS_PROPERTY])})
    return out


class _StreamingXmlWriter:
    name = ""
    description = ""

    def write(self, graph: Path, out: Path, progress: Progress | None = None) -> ExportReport:
        pg = PropertyGraph.read(graph, progress)
        with atomic_file(out) as handle:
            self._write(pg, handle)
        return ExportReport(self.name, [out], pg.schema.quads, len(pg.schema.graphs))

    def _write(self, pg: PropertyGraph, handle: Any) -> None:
        raise NotImplementedError


class GraphMLWriter(_StreamingXmlWriter):
    name = "graphml"
    description = "the property graph as GraphML (Cytoscape, Gephi, yEd), streamed"

    def _write(self, pg: PropertyGraph, handle: Any) -> None:
        write_graphml(pg, handle)


class GEXFWriter(_StreamingXmlWriter):
    name = "gexf"
    description = "the property graph as GEXF 1.2 (Gephi), streamed"

    def _write(self, pg: PropertyGraph, handle: Any) -> None:
        write_gexf(pg, handle)


register(GraphMLWriter())
register(GEXFWriter())
