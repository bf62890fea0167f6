"""JSON-LD export, compacted with the @context the package ships (data/msckg.context.jsonld).

The context is derived, not hand-kept: its prefixes come from the ontology files' own prefix
declarations and data/prefixes.json (Bioregistry), its terms from the msckg properties the
ontology declares (object properties coerce to IRIs, datatype properties to their range).
`scripts/build_jsonld_context.py` rewrites the file from `derive_context()`, and a test fails when
the shipped file and the ontology disagree.

The writer streams: one node object per subject, one `{"@id": graph, "@graph": [...]}` block per
named graph, written while the sorted N-Quads are read. No JSON-LD library compacts a 250k-quad
dataset in bounded memory (rdflib and pyld hold and re-walk the whole graph, pyoxigraph's writer
cannot apply a context), and the compaction a derived context needs is small: compact IRIs by
longest namespace, a property's term where its value fits the term's coercion, and explicit value
objects otherwise. Literals are always JSON strings (never JSON numbers), so every lexical form
survives ("0.030" stays "0.030"). The round-trip tests parse the output back with pyoxigraph and
rdflib and compare datasets.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox

from msckg.export import ExportError, ExportReport, register
from msckg.export.files import atomic_file
from msckg.export.quads import Tally, by_graph, read_quads
from msckg.progress import Progress

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
OWL = "http://www.w3.org/2002/07/owl#"
RDFS_RANGE = "http://www.w3.org/2000/01/rdf-schema#range"
_GEN_DELIMS = tuple(":/?#[]@")
_PROPERTY_KINDS = {f"{OWL}ObjectProperty": "@id", f"{OWL}DatatypeProperty": None, f"{OWL}AnnotationProperty": None}


# ----------------------------------------------------------------------------- the context


def _prefix_entry(namespace: str) -> str | dict[str, Any]:
    """A prefix definition; JSON-LD 1.1 only treats a term as a prefix if its IRI ends in a
    gen-delim or it says `"@prefix": true` (OBO's `..._` namespaces need the latter)."""
    return namespace if namespace.endswith(_GEN_DELIMS) else {"@id": namespace, "@prefix": True}


def context_prefixes() -> dict[str, str]:
    """Prefix name -> namespace: the ontology files' declarations, Bioregistry's, and `kg:`."""
    from msckg.namespaces import DEFAULT_BASE
    from msckg.resources import ontology_files, prefixes_file

    found: dict[str, str] = {}

    def add(name: str, namespace: str, source: str) -> None:
        if found.setdefault(name, namespace) != namespace:
            raise ExportError(f"{source}: prefix {name}: is {namespace}, elsewhere {found[name]}")

    for entry in ontology_files():
        parser = ox.parse(entry.read_bytes(), ox.RdfFormat.TURTLE)
        for _ in parser:
            pass
        for name, namespace in sorted(parser.prefixes.items()):
            add(name, namespace, entry.name)
    for record in json.loads(prefixes_file().read_text(encoding="utf-8")):
        add(record["prefix"], record["uri_prefix"], "data/prefixes.json")
    add("kg", DEFAULT_BASE, "msckg.namespaces.DEFAULT_BASE")
    return found


def context_terms(prefixes: dict[str, str]) -> dict[str, str | dict[str, str]]:
    """One term per msckg property the ontology declares, named by its local name.

    A property whose local name is also a prefix (msckg:doi beside `doi:`) gets no term: the prefix
    is needed for IRIs, and the property is still written, as the compact IRI `msckg:doi`.
    """
    from msckg.namespaces import MSCKG
    from msckg.resources import ontology_files

    kinds: dict[str, str | None] = {}
    ranges: dict[str, set[str]] = {}
    for entry in ontology_files():
        for quad in ox.parse(entry.read_bytes(), ox.RdfFormat.TURTLE):
            s, p, o = quad.subject, quad.predicate.value, quad.object
            if not isinstance(s, ox.NamedNode) or not s.value.startswith(str(MSCKG)):
                continue
            if p == RDF_TYPE and o.value in _PROPERTY_KINDS:
                kinds[s.value] = _PROPERTY_KINDS[o.value]
            elif p == RDFS_RANGE and isinstance(o, ox.NamedNode):
                ranges.setdefault(s.value, set()).add(o.value)
    terms: dict[str, str | dict[str, str]] = {}
    for iri in sorted(kinds):
        name = iri.removeprefix(str(MSCKG))
        if name in prefixes:  # e.g. msckg:doi beside the doi: prefix; written as msckg:doi
            continue
        if name.startswith("@") or not name.isidentifier():
            raise ExportError(f"ontology property {iri}: local name {name!r} cannot be a JSON-LD term")
        coerce = kinds[iri]
        declared = ranges.get(iri, set())
        if coerce is None and len(declared) == 1 and (rng := next(iter(declared))).startswith(XSD) \
                and rng != f"{XSD}string":
            coerce = "xsd:" + rng.removeprefix(XSD)
        terms[name] = {"@id": f"msckg:{name}", "@type": coerce} if coerce else f"msckg:{name}"
    return terms


def derive_context() -> dict[str, Any]:
    """The context document as it should be shipped (sorted keys make it byte-stable)."""
    prefixes = context_prefixes()
    body: dict[str, Any] = {"@version": 1.1}
    body.update({name: _prefix_entry(ns) for name, ns in prefixes.items()})
    for name, definition in context_terms(prefixes).items():
        body[name] = definition
    return {"@context": dict(sorted(body.items()))}


def context_text(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def shipped_context() -> dict[str, Any]:
    """The context document shipped with the package."""
    from msckg.resources import jsonld_context_file

    return json.loads(jsonld_context_file().read_text(encoding="utf-8"))


@dataclass
class Compactor:
    """Compacts IRIs and values against a context made of prefixes and coerced property terms."""

    prefixes: dict[str, str]
    terms: dict[str, tuple[str, str | None]]  # property IRI -> (term, coerced type IRI, "@id" or None)
    _by_length: list[tuple[str, str]] = field(default_factory=list)
    _cache: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_length = sorted(((ns, name) for name, ns in self.prefixes.items()), key=lambda x: (-len(x[0]), x[1]))

    @classmethod
    def from_document(cls, document: dict[str, Any]) -> Compactor:
        body = document["@context"]
        prefixes: dict[str, str] = {}
        raw_terms: dict[str, tuple[str, str | None]] = {}
        for key, value in body.items():
            if key.startswith("@"):
                continue
            if isinstance(value, dict) and value.get("@prefix") is True:
                prefixes[key] = value["@id"]
            elif isinstance(value, str) and value.endswith(_GEN_DELIMS) and "://" in value:
                prefixes[key] = value
            elif isinstance(value, str):
                raw_terms[key] = (value, None)
            else:
                raw_terms[key] = (value["@id"], value.get("@type"))

        def expand(curie: str) -> str:
            prefix, _, local = curie.partition(":")
            return prefixes[prefix] + local if prefix in prefixes else curie

        terms = {expand(iri): (name, coerce if coerce in (None, "@id") else expand(coerce))
                 for name, (iri, coerce) in raw_terms.items()}
        return cls(prefixes, terms)

    def iri(self, iri: str) -> str:
        """`prefix:local` by the longest matching namespace, else the IRI itself."""
        if (hit := self._cache.get(iri)) is not None:
            return hit
        out = iri
        for namespace, name in self._by_length:
            if iri.startswith(namespace) and len(iri) > len(namespace) and not iri[len(namespace):].startswith("//"):
                out = f"{name}:{iri[len(namespace):]}"
                break
        else:
            scheme = iri.partition(":")[0]
            if scheme in self.prefixes or scheme in {t for t, _ in self.terms.values()}:
                raise ExportError(f"IRI {iri}: its scheme {scheme!r} is also a context prefix or term, "
                                  "so JSON-LD would read it as a compact IRI")
        self._cache[iri] = out
        return out

    def node_id(self, term: ox.NamedNode | ox.BlankNode) -> str:
        return f"_:{term.value}" if isinstance(term, ox.BlankNode) else self.iri(term.value)

    def key(self, predicate: str) -> tuple[str, str | None]:
        """The JSON key of a property and the coercion its plain values get."""
        term = self.terms.get(predicate)
        return term if term is not None else (self.iri(predicate), None)

    def value(self, obj: object, coerce: str | None) -> Any:
        if isinstance(obj, ox.NamedNode | ox.BlankNode):
            ref = self.node_id(obj)
            return ref if coerce == "@id" else {"@id": ref}
        if not isinstance(obj, ox.Literal):
            raise ExportError(f"JSON-LD export: unsupported term {obj} (RDF-star)")
        if obj.direction is not None:
            raise ExportError(f"JSON-LD export: directional literal {obj} is not supported")
        if obj.language is not None:
            return {"@value": obj.value, "@language": obj.language}
        datatype = obj.datatype.value
        if coerce is None and datatype == f"{XSD}string" or coerce == datatype:
            return obj.value
        if datatype == f"{XSD}string":
            return {"@value": obj.value}
        return {"@value": obj.value, "@type": self.iri(datatype)}


# ----------------------------------------------------------------------------- the writer


def _node(compactor: Compactor, subject: ox.NamedNode | ox.BlankNode,
          pairs: list[tuple[ox.NamedNode, object]]) -> dict[str, Any]:
    node: dict[str, Any] = {"@id": compactor.node_id(subject)}
    types = [compactor.node_id(o) for p, o in pairs if p.value == RDF_TYPE and not isinstance(o, ox.Literal)]
    if types:
        node["@type"] = types[0] if len(types) == 1 else types
    for predicate, obj in pairs:
        if predicate.value == RDF_TYPE and not isinstance(obj, ox.Literal):
            continue
        key, coerce = compactor.key(predicate.value)
        value = compactor.value(obj, coerce)
        if key not in node:
            node[key] = value
        elif isinstance(node[key], list):
            node[key].append(value)
        else:
            node[key] = [node[key], value]
    return node


def write_jsonld(quads: Iterable[ox.Quad], handle: BinaryIO, document: dict[str, Any]) -> None:
    """Quads grouped by graph (default graph first) -> one compacted JSON-LD document."""
    compactor = Compactor.from_document(document)
    context = json.dumps(document["@context"], indent=1, ensure_ascii=False, sort_keys=True)
    handle.write(b'{\n"@context": ' + context.encode() + b',\n"@graph": [')
    state = {"items": 0, "nodes": 0}
    graph: str | None = None  # key of the graph whose block is open ("" = default graph)
    subject: ox.NamedNode | ox.BlankNode | None = None
    pairs: list[tuple[ox.NamedNode, object]] = []

    def emit(text: str, level: str) -> None:
        sep = "," if state[level] else ""
        indent = "\n  " if level == "items" else "\n   "
        handle.write(f"{sep}{indent}{text}".encode())
        state[level] += 1

    def flush_node() -> None:
        if subject is None:
            return
        text = json.dumps(_node(compactor, subject, pairs), ensure_ascii=False)
        emit(text, "nodes" if graph else "items")

    def close_graph() -> None:
        if graph:
            handle.write(b"\n  ]}")

    for quad in quads:
        name = quad.graph_name
        key = "" if isinstance(name, ox.DefaultGraph) else str(name)
        if key != graph or quad.subject != subject:
            flush_node()
            subject, pairs = None, []
        if key != graph:
            close_graph()
            graph = key
            if key:
                emit(json.dumps({"@id": compactor.node_id(name)})[:-1] + ', "@graph": [', "items")  # type: ignore[arg-type]
                state["nodes"] = 0
        if isinstance(quad.subject, ox.Triple):
            raise ExportError(f"JSON-LD export: unsupported quoted triple subject {quad.subject}")
        subject = quad.subject
        pairs.append((quad.predicate, quad.object))
    flush_node()
    close_graph()
    handle.write(b"\n]\n}\n")


@dataclass(frozen=True)
class JsonLdWriter:
    """Named graphs kept as `@graph` blocks; compacted with the shipped context, inlined."""

    name: str = "jsonld"
    description: str = "JSON-LD 1.1, compacted with the shipped msckg context (named graphs kept)"

    def write(self, graph: Path, out: Path, progress: Progress | None = None) -> ExportReport:
        tally = Tally()
        with atomic_file(out) as handle:
            write_jsonld(by_graph(read_quads(graph, progress), tally), handle, shipped_context())
        return ExportReport(self.name, [out], tally.written, tally.graphs)


register(JsonLdWriter())
