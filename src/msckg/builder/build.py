"""Curated studies to a validated RDF dataset on disk.

A build loads every study file, maps each study into its own named graph, adds the ontology and
the external-term slim as two more named graphs (so a built `kg.nq` answers queries on its own),
validates the union with SHACL and only then replaces the previous outputs, atomically.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.plugins.serializers.nt import _quoteLiteral
from rdflib.term import Node

from msckg.builder.cache import BuildCache, Entry
from msckg.builder.iris import StudyIris
from msckg.builder.loader import load_studies
from msckg.builder.outcomes import add_outcomes
from msckg.builder.pipeline import merged_blocks, triple_lines
from msckg.builder.population import add_population
from msckg.builder.provenance import add_documents
from msckg.builder.schema import Study
from msckg.builder.study import add_study
from msckg.builder.terms import term
from msckg.builder.triples import FactGraph
from msckg.errors import MsckgError, StudyFileError
from msckg.linking.index import term_index
from msckg.linking.slim import terms_graph, used_curies
from msckg.namespaces import DEFAULT_BASE, INST, MSCKG, RDF, bind_prefixes
from msckg.resources import bundled_studies_dir, ontology_files
from msckg.validate import ValidationReport, Violation


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
    return study_triples(study, base).to_graph()


def study_triples(study: Study, base: str = DEFAULT_BASE) -> FactGraph:
    """`study_graph` without rdflib's store (what the build's workers use)."""
    iris = StudyIris(base, study.id)
    g = FactGraph(iris.graph)
    add_documents(g, iris, study)
    add_study(g, iris, study)
    add_population(g, iris, study)
    add_outcomes(g, iris, study)
    return g


@dataclass
class Assembled:
    """A build's graphs before they meet any store: vocabulary graphs and fact graphs by IRI.

    Kept as separate rdflib graphs because rdflib's Dataset checks graph membership triple by
    triple (iterating one of 1,100 named graphs walks them all); validation and serialisation
    read these directly, and `dataset()` makes a Dataset only for callers that want one.
    """

    vocabulary: dict[URIRef, Graph]
    facts: dict[URIRef, Graph]
    base: str = DEFAULT_BASE

    def graphs(self) -> list[tuple[URIRef, Graph]]:
        return sorted({**self.vocabulary, **self.facts}.items())

    def dataset(self) -> Dataset:
        ds = Dataset()
        bind_prefixes(ds, self.base)
        for iri, graph in self.graphs():
            ctx = ds.graph(iri)
            for triple in graph:
                ctx.add(triple)
        return ds


def assemble(studies: list[tuple[Path, Study]], base: str = DEFAULT_BASE,
             registry: Mapping[URIRef, Graph] | None = None) -> Assembled:
    """All studies, each in its own named graph, registry records likewise, plus the ontology
    and the closure of the external terms they use."""
    onto = load_ontology()
    curies: set[str] = set()
    for path, study in studies:
        _check_vocabulary(path, study, onto)
        curies |= study_curies(study)
    for graph in (registry or {}).values():
        curies |= used_curies(graph)
    vocabulary = {}
    for iri, graph in ((ontology_graph_iri(base), onto), (terms_graph_iri(base), terms_graph(curies))):
        # OWL restrictions and lists are blank nodes; canonical labels keep the bytes stable
        canonical = Graph(identifier=iri)
        for triple in to_canonical_graph(graph):
            canonical.add(triple)
        vocabulary[iri] = canonical
    facts: dict[URIRef, Graph] = {}
    for _path, study in studies:
        facts[StudyIris(base, study.id).graph] = study_graph(study, base)
    for iri, graph in (registry or {}).items():
        facts[iri] = graph
    return Assembled(vocabulary, facts, base)


def build_dataset(studies: list[tuple[Path, Study]], base: str = DEFAULT_BASE,
                  registry: Mapping[URIRef, Graph] | None = None) -> Dataset:
    """`assemble` as an rdflib Dataset (the form notebooks and tests like to hold)."""
    return assemble(studies, base, registry).dataset()


def nquads_lines(graphs: Iterable[tuple[URIRef, Graph]]) -> list[str]:
    """Sorted, distinct N-Quads lines of the given named graphs (the bytes of kg.nq)."""
    lines: set[str] = set()
    for iri, graph in graphs:
        name = iri.n3()
        for s, p, o in graph:
            lines.add(f"{s.n3()} {p.n3()} {_nt_object(o)} {name} .")
    return sorted(lines)


def _nt_object(o: Node) -> str:
    return _quoteLiteral(o) if isinstance(o, Literal) else o.n3()


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
    quads: int = 0
    stages: dict[str, float] = field(default_factory=dict)
    units: int = 0  # studies and records validated together (see msckg.builder.cache)
    reused: int = 0  # units taken from the build cache instead of being mapped and validated

    @property
    def ok(self) -> bool:
        return self.report.conforms


def _write_atomically(files: Mapping[Path, Callable[[], Iterable[str]]]) -> None:
    """Write every file beside its target, then rename over it: no half-written outputs.

    Each file's text comes as an iterable of pieces, so a large build streams to disk."""
    temps: list[tuple[Path, Path]] = []
    try:
        for target, pieces in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
            temps.append((Path(tmp), target))
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; outputs are ordinary files
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                for piece in pieces():
                    fh.write(piece)
        for tmp, target in temps:
            os.replace(tmp, target)
    finally:
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)


