"""A compiled SHACL validator for the subset of SHACL our shapes use, study by study.

pySHACL interprets the shapes graph for every focus node, walking rdflib graphs through generic
machinery: about 28 ms per registry study, and superlinear over a whole graph. Our shapes only
use simple predicate paths and a dozen core components, and nearly all of them look at one node
and its direct values. This module reads the shapes file once into plain Python checks, indexes
each study's triples in dictionaries, and evaluates the checks with pySHACL's own rules for
comparing and typing literals (its `compare_literal`, its string/non-string split, its check of
the Python value rdflib holds), so `"5" >= 0` or an ill-typed number fail here exactly where they
fail for pySHACL. SPARQL constraints run once per batch of studies with `$this` free, then keep
the rows whose `$this` is a target.

Anything in the shapes that this compiler does not know raises `UnsupportedShape` when the
shapes are read, so a new shape feature can never be skipped silently. A test checks that this
path reports the same (focus node, path, component, value) set as pySHACL over the whole graph.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from functools import cache, cached_property
from typing import ClassVar

from pyshacl.rdfutil.compare import compare_literal
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

from msckg.namespaces import SH

Triple = tuple[Node, Node, Node]
# rdflib terms compare in Python (`Identifier.__eq__`), and a dict lookup calls it whenever the
# key found is an equal but different object: with terms parsed separately, nearly every lookup.
# Predicates, classes and datatypes are therefore interned: one object per term, so lookups
# stop at the identity check. The table only ever holds schema-level terms (a few hundred).
_INTERNED: dict[Node, Node] = {}


def intern_term(term: Node) -> Node:
    """The one shared object equal to `term` (rdflib equality: same type, same text)."""
    found = _INTERNED.get(term)
    if found is None:
        _INTERNED[term] = term
        return term
    return found


_TYPE = intern_term(RDF.type)


class UnsupportedShape(ValueError):
    """The shapes use a SHACL feature this compiler does not implement."""


@dataclass(frozen=True)
class Finding:
    focus: Node
    path: Node | None
    component: str
    value: Node | None
    message: str
    shape: Node


class Index:
    """Subject -> predicate -> values of a set of triples, in first-seen order without repeats."""

    __slots__ = ("fallback", "spo")

    def __init__(self, triples: Iterable[Triple] = (), fallback: Index | None = None) -> None:
        self.spo: dict[Node, dict[Node, dict[Node, None]]] = {}
        self.fallback = fallback
        self.add_all(triples)

    def add_all(self, triples: Iterable[Triple]) -> None:
        spo = self.spo
        interned = _INTERNED
        for s, p, o in triples:
            p = interned.get(p) or intern_term(p)
            if p is _TYPE:
                o = interned.get(o) or intern_term(o)
            by_p = spo.get(s)
            if by_p is None:
                by_p = spo[s] = {}
            values = by_p.get(p)
            if values is None:
                by_p[p] = {o: None}
            else:
                values[o] = None

    def values(self, s: Node, p: Node) -> list[Node]:
        by_p = self.spo.get(s)
        own = by_p.get(p) if by_p is not None else None
        fallback = self.fallback
        if fallback is None:
            return list(own) if own is not None else []
        if fallback.fallback is not None:
            other = fallback.values(s, p)
        else:  # the usual depth: a study over the (layered) vocabulary, looked up inline
            other_by_p = fallback.spo.get(s)
            found = other_by_p.get(p) if other_by_p is not None else None
            other = list(found) if found is not None else []
        if own is None:
            return other
        if not other:
            return list(own)
        merged = dict(own)
        merged.update(dict.fromkeys(other))
        return list(merged)

    @classmethod
    def layered(cls, top: Index, base: Index) -> Index:
        """One index answering as `top` with `base` as its fallback (top's values first), without
        the chain: what a study's lookups fall back to, built once per chunk."""
        if top.fallback is not None or base.fallback is not None:
            raise ValueError("only two flat indexes can be layered")
        merged = cls()
        spo = dict(base.spo)
        for s, by_p in top.spo.items():
            under = spo.get(s)
            if under is None:
                spo[s] = by_p
                continue
            joined = dict(under)
            for p, values in by_p.items():
                both = dict(values)
                both.update(under.get(p, {}))
                joined[p] = both
            spo[s] = joined
        merged.spo = spo
        return merged

    def subjects(self) -> Iterable[Node]:
        return self.spo.keys()


# ---------------------------------------------------------------- constraint checks
# Each check takes (focus, value nodes, context) and yields (component, value or None).

Check = Callable[[Node, list[Node], "Context"], Iterable[tuple[str, Node | None]]]


@dataclass
class Context:
    index: Index
    supers: dict[Node, frozenset[Node]]

    def is_instance(self, node: Node, cls: Node) -> bool:
        if isinstance(node, Literal):
            return False
        for t in self.index.values(node, _TYPE):  # types and `cls` are interned: `is` is equality
            if t is cls or cls in self.supers.get(t, ()):
                return True
        return False


def _is_string(node: Literal) -> bool:
    return isinstance(node.value, str)


def _compare(value: Node, bound: Literal, op: str) -> bool:
    """pySHACL's range test: a string never compares with a non-string (rdflib would order
    `"5" >= 0` by datatype and say yes), and the order is pySHACL's own `compare_literal`, so
    ill-typed and incomparable literals fail exactly where they fail for pySHACL."""
    if not isinstance(value, Literal) or _is_string(value) != _is_string(bound):
        return False
    try:
        order = compare_literal(value, bound)
    except (TypeError, NotImplementedError):
        return False
    return {">=": order >= 0, ">": order > 0, "<=": order <= 0, "<": order < 0}[op]


def _less_or_equal(value: Node, other: Node) -> bool:
    """pySHACL's sh:lessThanOrEquals test: IRIs and string literals compare as Python strings,
    a string never with a non-string, anything else with rdflib's `<=`. (pySHACL stops with an
    error on blank nodes and on a `<=` that raises; those count as not less or equal here.)"""
    def operand(node: Node) -> tuple[object, bool]:
        if isinstance(node, URIRef):
            return str(node), True
        if isinstance(node, Literal) and _is_string(node):
            return node.value, True
        return node, False

    if isinstance(value, BNode) or isinstance(other, BNode):
        return False
    (a, a_is_string), (b, b_is_string) = operand(value), operand(other)
    if a_is_string != b_is_string:
        return False
    try:
        return bool(a <= b)  # type: ignore[operator]
    except TypeError:
        return False


# pySHACL also checks the Python value rdflib holds for these datatypes, so a literal made in
# memory as Literal(6, datatype=XSD.decimal) (an int) or from a float fails sh:datatype.
_VALUE_TYPES: dict[Node, type | tuple[type, ...]] = {
    XSD.string: (str, bytes), RDF.langString: (str, bytes), XSD.integer: int, XSD.float: float,
    XSD.decimal: Decimal, XSD.boolean: bool, XSD.date: date, XSD.time: time, XSD.dateTime: datetime}


def _datatype_ok(value: Node, dt: Node) -> bool:
    if not isinstance(value, Literal):
        return False
    datatype = value.datatype
    if datatype is not None and str.__eq__(datatype, dt):  # both IRIs: rdflib's == without its Python-level __eq__
        if value.ill_typed:
            return False
    elif dt == RDFS.Literal or (dt == RDFS.Datatype and value.datatype is not None):
        return True
    elif not ((value.datatype is None and not value.language and dt == XSD.string)
              or (dt == RDF.langString and value.language)):
        return False
    kind = _VALUE_TYPES.get(dt)
    return kind is None or isinstance(value.value, kind)


@cache
def _regex(pattern: str, flags: str) -> re.Pattern[str]:
    return re.compile(pattern, (re.IGNORECASE if "i" in flags else 0) | (re.MULTILINE if "m" in flags else 0)
                      | (re.DOTALL if "s" in flags else 0) | (re.VERBOSE if "x" in flags else 0))


@dataclass
class Shape:
    """A node or property shape compiled to checks on its value nodes."""

    node: Node
    path: Node | None
    checks: list[Check] = field(default_factory=list)
    message: str | None = None
    report_shape: Node | None = None  # the named node shape reported for anonymous children

    def value_nodes(self, focus: Node, ctx: Context) -> list[Node]:
        return [focus] if self.path is None else ctx.index.values(focus, self.path)

    def findings(self, focus: Node, ctx: Context) -> list[Finding]:
        values = self.value_nodes(focus, ctx)
        checks = self.checks if values else self.empty_checks
        out = []
        for check in checks:
            for component, value in check(focus, values, ctx):
                out.append(Finding(focus, self.path, component, value, self.message or _default_message(component),
                                   self.report_shape or self.node))
        return out

    @cached_property
    def empty_checks(self) -> list[Check]:
        """The checks that can fire on a focus without values (min counts); read after compiling."""
        return [c for c in self.checks if getattr(c, "on_empty", False)]

    def conforms(self, focus: Node, ctx: Context) -> bool:
        values = self.value_nodes(focus, ctx)
        return not any(True for check in self.checks for _ in check(focus, values, ctx))


def _default_message(component: str) -> str:
    return component.removesuffix("ConstraintComponent") + " constraint not met"


class ShapesCompiler:
    """Reads a shapes graph into `Shape`s, refusing what it cannot evaluate."""

    KNOWN: ClassVar[frozenset[Node]] = frozenset({SH.path, SH.property, SH.targetClass, SH.message, SH.minCount, SH.maxCount, SH.datatype,
             SH["class"], SH["in"], SH.pattern, SH.flags, SH.minInclusive, SH.maxInclusive, SH.minExclusive,
             SH.maxExclusive, SH["or"], SH.xone, SH.lessThanOrEquals, SH.qualifiedValueShape,
             SH.qualifiedMinCount, SH.nodeKind, SH.sparql, RDF.type, RDFS.comment, RDFS.label})

    KNOWN_SPARQL: ClassVar[frozenset[Node]] = frozenset({SH.select, SH.prefixes, SH.message, RDF.type, RDFS.comment,
                                                         RDFS.label})
    TARGETS: ClassVar[tuple[Node, ...]] = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)

    def __init__(self, shapes: Graph) -> None:
        self.g = shapes

    def compile(self) -> tuple[list[tuple[list[Node], list[Shape]]], list[SparqlConstraint]]:
        """Per node shape: its target classes and its compiled shapes; plus SPARQL constraints."""
        plans: list[tuple[list[Node], list[Shape]]] = []
        sparql: list[SparqlConstraint] = []
        # pySHACL takes any subject of a target predicate for a shape, declared or not.
        targeted = {s for t in self.TARGETS for s in self.g.subjects(t, None)}
        for node in sorted(set(self.g.subjects(RDF.type, SH.NodeShape)) | targeted, key=str):
            if (node, SH.path, None) in self.g:
                raise UnsupportedShape(f"{node}: property shapes with their own targets are not supported")
            if any((node, RDF.type, c) in self.g for c in (RDFS.Class, OWL.Class)):
                raise UnsupportedShape(f"{node}: implicit class targets (a shape that is a class) are not supported")
            targets = [intern_term(t) for t in sorted(self.g.objects(node, SH.targetClass), key=str)]
            if not targets:
                raise UnsupportedShape(f"{node}: only sh:targetClass targets are supported")
            shapes = [self._shape(node, None, report=node)]
            for prop in self.g.objects(node, SH.property):
                shapes.append(self._shape(prop, self._path(prop), report=node))
            for constraint in self.g.objects(node, SH.sparql):
                sparql.append(self._sparql(node, constraint, targets))
            plans.append((targets, shapes))
        return plans, sparql

    def _path(self, shape: Node) -> URIRef:
        path = self.g.value(shape, SH.path)
        if not isinstance(path, URIRef):
            raise UnsupportedShape(f"{shape}: only predicate paths are supported, got {path!r}")
        return path

    def _list(self, head: Node) -> list[Node]:
        return list(Collection(self.g, head))

    def _shape(self, node: Node, path: Node | None, report: Node) -> Shape:
        path = intern_term(path) if path is not None else None
        unknown = {p for p in self.g.predicates(node, None)} - self.KNOWN
        if unknown:
            raise UnsupportedShape(f"{node}: unsupported SHACL terms {sorted(map(str, unknown))}")
        g = self.g
        message = g.value(node, SH.message)
        shape = Shape(node, path, message=str(message) if message is not None else None,
                      report_shape=report if report != node else None)
        def one(p: Node) -> Node | None:
            values = list(g.objects(node, p))
            if len(values) > 1:  # pySHACL would apply each; this compiler keeps one value per parameter
                raise UnsupportedShape(f"{node}: several values of {p} are not supported")
            return values[0] if values else None

        if (n := one(SH.minCount)) is not None and path is not None:
            shape.checks.append(_min_count(int(n)))
        if (n := one(SH.maxCount)) is not None and path is not None:
            shape.checks.append(_max_count(int(n)))
        if (dt := one(SH.datatype)) is not None:
            shape.checks.append(_per_value("DatatypeConstraintComponent", lambda v, c, dt=dt: _datatype_ok(v, dt)))
        if (cls := one(SH["class"])) is not None:
            cls = intern_term(cls)
            shape.checks.append(_per_value("ClassConstraintComponent", lambda v, c, k=cls: c.is_instance(v, k)))
        if (kind := one(SH.nodeKind)) is not None:
            if kind != SH.IRI:
                raise UnsupportedShape(f"{node}: only sh:nodeKind sh:IRI is supported")
            shape.checks.append(_per_value("NodeKindConstraintComponent", lambda v, c: isinstance(v, URIRef)))
        if (head := one(SH["in"])) is not None:
            allowed = self._list(head)
            shape.checks.append(_per_value("InConstraintComponent", lambda v, c, a=allowed: v in a))
        if (pattern := one(SH.pattern)) is not None:
            flags = str(one(SH.flags) or "")
            if set(flags) - set("im"):
                raise UnsupportedShape(f"{node}: pySHACL only honours the regex flags i and m, got {flags!r}")
            rx = _regex(str(pattern), flags)
            shape.checks.append(_per_value(
                "PatternConstraintComponent", lambda v, c, rx=rx: not isinstance(v, BNode) and rx.search(str(v)) is not None))
        for term, op, component in ((SH.minInclusive, ">=", "MinInclusive"), (SH.maxInclusive, "<=", "MaxInclusive"),
                                    (SH.minExclusive, ">", "MinExclusive"), (SH.maxExclusive, "<", "MaxExclusive")):
            if (bound := one(term)) is not None:
                shape.checks.append(_per_value(f"{component}ConstraintComponent",
                                               lambda v, c, b=bound, o=op: _compare(v, b, o)))
        if (other := one(SH.lessThanOrEquals)) is not None:
            shape.checks.append(_less_than_or_equals(intern_term(other)))
        if (head := one(SH["or"])) is not None:
            members = [self._member(m) for m in self._list(head)]
            shape.checks.append(_per_value("OrConstraintComponent",
                                           lambda v, c, ms=members: any(m.conforms(v, c) for m in ms)))
        if (head := one(SH.xone)) is not None:
            members = [self._member(m) for m in self._list(head)]
            shape.checks.append(_per_value("XoneConstraintComponent",
                                           lambda v, c, ms=members: sum(m.conforms(v, c) for m in ms) == 1))
        if (qshape := one(SH.qualifiedValueShape)) is not None:
            minimum = one(SH.qualifiedMinCount)
            if minimum is None or path is None:
                raise UnsupportedShape(f"{node}: sh:qualifiedValueShape needs a path and sh:qualifiedMinCount")
            shape.checks.append(_qualified_min(self._member(qshape), int(minimum)))
        elif one(SH.qualifiedMinCount) is not None:
            raise UnsupportedShape(f"{node}: sh:qualifiedMinCount without sh:qualifiedValueShape")
        return shape

    def _member(self, node: Node) -> Shape:
        """A shape inside sh:or / sh:xone / sh:qualifiedValueShape, applied to one value node."""
        path = self.g.value(node, SH.path)
        if path is not None and not isinstance(path, URIRef):
            raise UnsupportedShape(f"{node}: only predicate paths are supported")
        return self._shape(node, path, report=node)

    def _sparql(self, shape: Node, constraint: Node, targets: list[Node]) -> SparqlConstraint:
        select = self.g.value(constraint, SH.select)
        if select is None:
            raise UnsupportedShape(f"{constraint}: only sh:select SPARQL constraints are supported")
        unknown = set(self.g.predicates(constraint, None)) - self.KNOWN_SPARQL
        if unknown:  # sh:deactivated, sh:severity ...: pySHACL would honour them
            raise UnsupportedShape(f"{constraint}: unsupported SHACL terms {sorted(map(str, unknown))}")
        if re.search(r"\$(PATH|currentShape|shapesGraph)\b", str(select)):
            raise UnsupportedShape(f"{constraint}: $PATH, $currentShape and $shapesGraph are not supported")
        prefixes = {}
        for holder in self.g.objects(constraint, SH.prefixes):
            for decl in self.g.objects(holder, SH.declare):
                prefixes[str(self.g.value(decl, SH.prefix))] = URIRef(str(self.g.value(decl, SH.namespace)))
        message = self.g.value(constraint, SH.message)
        return SparqlConstraint(shape, targets, str(select).replace("$this", "?this"), prefixes,
                                str(message) if message is not None else "SPARQL constraint not met")


