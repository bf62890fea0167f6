"""The RDF -> property graph mapping shared by the Neo4j, Ladybug and networkx exports.

RDF has no nodes-with-properties: everything is a triple. Property-graph databases (Neo4j,
Ladybug/Kùzu) and graph tools (networkx, Gephi, Cytoscape) want labelled nodes carrying typed
properties and typed relationships. The rules, in short (docs/property-graph.md has them in full):

* every subject becomes one node whose id is its IRI (a blank node keeps its `_:label`),
  except the schema: msckg ontology classes and properties, OWL axioms and the ontology header;
* the node's labels are the local names of its msckg classes (`ClinicalStudy`, `Result`, `Mean`);
  an external class (MONDO, CL, UBERON...) described in the graph becomes a `Term` node, and
  `rdf:type` to such a class becomes an `INSTANCE_OF` relationship; a node without any is a `Resource`;
* a triple whose object is a node becomes a relationship named after the predicate (`HAS_ARM`);
* any other triple becomes a typed property: literals by datatype, IRIs that are no node as text;
  a property with more than one value on some node of a label is an array on that label;
* `xsd:decimal` stays exact as text (`value = "18.68"`) beside a double (`value_double`);
* every node and relationship lists the named graph(s) its triples came from in `graphs`.

Names come from `_names`, literal types and values from `_literals`. The mapping reads the graph
in three streamed passes over subject groups (see `_subjects`):
node index, schema (property columns and their types), then records. Memory grows with the number
of nodes (the index), never with the number of triples.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from msckg.export._literals import Kind, Value, convert, literal_kind, merge_kinds
from msckg.export._names import (
    MSCKG_NS,
    PropertyGraphError,
    distinct_from_labels,
    unique_names,
)
from msckg.export._subjects import Subject, SubjectGroups, Unsorted
from msckg.progress import Progress
from msckg.queries import NamedQuery, parse_header
from msckg.resources import export_file

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
_OWL = "http://www.w3.org/2002/07/owl#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

CLASS_TYPES = frozenset({_OWL + "Class", _RDFS + "Class"})
# Subjects typed with one of these describe the vocabulary, not the studies: they are no nodes.
SCHEMA_TYPES = CLASS_TYPES | {
    _RDF + "Property", _OWL + "ObjectProperty", _OWL + "DatatypeProperty", _OWL + "AnnotationProperty",
    _OWL + "Ontology", _OWL + "Restriction", _RDFS + "Datatype", _OWL + "AllDisjointClasses",
    _OWL + "AllDifferent", _OWL + "TransitiveProperty", _OWL + "SymmetricProperty",
    _OWL + "FunctionalProperty", _OWL + "InverseFunctionalProperty",
}
# rdf:type objects that add nothing once a subject is a node (owl:NamedIndividual, owl:Class of a Term).
IMPLIED_TYPES = SCHEMA_TYPES | {_OWL + "NamedIndividual", _OWL + "Thing"}

TERM_LABEL = "Term"
RESOURCE_LABEL = "Resource"
ID_PROPERTY = "iri"
GRAPHS_PROPERTY = "graphs"
DOUBLE_SUFFIX = "_double"
ARRAY_DELIMITERS = (";", "|", "\x1f")

_LABEL_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class Column:
    """One property of a label: its name, its type and whether it holds several values."""

    name: str
    kind: Kind
    array: bool


@dataclass
class LabelSchema:
    name: str
    count: int = 0
    columns: dict[str, Column] = field(default_factory=dict)  # sorted by name


@dataclass
class RelationshipSchema:
    name: str
    predicate: str
    count: int = 0
    pairs: dict[tuple[str, str], int] = field(default_factory=dict)  # (start label, end label) -> count


@dataclass
class Node:
    id: str
    labels: tuple[str, ...]  # the primary label (the node's file / table) first
    properties: dict[str, Value | list[Value]]  # column name -> value, or sorted values for an array
    graphs: list[str]


@dataclass
class Relationship:
    start: str
    end: str
    type: str
    graphs: list[str]


@dataclass
class Schema:
    """What pass two found: labels with their columns, relationship types, counts, delimiter."""

    labels: dict[str, LabelSchema]
    relationships: dict[str, RelationshipSchema]
    array_delimiter: str
    quads: int
    graphs: list[str]
    dropped: int  # triples to blank nodes that are no node (OWL axioms inside instance data)

    @property
    def node_count(self) -> int:
        return sum(label.count for label in self.labels.values())

    @property
    def relationship_count(self) -> int:
        return sum(rel.count for rel in self.relationships.values())

    def as_dict(self) -> dict[str, object]:
        """The schema as plain data (written as schema.json beside the Neo4j CSVs)."""
        return {
            "array_delimiter": self.array_delimiter,
            "quads": self.quads,
            "graphs": len(self.graphs),
            "nodes": self.node_count,
            "relationships": self.relationship_count,
            "labels": {
                name: {"count": label.count,
                       "properties": {c.name: {"type": c.kind, "array": c.array} for c in label.columns.values()}}
                for name, label in self.labels.items()
            },
            "relationship_types": {
                name: {"predicate": rel.predicate, "count": rel.count,
                       "pairs": [{"start": a, "end": b, "count": n} for (a, b), n in rel.pairs.items()]}
                for name, rel in self.relationships.items()
            },
        }


def mapping_query(name: str) -> NamedQuery:
    """`node-types` or `edge-types`: the mapping's node and relationship rules stated in SPARQL.

    They count what the mapping makes, straight from the RDF, so the tests (and `msckg stats`)
    can hold the property graph to an independent answer. Not among the named queries: they
    describe this mapping, and over a shared triple store they would count its system graphs too.
    """
    return parse_header(export_file(f"{name}.rq").read_text(encoding="utf-8"), f"export/{name}.rq")


# --- classifying subjects and literals ---------------------------------------------------------

def msckg_label(type_iri: str) -> str | None:
    """`ClinicalStudy` for msckg:ClinicalStudy; None for anything that is not an msckg class name."""
    if type_iri.startswith(MSCKG_NS):
        name = type_iri[len(MSCKG_NS):]
        if _LABEL_NAME.match(name):
            return name
    return None


def node_id(term: object) -> str:
    """A node's id: the IRI itself, or `_:label` for a blank node."""
    if isinstance(term, ox.NamedNode):
        return term.value
    return str(term)


