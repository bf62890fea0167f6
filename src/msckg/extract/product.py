"""The cell product: tissue source, donor relation, dose, route and schedule.

The word-level parsers are the registry importer's (`msckg.ctgov.textparse`); this module decides
which sentences describe the product given in this study: the title, objective and methods
sentences that name cells, in text order, so "allogeneic haematopoietic cell transplantation" in
a background sentence is never read as the MSC donor relation.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from msckg.ctgov.design import MSC, TISSUE_CELL, TISSUE_UBERON
from msckg.ctgov.products import MORE_SPECIFIC
from msckg.ctgov.textparse import (
    parse_administrations,
    parse_donor_relation,
    parse_doses,
    parse_routes,
    parse_tissue_sources,
)
from msckg.extract.sentences import Sentence

CELLS = re.compile(r"(?i:mesenchymal|stromal cells?|stem cells?|\b\w*MSCs?\b|\bASCs?\b|\bMSCT\b|\bUMSCT\b)")
# the product's name as written: up to five words of source/donor before the cell words
PRODUCT_NAME = re.compile(
    r"(?P<name>(?:(?:autologous|allogeneic|allogenic|human|healthy[- ]donor|[\w']+[- ]derived|umbilical|cord|bone|marrow|"
    r"adipose|Wharton's|Wharton’s|jelly|placental?|placenta-derived|dental|pulp|menstrual|blood|tissue|"
    r"expanded|cultured|UC|BM|AD)[,\s]+){0,5}"
    r"(?:mesenchymal\s+(?:stem|stromal|progenitor|precursor)(?:/stromal)?\s+cells?|adipose-derived\s+stem\s+cells?|"
    r"(?<=\s)[\w']+-derived\s+stem\s+cells?|"  # "menstrual blood-derived stem cells (MenSCs)"
    r"stromal\s+cells?))(?:\s+\((?P<abbr>[\w-]{2,12})(?:;[^)]*)?\))?", re.IGNORECASE)
_MIDDOT = re.compile(r"(?<=\d)·(?=\d)")
_GIVEN = re.compile(r"(?i:\b(?:infused|injected|received|receiving|administered|given|infusions?|injections?|doses?)\b)")
# schema routes; finer registry routes fold into "local" when they are a local injection
ROUTES = {"intravenous": "intravenous", "intramuscular": "intramuscular", "subcutaneous": "subcutaneous",
          "intra-articular": "intra-articular", "intrathecal": "intrathecal", "intralesional": "local",
          "intradermal": "local", "intradiscal": "local", "intramyocardial": "local", "topical": "local"}


@dataclass
class Attr:
    value: object
    sentence: Sentence
    start: int  # offsets in the source
    end: int
    confidence: float = 0.85
    note: str | None = None


@dataclass
class ProductDraft:
    name: Attr | None = None
    abbreviation: str | None = None
    tissue: Attr | None = None
    cell_type: str = MSC
    donor: Attr | None = None
    route: Attr | None = None
    dose: Attr | None = None
    more_doses: list[Attr] = field(default_factory=list)  # "at a low (1.0 × 10^7), mid (...) or high dose (...)"
    administrations: Attr | None = None
    days: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# "3427 Third-Party Bone Marrow Mesenchymal Stromal Cells ...": a meeting abstract's number before its title
_TITLE_NUMBER = re.compile(r"\d+\s+(?:[A-Z][\w-]*\s+){2,}")


def _product_sentences(sentences: list[Sentence]) -> list[Sentence]:
    keep = [s for s in sentences if s.section not in ("results", "conclusion", "registration")
            and (CELLS.search(s.text) or (_GIVEN.search(s.text) and parse_doses(s.text)))]
    return keep or [s for s in sentences if CELLS.search(s.text)]


def read_product(sentences: list[Sentence]) -> ProductDraft:
    """The product as the title/objective/methods sentences describe it."""
    out = ProductDraft()
    chosen = _product_sentences(sentences)
    for s in chosen:
        if m := PRODUCT_NAME.search(s.text):
            name = m["name"].strip()
            if out.name is None or (len(name.split()) > len(str(out.name.value).split()) and s.section in ("", "methods", "methods-results", "objective")):
                out.name = Attr(name, s, s.start + m.start("name"), s.start + m.end("name"))
            if m["abbr"] and out.abbreviation is None:
                out.abbreviation = m["abbr"]
    tissues: Counter[str] = Counter()
    first: dict[str, Attr] = {}
    for s in chosen:
        for t in parse_tissue_sources(s.text):
            tissues[t.value] += 1
            first.setdefault(t.value, Attr(t.value, s, s.start + t.start, s.start + t.end))
    if tissues:
        keys = set(tissues)
        for pair, specific in MORE_SPECIFIC.items():
            if pair <= keys:
                keys = (keys - pair) | {specific}
        best = max(sorted(keys), key=lambda k: (tissues[k], -first[k].start))
        out.tissue = first[best]
        if len(keys) > 1:
            out.tissue.confidence = 0.6
            out.tissue.note = f"several tissue sources named: {', '.join(sorted(keys))}"
        out.cell_type = TISSUE_CELL.get(best, MSC)
    for s in chosen:
        if out.donor is None and (third := re.search(r"(?i:\bthird[- ]party\b)", s.text)):
            out.donor = Attr("allogeneic", s, s.start + third.start(), s.start + third.end(), 0.8)
        if out.donor is None and (d := parse_donor_relation(s.text)):
            out.donor = Attr(d[0].value, s, s.start + d[0].start, s.start + d[0].end)
            if len({x.value for x in d}) > 1:
                out.donor.confidence, out.donor.note = 0.5, "both autologous and allogeneic are named"
        if out.route is None and (r := parse_routes(s.text)):
            route = ROUTES.get(r[0].value)
            if route is None:
                out.notes.append(f"route '{r[0].value}' ({r[0].text!r}) has no value in the study format: left out")
            else:
                out.route = Attr(route, s, s.start + r[0].start, s.start + r[0].end,
                                 0.85 if route == r[0].value else 0.7,
                                 None if route == r[0].value else f"source says {r[0].value}")
        doses = [d for d in parse_doses(_MIDDOT.sub(".", s.text)) if not _TITLE_NUMBER.match(d.text)]
        if out.dose is None and doses:  # "1·5 × 10^6"
            d0 = doses[0]
            seen = {d0.value}
            for d in doses[1:]:
                if d.value not in seen and d.unit == d0.unit:
                    seen.add(d.value)
                    out.more_doses.append(Attr(d, s, s.start + d.start, s.start + d.end, 0.7))
            out.dose = Attr(d0, s, s.start + d0.start, s.start + d0.end, 0.85 if d0.upper is None else 0.6,
                            None if d0.upper is None else "a dose range: the lower value is kept")
        if out.administrations is None and _GIVEN.search(s.text) and (a := parse_administrations(s.text)) is not None \
                and (a.count or a.days):
            out.administrations = Attr(a, s, s.start + a.start, s.start + a.end, 0.8)
            out.days = list(a.days)
    return out


def tissue_uberon(key: str) -> str | None:
    return TISSUE_UBERON.get(key)
