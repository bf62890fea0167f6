"""A named graph's triples as a plain ordered set, for the build's hot path.

Mapping a registry record adds ~230 triples; through rdflib's `Graph.add` (term checks, a store
with three indexes) that was a third of the mapping time, and reading them back for validation
and serialisation cost as much again. The build only ever adds triples and then reads them all,
so a dict of triples does (insertion order kept, repeats dropped, as a graph would). Callers
that want rdflib's API get a real `Graph` from `to_graph()`.
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Graph, URIRef
from rdflib.term import Node

Triple = tuple[Node, Node, Node]


class FactGraph:
    """The triples of one named graph: `add`, iteration, `len`, and simple pattern reads."""

    __slots__ = ("_triples", "identifier")

    def __init__(self, identifier: URIRef) -> None:
        self.identifier = identifier
        self._triples: dict[Triple, None] = {}

    def add(self, triple: Triple) -> FactGraph:
        s, p, o = triple
        if s is None or p is None or o is None:  # rdflib's Graph.add would refuse these too
            raise ValueError(f"incomplete triple {triple!r} in {self.identifier}")
        self._triples[triple] = None
        return self

    def __iter__(self) -> Iterator[Triple]:
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)

    def __contains__(self, triple: object) -> bool:
        return triple in self._triples

    def triples(self, pattern: tuple[Node | None, Node | None, Node | None]) -> Iterator[Triple]:
        s, p, o = pattern
        for t in self._triples:
            if (s is None or t[0] == s) and (p is None or t[1] == p) and (o is None or t[2] == o):
                yield t

    def subjects(self, predicate: Node | None = None, obj: Node | None = None) -> Iterator[Node]:
        return (t[0] for t in self.triples((None, predicate, obj)))

    def objects(self, subject: Node | None = None, predicate: Node | None = None) -> Iterator[Node]:
        return (t[2] for t in self.triples((subject, predicate, None)))

    def subject_objects(self, predicate: Node | None = None) -> Iterator[tuple[Node, Node]]:
        return ((t[0], t[2]) for t in self.triples((None, predicate, None)))

    def to_graph(self) -> Graph:
        """The same triples in an rdflib `Graph` named like this one."""
        g = Graph(store="SimpleMemory", identifier=self.identifier)
        for t in self._triples:
            g.add(t)
        return g