def _classify(subject: Subject, quads: list[ox.Quad]) -> tuple[str, ...] | None:
    """The labels of a subject's node, or None when the subject is schema (no node)."""
    types = {q.object.value for q in quads if q.predicate.value == RDF_TYPE and isinstance(q.object, ox.NamedNode)}
    iri = subject.value if isinstance(subject, ox.NamedNode) else None
    if iri is not None and types & CLASS_TYPES and not iri.startswith(MSCKG_NS):
        return (TERM_LABEL,)
    if types & SCHEMA_TYPES:
        return None
    labels = tuple(sorted({label for t in types if (label := msckg_label(t))}))
    if labels:
        return labels
    return (RESOURCE_LABEL,) if iri is not None else None


# --- the three passes --------------------------------------------------------------------------

@dataclass
class _Statement:
    """One (predicate, object) of a subject, with the graphs that state it."""

    predicate: str
    obj: ox.NamedNode | ox.BlankNode | ox.Literal
    graphs: set[str]


def _statements(quads: list[ox.Quad]) -> list[_Statement]:
    """A subject's triples, merged across named graphs (one triple in two graphs is one fact).

    In file order: callers sort what they output (values, relationships), so no sort here.
    """
    merged: dict[tuple[ox.NamedNode, object], _Statement] = {}
    for q in quads:
        key = (q.predicate, q.object)
        stmt = merged.get(key)
        if stmt is None:
            stmt = merged[key] = _Statement(q.predicate.value, q.object, set())  # type: ignore[arg-type]
        if type(q.graph_name) is ox.NamedNode:
            stmt.graphs.add(q.graph_name.value)
    return list(merged.values())


