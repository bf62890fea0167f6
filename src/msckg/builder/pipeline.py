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
from pathlib import Path

from rdflib import Graph, URIRef

from msckg.builder.iris import StudyIris
from msckg.builder.schema import Study
from msckg.builder.triples import FactGraph
from msckg.ctgov.reader import CtgovRecord
from msckg.errors import MsckgError
from msckg.namespaces import MSCKG, RDF
from msckg.shacl_compiled import CompiledShapes
from msckg.validate import Violation, shapes_graph, validate_graphs

CHUNK_RECORDS = 200


@dataclass
class Chunk:
    studies: list[tuple[Path, Study]] = field(default_factory=list)
    records: list[CtgovRecord] = field(default_factory=list)


@dataclass
class ChunkResult:
    """What a worker sends back: its shard of N-Quads (sorted by graph, then line), the quad
    count of each graph in it, and what it found. Lines stay on disk, not in the parent."""

    shard: Path
    graphs: dict[str, int]
    curies: set[str]
    violations: list[Violation]
    errors: list[MsckgError]
    studies: int
    seconds: dict[str, float] = field(default_factory=dict)  # CPU time of this worker per step


@dataclass
class _Job:
    chunks: list[Chunk]
    base: str
    curated: dict[str, str]
    strict: bool
    ontology: Graph
    shards: Path
    compiled: CompiledShapes


_JOB: _Job | None = None  # set before forking; workers read it copy-on-write


def plan_chunks(studies: Sequence[tuple[Path, Study]], records: Sequence[CtgovRecord],
                curated: dict[str, str], size: int = CHUNK_RECORDS) -> list[Chunk]:
    """Curated studies with the registry records that join them first, then records in chunks."""
    first = Chunk(list(studies), [r for r in records if r.nct_id in curated])
    rest = [r for r in records if r.nct_id not in curated]
    chunks = [first] if first.studies or first.records else []
    chunks += [Chunk([], rest[i:i + size]) for i in range(0, len(rest), size)]
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
    curies: set[str] = set()
    errors: list[MsckgError] = []
    for path, study in chunk.studies:
        iri = StudyIris(job.base, study.id).graph
        facts[iri] = study_triples(study, job.base)
        files[iri] = str(path)
        curies |= study_curies(study)
    normaliser = Normaliser()
    for rec in chunk.records:
        try:
            graph = RecordMapper(rec, study_id_for(rec.nct_id, job.curated), job.base, normaliser).map_triples()
        except CtgovMappingError as exc:
            if job.strict:
                raise
            errors.append(exc)
            continue
        iri = graph.identifier
        assert isinstance(iri, URIRef)
        facts[iri] = graph
        files[iri] = f"ClinicalTrials.gov record {rec.nct_id}"
        curies |= used_curies(graph)
    mapped = time.process_time()
    compiled = job.compiled.extended(terms_graph(curies))
    report = validate_graphs(Graph(), facts, files=files, workers=1, batch_size=len(facts) or 1,
                             check_vocabulary=False, compiled=compiled)
    validated = time.process_time()
    counts: dict[str, int] = {}
    shard = job.shards / f"{index:06d}.nq"
    with shard.open("w", encoding="utf-8", newline="\n") as out:
        for iri in sorted(facts, key=lambda iri: iri.n3()):  # the merge's key: graph_of(line)
            lines = nquads_lines([(iri, facts[iri])])
            counts[str(iri)] = len(lines)
            out.writelines(line + "\n" for line in lines)
    studies = {s for g in facts.values() for s in g.subjects(RDF.type, MSCKG.ClinicalStudy)}
    seconds = {"map": mapped - clock, "validate": validated - mapped, "serialise": time.process_time() - validated}
    return ChunkResult(shard, counts, curies, report.violations, errors, len(studies), seconds)


def graph_of(line: str) -> str:
    """The graph IRI of an N-Quads line written by `nquads_lines` (always the last term)."""
    body = line.rstrip()[:-1].rstrip()
    return body[body.rindex("<"):]


def merged_lines(shards: Sequence[Path]) -> Iterator[str]:
    """The lines of all shards in (graph, line) order; each shard is already in that order."""
    import heapq
    from contextlib import ExitStack

    with ExitStack() as stack:
        handles = [stack.enter_context(path.open(encoding="utf-8")) for path in shards]
        yield from heapq.merge(*handles, key=lambda line: (graph_of(line), line))


@dataclass
class Shard:
    """A shard file and its graphs in file order (graph IRI text -> line count)."""

    path: Path
    graphs: dict[str, int]


def merged_blocks(shards: Sequence[Shard]) -> Iterator[tuple[str, list[str]]]:
    """(graph IRI, its lines) for every graph of every shard, in graph order: the same order as
    `merged_lines`, without comparing lines. Each graph lives in one shard as one sorted block of
    known length, so the merge is by graph name alone."""
    from contextlib import ExitStack
    from itertools import islice

    owner: dict[str, tuple[int, int]] = {}
    for i, shard in enumerate(shards):
        for iri, count in shard.graphs.items():
            if iri in owner:
                raise ValueError(f"graph {iri} is in two shards")
            owner[iri] = (i, count)
    with ExitStack() as stack:
        handles = [stack.enter_context(shard.path.open(encoding="utf-8")) for shard in shards]
        for iri in sorted(owner, key=lambda iri: f"<{iri}>"):  # the key of graph_of(line)
            i, count = owner[iri]
            lines = list(islice(handles[i], count))
            if len(lines) != count:
                raise ValueError(f"{shards[i].path}: graph {iri} has {len(lines)} lines, expected {count}")
            yield iri, lines


def triple_lines(iri: str, lines: Sequence[str]) -> Iterator[str]:
    """N-Quads lines of graph `iri` (as written by `nquads_lines`) as N-Triples lines."""
    cut = len(iri) + 6  # " <iri> .\n"
    for line in lines:
        yield line[:-cut] + " .\n"


def run_chunks(chunks: list[Chunk], base: str, curated: dict[str, str], strict: bool, ontology: Graph,
               shards: Path, workers: int | None = None) -> Iterator[ChunkResult]:
    """Chunk results in chunk order; in worker processes unless strict or one chunk."""
    global _JOB
    from msckg.linking.index import term_index

    if any(chunk.records for chunk in chunks):
        term_index().lexicon  # noqa: B018 - load the index once, before forking, so workers share it
    _JOB = _Job(chunks, base, curated, strict, ontology, shards, CompiledShapes(shapes_graph(), ontology))
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