DISTINCT_COUNT_LIMIT = 2_000_000  # above this many quads, the summary counts quads, not distinct triples


def build(studies_dir: Path | None = None, out_dir: Path = Path("build"), base: str = DEFAULT_BASE,
          ctgov: Sequence[Path] = (), strict: bool = False, include_studies: bool = True,
          outputs: Mapping[Path, str] | None = None, workers: int | None = None,
          progress: Callable[[int, int], None] | None = None, cache: bool = True) -> BuildSummary:
    """Build, validate, and write the outputs only if the graph conforms.

    `ctgov` adds ClinicalTrials.gov files: a record with the NCT id of a curated study joins that
    study, each source in its own named graph. Records that cannot be mapped are reported in the
    summary and left out (`strict` raises on the first). With `include_studies=False` only the
    registry records are written (their IRIs still follow the curated studies). `outputs` maps
    files to formats ("nquads" or "turtle"); the default is `out_dir/kg.nq` and `out_dir/kg.ttl`.
    On violations the previous outputs stay untouched and the summary carries the report.
    Studies are mapped and validated in chunks by `workers` processes (default: one per core);
    `progress(done, total)` is called as chunks of studies and records finish.
    With `cache` (the default) units that mapped and validated cleanly are kept in
    `out_dir/.msckg-cache/` and reused while their inputs and msckg itself are unchanged, so a
    rebuild after editing one study maps and validates only that study (msckg.builder.cache).
    """
    from msckg.builder.cache import CACHE_DIR, BuildCache
    from msckg.ctgov.importer import curated_registrations, read_ctgov

    start = time.perf_counter()
    stages: dict[str, float] = {}
    studies = load_studies(studies_dir or bundled_studies_dir())
    onto = load_ontology()
    included = studies if include_studies else []
    for path, study in included:
        _check_vocabulary(path, study, onto)
    curated = curated_registrations(s for _, s in studies)
    n_records, records, duplicates, errors = read_ctgov(ctgov, strict) if ctgov else (0, [], [], [])
    stages["read"] = time.perf_counter() - start
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".shards-", dir=out_dir))
    try:
        cache_dir = out_dir / CACHE_DIR if cache else None
        summary, shards, keys = _build_shards(included, records, curated, strict, onto, base, staging, workers,
                                              stages, progress, cache_dir)
        if ctgov:
            summary.registry_records, summary.duplicates = n_records, duplicates
            summary.import_errors = errors + summary.import_errors
        if summary.report.conforms:
            targets = outputs or {out_dir / "kg.nq": "nquads", out_dir / "kg.ttl": "turtle"}

            def nquads() -> Iterator[str]:
                for _iri, lines in merged_blocks(shards):
                    yield "".join(lines)

            def turtle() -> Iterator[str]:
                if summary.quads <= PRETTY_TURTLE_LIMIT:
                    yield _pretty_turtle("".join(line for _iri, lines in merged_blocks(shards) for line in lines), base)
                else:  # N-Triples lines are valid Turtle; a triple two graphs share may repeat
                    for iri, lines in merged_blocks(shards):
                        yield "".join(triple_lines(iri, lines))

            t0 = time.perf_counter()
            _write_atomically({path: nquads if fmt == "nquads" else turtle for path, fmt in targets.items()})
            stages["write"] = time.perf_counter() - t0
            summary.outputs = list(targets)
            if cache_dir is not None:
                BuildCache(cache_dir).keep_only(keys)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    summary.seconds = time.perf_counter() - start
    return summary


