"""SHACL validation of msckg graphs, with violations traced back to their study and file.

pySHACL does the checking; this module decides what to validate (all named graphs merged, with
the ontology so that class targets follow subclass axioms) and turns pySHACL's report graph into
rows a person can read: focus node, path, message, the study graph, and the curated file.
"""

from __future__ import annotations

import multiprocessing
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyshacl
import rdflib
from rdflib import Dataset, Graph, URIRef
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.processor import SPARQLProcessor
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from msckg.errors import GraphFileError
from msckg.namespaces import MSCKG, RDF, SH
from msckg.progress import Progress
from msckg.resources import shapes_file
from msckg.shacl_compiled import CompiledShapes, Finding

Triple = tuple[Node, Node, Node]

FORMATS = {".nq": "nquads", ".trig": "trig", ".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld",
           ".rdf": "xml", ".owl": "xml"}


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str
    component: str
    severity: str
    graph: str | None
    file: str | None


@dataclass
class ValidationReport:
    violations: list[Violation] = field(default_factory=list)
    graphs: int = 0  # fact graphs (studies, registry records) checked, for summaries

    @property
    def conforms(self) -> bool:
        return not self.violations


def shapes_graph() -> Graph:
    return Graph().parse(data=shapes_file().read_text(encoding="utf-8"), format="turtle")


def read_graph_file(path: Path) -> Dataset:
    """Read N-Quads, TriG, Turtle, N-Triples, JSON-LD or RDF/XML by file extension."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise GraphFileError(f"{path}: unknown graph format {path.suffix!r} (use one of {', '.join(FORMATS)})")
    ds = Dataset()
    normalize = rdflib.NORMALIZE_LITERALS
    rdflib.NORMALIZE_LITERALS = False  # keep reported forms: P12M stays P12M, 0.030 stays 0.030
    try:
        ds.parse(path, format=fmt)
    except FileNotFoundError as exc:
        raise GraphFileError(f"{path}: no such file (run `msckg build` first?)") from exc
    except Exception as exc:
        raise GraphFileError(f"{path}: cannot parse as {fmt}: {exc}") from exc
    finally:
        rdflib.NORMALIZE_LITERALS = normalize
    return ds


def _short(node: Node | None) -> str:
    return "" if node is None else str(node)


def _is_fact_graph(name: str) -> bool:
    return "/graph/study/" in name or "/graph/ctgov/" in name


def split_dataset(ds: Dataset) -> tuple[Graph, dict[URIRef, list[Triple]]]:
    """The shared vocabulary (ontology and term graphs) and the fact graphs' triples, by graph."""
    vocab = Graph()
    facts: dict[URIRef, list[Triple]] = {}
    for s, p, o, g in ds.quads((None, None, None, None)):
        name = g.identifier if isinstance(g, Graph) else g
        if isinstance(name, URIRef) and _is_fact_graph(str(name)):
            facts.setdefault(name, []).append((s, p, o))
        else:
            vocab.add((s, p, o))
    return vocab, facts


def study_batches(facts: Mapping[URIRef, Iterable[Triple]], batch_size: int) -> list[list[tuple[URIRef, list[Triple]]]]:
    """Batches of fact graphs. All graphs that describe the same study (a paper and its registry
    record) stay in one batch, because shapes look across them (n against every stated
    enrollment)."""
    rdf_type, study_class = str(RDF.type), str(MSCKG.ClinicalStudy)  # str equality: C speed
    by_study: dict[Node, list[tuple[URIRef, list[Triple]]]] = {}
    loose: list[list[tuple[URIRef, list[Triple]]]] = []
    for name in sorted(facts, key=str):
        triples = list(facts[name])
        studies = sorted(s for s, p, o in triples
                         if str.__eq__(p, rdf_type) and type(o) is URIRef and str.__eq__(o, study_class))
        if studies:
            by_study.setdefault(studies[0], []).append((name, triples))
        elif triples:
            loose.append([(name, triples)])
    groups = list(by_study.values()) + loose
    batches: list[list[tuple[URIRef, list[Triple]]]] = []
    current: list[tuple[URIRef, list[Triple]]] = []
    size = 0
    for group in groups:
        current.extend(group)
        size += 1
        if size >= batch_size:
            batches.append(current)
            current, size = [], 0
    if current:
        batches.append(current)
    return batches


