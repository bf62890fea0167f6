"""The query worker: a child process that holds the store and answers one job at a time.

Oxigraph cannot be interrupted once a query runs (an ORDER BY over a cartesian product never
yields a first row to check a deadline on), so every query runs here, in a process the server
can kill. Parsing and serialising happen here too: both can be slow or crash on hostile text,
and the server process must outlive any query.

Queries run on a thread with a large stack: Oxigraph's recursive parser and evaluator need it
for long expressions that the bracket-depth guard does not catch.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pyoxigraph as ox

STACK_BYTES = 64 * 1024 * 1024
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass(frozen=True)
class Source:
    """Where a worker finds the data: a graph file loaded into memory, or a store opened read-only."""

    graph: Path | None = None
    store: Path | None = None


@dataclass(frozen=True)
class Job:
    """One query to run; formats are pyoxigraph member names (None: the client accepts none)."""

    text: str
    results_format: str | None
    graph_format: str | None
    max_rows: int
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    prefixes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Reply:
    """An HTTP answer, made in the worker so the server only copies bytes."""

    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = field(default=())


def text_reply(status: int, message: str) -> Reply:
    return Reply(status, "text/plain; charset=utf-8", (message.rstrip("\n") + "\n").encode("utf-8"))


def open_source(source: Source) -> ox.Store:
    from msckg.store import load_graph, open_store

    if source.store is not None:
        return open_store(source.store)
    assert source.graph is not None
    return load_graph(source.graph)


def term_json(term: Any) -> dict[str, Any]:
    """A term in the SPARQL 1.1 JSON results form (with RDF-star triples)."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": term_json(term.subject),
                                            "predicate": term_json(term.predicate),
                                            "object": term_json(term.object)}}
    raise TypeError(f"unexpected term {term!r}")


def solutions_bytes(variables: list[str], rows: list[ox.QuerySolution], fmt: ox.QueryResultsFormat) -> bytes:
    """Serialise a list of solutions through Oxigraph's own writer.

    Oxigraph serialises a live result iterator only; the first rows (up to the row cap) are
    written as SPARQL JSON, read back as a result set and then written in the asked format.
    """
    bindings = []
    for row in rows:
        cells = {}
        for i, name in enumerate(variables):
            term = row[i]
            if term is not None:
                cells[name] = term_json(term)
        bindings.append(cells)
    document = json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}})
    parsed = ox.parse_query_results(document, ox.QueryResultsFormat.JSON)
    return parsed.serialize(format=fmt)  # type: ignore[union-attr]


def _not_acceptable(kind: str) -> Reply:
    from msckg.serve.negotiate import GRAPH_FORMATS, RESULT_FORMATS, offered_types

    offered = RESULT_FORMATS if kind == "results" else GRAPH_FORMATS
    return text_reply(406, f"none of the accepted media types fits a {kind} result; "
                           f"this endpoint sends {offered_types(offered)}")


def _media(kind: str, name: str) -> str:
    from msckg.serve.negotiate import GRAPH_FORMATS, RESULT_FORMATS

    offered = RESULT_FORMATS if kind == "results" else GRAPH_FORMATS
    return next(f.content_type for f in offered if f.name == name)


def run_job(store: ox.Store, job: Job) -> Reply:
    """Evaluate, cap and serialise one query."""
    options: dict[str, Any] = {}
    if job.default_graphs:
        options["default_graph"] = [ox.NamedNode(iri) for iri in job.default_graphs]
    else:
        options["use_default_graph_as_union"] = True
    if job.named_graphs:
        options["named_graphs"] = [ox.NamedNode(iri) for iri in job.named_graphs]
    try:
        result = store.query(job.text, **options)
    except SyntaxError as exc:
        return text_reply(400, f"SPARQL syntax error: {exc}")
    except (OSError, ValueError) as exc:
        return text_reply(400, f"query failed: {exc}")
    headers: list[tuple[str, str]] = []
    if isinstance(result, ox.QueryBoolean):
        if job.results_format is None:
            return _not_acceptable("results")
        body = result.serialize(format=getattr(ox.QueryResultsFormat, job.results_format))
        return Reply(200, _media("results", job.results_format), body)
    if isinstance(result, ox.QuerySolutions):
        if job.results_format is None:
            return _not_acceptable("results")
        variables = [v.value for v in result.variables]
        rows = list(islice(result, job.max_rows + 1))
        if len(rows) > job.max_rows:
            rows = rows[: job.max_rows]
            headers.append(("X-SPARQL-MaxRows", str(job.max_rows)))
        body = solutions_bytes(variables, rows, getattr(ox.QueryResultsFormat, job.results_format))
        return Reply(200, _media("results", job.results_format), body, tuple(headers))
    if job.graph_format is None:
        return _not_acceptable("graph")
    triples = list(islice(result, job.max_rows + 1))
    if len(triples) > job.max_rows:
        triples = triples[: job.max_rows]
        headers.append(("X-SPARQL-MaxRows", str(job.max_rows)))
    fmt = getattr(ox.RdfFormat, job.graph_format)
    prefixes = dict(job.prefixes) if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
    body = ox.serialize(triples, format=fmt, prefixes=prefixes)
    return Reply(200, _media("graph", job.graph_format), body or b"", tuple(headers))


def _loop(conn: Connection, source: Source) -> None:
    try:
        store = open_source(source)
    except Exception as exc:  # noqa: BLE001 - reported to the server, which names the source
        conn.send(("error", str(exc)))
        return
    conn.send(("ready", ""))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return  # the server went away
        if job is None:
            return
        try:
            reply = run_job(store, job)
        except Exception as exc:  # noqa: BLE001 - any engine failure becomes a 500, the worker lives on
            reply = text_reply(500, f"query failed in the engine: {type(exc).__name__}: {exc}")
        try:
            conn.send(reply)
        except (BrokenPipeError, OSError):
            return


def worker_main(conn: Connection, source: Source) -> None:
    """Process entry point: serve jobs from `conn` on a big-stack thread until told to stop."""
    threading.stack_size(STACK_BYTES)
    thread = threading.Thread(target=_loop, args=(conn, source), name="msckg-query")
    thread.start()
    thread.join()
