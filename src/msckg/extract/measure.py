"""Run the extractor over a folder of documents and compare each draft with its expected study."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

from msckg.builder.loader import load_study
from msckg.builder.schema import Study
from msckg.extract.draft import extract_file
from msckg.extract.evaluate import Tally, compare, numeric_misses
from msckg.extract.writer import write_draft


def expected_for(doc: Path, studies_dir: Path | None) -> tuple[Study, str] | None:
    """The curated study that names `doc` among its documents, and that document's id."""
    if studies_dir is None:
        path = doc.with_suffix(".expected.yaml")
        if not path.exists():
            return None
        study = load_study(path)
        return study, study.documents[0].id
    for path in sorted(studies_dir.glob("*.yaml")):
        study = load_study(path)
        for d in study.documents:
            if d.file == doc.name:
                return study, d.id
    return None


def measure_folder(folder: Path, studies_dir: Path | None, work_dir: Path | None = None,
                   misses: dict[str, tuple[list[str], list[str]]] | None = None,
                   ) -> tuple[dict[str, Tally], dict[str, dict[str, Tally]]]:
    """Totals over every .txt document in `folder` with an expected study, and per document.
    Drafts are written to `work_dir` (a temporary folder when not given) and read back, so the
    comparison sees exactly what a curator would get. When `misses` is given, each document's
    unmatched numeric facts (expected, drafted) are put in it."""
    total: dict[str, Tally] = {}
    per_doc: dict[str, dict[str, Tally]] = {}
    with tempfile.TemporaryDirectory() if work_dir is None else contextlib.nullcontext(str(work_dir)) as tmp:
        for doc in sorted(folder.glob("*.txt")):
            found = expected_for(doc, studies_dir)
            if found is None:
                continue
            out = Path(tmp) / f"{doc.stem}.yaml"
            write_draft(extract_file(doc), out)
            draft = load_study(out)
            tallies = compare(found[0], found[1], draft)
            if misses is not None:
                misses[doc.name] = numeric_misses(found[0], found[1], draft)
            per_doc[doc.name] = tallies
            for kind, t in tallies.items():
                total.setdefault(kind, Tally()).add(t)
    return total, per_doc


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f}%"


def render(tallies: dict[str, Tally]) -> str:
    """A Markdown table: kind, expected, drafted, matched, precision, recall."""
    lines = ["| fact kind | expected | drafted | matched | precision | recall |", "|---|---:|---:|---:|---:|---:|"]
    subs = sorted(k for k in tallies if k.startswith("  "))
    order = ["numeric results", *subs, *(k for k in tallies if k != "numeric results" and not k.startswith("  "))]
    for kind in order:
        t = tallies[kind]
        lines.append(f"| {kind} | {t.expected} | {t.drafted} | {t.matched_expected} | {_pct(t.precision)} | {_pct(t.recall)} |")
    return "\n".join(lines)