_WORK: tuple[Graph, list[list[tuple[URIRef, list[Triple]]]]] | None = None  # read by forked workers (copy-on-write)
_COMPILED: CompiledShapes | None = None
_SPARQL_PREDICATES: frozenset[Node] = frozenset()


def _owners(graphs: list[tuple[URIRef, list[Triple]]]) -> dict[Node, URIRef]:
    """The graph each subject is reported under: the first by name when sources share a node."""
    owner: dict[Node, URIRef] = {}
    for name, triples in sorted(graphs, key=lambda graph: str(graph[0])):  # first by name wins
        for s, _p, _o in triples:
            owner.setdefault(s, name)
    return owner


def _row(f: Finding, owner: Mapping[Node, URIRef]) -> Violation:
    graph = owner.get(f.focus)
    return Violation(focus=_short(f.focus), path=_short(f.path), message=f.message, component=f.component,
                     severity="Violation", graph=_short(graph) or None, file=None)


def _compiled_batch(index: int) -> list[Violation]:
    """Core constraints on an index of the batch, SPARQL constraints on a slim batch graph."""
    assert _WORK is not None and _COMPILED is not None
    graphs = _WORK[1][index]
    owner = _owners(graphs)
    findings = _COMPILED.validate_unit(t for _name, triples in graphs for t in triples)
    slim = Graph(store="SimpleMemory")  # adds and queries only; no contexts needed
    wanted = _SPARQL_PREDICATES
    for _name, triples in graphs:
        for t in triples:
            if t[1] in wanted:
                slim.add(t)
    findings.extend(_COMPILED.validate_sparql(slim))
    return [_row(f, owner) for f in findings]


def _sparql_predicates(compiled: CompiledShapes) -> frozenset[Node]:
    """Every IRI a SPARQL constraint mentions (a superset of the predicates it reads), and rdf:type."""
    found: set[Node] = {RDF.type}
    for c in compiled.sparql:
        for prefix, local in re.findall(r"\b([A-Za-z][\w-]*):([A-Za-z_][\w-]*)", c.query):
            if prefix in c.prefixes:
                found.add(URIRef(str(c.prefixes[prefix]) + local))
        found.update(URIRef(iri) for iri in re.findall(r"<([^<>\s]+)>", c.query))
    return frozenset(found)


def _validate_batch(index: int) -> list[Violation]:
    assert _WORK is not None
    vocab, batches = _WORK
    data = Graph()
    for triple in vocab:
        data.add(triple)
    for _name, triples in batches[index]:
        for triple in triples:
            data.add(triple)
    return _validate(data, _owners(batches[index]), {}).violations


def validate_dataset(ds: Dataset, files: Mapping[URIRef, Path | str] | None = None,
                     batch_size: int = 100, workers: int | None = None,
                     engine: str = "compiled", progress: Progress | None = None) -> ValidationReport:
    """Validate every named graph of `ds`; `files` maps fact graphs to the files they came from."""
    vocab, facts = split_dataset(ds)
    return validate_graphs(vocab, facts, files, batch_size, workers, engine, progress=progress)