@dataclass
class NodeIndex:
    """Pass one: which subjects are nodes, and their labels (primary label first)."""

    labels: dict[str, tuple[str, ...]]
    quads: int
    graphs: list[str]

    def primary(self, node: str) -> str:
        return self.labels[node][0]


def _index(groups: SubjectGroups) -> NodeIndex:
    labels: dict[str, tuple[str, ...]] = {}
    superclasses: dict[str, set[str]] = defaultdict(set)
    graphs: set[str] = set()
    quads = 0
    for subject, group in groups:
        quads += len(group)
        graphs.update(q.graph_name.value for q in group if isinstance(q.graph_name, ox.NamedNode))
        found = _classify(subject, group)
        if found is not None:
            labels[node_id(subject)] = found
        elif (child := msckg_label(subject.value if isinstance(subject, ox.NamedNode) else "")):
            for q in group:
                if q.predicate.value == RDFS_SUBCLASS and (parent := msckg_label(q.object.value)):
                    superclasses[child].add(parent)
    ordered = {node: _primary_first(found, superclasses) for node, found in labels.items()}
    return NodeIndex(ordered, quads, sorted(graphs))


def _primary_first(labels: tuple[str, ...], superclasses: dict[str, set[str]]) -> tuple[str, ...]:
    """Put the most specific label first: one that is no (transitive) superclass of another."""
    if len(labels) == 1:
        return labels

    def ancestors(label: str) -> set[str]:
        seen: set[str] = set()
        todo = [label]
        while todo:
            for parent in superclasses.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return seen

    general = set().union(*(ancestors(label) for label in labels))
    specific = [label for label in labels if label not in general] or list(labels)
    primary = min(specific)
    return (primary, *sorted(label for label in labels if label != primary))


def _is_implied_type(stmt: _Statement) -> bool:
    """rdf:type to an msckg class (a label) or to an OWL built-in says nothing a property should."""
    return (stmt.predicate == RDF_TYPE and isinstance(stmt.obj, ox.NamedNode)
            and (msckg_label(stmt.obj.value) is not None or stmt.obj.value in IMPLIED_TYPES))


@dataclass
class _PropertyStats:
    kinds: set[Kind] = field(default_factory=set)
    array: bool = False
    chars: set[str] = field(default_factory=set)  # array delimiters met inside values


def _schema(groups: SubjectGroups, index: NodeIndex) -> tuple[Schema, dict[str, str], dict[str, str]]:
    """Pass two: columns per label (name, type, array) and relationship types with their pairs."""
    stats: dict[str, dict[str, _PropertyStats]] = defaultdict(lambda: defaultdict(_PropertyStats))
    rels: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    label_counts: Counter[str] = Counter()
    dropped = 0
    for subject, group in groups:
        sid = node_id(subject)
        if sid not in index.labels:
            continue
        label = index.primary(sid)
        label_counts[label] += 1
        per_predicate: Counter[str] = Counter()
        for stmt in _statements(group):
            if _is_implied_type(stmt):
                continue
            target = node_id(stmt.obj) if not isinstance(stmt.obj, ox.Literal) else None
            if target is not None and target in index.labels:
                rels[stmt.predicate][(label, index.primary(target))] += 1
                continue
            if isinstance(stmt.obj, ox.BlankNode):
                dropped += 1
                continue
            entry = stats[label][stmt.predicate]
            entry.kinds.add(literal_kind(stmt.obj) if isinstance(stmt.obj, ox.Literal) else "string")
            entry.chars.update(c for c in ARRAY_DELIMITERS if c in stmt.obj.value)
            per_predicate[stmt.predicate] += 1
        for predicate, n in per_predicate.items():
            if n > 1:
                stats[label][predicate].array = True
    prop_names = unique_names({p for per in stats.values() for p in per}, upper=False)
    rel_names = distinct_from_labels(unique_names(set(rels), upper=True), set(label_counts))
    in_arrays = {c for per in stats.values() for s in per.values() if s.array for c in s.chars}
    delimiter = next((c for c in ARRAY_DELIMITERS if c not in in_arrays), None)
    if delimiter is None:
        raise PropertyGraphError("every array delimiter (; | U+001F) occurs inside a multi-valued property")
    labels: dict[str, LabelSchema] = {}
    for label in sorted(label_counts):
        columns: dict[str, Column] = {}
        for predicate, entry in stats.get(label, {}).items():
            name = prop_names[predicate]
            columns[name] = Column(name, merge_kinds(entry.kinds), entry.array)
        for reserved in (ID_PROPERTY, GRAPHS_PROPERTY):
            if reserved in columns:
                raise PropertyGraphError(f"label {label}: a predicate maps to the reserved property {reserved!r}")
        for column in list(columns.values()):
            if column.kind == "decimal" and column.name + DOUBLE_SUFFIX in columns:
                raise PropertyGraphError(f"label {label}: property {column.name + DOUBLE_SUFFIX!r} clashes with "
                                         f"the double beside decimal {column.name!r}")
        labels[label] = LabelSchema(label, label_counts[label], dict(sorted(columns.items())))
    relationships = {
        rel_names[p]: RelationshipSchema(rel_names[p], p, sum(pairs.values()), dict(sorted(pairs.items())))
        for p, pairs in rels.items()
    }
    schema = Schema(labels, dict(sorted(relationships.items())), delimiter, index.quads, index.graphs, dropped)
    return schema, prop_names, rel_names


