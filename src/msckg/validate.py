"""SHACL validation of msckg graphs, with violations traced back to their study and file.

pySHACL does the checking; this module decides what to validate (all named graphs merged, with
the ontology so that class targets follow subclass axioms) and turns pySHACL's report graph into
rows a person can read: focus node, path, message, the study graph, and the curated file.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Mapping
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
from msckg.resources import shapes_file

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
    except Exception as exc:  # noqa: BLE001 - parsers raise many types; the user needs the file name
        raise GraphFileError(f"{path}: cannot parse as {fmt}: {exc}") from exc
    finally:
        rdflib.NORMALIZE_LITERALS = normalize
    return ds


def _short(node: Node | None) -> str:
    return "" if node is None else str(node)


def _is_fact_graph(name: str) -> bool:
    return "/graph/study/" in name or "/graph/ctgov/" in name


def study_batches(ds: Dataset, batch_size: int) -> tuple[Graph, list[list[Graph]]]:
    """Split a dataset into the shared vocabulary (ontology and term graphs) and batches of fact
    graphs. All graphs that describe the same study (a paper and its registry record) stay in
    one batch, because shapes look across them (n against every stated enrollment)."""
    vocab = Graph()
    by_study: dict[Node, list[Graph]] = {}
    loose: list[Graph] = []
    for g in sorted(ds.graphs(), key=lambda g: str(g.identifier)):
        name = str(g.identifier)
        if not _is_fact_graph(name):
            for triple in g:
                vocab.add(triple)
            continue
        studies = sorted(set(g.subjects(RDF.type, MSCKG.ClinicalStudy)))
        if studies:
            by_study.setdefault(studies[0], []).append(g)
        elif len(g):
            loose.append(g)
    groups = list(by_study.values()) + [[g] for g in loose]
    batches, current, size = [], [], 0
    for group in groups:
        current.extend(group)
        size += 1
        if size >= batch_size:
            batches.append(current)
            current, size = [], 0
    if current:
        batches.append(current)
    return vocab, batches


_WORK: tuple[Graph, list[list[Graph]]] | None = None  # read by forked workers (copy-on-write)


def _validate_batch(index: int) -> list[Violation]:
    assert _WORK is not None
    vocab, batches = _WORK
    data = Graph()
    owner: dict[Node, URIRef] = {}
    for triple in vocab:
        data.add(triple)
    for g in batches[index]:
        for s, p, o in g:
            data.add((s, p, o))
            owner[s] = min(owner.get(s, g.identifier), g.identifier)  # type: ignore[arg-type, type-var]
    return _validate(data, owner, {}).violations


def validate_dataset(ds: Dataset, files: Mapping[URIRef, Path | str] | None = None,
                     batch_size: int = 100, workers: int | None = None) -> ValidationReport:
    """Validate every named graph of `ds`; `files` maps fact graphs to the files they came from.

    Shapes only ever look inside one study (its own nodes, plus the ontology and term graphs),
    so studies are validated in batches, in parallel processes, each batch with the shared
    vocabulary. This reports the same violations as one pySHACL run over the whole union (a
    test checks it on a corrupted sample) while staying linear in the number of studies.
    """
    global _WORK
    vocab, batches = study_batches(ds, batch_size)
    if not batches:
        data = Graph()
        for triple in vocab:
            data.add(triple)
        return _validate(data, {}, files or {})
    workers = max(1, min(workers or os.cpu_count() or 1, len(batches)))
    _WORK = (vocab, batches)
    try:
        if workers == 1:
            found = [_validate_batch(i) for i in range(len(batches))]
        else:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                found = pool.map(_validate_batch, range(len(batches)))
    finally:
        _WORK = None
    unique = {(v.focus, v.path, v.component, v.message): v for vs in found for v in vs}
    rows = [Violation(v.focus, v.path, v.message, v.component, v.severity, v.graph,
                      str(files[URIRef(v.graph)]) if files and v.graph and URIRef(v.graph) in files else None)
            for v in unique.values()]
    rows.sort(key=lambda v: (v.graph or "", v.focus, v.path, v.component, v.message))
    return ValidationReport(rows)


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

    def query(self, strOrQuery, initBindings=None, initNs=None, base=None, DEBUG=False):  # type: ignore[no-untyped-def]  # noqa: N803
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


def validate_file(path: Path) -> ValidationReport:
    return validate_dataset(read_graph_file(path))
