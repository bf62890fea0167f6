"""The build as chunks of studies mapped, validated and serialised in parallel processes.

A registry-sized build cannot hold one rdflib graph of everything (rdflib spends ~1 KB per
triple) and should use both cores. So studies and registry records are cut into chunks; each
worker maps its chunk, validates it with the compiled shapes and returns sorted N-Quads lines
grouped by graph, which the parent writes graph by graph. All graphs that describe one study (a
curated paper and its registry record) are placed in the same chunk, because shapes compare them.

Output order is by graph IRI, then by line: the same input gives the same bytes whatever the
chunking or the number of workers (a test checks this).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from rdflib import Graph, URIRef

from msckg.builder.cache import BuildCache, Entry, Unit
from msckg.builder.iris import StudyIris
from msckg.builder.triples import FactGraph
from msckg.errors import MsckgError
from msckg.namespaces import MSCKG, RDF
from msckg.shacl_compiled import CompiledShapes
from msckg.validate import Violation, shapes_graph, validate_graphs

CHUNK_RECORDS = 200


@dataclass
class Chunk:
    """Units handed to one worker at a time (about CHUNK_RECORDS studies and records)."""

    units: list[Unit] = field(default_factory=list)


@dataclass
class ChunkResult:
    """What a worker sends back: per unit, where its lines went (None if it produced no clean
    output), and what it found. Lines stay on disk, not in the parent."""

    entries: list[Entry | None]
    violations: list[Violation]
    errors: list[MsckgError]
    seconds: dict[str, float] = field(default_factory=dict)  # CPU time of this worker per step


@dataclass
class _Job:
    chunks: list[Chunk]
    base: str
    curated: dict[str, str]
    strict: bool
    ontology: Graph
    cache: BuildCache  # clean units go here
    staging: BuildCache  # units with a skipped record go here (never reused)
    compiled: CompiledShapes


_JOB: _Job | None = None  # set before forking; workers read it copy-on-write


def plan_chunks(units: Sequence[Unit], size: int = CHUNK_RECORDS) -> list[Chunk]:
    """Units with curated studies first (they are few and large), then the rest in chunks."""
    curated = [u for u in units if u.studies]
    rest = [u for u in units if not u.studies]
    chunks = [Chunk(curated)] if curated else []
    current = Chunk()
    for unit in rest:
        current.units.append(unit)
        if sum(u.size for u in current.units) >= size:
            chunks.append(current)
            current = Chunk()
    if current.units:
        chunks.append(current)
    return chunks


def _run_chunk(index: int) -> ChunkResult:
    from msckg.builder.build import nquads_lines, study_curies, study_triples
    from msckg.ctgov.importer import study_id_for
    from msckg.ctgov.mapping import CtgovMappingError, RecordMapper
    from msckg.linking.normalise import Normaliser
    from msckg.linking.slim import terms_graph, used_curies

    assert _JOB is not None
    job = _JOB
    chunk = job.chunks[index]
    clock = time.process_time()
    facts: dict[URIRef, FactGraph] = {}
    files: dict[URIRef, str] = {}
    errors: list[MsckgError] = []
    normaliser = Normaliser()
    made: list[tuple[list[URIRef], set[str], bool]] = []  # per unit: its graphs, CURIEs, a record skipped
    for unit in chunk.units:
        iris: list[URIRef] = []
        curies: set[str] = set()
        skipped = False
        for path, study in unit.studies:
            iri = StudyIris(job.base, study.id).graph
            facts[iri] = study_triples(study, job.base)
            files[iri] = str(path)
            curies |= study_curies(study)
            iris.append(iri)
        for rec in unit.records:
            try:
                graph = RecordMapper(rec, study_id_for(rec.nct_id, job.curated), job.base, normaliser).map_triples()
            except CtgovMappingError as exc:
                if job.strict:
                    raise
                errors.append(exc)
                skipped = True
                continue
            facts[graph.identifier] = graph
            files[graph.identifier] = f"ClinicalTrials.gov record {rec.nct_id}"
            curies |= used_curies(graph)
            iris.append(graph.identifier)
        made.append((iris, curies, skipped))
    mapped = time.process_time()
    all_curies = set().union(*(c for _i, c, _s in made)) if made else set()
    compiled = job.compiled.extended(terms_graph(all_curies))
    report = validate_graphs(Graph(), facts, files=files, workers=1, batch_size=len(facts) or 1,
                             check_vocabulary=False, compiled=compiled)
    validated = time.process_time()
    flagged = {v.graph for v in report.violations}
    entries: list[Entry | None] = []
    for unit, (iris, curies, skipped) in zip(chunk.units, made, strict=True):
        if None in flagged or any(str(iri) in flagged for iri in iris):
            entries.append(None)  # the build fails; nothing of this unit is written
            continue
        ordered = sorted(iris, key=lambda iri: iri.n3())  # the merge's key (see merged_blocks)
        blocks = [(str(iri), nquads_lines([(iri, facts[iri])])) for iri in ordered]
        studies = len({s for iri in iris for s in facts[iri].subjects(RDF.type, MSCKG.ClinicalStudy)})
        store = job.staging if skipped else job.cache
        entries.append(store.put(unit.key, blocks, curies, studies))
    seconds = {"map": mapped - clock, "validate": validated - mapped, "serialise": time.process_time() - validated}
    return ChunkResult(entries, report.violations, errors, seconds)


def merged_blocks(shards: Sequence[Entry]) -> Iterator[tuple[str, list[str]]]:
    """(graph IRI, its lines) for every graph of every cache entry, in `kg.nq` order (by graph term as
    N-Quads writes it, then by line), without comparing lines. Each graph lives in one shard as
    one sorted block of known length, so the merge is by graph name alone. A shard is opened when its first graph is
    due and closed after its last, so a build of 100,000 one-graph shards holds few files open."""
    from itertools import islice

    owner: dict[str, tuple[int, int]] = {}
    left = [len(shard.graphs) for shard in shards]
    for i, shard in enumerate(shards):
        for iri, count in shard.graphs.items():
            if iri in owner:
                raise ValueError(f"graph {iri} is in two shards")
            owner[iri] = (i, count)
    handles: dict[int, TextIO] = {}
    try:
        for iri in sorted(owner, key=lambda iri: f"<{iri}>"):  # graphs in the order of their N-Quads term
            i, count = owner[iri]
            handle = handles.get(i)
            if handle is None:
                handle = handles[i] = shards[i].path.open(encoding="utf-8")
            lines = list(islice(handle, count))
            if len(lines) != count:
                raise ValueError(f"{shards[i].path}: graph {iri} has {len(lines)} lines, expected {count}")
            left[i] -= 1
            if not left[i]:
                handles.pop(i).close()
            yield iri, lines
    finally:
        for handle in handles.values():
            handle.close()


def triple_lines(iri: str, lines: Sequence[str]) -> Iterator[str]:
    """N-Quads lines of graph `iri` (as written by `nquads_lines`) as N-Triples lines."""
    cut = len(iri) + 6  # " <iri> .\n"
    for line in lines:
        yield line[:-cut] + " .\n"


def run_chunks(chunks: list[Chunk], base: str, curated: dict[str, str], strict: bool, ontology: Graph,
               cache: BuildCache, staging: BuildCache, workers: int | None = None) -> Iterator[ChunkResult]:
    """Chunk results in chunk order; in worker processes unless strict or one chunk."""
    global _JOB
    from msckg.linking.index import term_index

    if not chunks:  # everything came from the build cache
        return
    if any(unit.records for chunk in chunks for unit in chunk.units):
        term_index().lexicon  # noqa: B018 - load the index once, before forking, so workers share it
    _JOB = _Job(chunks, base, curated, strict, ontology, cache, staging, CompiledShapes(shapes_graph(), ontology))
    workers = max(1, min(workers or os.cpu_count() or 1, len(chunks)))
    try:
        if workers == 1 or strict:
            for i in range(len(chunks)):
                yield _run_chunk(i)
        else:
            gc.freeze()  # forked workers then never write to the parent's objects' gc headers (copy-on-write)
            try:
                with multiprocessing.get_context("fork").Pool(workers) as pool:
                    yield from pool.imap(_run_chunk, range(len(chunks)))
            finally:
                gc.unfreeze()
    finally:
        _JOB = None
