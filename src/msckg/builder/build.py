"""Curated studies to a validated RDF dataset on disk.

A build loads every study file, maps each study into its own named graph, adds the ontology and
the external-term slim as two more named graphs (so a built `kg.nq` answers queries on its own),
validates the union with SHACL and only then replaces the previous outputs, atomically.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.compare import to_canonical_graph

from msckg.builder.iris import StudyIris
from msckg.builder.loader import load_studies
from msckg.builder.outcomes import add_outcomes
from msckg.builder.population import add_population
from msckg.builder.provenance import add_documents
from msckg.builder.schema import Study
from msckg.builder.study import add_study
from msckg.builder.terms import term
from msckg.errors import MsckgError, StudyFileError
from msckg.linking.index import term_index
from msckg.linking.slim import terms_graph, used_curies
from msckg.namespaces import DEFAULT_BASE, INST, MSCKG, RDF, bind_prefixes
from msckg.resources import bundled_studies_dir, ontology_files
from msckg.validate import ValidationReport, validate_dataset


def ontology_graph_iri(base: str) -> URIRef:
    return URIRef(f"{base}graph/ontology")


def terms_graph_iri(base: str) -> URIRef:
    return URIRef(f"{base}graph/terms")


def load_ontology() -> Graph:
    """The shipped ontology: classes, properties, design values and instruments."""
    onto = Graph()
    for res in ontology_files():
        onto.parse(data=res.read_text(encoding="utf-8"), format="turtle")
    return onto


def study_curies(study: Study) -> set[str]:
    """The MONDO, CL and UBERON terms a curated study names."""
    return ({c.term for c in study.conditions} | {p.cell_type for p in study.products}
            | {p.tissue for p in study.products if p.tissue})


def _check_vocabulary(path: Path, study: Study, onto: Graph) -> None:
    """Every instrument and external term a study names must exist in the shipped vocabulary."""
    for i, ep in enumerate(study.endpoints):
        if (INST[ep.instrument], RDF.type, MSCKG.Instrument) not in onto:
            raise StudyFileError(path, study.id, f"endpoints[{i}].instrument",
                                 f"unknown instrument {ep.instrument!r} (see ontology/instruments.ttl)")
    for i, crit in enumerate(study.eligibility):
        if crit.instrument and (INST[crit.instrument], RDF.type, MSCKG.Instrument) not in onto:
            raise StudyFileError(path, study.id, f"eligibility[{i}].instrument",
                                 f"unknown instrument {crit.instrument!r}")
    refs = [(f"conditions[{i}].term", c.term) for i, c in enumerate(study.conditions)]
    refs += [(f"products[{i}].cell_type", p.cell_type) for i, p in enumerate(study.products)]
    refs += [(f"products[{i}].tissue", p.tissue) for i, p in enumerate(study.products) if p.tissue]
    index = term_index()
    for field_name, curie in refs:
        try:
            term(curie)
        except ValueError as exc:
            raise StudyFileError(path, study.id, field_name, str(exc)) from exc
        rec = index.get(curie)
        if rec is None:
            raise StudyFileError(path, study.id, field_name, f"{curie} is not in the shipped MONDO/CL/UBERON index")
        if rec.deprecated:
            hint = f"; use {rec.replaced_by}" if rec.replaced_by else ""
            raise StudyFileError(path, study.id, field_name, f"{curie} ({rec.label}) is obsolete{hint}")


def study_graph(study: Study, base: str = DEFAULT_BASE) -> Graph:
    """One study as RDF: the triples of its named graph."""
    iris = StudyIris(base, study.id)
    g = Graph(identifier=iris.graph)
    add_documents(g, iris, study)
    add_study(g, iris, study)
    add_population(g, iris, study)
    add_outcomes(g, iris, study)
    return g


def build_dataset(studies: list[tuple[Path, Study]], base: str = DEFAULT_BASE,
                  registry: Mapping[URIRef, Graph] | None = None) -> Dataset:
    """All studies, each in its own named graph, registry records likewise, plus the ontology
    and the closure of the external terms they use."""
    onto = load_ontology()
    curies: set[str] = set()
    for path, study in studies:
        _check_vocabulary(path, study, onto)
        curies |= study_curies(study)
    for graph in (registry or {}).values():
        curies |= used_curies(graph)
    terms = terms_graph(curies)
    ds = Dataset()
    bind_prefixes(ds, base)
    for iri, graph in ((ontology_graph_iri(base), onto), (terms_graph_iri(base), terms)):
        ctx = ds.graph(iri)
        # OWL restrictions and lists are blank nodes; canonical labels keep the bytes stable
        for triple in to_canonical_graph(graph):
            ctx.add(triple)
    for _path, study in studies:
        ctx = ds.graph(StudyIris(base, study.id).graph)
        for triple in study_graph(study, base):
            ctx.add(triple)
    for iri, graph in sorted((registry or {}).items()):
        ctx = ds.graph(iri)
        for triple in graph:
            ctx.add(triple)
    return ds


def serialize_nquads(ds: Dataset) -> str:
    """N-Quads with lines sorted: the same dataset always gives the same bytes."""
    text = ds.serialize(format="nquads")
    lines = sorted({line for line in text.splitlines() if line.strip()})
    return "\n".join(lines) + "\n"


PRETTY_TURTLE_LIMIT = 100_000  # rdflib's pretty Turtle writer takes ~75 s for 250k triples


def serialize_turtle(ds: Dataset, base: str = DEFAULT_BASE, nquads: str | None = None) -> str:
    """All named graphs merged into one Turtle document (Turtle cannot hold graph names).

    Up to PRETTY_TURTLE_LIMIT triples this is rdflib's grouped, prefixed Turtle; beyond it, the
    sorted N-Triples lines (which are valid Turtle) are written instead: same triples, same
    determinism, written in seconds rather than minutes. `nquads` reuses an N-Quads text already
    written for the same dataset instead of serialising it again.
    """
    if len(ds) > PRETTY_TURTLE_LIMIT:
        text = nquads if nquads is not None else serialize_nquads(ds)
        lines = {_drop_graph(line) for line in text.splitlines() if line.strip()}
        return "".join(sorted(line + "\n" for line in lines))
    merged = Graph()
    bind_prefixes(merged, base)
    for quad in ds.quads((None, None, None, None)):
        merged.add(quad[:3])
    return merged.serialize(format="turtle")


def _drop_graph(line: str) -> str:
    """An N-Quads line as an N-Triples line: without its trailing graph IRI, if it has one."""
    body, _, last = line.rstrip(" .").rpartition(" ")
    return f"{body} ." if last.startswith("<") and body.count(" ") >= 2 else line


@dataclass
class BuildSummary:
    studies: int
    triples: int
    graphs: int
    report: ValidationReport
    outputs: list[Path] = field(default_factory=list)
    seconds: float = 0.0
    registry_records: int = 0
    import_errors: list[MsckgError] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.report.conforms


def _write_atomically(files: dict[Path, str]) -> None:
    """Write every file beside its target, then rename over it: no half-written outputs."""
    temps: list[tuple[Path, Path]] = []
    try:
        for target, text in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
            temps.append((Path(tmp), target))
        for tmp, target in temps:
            os.replace(tmp, target)
    finally:
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)


def build(studies_dir: Path | None = None, out_dir: Path = Path("build"), base: str = DEFAULT_BASE,
          ctgov: Sequence[Path] = (), strict: bool = False, include_studies: bool = True,
          outputs: Mapping[Path, str] | None = None) -> BuildSummary:
    """Build, validate, and write the outputs only if the graph conforms.

    `ctgov` adds ClinicalTrials.gov files: a record with the NCT id of a curated study joins that
    study, each source in its own named graph. Records that cannot be mapped are reported in the
    summary and left out (`strict` raises on the first). With `include_studies=False` only the
    registry records are written (their IRIs still follow the curated studies). `outputs` maps
    files to formats ("nquads" or "turtle"); the default is `out_dir/kg.nq` and `out_dir/kg.ttl`.
    On violations the previous outputs stay untouched and the summary carries the report.
    """
    from msckg.ctgov.importer import curated_registrations, import_ctgov

    start = time.perf_counter()
    studies = load_studies(studies_dir or bundled_studies_dir())
    imported = import_ctgov(ctgov, base, curated_registrations(s for _, s in studies), strict) if ctgov else None
    included = studies if include_studies else []
    ds = build_dataset(included, base, imported.graphs if imported else None)
    files: dict[URIRef, str] = {StudyIris(base, s.id).graph: str(p) for p, s in included}
    if imported:
        files |= {iri: f"ClinicalTrials.gov record {str(iri).rsplit('/', 1)[1]}" for iri in imported.graphs}
    report = validate_dataset(ds, files=files)
    distinct = {s for s, _p, _o, _g in ds.quads((None, RDF.type, MSCKG.ClinicalStudy, None))}
    summary = BuildSummary(studies=len(distinct), triples=len(ds),
                           graphs=len(list(ds.graphs())) - 1, report=report)
    if imported:
        summary.registry_records, summary.import_errors, summary.duplicates = (
            imported.records, imported.errors, imported.duplicates)
    if report.conforms:
        targets = outputs or {out_dir / "kg.nq": "nquads", out_dir / "kg.ttl": "turtle"}
        nquads = serialize_nquads(ds)
        texts = {path: nquads if fmt == "nquads" else serialize_turtle(ds, base, nquads)
                 for path, fmt in targets.items()}
        _write_atomically(texts)
        summary.outputs = list(texts)
    summary.seconds = time.perf_counter() - start
    return summary