def _min_count(n: int) -> Check:
    def check(focus: Node, values: list[Node], ctx: Context) -> Iterable[tuple[str, Node | None]]:
        return [("MinCountConstraintComponent", None)] if len(values) < n else []
    check.on_empty = True  # type: ignore[attr-defined]  # the only kinds that can fire without values
    return check


def _max_count(n: int) -> Check:
    def check(focus: Node, values: list[Node], ctx: Context) -> Iterable[tuple[str, Node | None]]:
        return [("MaxCountConstraintComponent", None)] if len(values) > n else []
    return check


def _per_value(component: str, ok: Callable[[Node, Context], bool]) -> Check:
    def check(focus: Node, values: list[Node], ctx: Context) -> Iterable[tuple[str, Node | None]]:
        return [(component, v) for v in values if not ok(v, ctx)]
    return check


def _less_than_or_equals(other: Node) -> Check:
    def check(focus: Node, values: list[Node], ctx: Context) -> Iterable[tuple[str, Node | None]]:
        others = ctx.index.values(focus, other)
        return [("LessThanOrEqualsConstraintComponent", v) for v in values for o in others
                if not _less_or_equal(v, o)]
    return check


def _qualified_min(member: Shape, minimum: int) -> Check:
    def check(focus: Node, values: list[Node], ctx: Context) -> Iterable[tuple[str, Node | None]]:
        conforming = sum(1 for v in values if member.conforms(v, ctx))
        return [("QualifiedMinCountConstraintComponent", None)] if conforming < minimum else []
    check.on_empty = True  # type: ignore[attr-defined]
    return check


