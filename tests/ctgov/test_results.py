"""Posted results: mapped only where the flattened lists align; values exact; nothing guessed."""

from __future__ import annotations

import gzip
import json
from decimal import Decimal
from pathlib import Path

from rdflib import Graph

from msckg.ctgov.mapping import RecordMapper
from msckg.ctgov.reader import CtgovRecord
from msckg.namespaces import DEFAULT_BASE, MSCKG, RDF, RDFS


def _mapped(shared_dir: Path, nct: str) -> Graph:
    with gzip.open(shared_dir / "ctgov/ctgov-msc-studyfields-dev.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            raw = json.loads(line)
            if raw["NCTId"][0] == nct:
                fields = {k: v for k, v in raw.items() if isinstance(v, list) and v}
                return RecordMapper(CtgovRecord(nct, fields, "test"), nct.lower(), DEFAULT_BASE).map()
    raise AssertionError(nct)


def _results(g: Graph) -> dict[str, Graph]:
    return {str(r).rsplit("/", 1)[1]: r for r in g.subjects(RDF.type, MSCKG.Result)}


def test_adverse_event_groups_become_proportions(shared_dir: Path) -> None:
    g = _mapped(shared_dir, "NCT00587990")
    res = _results(g)
    serious = sorted(k for k in res if k.startswith("posted-serious-events"))
    assert serious == ["posted-serious-events.eg000", "posted-serious-events.eg001", "posted-serious-events.eg002"]
    stat = g.value(res["posted-serious-events.eg002"], MSCKG.hasStatistic)
    assert (g.value(stat, RDF.type), int(g.value(stat, MSCKG.numerator)), int(g.value(stat, MSCKG.denominator))) == (
        MSCKG.Proportion, 3, 3)
    group = g.value(res["posted-serious-events.eg002"], MSCKG.population)
    assert str(g.value(group, RDFS.label)) == "(3) Placebo Injection"


def test_aligned_outcome_measures_keep_exact_values(shared_dir: Path) -> None:
    g = _mapped(shared_dir, "NCT01771913")
    res = _results(g)
    outcome = sorted(k for k in res if k.startswith("posted-outcome"))
    assert len(outcome) == 6
    values = {g.value(g.value(res[k], MSCKG.hasStatistic), MSCKG.value) for k in outcome}
    assert all(isinstance(v.toPython(), Decimal) for v in values)


def test_unaligned_measures_are_left_out(shared_dir: Path) -> None:
    """NCT00587990 posts class rows (baseline / 6 / 18 months): which value is whose is lost."""
    g = _mapped(shared_dir, "NCT00587990")
    assert not [k for k in _results(g) if k.startswith("posted-outcome")]


def test_posted_n_above_enrollment_is_kept_as_a_note(shared_dir: Path) -> None:
    g = _mapped(shared_dir, "NCT02652130")
    res = _results(g)
    r = res["posted-outcome-1.og000"]
    assert g.value(r, MSCKG.sampleSize) is None
    assert "exceeds this record's enrollment of 32" in str(g.value(r, MSCKG.note))
    assert str(g.value(g.value(r, MSCKG.hasStatistic), MSCKG.value)) == "68.5"
