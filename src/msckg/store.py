"""The query store: Oxigraph (pyoxigraph), embedded, in memory or on disk.

rdflib's in-memory SPARQL is the reference engine for correctness but parses 250k quads in ~15 s
and evaluates joins in Python. Oxigraph parses the same file in about a second and answers the
named queries in milliseconds, so every command that reads a built graph (`query`, `serve`,
`stats`, exports) goes through this module. A store directory made by `msckg load --store DIR`
(RocksDB) is opened read-only, so several processes can query it at once.

The default graph of every query is the union of the named graphs, as in `queries.run_query`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from msckg.errors import MsckgError, QueryError
from msckg.progress import Progress, ReadCounter
from msckg.queries import NamedQuery, QueryResult, bindings
from msckg.sparql_lexer import tokens

_FORMATS = {
    ".nq": ox.RdfFormat.N_QUADS,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}

STORE_MARKER = "msckg-store.txt"


class StoreError(MsckgError):
    """A graph file or store directory that cannot be opened."""


def rdf_format(path: Path) -> ox.RdfFormat:
    """The RDF syntax of a file, from its extension."""
    try:
        return _FORMATS[path.suffix.lower()]
    except KeyError:
        raise StoreError(f"{path}: unknown RDF file extension {path.suffix!r} "
                         f"(known: {', '.join(sorted(_FORMATS))})") from None


def load_graph(path: Path, store: ox.Store | None = None, progress: Progress | None = None) -> ox.Store:
    """Read a built graph file into a store (a new in-memory one unless given).

    `progress(bytes read, file size)` is called as the file is read."""
    if not path.is_file():
        raise StoreError(f"{path}: no such graph file (run `msckg build` first, or pass --graph)")
    target = store if store is not None else ox.Store()
    try:
        with path.open("rb") as handle:
            source = handle if progress is None else ReadCounter(handle, path.stat().st_size, progress)
            target.bulk_load(source, rdf_format(path))
    except (SyntaxError, ValueError, OSError) as exc:
        raise StoreError(f"{path}: cannot be read as {rdf_format(path).name}: {exc}") from exc
    return target


def create_store(graph: Path, directory: Path, progress: Progress | None = None) -> int:
    """Load `graph` into a fresh on-disk store at `directory`; returns the number of quads.

    The directory is built beside its final place and renamed in, so a failed load never
    leaves a half-filled store where a good one was. `progress(bytes read, file size)` is
    called as the graph file is read.
    """
    import shutil

    staging = directory.with_name(directory.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.parent.mkdir(parents=True, exist_ok=True)
    try:
        store = ox.Store(str(staging))
        load_graph(graph, store, progress)
        store.optimize()
        count = len(store)
        store.flush()
        del store
        (staging / STORE_MARKER).write_text(f"source: {graph}\nquads: {count}\n", encoding="utf-8")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = directory.with_name(directory.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if directory.exists():
        directory.rename(old)
    staging.rename(directory)
    shutil.rmtree(old, ignore_errors=True)
    return count


def open_store(directory: Path) -> ox.Store:
    """An existing on-disk store, read-only."""
    if not (directory / STORE_MARKER).is_file():
        raise StoreError(f"{directory}: not an msckg store (make one with `msckg load --store {directory}`)")
    try:
        return ox.Store.read_only(str(directory))
    except OSError as exc:
        raise StoreError(f"{directory}: cannot open store: {exc}") from exc


def open_source(graph: Path | None = None, store: Path | None = None) -> ox.Store:
    """The store behind a command: an on-disk store if given, else the graph file loaded in memory."""
    if store is not None:
        return open_store(store)
    if graph is None:
        raise StoreError("give a graph file or a store directory")
    return load_graph(graph)


def term_text(term: object) -> str | None:
    """A result cell as text, the way rdflib's `str()` renders it (lexical form, IRI, bnode id)."""
    if term is None:
        return None
    return str(term.value)  # type: ignore[attr-defined]


def parameter_terms(query: NamedQuery, params: Mapping[str, str]) -> dict[str, ox.NamedNode | ox.Literal]:
    """Checked parameters of a named query as Oxigraph terms."""
    out: dict[str, ox.NamedNode | ox.Literal] = {}
    for name, value in bindings(query, params).items():
        # bindings() already checked names and types; rebuild each term for Oxigraph.
        out[name] = ox.NamedNode(str(value)) if isinstance(value, URIRef) else ox.Literal(str(value))
    return out


def bind_parameters(text: str, terms: Mapping[str, ox.NamedNode | ox.Literal]) -> str:
    """Put each parameter's RDF term in place of its variable: SEP-0007 substitution.

    This is the meaning rdflib's `initBindings` gives parameters (the variable is bound
    everywhere, sub-selects and nested groups included), which a `VALUES` block cannot give in
    bottom-up engines such as Oxigraph and Virtuoso; Oxigraph's own `substitutions` only accepts
    projected variables. Only variable tokens are replaced (the lexer skips strings, IRIs and
    comments), and each term is written in N-Triples form: quotes are escaped and `ox.NamedNode`
    rejects an invalid IRI, so a value only ever becomes one term, never query syntax.
    """
    if not terms:
        return text
    out = []
    for token in tokens(text):
        if token.kind == "var" and token.text[1:] in terms:
            out.append(str(terms[token.text[1:]]))
        else:
            out.append(token.text)
    return "".join(out)


def execute(store: ox.Store, text: str) -> object:
    """Run SPARQL text with the union of named graphs as default graph."""
    try:
        return store.query(text, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {exc}") from exc
    except OSError as exc:
        raise QueryError(f"query failed: {exc}") from exc


def run_named(query: NamedQuery, store: ox.Store, params: Mapping[str, str] | None = None) -> QueryResult:
    """A named query over the store, with the same table shape as `queries.run_query`."""
    try:
        text = bind_parameters(query.text, parameter_terms(query, params or {}))
    except ValueError as exc:
        raise QueryError(f"query {query.name}: bad parameter value: {exc}") from exc
    result = execute(store, text)
    if isinstance(result, ox.QueryBoolean):
        return QueryResult(["ask"], [[str(bool(result)).lower()]])
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError(f"query {query.name}: only SELECT and ASK print as tables")
    columns = [v.value for v in result.variables]
    rows = [[term_text(solution[i]) for i in range(len(columns))] for solution in result]
    return QueryResult(columns, rows)


def iter_quads(store: ox.Store) -> Iterator[ox.Quad]:
    """Every quad of the store, in store order."""
    yield from store.quads_for_pattern(None, None, None, None)