def validate_graphs(vocab: Graph, facts: Mapping[URIRef, Iterable[Triple]],
                    files: Mapping[URIRef, Path | str] | None = None, batch_size: int = 100,
                    workers: int | None = None, engine: str = "compiled",
                    check_vocabulary: bool = True, progress: Progress | None = None,
                    compiled: CompiledShapes | None = None) -> ValidationReport:
    """Validate fact graphs (by graph IRI) against the shapes, with the shared vocabulary.

    Shapes only ever look inside one study (its own nodes, plus the ontology and term graphs),
    so studies are validated in batches, in parallel processes, each batch with the shared
    vocabulary. This reports the same violations as one pySHACL run over the whole union (a
    test checks it on a corrupted sample) while staying linear in the number of studies.

    `engine="compiled"` (default) evaluates the shapes with `msckg.shacl_compiled`, many times
    faster; `engine="pyshacl"` runs pySHACL on each batch. Both report the same findings.
    `check_vocabulary=False` leaves out the vocabulary's own nodes (a build checks them once).
    `progress(graphs done, graphs)` is called as each batch finishes. `compiled` reuses shapes
    compiled earlier (over `vocab`'s terms) instead of compiling them again.
    """
    global _WORK, _COMPILED, _SPARQL_PREDICATES
    if engine not in ("compiled", "pyshacl"):
        raise ValueError(f"unknown validation engine {engine!r}")
    batches = study_batches(facts, batch_size)
    extra: list[Violation] = []
    if engine == "compiled":
        _COMPILED = compiled if compiled is not None else CompiledShapes(shapes_graph(), vocab)
        _SPARQL_PREDICATES = _sparql_predicates(_COMPILED)
        if check_vocabulary:
            extra = [_row(f, {}) for f in _COMPILED.validate_vocabulary()]
    elif not batches:
        return _validate(vocab, {}, files or {})
    workers = max(1, min(workers or os.cpu_count() or 1, len(batches) or 1))
    _WORK = (vocab, batches)
    task = _compiled_batch if engine == "compiled" else _validate_batch
    sizes = [len(batch) for batch in batches]
    found: list[list[Violation]] = []
    try:
        if workers == 1 or len(batches) <= 1:
            results: Iterable[list[Violation]] = (task(i) for i in range(len(batches)))
            found = _collect(results, sizes, progress)
        else:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                found = _collect(pool.imap(task, range(len(batches))), sizes, progress)
    finally:
        _WORK = None
        _COMPILED = None
    found.append(extra)
    unique = {(v.focus, v.path, v.component, v.message): v for vs in found for v in vs}
    rows = [Violation(v.focus, v.path, v.message, v.component, v.severity, v.graph,
                      str(files[URIRef(v.graph)]) if files and v.graph and URIRef(v.graph) in files else None)
            for v in unique.values()]
    rows.sort(key=lambda v: (v.graph or "", v.focus, v.path, v.component, v.message))
    return ValidationReport(rows, graphs=sum(sizes))


def _collect(results: Iterable[list[Violation]], sizes: list[int], progress: Progress | None) -> list[list[Violation]]:
    """The batches' findings in batch order, reporting graphs done after each batch."""
    found, done = [], 0
    for size, violations in zip(sizes, results, strict=True):
        found.append(violations)
        done += size
        if progress is not None:
            progress(done, sum(sizes))
    return found


def validate_whole(ds: Dataset, files: Mapping[URIRef, Path | str] | None = None) -> ValidationReport:
    """One pySHACL run over the union of all graphs: the reference the batched path must match."""
    data = Graph()
    owner: dict[Node, URIRef] = {}
    for s, p, o, g in ds.quads((None, None, None, None)):
        data.add((s, p, o))
        if g is not None and isinstance(g, URIRef) and _is_fact_graph(str(g)):
            owner[s] = min(owner.get(s, g), g)  # a node two sources share: the first graph by name
    return _validate(data, owner, files or {})


@contextmanager
def _prepared_query_cache() -> Iterator[None]:
    """Reuse the parsed algebra of each SPARQL constraint across focus nodes.

    pySHACL hands rdflib the constraint's text once per focus node, and rdflib parses it every
    time (about 30 ms each; 9 of 12 s of a seed validation). rdflib's prepared queries are made to
    be evaluated many times, so caching the translation changes speed, not results.
    """
    original = SPARQLProcessor.query
    cache: dict[tuple[str, str | None, tuple[tuple[str, str], ...]], Query] = {}

    def query(self, strOrQuery, initBindings=None, initNs=None, base=None, DEBUG=False):  # type: ignore[no-untyped-def]
        if isinstance(strOrQuery, str):
            key = (strOrQuery, base, tuple(sorted((k, str(v)) for k, v in (initNs or {}).items())))
            if key not in cache:
                cache[key] = translateQuery(parseQuery(strOrQuery), base, initNs)
            strOrQuery = cache[key]
        return original(self, strOrQuery, initBindings, initNs, base, DEBUG)

    SPARQLProcessor.query = query  # type: ignore[method-assign]
    try:
        yield
    finally:
        SPARQLProcessor.query = original  # type: ignore[method-assign]


def validate_vocabulary(vocab: Graph) -> list[Violation]:
    """Findings on the vocabulary graphs' own nodes (compiled engine)."""
    return [_row(f, {}) for f in CompiledShapes(shapes_graph(), vocab).validate_vocabulary()]