def _build_shards(included: list[tuple[Path, Study]], records: list, curated: dict[str, str], strict: bool,
                  onto: Graph, base: str, staging: Path, workers: int | None, stages: dict[str, float],
                  progress: Callable[[int, int], None] | None,
                  cache_dir: Path | None = None) -> tuple[BuildSummary, list[Entry], set[str]]:
    """Map and validate in chunks the units the cache does not hold, then the vocabulary graphs.

    Clean units go to `cache` (reused by the next build); units with a skipped record go to
    `staging`, which the caller removes."""
    from msckg.builder.cache import plan_units, vocabulary_key
    from msckg.builder.pipeline import plan_chunks, run_chunks

    counts: dict[str, int] = {}
    shards: list[Entry] = []
    curies: set[str] = set()
    violations: list[Violation] = []
    errors: list[MsckgError] = []
    n_studies = 0
    t0 = time.perf_counter()
    store = BuildCache(cache_dir if cache_dir is not None else staging / "units")
    units = plan_units(included, records, curated, base)
    entries: dict[str, Entry | None] = {}
    if cache_dir is not None:
        for unit in units:
            if (entry := store.get(unit.key)) is not None:
                entries[unit.key] = entry
    todo = [unit for unit in units if unit.key not in entries]
    stages["hash"] = time.perf_counter() - t0
    reused = len(units) - len(todo)
    chunks = plan_chunks(todo)
    total, done = sum(u.size for u in units), sum(u.size for u in units if u.key in entries)
    if progress is not None and done:
        progress(done, total)
    t0 = time.perf_counter()
    results = run_chunks(chunks, base, curated, strict, onto, store, BuildCache(staging / "skipped"), workers)
    for chunk, result in zip(chunks, results, strict=True):
        done += sum(u.size for u in chunk.units)
        if progress is not None:
            progress(done, total)
        for unit, entry in zip(chunk.units, result.entries, strict=True):
            entries[unit.key] = entry
        for step, secs in result.seconds.items():
            stages[f"{step} cpu"] = stages.get(f"{step} cpu", 0.0) + secs
        violations += result.violations
        errors += result.errors
    for unit in units:  # plan order; the merge orders graphs by name
        entry = entries.get(unit.key)
        if entry is None:
            continue
        counts.update(entry.graphs)
        shards.append(entry)
        curies |= entry.curies
        n_studies += entry.studies
    stages["map+validate"] = time.perf_counter() - t0
    vocab_key = vocabulary_key(curies, base)
    vocab = store.get(vocab_key) if cache_dir is not None else None
    if vocab is None:
        vocab, found = _vocabulary(onto, curies, base, store, BuildCache(staging / "vocabulary"), vocab_key)
        violations += found
    counts.update(vocab.graphs)
    shards.append(vocab)
    violations.sort(key=lambda v: (v.graph or "", v.focus, v.path, v.component, v.message))
    quads = sum(counts.values())
    if quads <= DISTINCT_COUNT_LIMIT:
        triples = len({line for iri, lines in merged_blocks(shards) for line in triple_lines(iri, lines)})
    else:
        triples = quads
    summary = BuildSummary(studies=n_studies, triples=triples, graphs=len(counts), report=ValidationReport(violations),
                           quads=quads, stages=stages, units=len(units), reused=reused)
    summary.import_errors = errors
    return summary, shards, {unit.key for unit in units} | {vocab_key}


def _vocabulary(onto: Graph, curies: set[str], base: str, store: BuildCache, failed: BuildCache,
                key: str) -> tuple[Entry, list[Violation]]:
    """The ontology and term-closure graphs as a cache entry (stored only if they conform)."""
    from msckg.validate import validate_vocabulary

    vocab_graph = Graph()
    blocks = []
    for iri, graph in ((ontology_graph_iri(base), onto), (terms_graph_iri(base), terms_graph(curies))):
        canonical = Graph(identifier=iri)
        for triple in to_canonical_graph(graph):  # OWL blank nodes get stable labels
            canonical.add(triple)
            vocab_graph.add(triple)
        blocks.append((str(iri), nquads_lines([(iri, canonical)])))
    blocks.sort(key=lambda block: f"<{block[0]}>")
    found = validate_vocabulary(vocab_graph)
    return (failed if found else store).put(key, blocks, curies, 0), found


def _pretty_turtle(nquads: str, base: str) -> str:
    """All graphs merged into rdflib's grouped, prefixed Turtle, lexical forms kept."""
    import rdflib

    normalize = rdflib.NORMALIZE_LITERALS
    rdflib.NORMALIZE_LITERALS = False
    try:
        ds = Dataset()
        ds.parse(data=nquads, format="nquads")
    finally:
        rdflib.NORMALIZE_LITERALS = normalize
    merged = Graph()
    bind_prefixes(merged, base)
    for s, p, o, _g in ds.quads((None, None, None, None)):
        merged.add((s, p, o))
    return merged.serialize(format="turtle")
