"""Named SPARQL queries: `.rq` files with a comment header, run with bound parameters.

The header is the query's contract and is parsed, not just read by people:

    # name: endpoint-trajectory
    # answers: ...
    # params:
    #   study (string): ...
    # returns: ...

Parameters are passed to the engine as bindings (rdflib `initBindings`) and never pasted into the
query text, so a value such as `"} DROP ALL {` is only ever a string literal.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Literal, URIRef
from rdflib.query import Result

from msckg.errors import QueryError
from msckg.resources import queries_dir

_PARAM = re.compile(r"^#\s{2,}(?P<name>[a-z_][a-z0-9_]*)\s+\((?P<type>[a-z]+)\):\s*(?P<doc>.*)$")
_FIELD = re.compile(r"^#\s*(?P<key>name|answers|params|returns):\s*(?P<value>.*)$")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    description: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    answers: str
    params: tuple[Param, ...]
    returns: str
    text: str
    source: str = ""

    @property
    def param_names(self) -> set[str]:
        return {p.name for p in self.params}


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[list[str | None]] = field(default_factory=list)


def parse_header(text: str, source: str) -> NamedQuery:
    """Read the comment header at the top of a `.rq` file."""
    fields: dict[str, str] = {}
    params: list[Param] = []
    current: str | None = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if m := _FIELD.match(line):
            current = m["key"]
            fields[current] = m["value"].strip()
        elif current == "params" and (m := _PARAM.match(line)):
            params.append(Param(m["name"], m["type"], m["doc"].strip()))
        elif current and line.strip("# "):
            if current == "params" and params:
                last = params[-1]
                params[-1] = Param(last.name, last.type, f"{last.description} {line.strip('# ')}")
            elif current != "params":
                fields[current] += " " + line.lstrip("#").strip()
    missing = [k for k in ("name", "answers", "returns") if k not in fields]
    if missing:
        raise QueryError(f"{source}: query header lacks {', '.join(missing)}")
    return NamedQuery(fields["name"], fields["answers"], tuple(params), fields["returns"], text, source)


def list_queries() -> list[NamedQuery]:
    """Every named query shipped with the package, sorted by name."""
    found = [
        parse_header(entry.read_text(encoding="utf-8"), entry.name)
        for entry in queries_dir().iterdir()
        if entry.name.endswith(".rq")
    ]
    return sorted(found, key=lambda q: q.name)


def get_query(name_or_path: str) -> NamedQuery:
    """A shipped query by name, or any `.rq` file by path."""
    path = Path(name_or_path)
    if name_or_path.endswith(".rq") and path.exists():
        text = path.read_text(encoding="utf-8")
        try:
            return parse_header(text, str(path))
        except QueryError:
            return NamedQuery(path.stem, "(no header)", (), "(no header)", text, str(path))
    for query in list_queries():
        if query.name == name_or_path:
            return query
    names = ", ".join(q.name for q in list_queries())
    raise QueryError(f"unknown query {name_or_path!r}; named queries are: {names}")


def bindings(query: NamedQuery, params: Mapping[str, str]) -> dict[str, Literal]:
    """Check parameters against the header and turn them into typed RDF literals."""
    unknown = sorted(set(params) - query.param_names)
    if unknown and query.params:
        raise QueryError(f"query {query.name}: unknown parameter(s) {', '.join(unknown)}; "
                         f"it takes {', '.join(sorted(query.param_names)) or 'none'}")
    if unknown and not query.params and query.answers != "(no header)":
        raise QueryError(f"query {query.name} takes no parameters")
    missing = sorted(query.param_names - set(params))
    if missing:
        raise QueryError(f"query {query.name}: missing parameter(s) {', '.join(missing)} "
                         f"(give --param {missing[0]}=VALUE)")
    types = {p.name: p.type for p in query.params}
    return {name: URIRef(value.strip("<>")) if types.get(name) == "iri" else Literal(value)
            for name, value in params.items()}


def _cell(value: object) -> str | None:
    return None if value is None else str(value)


def run_query(query: NamedQuery, dataset: Dataset, params: Mapping[str, str] | None = None) -> QueryResult:
    """Run over the union of all named graphs of `dataset`."""
    init = bindings(query, params or {})
    try:
        result: Result = dataset.query(query.text, initBindings=init)
    except Exception as exc:  # noqa: BLE001 - rdflib raises pyparsing and other errors
        raise QueryError(f"query {query.name}: {exc}") from exc
    if result.type == "ASK":
        return QueryResult(["ask"], [[str(bool(result.askAnswer)).lower()]])
    if result.type != "SELECT":
        raise QueryError(f"query {query.name}: only SELECT and ASK print as tables")
    columns = [str(v) for v in result.vars or []]
    rows = [[_cell(row[i]) for i in range(len(columns))] for row in result]  # type: ignore[index]
    return QueryResult(columns, rows)


def load_dataset(path: Path) -> Dataset:
    """A built graph file as a dataset whose default graph is the union of its named graphs."""
    from msckg.validate import read_graph_file

    ds = read_graph_file(path)
    ds.default_union = True
    return ds
