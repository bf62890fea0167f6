"""Cell products from a registry record's free text.

The registry names interventions ("Biological: UC-MSC") and describes dose, source, donor and
route only in prose. For each cell-therapy intervention this module reads, field by field in a
fixed order — the intervention's name, its description, the descriptions of arms that give it,
then the titles and the brief summary — and takes each attribute from the first field that states
it unambiguously. Every value keeps the field and the words it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from msckg.ctgov.design import MSC, TISSUE_CELL, TISSUE_UBERON
from msckg.ctgov.textparse import (
    Administrations,
    Dose,
    Mention,
    parse_administrations,
    parse_donor_relation,
    parse_doses,
    parse_routes,
    parse_tissue_sources,
)

CELL_THERAPY = re.compile(
    r"(?i)mesenchymal|stromal|\bh?MSCs?\b|MSC-|-MSC|stem[- ]cell|\bADSCs?\b|\bBMSCs?\b|\bBM-?MNCs?\b|"
    r"wharton|\bSVF\b|stromal vascular|\bDPSCs?\b|\bMPCs?\b|progenitor cell|\bASCs?\b|\bMSC\d")
PROCEDURE_ONLY = re.compile(r"(?i)\b(?:isolation|harvest(?:ing)?|aspiration|collection|liposuction|biopsy)\b")
DELIVERY = re.compile(r"(?i)inject|infus|transplant|implant|administ|therap")
CELL_CAPABLE_TYPES = {"Biological", "Genetic", "Combination Product", "Other", ""}
PLACEBO_ONLY = re.compile(r"(?i)^\s*(?:\w+:\s*)?(?:placebo|saline|vehicle|sham|standard (?:of )?care)\b")


@dataclass(frozen=True)
class Evidence:
    field: str
    text: str

    def __str__(self) -> str:
        return f"{self.field}: {self.text!r}"


@dataclass
class ParsedProduct:
    name: str
    intervention_type: str
    description: str | None
    tissue: tuple[str, str, Evidence] | None = None  # (UBERON id, key, evidence)
    cell_type: str = MSC
    donor: tuple[str, Evidence] | None = None
    route: tuple[str, Evidence] | None = None
    doses: list[tuple[Dose, Evidence]] = field(default_factory=list)
    administrations: tuple[Administrations, Evidence] | None = None
    notes: list[str] = field(default_factory=list)


# when both are named, the more specific source is meant ("umbilical cord Wharton's jelly MSCs")
MORE_SPECIFIC = {frozenset({"umbilical-cord", "wharton-jelly"}): "wharton-jelly"}


def is_cell_product(name: str, description: str | None, arm_texts: list[str] = [],  # noqa: B006
                    intervention_type: str = "") -> bool:
    """An intervention is a cell product when its name or description says so, or — for
    biological-type interventions — when an arm description that names it does ("CARTISTEM" ...
    "umbilical cord blood-derived mesenchymal stem cells"). Placebos and harvesting procedures
    ("Stem Cell Isolation") are not products."""
    if PLACEBO_ONLY.match(name):  # "Placebo (solution without UC-MSCs)" names cells it lacks
        return False
    if PROCEDURE_ONLY.search(name) and not DELIVERY.search(name):
        return False
    if CELL_THERAPY.search(name) or (description and CELL_THERAPY.search(description)):
        return True
    bare = re.sub(r"[®™©]", "", name).strip().lower()
    return (intervention_type in CELL_CAPABLE_TYPES and len(bare) > 3
            and any(bare in t.lower() and CELL_THERAPY.search(t) for t in arm_texts))


def _distinct(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _single(found: list[Mention], fname: str, what: str, notes: list[str]) -> tuple[str, Evidence] | None:
    """The one value a field states; several different ones are noted and give an empty marker
    (so later fields are not read for it either: the text was not silent, it was ambiguous)."""
    kinds = _distinct([m.value for m in found])
    if len(kinds) == 1:
        return kinds[0], Evidence(fname, found[0].text)
    if len(kinds) > 1:
        notes.append(f"several {what} in {fname} ({', '.join(kinds)}); none chosen")
        return "", Evidence(fname, ", ".join(m.text for m in found))
    return None


def parse_product(name: str, itype: str, description: str | None,
                  texts: list[tuple[str, str]]) -> ParsedProduct:
    """`texts` are (field name, text) pairs in the order they should be read."""
    prod = ParsedProduct(name, itype, description)
    for fname, text in texts:
        if not text:
            continue
        if prod.tissue is None:
            found = parse_tissue_sources(text)
            keys = _distinct([m.value for m in found if m.value in TISSUE_UBERON])
            if frozenset(keys) in MORE_SPECIFIC:
                keys = [MORE_SPECIFIC[frozenset(keys)]]
            if len(keys) == 1:
                mention = next(m for m in found if m.value == keys[0])
                prod.tissue = (TISSUE_UBERON[keys[0]], keys[0], Evidence(fname, mention.text))
                prod.cell_type = TISSUE_CELL.get(keys[0], MSC)
            elif len(keys) > 1:
                prod.notes.append(f"several tissue sources in {fname} ({', '.join(keys)}); none chosen")
                prod.tissue = ("", "", Evidence(fname, ", ".join(m.text for m in found)))
        if prod.donor is None:
            prod.donor = _single(parse_donor_relation(text), fname, "donor relations", prod.notes)
        if prod.route is None:
            prod.route = _single(parse_routes(text), fname, "routes", prod.notes)
        if not prod.doses:
            seen: set[tuple[Decimal, Decimal | None, str]] = set()
            for dose in parse_doses(text):
                key = (dose.value, dose.upper, dose.unit)
                if key not in seen and dose.value > 0:
                    seen.add(key)
                    prod.doses.append((dose, Evidence(fname, dose.text)))
        if prod.administrations is None:
            adm = parse_administrations(text)
            if adm is not None and (adm.count is not None or adm.days):
                prod.administrations = (adm, Evidence(fname, adm.text))
    # ambiguity markers ("" values) are not facts
    if prod.tissue and not prod.tissue[0]:
        prod.tissue = None
    if prod.donor and not prod.donor[0]:
        prod.donor = None
    if prod.route and not prod.route[0]:
        prod.route = None
    return prod
