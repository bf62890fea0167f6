"""The build cache: units already mapped and validated are not mapped or validated again.

A unit is what the shapes look at together: a curated study with the registry records that share
its NCT id, or one registry record on its own. Its key is a SHA-256 of everything its graphs
depend on: the study file's bytes, each record's NCT id, fields and the study id it joins, the
base IRI, and a fingerprint of msckg itself (its code, ontology, shapes, term index and word
lists), so an edited shape, a new release or a new term index rebuilds everything.

A unit that mapped and validated without findings is kept as its sorted N-Quads lines (the
bytes it contributes to `kg.nq`) beside a small JSON sidecar (line count per graph, CURIEs used,
studies). The cache lives in `OUT/.msckg-cache/`; a successful build removes the units it no
longer uses. An entry whose file does not match its sidecar is ignored and rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from msckg.builder.schema import Study
from msckg.ctgov.reader import CtgovRecord
from msckg.errors import MsckgError

CACHE_DIR = ".msckg-cache"
_LAYOUT = "1"  # bump when the cache's own format changes


# Parts of the package a build never runs: editing them keeps the cache. Anything else (a new
# module included) counts, so a change that could alter a graph can never be missed.
_NOT_IN_BUILD = ("data/studies/", "extract/", "report/", "serve/", "export/", "queries/", "queries.py",
                 "cli.py", "stats.py", "store.py", "sparql_lexer.py", "progress.py", "conflicts.py",
                 "reasoning.py", "data/msckg.context.jsonld")


@cache
def code_fingerprint() -> str:
    """A digest of the msckg files a build runs or reads: code, ontology, shapes, term index and
    word lists (not the bundled studies: those are inputs, keyed unit by unit)."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(_LAYOUT.encode())
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        if "__pycache__" in rel or rel.startswith(_NOT_IN_BUILD):
            continue
        digest.update(rel.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@dataclass
class Unit:
    """Studies and records validated together, and the key of what they produce."""

    studies: list[tuple[Path, Study]]
    records: list[CtgovRecord]
    key: str = ""

    @property
    def size(self) -> int:
        return len(self.studies) + len(self.records)


def unit_key(unit: Unit, curated: dict[str, str], base: str) -> str:
    from msckg.ctgov.importer import study_id_for

    digest = hashlib.sha256(f"{code_fingerprint()}\0{base}\0".encode())
    for path, study in unit.studies:
        digest.update(f"study\0{study.id}\0".encode() + path.read_bytes())
    for rec in unit.records:
        text = json.dumps([rec.nct_id, study_id_for(rec.nct_id, curated), rec.fields], sort_keys=True,
                          ensure_ascii=False, default=str)
        digest.update(b"record\0" + text.encode())
    return digest.hexdigest()


def vocabulary_key(curies: Iterable[str], base: str) -> str:
    """The key of the ontology and term-closure graphs for this set of terms."""
    text = "\0".join(["vocabulary", code_fingerprint(), base, *sorted(curies)])
    return hashlib.sha256(text.encode()).hexdigest()


def plan_units(studies: Sequence[tuple[Path, Study]], records: Sequence[CtgovRecord],
               curated: dict[str, str], base: str) -> list[Unit]:
    """One unit per curated study (with its records), one per other record; keys filled in."""
    by_study: dict[str, Unit] = {}
    units: list[Unit] = []
    for path, study in studies:
        by_study[study.id] = Unit([(path, study)], [])
        units.append(by_study[study.id])
    for rec in records:
        owner = by_study.get(curated.get(rec.nct_id, ""))
        if owner is not None:
            owner.records.append(rec)
        else:
            units.append(Unit([], [rec]))
    for unit in units:
        unit.key = unit_key(unit, curated, base)
    seen: dict[str, Unit] = {}
    for unit in units:  # de-duplicated input makes keys unique; say which inputs if not
        other = seen.setdefault(unit.key, unit)
        if other is not unit:
            names = [f"study {s.id} ({p})" for u in (other, unit) for p, s in u.studies]
            names += [f"record {r.nct_id} ({r.source})" for u in (other, unit) for r in u.records]
            raise MsckgError(f"two build units have the same inputs: {'; '.join(names)}")
    return units


@dataclass(frozen=True)
class Entry:
    """What a cached unit contributes: its lines file, graphs (in file order) and CURIEs."""

    path: Path
    graphs: dict[str, int]
    curies: frozenset[str]
    studies: int


class BuildCache:
    """Unit files under one directory, two levels deep by key (no directory holds 100k files)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _paths(self, key: str) -> tuple[Path, Path]:
        folder = self.root / "units" / key[:2]
        return folder / f"{key}.nq", folder / f"{key}.json"

    def get(self, key: str) -> Entry | None:
        lines, meta = self._paths(key)
        try:
            info = json.loads(meta.read_text(encoding="utf-8"))
            if lines.stat().st_size != info["bytes"]:
                return None
        except (OSError, ValueError, KeyError):
            return None
        return Entry(lines, dict(info["graphs"]), frozenset(info["curies"]), int(info["studies"]))

    def put(self, key: str, blocks: Iterable[tuple[str, list[str]]], curies: Iterable[str], studies: int) -> Entry:
        """Store a unit's graph blocks (graph IRI, sorted lines without newlines), in graph order."""
        lines_path, meta_path = self._paths(key)
        lines_path.parent.mkdir(parents=True, exist_ok=True)
        graphs: dict[str, int] = {}
        data = []
        for iri, lines in blocks:
            graphs[iri] = len(lines)
            data.extend(line + "\n" for line in lines)
        payload = "".join(data).encode("utf-8")
        _write(lines_path, payload)
        info = {"bytes": len(payload), "graphs": list(graphs.items()), "curies": sorted(curies), "studies": studies}
        _write(meta_path, json.dumps(info, sort_keys=True).encode("utf-8"))
        return Entry(lines_path, graphs, frozenset(curies), studies)

    def keep_only(self, keys: set[str]) -> int:
        """Remove every unit not in `keys`; returns how many were removed."""
        removed = 0
        for meta in (self.root / "units").glob("*/*.json"):
            if meta.stem not in keys:
                meta.unlink(missing_ok=True)
                meta.with_suffix(".nq").unlink(missing_ok=True)
                removed += 1
        return removed


def _write(path: Path, payload: bytes) -> None:
    """Write beside the target and rename: a killed build never leaves half an entry."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