@dataclass
class PropertyGraph:
    """A built graph seen as a property graph: the schema, then nodes and relationships on demand.

    Example:
        pg = PropertyGraph.read(Path("build/kg.nq"))
        pg.schema.labels["ClinicalStudy"].count
        for node, relationships in pg.records(): ...
    """

    groups: SubjectGroups
    index: NodeIndex
    schema: Schema
    property_names: dict[str, str]
    relationship_names: dict[str, str]

    @classmethod
    def read(cls, graph: Path, progress: Progress | None = None) -> PropertyGraph:
        """Index and schema passes over `graph`; `progress(quads read, quads to read)` counts
        these and the one pass `records()` makes."""
        groups = SubjectGroups(graph, progress, passes=3)
        try:
            index = _index(groups)
        except Unsorted:
            groups.use_sorted_copy()
            index = _index(groups)
        schema, prop_names, rel_names = _schema(groups, index)
        return cls(groups, index, schema, prop_names, rel_names)

    def records(self) -> Iterator[tuple[Node, list[Relationship]]]:
        """Pass three: each node with its outgoing relationships, in sorted node id order."""
        for subject, group in self.groups:
            sid = node_id(subject)
            labels = self.index.labels.get(sid)
            if labels is None:
                continue
            columns = self.schema.labels[labels[0]].columns
            values: dict[str, list[Value]] = defaultdict(list)
            rels: list[Relationship] = []
            graphs: set[str] = set()
            for stmt in _statements(group):
                graphs |= stmt.graphs
                if _is_implied_type(stmt):
                    continue
                target = node_id(stmt.obj) if not isinstance(stmt.obj, ox.Literal) else None
                if target is not None and target in self.index.labels:
                    rels.append(Relationship(sid, target, self.relationship_names[stmt.predicate],
                                             sorted(stmt.graphs)))
                    continue
                if isinstance(stmt.obj, ox.BlankNode):
                    continue
                column = columns[self.property_names[stmt.predicate]]
                values[column.name].append(convert(stmt.obj.value, column.kind))
            props: dict[str, Value | list[Value]] = {}
            for name in sorted(values):
                # Distinct by exact text (1.0 and 1.00 are both kept), then in value order.
                ordered = sorted({str(v): v for v in values[name]}.values(), key=lambda v: (v, str(v)))
                props[name] = ordered if columns[name].array else ordered[0]
            rels.sort(key=lambda r: (r.type, r.end))
            yield Node(sid, labels, props, sorted(graphs)), rels