@dataclass(frozen=True)
class SparqlConstraint:
    shape: Node
    targets: list[Node]
    query: str
    prefixes: dict[str, URIRef]
    message: str


# ---------------------------------------------------------------- validation


class CompiledShapes:
    """Shapes compiled once; `validate_unit` checks one study's triples against them."""

    def __init__(self, shapes: Graph, vocabulary: Graph) -> None:
        self.plans, self.sparql = ShapesCompiler(shapes).compile()
        self._edges = _subclass_edges(vocabulary)
        self.supers = _superclasses(self._edges)
        self.vocab = Index(vocabulary)
        # parsed once here: a build compiles in the parent and its forked workers share the result
        self._prepared: dict[str, object] = {c.query: _prepare(c.query, tuple(sorted(c.prefixes.items())))
                                             for c in self.sparql}

    def extended(self, extra: Graph) -> CompiledShapes:
        """These shapes over more vocabulary (a chunk's term closure), sharing the compiled checks,
        the prepared SPARQL and the base index instead of rebuilding them."""
        clone = copy.copy(self)
        clone.vocab = Index.layered(Index(extra), self.vocab)
        clone._edges = self._edges + _subclass_edges(extra)
        clone.supers = _superclasses(clone._edges)
        return clone

    def _targets(self, index: Index, classes: Sequence[Node],
                 by_type: dict[Node, list[Node]] | None = None,
                 order: dict[Node, int] | None = None) -> list[Node]:
        """Focus nodes typed with one of `classes` or a subclass, in first-seen order."""
        wanted = set(classes)
        if by_type is None:
            by_type = _subjects_by_type(index)
        chosen: dict[Node, None] = {}
        hits = 0
        for t, subjects in by_type.items():
            if t in wanted or not wanted.isdisjoint(self.supers.get(t, ())):
                chosen.update(dict.fromkeys(subjects))
                hits += 1
        if hits < 2:  # one type's subjects are already in first-seen order
            return list(chosen)
        if order is None:
            order = {s: i for i, s in enumerate(index.spo)}
        return sorted(chosen, key=order.__getitem__)

    def validate_unit(self, triples: Iterable[Triple]) -> list[Finding]:
        """Core constraints for the focus nodes among `triples` (vocabulary terms are looked up too)."""
        index = Index(triples, fallback=self.vocab)
        ctx = Context(index, self.supers)
        by_type = _subjects_by_type(index)
        order = {s: i for i, s in enumerate(index.spo)}
        out: list[Finding] = []
        for targets, shapes in self.plans:
            for focus in self._targets(index, targets, by_type, order):
                for shape in shapes:
                    out.extend(shape.findings(focus, ctx))
        return out

    def validate_vocabulary(self) -> list[Finding]:
        ctx = Context(self.vocab, self.supers)
        out: list[Finding] = []
        for targets, shapes in self.plans:
            for focus in self._targets(self.vocab, targets):
                for shape in shapes:
                    out.extend(shape.findings(focus, ctx))
        return out

    def validate_sparql(self, graph: Graph) -> list[Finding]:
        """SPARQL constraints over one batch graph, `$this` left free and filtered to targets."""

        out: list[Finding] = []
        ctx = Context(Index((), fallback=None), self.supers)
        for c in self.sparql:
            for row in graph.query(self._prepared[c.query]):  # type: ignore[arg-type]
                this = row.this  # type: ignore[union-attr]
                types = list(graph.objects(this, RDF.type))
                ctx.index = Index(((this, RDF.type, t) for t in types), fallback=self.vocab)
                if not any(ctx.is_instance(this, k) for k in c.targets):
                    continue
                path = getattr(row, "path", None)
                value = getattr(row, "value", None)
                out.append(Finding(this, path, "SPARQLConstraintComponent", value, c.message, c.shape))
        return out


