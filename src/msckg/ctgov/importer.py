"""Import ClinicalTrials.gov files: read, de-duplicate, map each record into its own graph.

A record that cannot be mapped is reported (file, NCT id, field) and skipped, so one odd record
does not cost the other thousand; `strict=True` stops at the first instead.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from msckg.builder.schema import Study
from msckg.ctgov.mapping import CtgovMappingError, RecordMapper
from msckg.ctgov.reader import CtgovFormatError, CtgovRecord, dedupe, read_records
from msckg.errors import MsckgError
from msckg.linking.normalise import Normaliser
from msckg.namespaces import DEFAULT_BASE
from msckg.progress import Progress, reporting


@dataclass
class ImportSummary:
    records: int = 0
    graphs: dict[URIRef, Graph] = field(default_factory=dict)
    errors: list[MsckgError] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def imported(self) -> int:
        return len(self.graphs)


def curated_registrations(studies: Iterable[Study]) -> dict[str, str]:
    """NCT id -> curated study id, so that a registry record joins the study it registers."""
    return {reg.id: s.id for s in studies for reg in s.registrations if reg.registry == "clinicaltrials"}


def study_id_for(nct_id: str, curated: dict[str, str]) -> str:
    return curated.get(nct_id, nct_id.lower())


def read_ctgov(paths: Iterable[Path], strict: bool = False) -> tuple[int, list[CtgovRecord], list[str], list[MsckgError]]:
    """Read and de-duplicate registry files: (records read, records kept, duplicates, file errors)."""
    records: list[CtgovRecord] = []
    errors: list[MsckgError] = []
    for path in paths:
        try:
            records.extend(read_records(path))
        except CtgovFormatError as exc:
            if strict:
                raise
            errors.append(exc)
    kept, duplicates = dedupe(records)
    return len(records), kept, duplicates, errors


def import_ctgov(paths: Iterable[Path], base: str = DEFAULT_BASE, curated: dict[str, str] | None = None,
                 strict: bool = False, progress: Progress | None = None) -> ImportSummary:
    """Map every record of `paths` to its own graph; `progress(records done, records)` as they go."""
    start = time.perf_counter()
    summary = ImportSummary()
    summary.records, kept, summary.duplicates, summary.errors = read_ctgov(paths, strict)
    normaliser = Normaliser()
    for rec in reporting(kept, progress, len(kept), every=10):
        try:
            mapper = RecordMapper(rec, study_id_for(rec.nct_id, curated or {}), base, normaliser)
            graph = mapper.map()
        except CtgovMappingError as exc:
            if strict:
                raise
            summary.errors.append(exc)
            continue
        summary.graphs[graph.identifier] = graph  # type: ignore[index]
    summary.seconds = time.perf_counter() - start
    return summary
