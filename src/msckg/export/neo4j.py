"""`msckg export neo4j`: the property graph as neo4j-admin import CSVs, plus ways to load them.

The output directory holds one node file per label (`nodes/Result.csv`) and one relationship file
per type (`relationships/HAS_RESULT.csv`) in Neo4j 5's header syntax (`iri:ID`, `:LABEL`,
`:START_ID`, `:END_ID`, `:TYPE`, `sampleSize:long`, `label:string[]`), and the ways to load them:

* `import.sh`: the `neo4j-admin database import full` command line (fastest, empty database);
* `schema.cypher`: uniqueness constraints on `iri` and indexes, to run after the import;
* `load-csv.cypher`: the Cypher alternative for a running server (constraints, then `LOAD CSV`
  in batched transactions), for when neo4j-admin is not at hand;
* `load-ladybug.cypher`: the same CSVs into Ladybug (the embedded Kùzu fork): tables, then `COPY`;
* `schema.json`: labels, typed properties, relationship types with their end labels, counts.

Rows are written as the graph is read, one subject at a time (see `property_graph`); the directory
is filled beside its target and swapped in only when complete.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
from contextlib import ExitStack
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from string import Template
from typing import Any, TextIO

from msckg.export import ExportReport, register
from msckg.export.files import atomic_directory
from msckg.export.property_graph import (
    DOUBLE_SUFFIX,
    GRAPHS_PROPERTY,
    ID_PROPERTY,
    Column,
    LabelSchema,
    PropertyGraph,
    Schema,
    Value,
)
from msckg.progress import Progress
from msckg.resources import export_file

# Properties worth an index besides the unique `iri`: how people look nodes up.
INDEXED = ("identifier", "curie", "registryId", "label")


@dataclass(frozen=True)
class CsvColumn:
    """One CSV column: its header field and how to render a node's value into it."""

    header: str
    name: str  # property name (or "" for :ID / :LABEL / graphs)
    kind: str  # neo4j type: string, long, double, boolean, date
    array: bool
    source: Column | None  # the property it renders; None for the fixed columns
    as_double: bool = False  # the double twin of a decimal


def node_columns(label: LabelSchema) -> list[CsvColumn]:
    """`iri:ID`, `:LABEL`, `graphs:string[]`, then every property (a decimal gets a double twin)."""
    columns = [
        CsvColumn(f"{ID_PROPERTY}:ID", ID_PROPERTY, "string", False, None),
        CsvColumn(":LABEL", "", "string", True, None),
        CsvColumn(f"{GRAPHS_PROPERTY}:string[]", GRAPHS_PROPERTY, "string", True, None),
    ]
    for column in label.columns.values():
        suffix = "[]" if column.array else ""
        if column.kind == "decimal":
            columns.append(CsvColumn(f"{column.name}:string{suffix}", column.name, "string", column.array, column))
            twin = column.name + DOUBLE_SUFFIX
            columns.append(CsvColumn(f"{twin}:double{suffix}", twin, "double", column.array, column, as_double=True))
        else:
            columns.append(CsvColumn(f"{column.name}:{column.kind}{suffix}", column.name, column.kind,
                                     column.array, column))
    return columns


RELATIONSHIP_HEADER = [":START_ID", ":END_ID", ":TYPE", f"{GRAPHS_PROPERTY}:string[]"]


def render(value: Value, as_double: bool = False) -> str:
    """One value as CSV text Neo4j parses back to the same value (decimals stay exact)."""
    if as_double:
        number = float(value)  # type: ignore[arg-type]
        if math.isnan(number):
            return "NaN"
        if math.isinf(number):
            return "Infinity" if number > 0 else "-Infinity"
        return repr(number)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return render(value, as_double=True)
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _cell(value: Value | list[Value] | None, column: CsvColumn, delimiter: str) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return delimiter.join(render(v, column.as_double) for v in value)
    return render(value, column.as_double)


def _delimiter_option(delimiter: str) -> str:
    return f"U+{ord(delimiter):04X}" if not delimiter.isprintable() else f"'{delimiter}'"


