"""Push a built graph into a SPARQL triple store through the SPARQL 1.1 Graph Store HTTP Protocol.

The Graph Store Protocol (GSP) is the one write interface Virtuoso (/sparql-graph-crud-auth),
Fuseki (/DATASET/data), GraphDB (/repositories/REPO/rdf-graphs/service) and Oxigraph server
(/store) share. Each named graph is replaced: its first request is a PUT, further chunks are
POSTs, so a re-run gives the same store contents and no request body grows with the graph.

Blank nodes are scoped to one request body, so every triple that mentions a blank node is sent
in a single request per graph (the ontology's OWL axioms; a few dozen triples); all other triples
are chunked freely. Bodies are N-Triples sent as `text/turtle` (N-Triples is Turtle, and every
store accepts Turtle), written by pyoxigraph so literals keep their lexical forms.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pyoxigraph as ox

from msckg.errors import MsckgError
from msckg.export.quads import Tally, by_graph, distinct_triples, read_quads
from msckg.progress import Progress, statement_lines

Auth = Literal["auto", "basic", "digest"]
CONTENT_TYPE = "text/turtle; charset=utf-8"


class LoadError(MsckgError):
    """The triple store refused a request or cannot be reached."""


@dataclass(frozen=True)
class GraphStore:
    """Where and how to write: a GSP endpoint URL and optional credentials."""

    endpoint: str
    user: str | None = None
    password: str | None = None
    auth: Auth = "auto"
    chunk_triples: int = 20_000  # per request; ~4 MB of N-Triples
    timeout: float = 300.0


@dataclass
class LoadReport:
    graphs: int
    triples: int
    requests: int
    seconds: float


def _has_blank(triple: ox.Triple) -> bool:
    return isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode)


def graph_batches(quads: Iterable[ox.Quad], chunk: int) -> Iterator[tuple[str | None, list[ox.Triple]]]:
    """(graph IRI or None for the default graph, triples) request bodies, for quads grouped by graph.

    Plain triples go out in chunks of at most `chunk` as they come; a graph's blank-node
    triples are held back and sent together as its last body.
    """
    current: str | None = None
    plain: list[ox.Triple] = []
    blank: list[ox.Triple] = []
    for quad in quads:
        name = None if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
        if name != current and (plain or blank):
            yield from ((current, body) for body in (plain, blank) if body)
            plain, blank = [], []
        current = name
        triple = quad.triple
        (blank if _has_blank(triple) else plain).append(triple)
        if len(plain) >= chunk:
            yield name, plain
            plain = []
    yield from ((current, body) for body in (plain, blank) if body)


def _source(graph: Path, into: str | None) -> Iterator[ox.Quad]:
    """The quads to send: grouped by graph, or all distinct triples in the graph `into`."""
    if into is None:
        return by_graph(read_quads(graph), Tally())
    try:
        target = ox.NamedNode(into)
    except ValueError as exc:
        raise LoadError(f"--into {into!r} is not a valid IRI: {exc}") from exc
    return (ox.Quad(t.subject, t.predicate, t.object, target) for t in distinct_triples(read_quads(graph), Tally()))


class _Client:
    """One keep-alive HTTP session with the endpoint's authentication scheme."""

    def __init__(self, target: GraphStore) -> None:
        import requests
        from requests.auth import HTTPBasicAuth, HTTPDigestAuth

        self.target = target
        self.session = requests.Session()
        if target.user is None:
            return
        scheme = target.auth
        if scheme == "auto":
            scheme = self._challenge()
        cls = HTTPDigestAuth if scheme == "digest" else HTTPBasicAuth
        self.session.auth = cls(target.user, target.password or "")

    def _challenge(self) -> Auth:
        """The scheme the endpoint asks for in its 401 answer to an unauthenticated HEAD."""
        import requests

        try:
            answer = requests.head(self.target.endpoint, params={"default": ""}, timeout=30)
        except requests.RequestException as exc:
            raise LoadError(f"{self.target.endpoint}: cannot connect: {exc}") from exc
        wanted = answer.headers.get("WWW-Authenticate", "")
        return "digest" if wanted.lower().startswith("digest") else "basic"

    def send(self, method: str, graph: str | None, triples: list[ox.Triple]) -> None:
        import requests

        body = ox.serialize(triples, None, ox.RdfFormat.N_TRIPLES)
        params = {"graph": graph} if graph is not None else {"default": ""}
        try:
            answer = self.session.request(method, self.target.endpoint, params=params, data=body,
                                          headers={"Content-Type": CONTENT_TYPE}, timeout=self.target.timeout)
        except requests.RequestException as exc:
            raise LoadError(f"{self.target.endpoint}: cannot connect: {exc}") from exc
        if answer.status_code >= 400:
            where = f"graph <{graph}>" if graph else "the default graph"
            raise LoadError(f"{self.target.endpoint}: {method} of {len(triples)} triples into {where} failed: "
                            f"HTTP {answer.status_code} {answer.reason}: {answer.text.strip()[:300]}")


def load_graph_store(graph: Path, target: GraphStore, into: str | None = None,
                     progress: Progress | None = None) -> LoadReport:
    """Replace each named graph of `graph` (or the one graph `into`) at a GSP endpoint.

    `progress(triples sent, statements in the file)` is called after each request."""
    started = time.perf_counter()
    if target.chunk_triples < 1:
        raise LoadError("chunk size must be at least one triple")
    quads = _source(graph, into)  # checks the file before any request
    client = _Client(target)
    started_graphs: set[str | None] = set()
    triples = requests = 0
    total = statement_lines(graph) if progress is not None else 0
    for name, batch in graph_batches(quads, target.chunk_triples):
        method = "POST" if name in started_graphs else "PUT"
        client.send(method, name, batch)
        started_graphs.add(name)
        triples += len(batch)
        requests += 1
        if progress is not None:
            progress(triples, max(total, triples))
    return LoadReport(len(started_graphs), triples, requests, time.perf_counter() - started)
