"""Reading a built graph for export, streamed: quads as stored, distinct triples, quads by graph.

A registry build holds ~250k quads. Exporters read them through pyoxigraph's parser, which keeps
every literal's lexical form ("0.030" stays "0.030"; a pyoxigraph *Store* would canonicalise it to
0.03), and never hold an rdflib graph of the whole build. Only what a format needs is kept in
memory: a 16-byte digest per distinct triple to merge named graphs, and a file offset per quad to
group quads by graph.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from msckg.export import ExportError
from msckg.progress import Progress, reporting, statement_lines
from msckg.store import StoreError, rdf_format


@dataclass
class Tally:
    """Counts filled in while a stream is consumed (a writer reports them afterwards)."""

    quads: int = 0
    written: int = 0
    duplicates: int = 0
    graphs: int = 0  # named graphs (the default graph is not counted)


def read_quads(path: Path, progress: Progress | None = None) -> Iterator[ox.Quad]:
    """Every quad of a graph file in file order; a syntax error names the file and line.

    The file and its syntax are checked at the call, the quads are read as they are consumed;
    `progress(quads read, quads in the file)` is called every few thousand quads.
    """
    if not path.is_file():
        raise ExportError(f"{path}: no such graph file (run `msckg build` first, or pass --graph)")
    try:
        fmt = rdf_format(path)
    except StoreError as exc:
        raise ExportError(str(exc)) from None
    if progress is None:
        return _parse(path, fmt)
    return reporting(_parse(path, fmt), progress, statement_lines(path))


def _parse(path: Path, fmt: ox.RdfFormat) -> Iterator[ox.Quad]:
    try:
        yield from ox.parse(path=str(path), format=fmt)
    except SyntaxError as exc:
        raise ExportError(f"{path}: cannot be read as {fmt.name}: {exc}") from exc
    except OSError as exc:
        raise ExportError(f"{path}: cannot be read: {exc}") from exc


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


def distinct_triples(quads: Iterable[ox.Quad], tally: Tally) -> Iterator[ox.Triple]:
    """The merged graph: each triple once, in first-seen order, whatever graph it came from."""
    seen: set[bytes] = set()
    graphs: set[str] = set()
    for quad in quads:
        tally.quads += 1
        if not isinstance(quad.graph_name, ox.DefaultGraph):
            graphs.add(str(quad.graph_name))
        triple = quad.triple
        key = _digest(str(triple))
        if key in seen:
            tally.duplicates += 1
            continue
        seen.add(key)
        tally.written += 1
        yield triple
    tally.graphs = len(graphs)


def counted(quads: Iterable[ox.Quad], tally: Tally) -> Iterator[ox.Quad]:
    """Quads passed through unchanged, counted (quads and named graphs)."""
    graphs: set[str] = set()
    for quad in quads:
        tally.quads += 1
        tally.written += 1
        if not isinstance(quad.graph_name, ox.DefaultGraph):
            graphs.add(str(quad.graph_name))
        yield quad
    tally.graphs = len(graphs)


def by_graph(quads: Iterable[ox.Quad], tally: Tally) -> Iterator[ox.Quad]:
    """Quads grouped by graph: the default graph first, then named graphs sorted by name.

    Within a graph the input order is kept (sorted N-Quads give subject-grouped output). The
    quads are spooled once to a temporary N-Quads file, remembering where each run of quads of one
    graph starts and ends, and read back graph by graph: memory holds the run table and one graph,
    not the dataset. (A build's study graphs are a few runs each; the shared graphs more.)
    """
    runs: dict[str, list[tuple[int, int]]] = {}
    with tempfile.TemporaryFile() as spool:
        current: object = None
        key, start, offset = "", 0, 0
        for quad in quads:
            tally.quads += 1
            graph = quad.graph_name
            if graph != current:
                if current is not None:
                    runs.setdefault(key, []).append((start, offset - start))
                current, start = graph, offset
                key = "" if isinstance(graph, ox.DefaultGraph) else str(graph)
            offset += spool.write(f"{quad} .\n".encode())
        if current is not None:
            runs.setdefault(key, []).append((start, offset - start))
        tally.graphs = sum(1 for name in runs if name)
        for name in sorted(runs):
            chunks = []
            for begin, length in runs.pop(name):
                spool.seek(begin)
                chunks.append(spool.read(length))
            for quad in ox.parse(b"".join(chunks), ox.RdfFormat.N_QUADS):
                tally.written += 1
                yield quad