def _cypher_string(text: str) -> str:
    """A Cypher string literal (for paths and the delimiter in generated scripts)."""
    escaped = text.replace("\\", "\\\\").replace("'", "\\'")
    return "'" + "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in escaped) + "'"


def _node_file(label: str) -> str:
    return f"nodes/{label}.csv"


def _relationship_file(rel_type: str) -> str:
    return f"relationships/{rel_type}.csv"


def write_csvs(pg: PropertyGraph, out: Path) -> None:
    """The node and relationship files, streamed: one pass, every file open at once."""
    schema = pg.schema
    delimiter = schema.array_delimiter
    (out / "nodes").mkdir()
    (out / "relationships").mkdir()
    with ExitStack() as stack:
        def opened(path: Path) -> Any:  # a csv writer
            handle: TextIO = stack.enter_context(path.open("w", encoding="utf-8", newline=""))
            return csv.writer(handle, lineterminator="\n")

        node_writers = {label: opened(out / _node_file(label)) for label in schema.labels}
        columns = {label: node_columns(info) for label, info in schema.labels.items()}
        for label, writer in node_writers.items():
            writer.writerow([c.header for c in columns[label]])
        rel_writers = {name: opened(out / _relationship_file(name)) for name in schema.relationships}
        for writer in rel_writers.values():
            writer.writerow(RELATIONSHIP_HEADER)
        for node, relationships in pg.records():
            row = [node.id, delimiter.join(node.labels), delimiter.join(node.graphs)]
            for column in columns[node.labels[0]][3:]:
                row.append(_cell(node.properties.get(column.source.name if column.source else ""), column, delimiter))
            node_writers[node.labels[0]].writerow(row)
            for rel in relationships:
                rel_writers[rel.type].writerow([rel.start, rel.end, rel.type, delimiter.join(rel.graphs)])


def import_script(schema: Schema, database: str = "neo4j") -> str:
    """`import.sh`: the neo4j-admin command line over every file of the export."""
    nodes = " \\\n  ".join(f"--nodes={_node_file(label)}" for label in schema.labels)
    rels = " \\\n  ".join(f"--relationships={_relationship_file(name)}" for name in schema.relationships)
    template = Template(export_file("neo4j-import.sh.tmpl").read_text(encoding="utf-8"))
    return template.substitute(
        array_delimiter=_delimiter_option(schema.array_delimiter),
        files=" \\\n  ".join(part for part in (nodes, rels) if part),
        database=database,
        nodes=schema.node_count,
        relationships=schema.relationship_count,
    )


def schema_cypher(schema: Schema, head: bool = True) -> str:
    """Constraints (one unique `iri` per label) and lookup indexes, for Neo4j 5."""
    lines = ["// Constraints and indexes for the msckg property graph (Neo4j 5).",
             "// After neo4j-admin import: cypher-shell -f schema.cypher", ""] if head else []
    for label in schema.labels:
        lines.append(f"CREATE CONSTRAINT {label.lower()}_iri IF NOT EXISTS "
                     f"FOR (n:{label}) REQUIRE n.{ID_PROPERTY} IS UNIQUE;")
    for label, info in schema.labels.items():
        for prop in INDEXED:
            column = info.columns.get(prop)
            if column is not None and not column.array:
                lines.append(f"CREATE INDEX {label.lower()}_{prop.lower()} IF NOT EXISTS FOR (n:{label}) ON (n.{prop});")
    return "\n".join(lines) + "\n"


def _cypher_value(column: CsvColumn, delimiter: str) -> str:
    """The LOAD CSV expression that turns a CSV cell into the typed property."""
    cell = f"row.`{column.header}`"
    cast = {"long": "toInteger({})", "double": "toFloat({})", "boolean": "toBoolean({})",
            "date": "date({})", "string": "{}"}[column.kind]
    if column.array:
        split = f"split({cell}, {_cypher_string(delimiter)})"
        return split if column.kind == "string" else f"[v IN {split} | {cast.format('v')}]"
    return cast.format(cell)


