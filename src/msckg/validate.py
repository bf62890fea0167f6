"""SHACL validation of msckg graphs, with violations traced back to their study and file.

pySHACL does the checking; this module decides what to validate (all named graphs merged, with
the ontology so that class targets follow subclass axioms) and turns pySHACL's report graph into
rows a person can read: focus node, path, message, the study graph, and the curated file.
"""

from __future__ import annotations

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
from msckg.namespaces import SH
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


def validate_dataset(ds: Dataset, files: Mapping[URIRef, Path | str] | None = None) -> ValidationReport:
    """Validate every named graph of `ds` together; `files` maps study graphs to curated files."""
    data = Graph()
    owner: dict[Node, URIRef] = {}
    for s, p, o, g in ds.quads((None, None, None, None)):
        data.add((s, p, o))
        if g is not None and isinstance(g, URIRef) and ("/graph/study/" in str(g) or "/graph/ctgov/" in str(g)):
            owner.setdefault(s, g)
    return _validate(data, owner, files or {})


def validate_graph(graph: Graph) -> ValidationReport:
    """Validate a plain graph (no named graphs to trace violations back to)."""
    return _validate(graph, {}, {})


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
