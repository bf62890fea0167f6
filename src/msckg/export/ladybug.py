"""The Neo4j export's CSVs into Ladybug (real_ladybug, the maintained fork of the Kùzu database).

Ladybug is an embedded Cypher database: no server, so it is how the tests (and a notebook) query
the property graph with Cypher. Unlike Neo4j it is strictly typed: each label is a node table with
a primary key, each relationship type a rel table listing its (from, to) label pairs. The schema
comes from the same mapping as the CSVs (schema.json), and the rows come from the very files
neo4j-admin reads: `LOAD WITH HEADERS` names and types the columns (the Neo4j header syntax is
read as plain text), arrays are split on the export's delimiter, and a relationship file is copied
once per (from, to) pair, each time keeping the rows whose ends are in that pair's tables.

A node has one table, its primary label (a node with two msckg classes keeps the other in Neo4j
only).
"""

from __future__ import annotations

import json
from pathlib import Path

from msckg.errors import MsckgError
from msckg.export.property_graph import GRAPHS_PROPERTY, ID_PROPERTY, Schema

_TYPES = {"string": "STRING", "long": "INT64", "double": "DOUBLE", "boolean": "BOOLEAN", "date": "DATE"}
# Explicit dialect: Ladybug otherwise sniffs it from the first rows and may miss the quoting.
_CSV_OPTIONS = "(header=true, parallel=false, delim=',', quote='\"', escape='\"', auto_detect=false)"


class LadybugError(MsckgError):
    """The export cannot be loaded into Ladybug (not installed, or a COPY failed)."""


def _quote(name: str) -> str:
    return f"`{name}`"


def _string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("'", "\\'")
    return "'" + "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in escaped) + "'"


def _typed(cell: str, kind: str, array: bool, delimiter: str) -> str:
    """The Cypher expression turning a text cell into the column's Ladybug type."""
    def cast(expr: str) -> str:
        return expr if kind == "string" else f"CAST({expr} AS {_TYPES[kind]})"

    if array:
        split = f"string_split({cell}, {_string(delimiter)})"
        return split if kind == "string" else f"list_transform({split}, v -> {cast('v')})"
    return cast(cell)


def _node_fields(schema: Schema, label: str) -> list[tuple[str, str, bool]]:
    """(property, type, array) for each CSV column after `iri:ID` and `:LABEL`, in file order."""
    fields = [(GRAPHS_PROPERTY, "string", True)]
    for column in schema.labels[label].columns.values():
        if column.kind == "decimal":
            fields += [(column.name, "string", column.array), (column.name + "_double", "double", column.array)]
        else:
            fields.append((column.name, column.kind, column.array))
    return fields


def ladybug_statements(schema: Schema, root: str) -> list[str]:
    """CREATE NODE/REL TABLE and COPY statements; `root` prefixes the CSV paths ("" = relative)."""
    prefix = root.rstrip("/") + "/" if root else ""
    delimiter = schema.array_delimiter
    statements: list[str] = []
    for label in schema.labels:
        fields = _node_fields(schema, label)
        props = ", ".join(f"{_quote(name)} {_TYPES[kind]}{'[]' if array else ''}" for name, kind, array in fields)
        statements.append(f"CREATE NODE TABLE {_quote(label)}({_quote(ID_PROPERTY)} STRING PRIMARY KEY, {props})")
    for name, rel in schema.relationships.items():
        pairs = ", ".join(f"FROM {_quote(a)} TO {_quote(b)}" for a, b in rel.pairs)
        statements.append(f"CREATE REL TABLE {_quote(name)}({pairs}, {_quote(GRAPHS_PROPERTY)} STRING[])")
    for label in schema.labels:
        fields = _node_fields(schema, label)
        headers = ", ".join(f"c{i} STRING" for i in range(len(fields) + 2))
        values = ", ".join(["c0", *(_typed(f"c{i + 2}", kind, array, delimiter)
                                     for i, (_, kind, array) in enumerate(fields))])
        statements.append(f"COPY {_quote(label)} FROM (LOAD WITH HEADERS ({headers}) FROM "
                          f"{_string(prefix + f'nodes/{label}.csv')} {_CSV_OPTIONS} RETURN {values})")
    for name, rel in schema.relationships.items():
        path = _string(prefix + f"relationships/{name}.csv")
        graphs = _typed("c3", "string", True, delimiter)
        for start, end in rel.pairs:
            statements.append(
                f"COPY {_quote(name)} FROM (LOAD WITH HEADERS (c0 STRING, c1 STRING, c2 STRING, c3 STRING) "
                f"FROM {path} {_CSV_OPTIONS} WITH * "
                f"MATCH (a:{_quote(start)} {{{ID_PROPERTY}: c0}}), (b:{_quote(end)} {{{ID_PROPERTY}: c1}}) "
                f"RETURN c0, c1, {graphs}) (from={_string(start)}, to={_string(end)})")
    return statements


def ladybug_script(schema: Schema, root: str = "") -> str:
    """`load-ladybug.cypher`: the statements, one per line, paths relative to the export folder."""
    head = ("// Loads this export into Ladybug (pip install real_ladybug), from this folder:\n"
            "//   python -c \"from msckg.export.ladybug import load_ladybug; load_ladybug('.', 'graph.lbug')\"\n")
    return head + "".join(f"{s};\n" for s in ladybug_statements(schema, root))


def read_schema(export_dir: Path) -> Schema:
    """The Schema of a Neo4j export, from its schema.json."""
    from msckg.export.property_graph import Column, LabelSchema, RelationshipSchema

    path = export_dir / "schema.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise LadybugError(f"{path}: not a readable msckg Neo4j export schema: {exc}") from exc
    labels = {
        name: LabelSchema(name, info["count"], {p: Column(p, c["type"], c["array"]) for p, c in info["properties"].items()})
        for name, info in data["labels"].items()
    }
    rels = {
        name: RelationshipSchema(name, info["predicate"], info["count"],
                                 {(p["start"], p["end"]): p["count"] for p in info["pairs"]})
        for name, info in data["relationship_types"].items()
    }
    return Schema(labels, rels, data["array_delimiter"], data["quads"], [], 0)


def load_ladybug(export_dir: Path | str, database: Path | str) -> object:
    """Create a Ladybug database at `database` from a Neo4j export; returns the open Database.

    Example:
        db = load_ladybug("build/neo4j", tmp / "kg.lbug")
        conn = real_ladybug.Connection(db)
        conn.execute("MATCH (s:ClinicalStudy) RETURN count(s)")
    """
    try:
        import real_ladybug as lb
    except ImportError as exc:  # pragma: no cover - the test extra installs it
        raise LadybugError("Ladybug is not installed: pip install real_ladybug") from exc
    root = Path(export_dir).resolve()
    if Path(database).exists():
        raise LadybugError(f"{database}: already exists; Ladybug loads into a new database")
    db = lb.Database(str(database))
    conn = lb.Connection(db)
    # One transaction: a failed COPY leaves an empty database, and Ladybug checkpoints once
    # instead of after each of the few hundred statements (3 s instead of 12 s for the seed graph).
    conn.execute("BEGIN TRANSACTION")
    for statement in ladybug_statements(read_schema(root), str(root)):
        try:
            conn.execute(statement)
        except RuntimeError as exc:
            conn.execute("ROLLBACK")
            raise LadybugError(f"{root}: Ladybug refused {statement[:120]}...: {exc}") from exc
    conn.execute("COMMIT")
    return db
