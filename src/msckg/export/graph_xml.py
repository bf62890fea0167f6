"""GraphML and GEXF written as the property graph is read: one node at a time, never the whole graph.

networkx's writers need the whole graph in memory (the 1,100-record registry build took ~430 MB
and 40 s through them) and stamp GEXF with today's date, so two runs on different days differ.
These writers stream instead: the attribute declarations come from the mapping's schema (known
after its second pass), nodes are written as the third pass yields them, and edges go to a
temporary file that is appended after the last node. The files follow networkx's own conventions
(`networkx_export` explains the flattening), so `nx.read_graphml` / `nx.read_gexf` give back
exactly `file_graph(to_networkx(...))` — the tests hold them to that.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Iterator
from decimal import Decimal
from typing import IO, Any

from msckg.export.property_graph import (
    DOUBLE_SUFFIX,
    GRAPHS_PROPERTY,
    Node,
    PropertyGraph,
    PropertyGraphError,
    Schema,
)

LABELS_ATTRIBUTE = "labels"
EDGE_LABEL = "label"
# Attribute names networkx's GEXF reader and writer treat as XML attributes of their own; they get
# a trailing `_`. (`label` is the GEXF node label itself: rdfs:label, else the node id.)
GEXF_RESERVED = frozenset({"id", "pid", "start", "end", "viz", "parents", "slices", "spells", "key"})
NODE_LABEL = "label"
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_FILE_TYPES = {"long": "long", "double": "double", "boolean": "boolean", "date": "string", "string": "string"}


def attribute_types(schema: Schema, reserved: frozenset[str] = frozenset()) -> dict[str, str]:
    """Node attribute name -> GraphML/GEXF type, one type per name across all labels."""
    seen: dict[str, set[str]] = {LABELS_ATTRIBUTE: {"string"}, GRAPHS_PROPERTY: {"string"}}
    for label in schema.labels.values():
        for column in label.columns.values():
            name = _renamed(column.name, reserved)
            if column.array:
                seen.setdefault(name, set()).add("string")
                if column.kind == "decimal":
                    seen.setdefault(name + DOUBLE_SUFFIX, set()).add("string")
            elif column.kind == "decimal":
                seen.setdefault(name, set()).add("string")
                seen.setdefault(name + DOUBLE_SUFFIX, set()).add("double")
            else:
                seen.setdefault(name, set()).add(_FILE_TYPES[column.kind])
    return {name: (types.pop() if len(types) == 1 else "string") for name, types in sorted(seen.items())}


def _renamed(name: str, reserved: frozenset[str]) -> str:
    return f"{name}_" if name in reserved else name


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def flat_attributes(node: Node, types: dict[str, str], delimiter: str,
                    reserved: frozenset[str] = frozenset()) -> Iterator[tuple[str, str]]:
    """A node's attributes as (name, text) in name order, flattened as `file_graph` does."""
    values: dict[str, Any] = {LABELS_ATTRIBUTE: list(node.labels), GRAPHS_PROPERTY: node.graphs}
    for name, value in node.properties.items():
        name = _renamed(name, reserved)
        if isinstance(value, list):
            values[name] = value
            if value and all(isinstance(v, Decimal) for v in value):
                values[name + DOUBLE_SUFFIX] = delimiter.join(repr(float(v)) for v in value)
        elif isinstance(value, Decimal):
            values[name] = value
            values[name + DOUBLE_SUFFIX] = float(value)
        else:
            values[name] = value
    for name in sorted(values):
        value = values[name]
        text = delimiter.join(_text(v) for v in value) if isinstance(value, list) else _text(value)
        yield name, text


def _checked(text: str, where: str) -> str:
    if _XML_INVALID.search(text):
        raise PropertyGraphError(f"{where}: a control character XML cannot hold")
    return text