def _validate(data: Graph, owner: dict[Node, URIRef], files: Mapping[URIRef, Path | str]) -> ValidationReport:
    with _prepared_query_cache():
        _conforms, results, _text = pyshacl.validate(
            data, shacl_graph=shapes_graph(), inference="none", advanced=True, allow_warnings=True
        )
    rows = []
    for res in results.subjects(SH.resultSeverity, None):
        focus = results.value(res, SH.focusNode)
        graph = owner.get(focus) if focus is not None else None
        rows.append(Violation(
            focus=_short(focus),
            path=_short(results.value(res, SH.resultPath)),
            message=_short(results.value(res, SH.resultMessage)),
            component=_short(results.value(res, SH.sourceConstraintComponent)).rsplit("#", 1)[-1],
            severity=_short(results.value(res, SH.resultSeverity)).rsplit("#", 1)[-1],
            graph=_short(graph) or None,
            file=str(files[graph]) if graph in files else None,
        ))
    rows.sort(key=lambda v: (v.graph or "", v.focus, v.path, v.component, v.message))
    return ValidationReport(rows)


def validate_file(path: Path, engine: str = "compiled", progress: Progress | None = None) -> ValidationReport:
    """Read and validate a graph file; `progress(graphs done, graphs)` once it is read.

    The compiled engine reads N-Quads, TriG, Turtle and N-Triples with pyoxigraph's parser into
    per-graph triple lists (seconds where an rdflib Dataset takes ~20 s for the registry build);
    other formats, and the pySHACL engine, go through rdflib."""
    if engine == "compiled" and path.suffix.lower() in _FAST_FORMATS:
        vocab, facts = read_graph_file_split(path)
        return validate_graphs(vocab, facts, engine=engine, progress=progress)
    return validate_dataset(read_graph_file(path), engine=engine, progress=progress)


_FAST_FORMATS = {".nq": "N_QUADS", ".trig": "TRIG", ".ttl": "TURTLE", ".nt": "N_TRIPLES"}


def read_graph_file_split(path: Path) -> tuple[Graph, dict[URIRef, list[Triple]]]:
    """A graph file as (vocabulary graph, fact graphs' triples by graph IRI), read by pyoxigraph.

    pyoxigraph's parser (unlike its Store) keeps every literal's lexical form; terms are turned
    into rdflib terms with `normalize=False`, so `0.030` stays `0.030`, as `read_graph_file` keeps it.
    """
    import pyoxigraph as ox

    fmt = getattr(ox.RdfFormat, _FAST_FORMATS[path.suffix.lower()])
    iris: dict[str, URIRef] = {}
    literals: dict[object, Node] = {}

    def term(t: object) -> Node:
        if isinstance(t, ox.NamedNode):
            found = iris.get(t.value)
            if found is None:
                found = iris[t.value] = URIRef(t.value)
            return found
        if isinstance(t, ox.Literal):
            lit = literals.get(t)
            if lit is None:
                if t.language:
                    lit = rdflib.Literal(t.value, lang=t.language)
                elif t.datatype.value == _XSD_STRING:
                    lit = rdflib.Literal(t.value)
                else:
                    lit = rdflib.Literal(t.value, datatype=URIRef(t.datatype.value), normalize=False)
                if len(literals) < 1_000_000:
                    literals[t] = lit
            return lit
        if isinstance(t, ox.BlankNode):
            return rdflib.BNode(t.value)
        raise GraphFileError(f"{path}: unsupported term {t!r}")

    vocab = Graph()
    facts: dict[URIRef, list[Triple]] = {}
    buckets: dict[str, list[Triple] | None] = {}  # graph IRI -> its fact list, None for vocabulary
    try:
        with path.open("rb") as handle:
            for quad in ox.parse(handle, fmt):
                graph = quad.graph_name
                key = graph.value if isinstance(graph, ox.NamedNode) else ""
                if key in buckets:
                    bucket = buckets[key]
                else:
                    bucket = buckets[key] = facts.setdefault(URIRef(key), []) if key and _is_fact_graph(key) else None
                triple = (term(quad.subject), term(quad.predicate), term(quad.object))
                if bucket is None:
                    vocab.add(triple)
                else:
                    bucket.append(triple)
    except FileNotFoundError as exc:
        raise GraphFileError(f"{path}: no such file (run `msckg build` first?)") from exc
    except (SyntaxError, ValueError, OSError) as exc:
        raise GraphFileError(f"{path}: cannot parse as {fmt.name}: {exc}") from exc
    return vocab, facts


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