def load_csv_cypher(schema: Schema, multi_labelled: set[str]) -> str:
    """`load-csv.cypher`: constraints, then every file with LOAD CSV in batched transactions."""
    delimiter = schema.array_delimiter
    out = [
        "// The Cypher alternative to import.sh, for a running Neo4j 5 server (no neo4j-admin needed).",
        "// Copy nodes/ and relationships/ into the server's import directory, then:",
        "//   cypher-shell -f load-csv.cypher",
        "// Empty cells are absent properties; arrays are split on the export's array delimiter.",
        "",
        "// Constraints first, so every MATCH on iri below is an index lookup.",
        schema_cypher(schema, head=False),
    ]
    for label, info in schema.labels.items():
        sets = [f"n.{c.name} = {_cypher_value(c, delimiter)}" for c in node_columns(info)[2:]]
        extra = ""
        if label in multi_labelled:
            extra = f"\n  SET n:$(split(row.`:LABEL`, {_cypher_string(delimiter)}))"
        out.append(
            f"// {label}: {info.count} nodes\n"
            f"LOAD CSV WITH HEADERS FROM 'file:///{_node_file(label)}' AS row\n"
            f"CALL {{ WITH row\n"
            f"  CREATE (n:{label} {{{ID_PROPERTY}: row.`{ID_PROPERTY}:ID`}}){extra}\n"
            f"  SET {(',' + chr(10) + '      ').join(sets)}\n"
            f"}} IN TRANSACTIONS OF 1000 ROWS;\n"
        )
    graphs = _cypher_value(CsvColumn(RELATIONSHIP_HEADER[3], GRAPHS_PROPERTY, "string", True, None), delimiter)
    for name, rel in schema.relationships.items():
        for start, end in rel.pairs:
            out.append(
                f"// {name}: {rel.pairs[(start, end)]} from {start} to {end}\n"
                f"LOAD CSV WITH HEADERS FROM 'file:///{_relationship_file(name)}' AS row\n"
                f"CALL {{ WITH row\n"
                f"  MATCH (a:{start} {{{ID_PROPERTY}: row.`:START_ID`}}), (b:{end} {{{ID_PROPERTY}: row.`:END_ID`}})\n"
                f"  CREATE (a)-[r:{name}]->(b)\n"
                f"  SET r.{GRAPHS_PROPERTY} = {graphs}\n"
                f"}} IN TRANSACTIONS OF 1000 ROWS;\n"
            )
    return "\n".join(out)


@dataclass
class Neo4jConfig:
    """Options of the Neo4j export."""

    database: str = "neo4j"  # the database import.sh creates unless given one


class Neo4jWriter:
    name = "neo4j"
    description = "neo4j-admin import CSVs (nodes per label, relationships per type) + import.sh, Cypher, Ladybug scripts"

    def __init__(self, config: Neo4jConfig | None = None) -> None:
        self.config = config or Neo4jConfig()

    def write(self, graph: Path, out: Path, progress: Progress | None = None) -> ExportReport:
        from msckg.export.ladybug import ladybug_script

        pg = PropertyGraph.read(graph, progress)
        schema = pg.schema
        multi = {pg.index.primary(n) for n, labels in pg.index.labels.items() if len(labels) > 1}
        with atomic_directory(out) as staging:
            write_csvs(pg, staging)
            script = staging / "import.sh"
            script.write_text(import_script(schema, self.config.database), encoding="utf-8")
            script.chmod(0o755)
            (staging / "schema.cypher").write_text(schema_cypher(schema), encoding="utf-8")
            (staging / "load-csv.cypher").write_text(load_csv_cypher(schema, multi), encoding="utf-8")
            (staging / "load-ladybug.cypher").write_text(ladybug_script(schema, ""), encoding="utf-8")
            (staging / "schema.json").write_text(json.dumps(schema.as_dict(), indent=2) + "\n", encoding="utf-8")
        warnings = [f"{schema.dropped} triple(s) to blank nodes that are no node were left out"] if schema.dropped else []
        return ExportReport(self.name, [out], schema.quads, len(schema.graphs), warnings)


register(Neo4jWriter())