def _attr(text: str) -> str:
    """An XML attribute value, quoted; newlines and tabs kept as character references."""
    return '"' + (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
                  .replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")) + '"'


def _body(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


class _Out:
    """UTF-8 lines to a binary handle."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle

    def line(self, text: str) -> None:
        self.handle.write(text.encode("utf-8") + b"\n")


def write_graphml(pg: PropertyGraph, handle: IO[bytes]) -> tuple[int, int]:
    """Stream the property graph as GraphML; returns (nodes, edges) written."""
    delimiter = pg.schema.array_delimiter
    types = attribute_types(pg.schema)
    keys = {name: f"d{i}" for i, name in enumerate(types)}
    edge_keys = {EDGE_LABEL: f"d{len(keys)}", GRAPHS_PROPERTY: f"d{len(keys) + 1}"}
    out = _Out(handle)
    out.line("<?xml version='1.0' encoding='utf-8'?>")
    out.line('<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
             'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
             'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
             'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">')
    for name, key in keys.items():
        out.line(f'  <key id="{key}" for="node" attr.name={_attr(name)} attr.type="{types[name]}" />')
    for name, key in edge_keys.items():
        out.line(f'  <key id="{key}" for="edge" attr.name="{name}" attr.type="string" />')
    out.line('  <graph edgedefault="directed">')
    nodes = edges = 0
    with tempfile.TemporaryFile() as spool:
        edge_out = _Out(spool)  # type: ignore[arg-type]
        for node, relationships in pg.records():
            nodes += 1
            out.line(f"    <node id={_attr(_checked(node.id, node.id))}>")
            for name, text in flat_attributes(node, types, delimiter):
                out.line(f'      <data key="{keys[name]}">{_body(_checked(text, f"{node.id} {name}"))}</data>')
            out.line("    </node>")
            for rel in relationships:
                edge_out.line(f'    <edge source={_attr(rel.start)} target={_attr(rel.end)} id="e{edges}">')
                edge_out.line(f'      <data key="{edge_keys[EDGE_LABEL]}">{rel.type}</data>')
                edge_out.line(f'      <data key="{edge_keys[GRAPHS_PROPERTY]}">{_body(delimiter.join(rel.graphs))}</data>')
                edge_out.line("    </edge>")
                edges += 1
        spool.seek(0)
        while chunk := spool.read(1 << 20):
            handle.write(chunk)
    out.line("  </graph>")
    out.line("</graphml>")
    return nodes, edges


def write_gexf(pg: PropertyGraph, handle: IO[bytes]) -> tuple[int, int]:
    """Stream the property graph as GEXF 1.2 (no date stamp: same input, same bytes)."""
    delimiter = pg.schema.array_delimiter
    types = attribute_types(pg.schema, GEXF_RESERVED)
    types.pop(NODE_LABEL, None)  # written as the node's label, not as an attribute value
    ids = {name: str(i) for i, name in enumerate(types)}
    edge_ids = {GRAPHS_PROPERTY: str(len(ids))}
    out = _Out(handle)
    out.line("<?xml version='1.0' encoding='utf-8'?>")
    out.line('<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
             'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">')
    out.line("  <meta>")
    out.line("    <creator>msckg</creator>")
    out.line("  </meta>")
    out.line('  <graph defaultedgetype="directed" mode="static" name="">')
    out.line('    <attributes mode="static" class="edge">')
    out.line(f'      <attribute id="{edge_ids[GRAPHS_PROPERTY]}" title="{GRAPHS_PROPERTY}" type="string" />')
    out.line("    </attributes>")
    out.line('    <attributes mode="static" class="node">')
    for name, key in ids.items():
        out.line(f'      <attribute id="{key}" title={_attr(name)} type="{types[name]}" />')
    out.line("    </attributes>")
    out.line("    <nodes>")
    nodes = edges = 0
    with tempfile.TemporaryFile() as spool:
        edge_out = _Out(spool)  # type: ignore[arg-type]
        for node, relationships in pg.records():
            nodes += 1
            label = node.properties.get(NODE_LABEL, node.id)
            shown = delimiter.join(map(_text, label)) if isinstance(label, list) else _text(label)
            out.line(f"      <node id={_attr(_checked(node.id, node.id))} label={_attr(_checked(shown, node.id))}>")
            out.line("        <attvalues>")
            for name, text in flat_attributes(node, types, delimiter, GEXF_RESERVED):
                if name == NODE_LABEL:
                    continue
                out.line(f'          <attvalue for="{ids[name]}" value={_attr(_checked(text, f"{node.id} {name}"))} />')
            out.line("        </attvalues>")
            out.line("      </node>")
            for rel in relationships:
                edge_out.line(f'      <edge source={_attr(rel.start)} target={_attr(rel.end)} id="e{edges}" '
                              f'label="{rel.type}">')
                edge_out.line(f'        <attvalues><attvalue for="{edge_ids[GRAPHS_PROPERTY]}" '
                              f"value={_attr(delimiter.join(rel.graphs))} /></attvalues>")
                edge_out.line("      </edge>")
                edges += 1
        out.line("    </nodes>")
        out.line("    <edges>")
        spool.seek(0)
        while chunk := spool.read(1 << 20):
            handle.write(chunk)
    out.line("    </edges>")
    out.line("  </graph>")
    out.line("</gexf>")
    return nodes, edges