@cache
def _prepare(query: str, prefixes: tuple[tuple[str, object], ...]) -> object:
    """A SPARQL constraint parsed once per process (pyparsing takes ~40 ms a query)."""
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(query, initNs=dict(prefixes))


def _subjects_by_type(index: Index) -> dict[Node, list[Node]]:
    """rdf:type value -> subjects of the index typed with it (one pass, not one per shape)."""
    by_type: dict[Node, list[Node]] = {}
    for s, by_p in index.spo.items():
        for t in by_p.get(_TYPE, ()):
            by_type.setdefault(t, []).append(s)
    return by_type


def _subclass_edges(vocabulary: Graph) -> list[tuple[Node, Node]]:
    return [(intern_term(sub), intern_term(sup)) for sub, sup in vocabulary.subject_objects(RDFS.subClassOf)
            if isinstance(sup, URIRef)]


def _superclasses(edges: Iterable[tuple[Node, Node]]) -> dict[Node, frozenset[Node]]:
    direct: dict[Node, set[Node]] = {}
    for sub, sup in edges:
        direct.setdefault(sub, set()).add(sup)
    closed: dict[Node, frozenset[Node]] = {}

    def walk(node: Node, seen: frozenset[Node]) -> frozenset[Node]:
        if node in closed:
            return closed[node]
        acc: set[Node] = set()
        for sup in direct.get(node, ()):
            if sup in seen:
                continue
            acc.add(sup)
            acc |= walk(sup, seen | {node})
        closed[node] = frozenset(acc)
        return closed[node]

    for node in list(direct):
        walk(node, frozenset())
    return closed
