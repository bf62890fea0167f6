"""A built graph read one subject at a time, in sorted subject order.

The property-graph exports turn each RDF subject into one node, so they need all quads of a
subject together. `msckg build` writes `kg.nq` sorted line by line, which puts every subject's
quads next to each other in sorted order: such a file is streamed straight from disk with
pyoxigraph's parser and never held in memory. Any other file (Turtle, TriG, an N-Quads file in
another order) is parsed once into memory and sorted by subject, so both paths give the same groups
and the exports the same bytes. (Not through an Oxigraph store: a store canonicalises literals,
"0.030" would come back as "0.03".)
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from msckg.store import StoreError, rdf_format

Subject = ox.NamedNode | ox.BlankNode
Group = tuple[Subject, list[ox.Quad]]


class Unsorted(Exception):
    """The file's subjects are not grouped in sorted order; read it into memory and sort it."""


def subject_key(subject: object) -> str:
    """The sort key of a subject: its N-Triples form, the order of `kg.nq`'s lines."""
    return str(subject)


class SubjectGroups:
    """Re-iterable groups of (subject, quads); each iteration is one pass over the graph.

    A streamed pass raises `Unsorted` as soon as the file turns out not to be in sorted subject
    order; the caller's first pass catches it, calls `use_memory()` and starts again.
    """

    def __init__(self, path: Path) -> None:
        if not path.is_file():
            raise StoreError(f"{path}: no such graph file (run `msckg build` first, or pass --graph)")
        self.path = path
        self.format = rdf_format(path)
        self._sorted: list[ox.Quad] | None = None
        self.streamed = self.format in (ox.RdfFormat.N_QUADS, ox.RdfFormat.N_TRIPLES)

    def use_memory(self) -> None:
        self.streamed = False

    def __iter__(self) -> Iterator[Group]:
        return self._stream() if self.streamed else self._from_memory()

    def _stream(self) -> Iterator[Group]:
        previous = ""
        for subject, quads in itertools.groupby(self._parse(), key=lambda q: q.subject):
            key = subject_key(subject)
            if key <= previous:
                raise Unsorted(f"{self.path}: subject {key} is out of sorted order")
            previous = key
            yield subject, list(quads)

    def _parse(self) -> Iterator[ox.Quad]:
        try:
            yield from ox.parse(path=str(self.path), format=self.format)
        except (SyntaxError, ValueError, OSError) as exc:
            raise StoreError(f"{self.path}: cannot be read as {self.format.name}: {exc}") from exc

    def _from_memory(self) -> Iterator[Group]:
        if self._sorted is None:
            self._sorted = sorted(self._parse(), key=lambda q: subject_key(q.subject))
        for subject, quads in itertools.groupby(self._sorted, key=lambda q: q.subject):
            yield subject, list(quads)
