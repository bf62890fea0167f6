"""Free-text disease, cell and tissue mentions to ranked MONDO / CL / UBERON ids.

Matching is lexical and explainable, in this order: an identifier (MONDO:…, CL:…, UBERON:…), an
external id MONDO maps exactly (MESH:D012595, DOID:418, …), an abbreviation read in its
context (data/abbreviations.tsv), the exact label, an exact synonym, the label of a DOID / NCIt /
Orphanet term MONDO maps one-to-one (data/index/mondo_mapped_labels.tsv.gz), a related synonym, then the
same after removing a severity/activity modifier or a plural, and for cells "<tissue> MSC".
Every candidate says how it matched and scores accordingly. A mention with no candidate is
`unresolved`; one whose best candidates tie is `ambiguous`. Nothing is guessed silently.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cache

from msckg.linking.index import TermIndex, lexical_key, term_index
from msckg.resources import abbreviations_file

SCORES = {"identifier": 1.0, "label": 1.0, "exact synonym": 0.9, "MeSH cross-reference": 0.9,
          "cross-reference": 0.9, "abbreviation": 0.9, "abbreviation (default reading)": 0.8,
          "composed": 0.85, "curated synonym": 0.85, "curated synonym (broader)": 0.75,
          "mapped label": 0.8, "related synonym": 0.7}
VARIANT_PENALTY = 0.9  # a modifier or plural had to be removed
KINDS = {"disease": "MONDO", "cell": "CL", "tissue": "UBERON"}
MODIFIERS = re.compile(
    r"^(?:(?:severe|moderate|mild|moderate to severe|moderately to severely|active|refractory|"
    r"treatment resistant|drug resistant|steroid refractory|steroid resistant|advanced|early|"
    r"newly diagnosed|recurrent|established|symptomatic|human|patients with|patient with)\s+)+")
CELL_PHRASE = re.compile(
    r"\s*(?:derived\s+)?(?:h?mscs?|mesenchymal\s+(?:stem|stromal|progenitor)(?:\s*/\s*stromal)?\s+cells?|"
    r"stromal\s+cells?|stem\s+cells?)\s*$")
TISSUE_TO_CELL = {"UBERON:0002331": "CL:0002569", "UBERON:0003422": "CL:0002568",
                  "UBERON:0001013": "CL:0002570", "UBERON:0002371": "CL:0002540"}
XREF = re.compile(r"^(MESH|DOID|NCIT|EFO|ICD10CM|ICD10WHO):(\S+)$", re.IGNORECASE)
OWN_ID = re.compile(r"^(MONDO|CL|UBERON):\d{7}$", re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    curie: str
    label: str
    match_type: str
    score: float
    matched: str
    note: str = ""


@dataclass
class LinkResult:
    mention: str
    status: str  # resolved | ambiguous | unresolved
    candidates: list[Candidate] = field(default_factory=list)

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.status == "resolved" else None


@dataclass(frozen=True)
class Abbreviation:
    text: str
    curie: str
    context: re.Pattern[str] | None  # None = default reading
    note: str


@cache
def abbreviations() -> dict[str, list[Abbreviation]]:
    rows = csv.DictReader((line for line in abbreviations_file().read_text(encoding="utf-8").splitlines()
                           if line and not line.startswith("#")), delimiter="\t")
    table: dict[str, list[Abbreviation]] = {}
    for row in rows:
        ctx = None if row["context"] == "*" else re.compile(row["context"])
        table.setdefault(row["abbreviation"], []).append(Abbreviation(row["abbreviation"], row["curie"], ctx, row["note"]))
    return table


def mesh_curie(raw: str) -> str:
    """ClinicalTrials.gov pads every MeSH id to 9 digits (D000010009), but MeSH itself writes the
    older ids with 6 (D010009) and only the newer ones with 9 (D000086382). Prefer the form MONDO
    maps; else 6 digits for numbers below 67000 (where MeSH's 9-digit ids begin)."""
    m = re.fullmatch(r"(?i)(?:mesh:)?([CDQ])0*(\d+)", raw.strip())
    if not m:
        return raw
    letter, number = m.group(1).upper(), m.group(2)
    short, long = f"MESH:{letter}{number.zfill(6)}", f"MESH:{letter}{number.zfill(9)}"
    index = term_index()
    for form in (short, long):
        if index.from_xref(form):
            return form
    return short if len(number) <= 6 and int(number) < 67000 else long


class Normaliser:
    def __init__(self, index: TermIndex | None = None) -> None:
        self.index = index or term_index()

    def _candidate(self, curie: str, match_type: str, matched: str, penalty: float = 1.0,
                   note: str = "") -> Candidate | None:
        rec = self.index.current(curie)
        if rec is None:
            return None
        if rec.id != curie:
            note = (note + "; " if note else "") + f"{curie} is obsolete, replaced by {rec.id}"
        return Candidate(rec.id, rec.label, match_type, round(SCORES[match_type] * penalty, 3), matched, note)

    def _lexical(self, text: str, penalty: float = 1.0, note: str = "") -> list[Candidate]:
        found = []
        key = lexical_key(text)
        for curie, how in self.index.lexicon.get(key, []):
            why = note
            if how == "mapped label":
                via = f"label of {self.index.mapped_sources[(curie, key)]}, which MONDO maps exactly to {curie}"
                why = f"{note}; {via}" if note else via
            if (c := self._candidate(curie, how, text, penalty, why)) is not None:
                found.append(c)
        return found

    def _variants(self, text: str) -> list[Candidate]:
        key = lexical_key(text)
        stripped = MODIFIERS.sub("", key)
        if stripped != key and stripped:
            found = self._lexical(stripped, VARIANT_PENALTY, f"modifier removed: '{key[: len(key) - len(stripped)].strip()}'")
            if found:
                return found
        if "," in text:  # MeSH-style inversion: "Arthritis, Rheumatoid"
            head, _, tail = text.partition(",")
            found = self._lexical(f"{tail} {head}", VARIANT_PENALTY, "inverted form")
            if found:
                return found
        for plural, singular in (("ies", "y"), ("s", "")):
            if key.endswith(plural) and len(key) > 4:
                found = self._lexical(key[: -len(plural)] + singular, VARIANT_PENALTY, "plural removed")
                if found:
                    return found
        return []

    def _abbreviation(self, text: str, context: str) -> list[Candidate]:
        readings = abbreviations().get(text.strip())
        if not readings:
            return []
        confirmed = [r for r in readings if r.context is not None and r.context.search(context)]
        if confirmed:
            return [c for r in confirmed if (c := self._candidate(r.curie, "abbreviation", text, note=r.note))]
        how = "abbreviation" if len(readings) == 1 else "abbreviation (default reading)"
        return [c for r in readings if r.context is None
                if (c := self._candidate(r.curie, how, text, note=r.note))]

    def _composed_cell(self, text: str, context: str) -> list[Candidate]:
        key = lexical_key(text)
        tissue_text = CELL_PHRASE.sub("", key)
        if tissue_text == key or not tissue_text:
            return []
        tissue_text = re.sub(r"\s*derived$", "", tissue_text)
        tissues = [c for c in self.candidates(tissue_text, "tissue", context) if c.score >= 0.7]
        if not tissues:
            tissues = [c for c in self.candidates(tissue_text + " tissue", "tissue", context) if c.score >= 0.7]
        out = []
        for t in tissues[:1]:
            cell = TISSUE_TO_CELL.get(t.curie, "CL:0000134")
            note = f"tissue {t.curie} ({t.label}) + MSC" + ("" if t.curie in TISSUE_TO_CELL else "; no CL subtype for this tissue")
            if (c := self._candidate(cell, "composed", text, penalty=1.0 if t.curie in TISSUE_TO_CELL else 0.9, note=note)):
                out.append(c)
        return out

    def candidates(self, mention: str, kind: str | None = None, context: str = "") -> list[Candidate]:
        text = mention.strip()
        if not text:
            return []
        if OWN_ID.match(text):
            found = [c for c in [self._candidate(text.upper(), "identifier", text)] if c]
        elif (m := XREF.match(text)) or re.fullmatch(r"D\d{6,9}", text):
            xref = mesh_curie(text) if not m or m.group(1).upper() == "MESH" else f"{m.group(1).upper()}:{m.group(2)}"
            how = "MeSH cross-reference" if xref.startswith("MESH:") else "cross-reference"
            found = [c for mondo in self.index.from_xref(xref) if (c := self._candidate(mondo, how, text, note=xref))]
        else:
            found = self._abbreviation(text, context)
            if found:  # other readings of the same letters stay visible, ranked below
                found += [Candidate(c.curie, c.label, c.match_type, round(c.score / 2, 3), c.matched,
                                    "same letters, other meaning; context does not support it")
                          for c in self._lexical(text) if c.curie not in {f.curie for f in found}]
            else:
                found = self._lexical(text) or self._variants(text)
            if kind in (None, "cell"):
                found += [c for c in self._composed_cell(text, context) if c.curie not in {f.curie for f in found}]
        if kind:
            found = [c for c in found if c.curie.startswith(KINDS[kind] + ":")]
        best: dict[str, Candidate] = {}
        for c in found:
            if c.curie not in best or c.score > best[c.curie].score:
                best[c.curie] = c
        return sorted(best.values(), key=lambda c: (-c.score, c.curie))


def normalise(mention: str, kind: str | None = None, context: str = "",
              normaliser: Normaliser | None = None) -> LinkResult:
    """Resolve one mention. `kind` limits to disease (MONDO), cell (CL) or tissue (UBERON);
    `context` is surrounding text that disambiguates abbreviations such as RA."""
    cands = (normaliser or _default()).candidates(mention, kind, context)
    if not cands:
        return LinkResult(mention, "unresolved")
    top = [c for c in cands if c.score == cands[0].score]
    return LinkResult(mention, "resolved" if len(top) == 1 else "ambiguous", cands)


@cache
def _default() -> Normaliser:
    return Normaliser()
