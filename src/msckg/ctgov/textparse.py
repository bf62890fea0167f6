"""Parsers for the free text of ClinicalTrials.gov records: dates, doses, sources, routes, schedules.

Why this module exists: the registry states most of what a knowledge graph needs about an MSC
product (dose, tissue, donor, route, schedule, assessment times) only in prose such as
"1-2 x 10(6)/kg" or "Day 10, Day 28, Day 90". Every parser here therefore returns, with each
value, the exact substring it was read from (`text`) and its offsets in the input (`start`,
`end`, so that `s[start:end] == text`): a graph built from these values can quote its evidence,
and a reviewer can see at once when a parser misread something.

Rules shared by all parsers:
- Pure functions of one string; no I/O, no RDF, nothing global that changes.
- Numbers are `decimal.Decimal` built from the digits of the text, never through a float.
- Nothing is inferred that the text does not state (no donor relation from "healthy donors",
  no schedule days from "weekly").
- Full-width forms (×, （）, ／, ，, 、) are folded to their ASCII equivalents before matching by a
  length-preserving table, so offsets always refer to the original string.
The word lists (tissue sources, routes, donor relations) live in `msckg.ctgov.lexicon`, the result
types in `msckg.ctgov.spans`, the schedule parsers (administrations, time frames) in
`msckg.ctgov.schedule`; all are re-exported here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Literal

from msckg.ctgov.lexicon import DONOR_RULES, ROUTE_RULES, TISSUE_RULES, Rule, fold, number_word
from msckg.ctgov.lexicon import NUMBER_WORDS_RE as _NW
from msckg.ctgov.schedule import parse_administrations, parse_time_frame
from msckg.ctgov.spans import Administrations, Dose, Mention, ParsedDate, Span, Timepoint

__all__ = [
    "Administrations", "Dose", "Mention", "ParsedDate", "Span", "Timepoint", "parse_administrations",
    "parse_date", "parse_donor_relation", "parse_doses", "parse_routes", "parse_time_frame",
    "parse_tissue_sources",
]


# --------------------------------------------------------------------------------------- dates

_MONTHS = {m.lower(): i for i, m in enumerate(
    "January February March April May June July August September October November December".split(), 1)}
_MONTHS.update({name[:3]: i for name, i in list(_MONTHS.items())} | {"sept": 9})
_DATE = re.compile(
    r"(?P<mon>[A-Za-z]+)\.?\s+(?:(?P<day>\d{1,2}),?\s+)?(?P<year>\d{4})"
    r"|(?P<iy>\d{4})-(?P<im>\d{2})(?:-(?P<id>\d{2}))?"
)


def parse_date(s: str) -> ParsedDate | None:
    """Read a whole-string registry date ("March 5, 2020", "August 2020", "2020-08-15", "2020-08").

    Classic records write dates in words and v2 records in ISO form; both become an XSD value
    whose `kind` says how precise the registry was, so "March 2020" is never padded to a day.
    """
    body = s.strip()
    m = _DATE.fullmatch(body)
    if not m:
        return None
    if m["mon"]:
        month, day, year = _MONTHS.get(m["mon"].lower()), m["day"], int(m["year"])
    else:
        month, day, year = int(m["im"]), m["id"], int(m["iy"])
    if month is None or not 1 <= month <= 12:
        return None
    if day is not None:
        try:
            value = dt.date(year, month, int(day)).isoformat()
        except ValueError:
            return None
        kind: Literal["date", "gYearMonth"] = "date"
    else:
        value, kind = f"{year:04d}-{month:02d}", "gYearMonth"
    start = len(s) - len(s.lstrip())
    return ParsedDate(body, start, start + len(body), value, kind)


# ------------------------------------------------------------------------- keyword mentions

def _mentions(s: str, rules: Iterable[Rule]) -> list[Mention]:
    """All rule hits, overlaps resolved (earliest, then longest wins), one per value, in text order."""
    folded = fold(s)
    hits: list[tuple[int, int, str]] = []
    for value, pattern, accept in rules:
        for m in pattern.finditer(folded):
            if accept is None or accept(folded, m):
                hits.append((m.start(), m.end(), value))
    hits.sort(key=lambda h: (h[0], -h[1]))
    out: list[Mention] = []
    seen: set[str] = set()
    last_end = -1
    for start, end, value in hits:
        if start < last_end:
            continue
        last_end = end
        if value not in seen:
            seen.add(value)
            out.append(Mention(s[start:end], start, end, value))
    return out


def parse_tissue_sources(s: str) -> list[Mention]:
    """Tissue sources named in `s` ("hUC-MSC" -> umbilical-cord, "SVF" -> adipose), first mention each.

    Keys: umbilical-cord, wharton-jelly, adipose, bone-marrow, placenta, amnion, amniotic-fluid,
    dental-pulp, menstrual-blood, cord-blood, peripheral-blood, chorion, decidua, endometrium,
    synovium, skin, muscle. "Umbilical cord blood" is cord-blood only.
    """
    return _mentions(s, TISSUE_RULES)


def parse_donor_relation(s: str) -> list[Mention]:
    """"autologous" / "allogeneic" when the text says so (allogenic, allo-hMSC, Auto-hMSC ...).

    "Healthy donors" alone is not enough, and mentions about a haematopoietic transplant
    ("allogeneic HSCT") are not about the MSC product, so they are skipped; "syngeneic" is ignored.
    """
    return _mentions(s, DONOR_RULES)


def parse_routes(s: str) -> list[Mention]:
    """Routes of administration ("intravenously", "IV infusion", "into a peripheral vein" ...).

    A bare "IV" counts only when it is not a Roman numeral (stage IV, grade II-IV).
    """
    return _mentions(s, ROUTE_RULES)


# ------------------------------------------------------------------------------------- doses

_NUM = r"(?:\d{1,3}(?:,\d{3})+(?![\d,])|\d{1,3}(?:\.\d{3}){2,}(?![\d.])|\d+(?:\.\d+)?)"
_SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_MUL = r"\s*(?:[x×X*·✕]|times\b|\.(?=\s*10))\s*"
# the exponent after "10": ^6, **6, E6, e6, exp6, ~7, (6), superscripts; with a mantissa also a
# flattened superscript, "x 106" or "x 10 6"
_EXP = (rf"(?:\s*(?:\^|\*\*|exp|[eE]|~)\s*\(?\s*\+?(?P<e1>\d{{1,2}})(?:\s*\))?"
        rf"|\s*\(\s*\+?(?P<e2>\d{{1,2}})\s*\)|(?P<e3>[{_SUP}]{{1,2}})"
        rf"|(?P<e4>[3-9])(?![\d.,])|(?(m)\s(?P<e6>[3-9])(?![\d.,])|(?!)))")
_DOSE = re.compile(
    rf"(?<![\w.,^/])(?:(?P<lo>{_NUM})(?:\s*(?i:million))?\s*(?:-|~|to)\s*)?(?:"
    rf"(?:(?P<m>{_NUM})(?:\s*(?:±|\+/-)\s*{_NUM})?{_MUL})?10{_EXP}"
    rf"|(?P<pm>{_NUM}){_MUL}(?P<pow>1(?:,?000){{2,}})(?![\d,])"
    rf"|(?P<mm>\d+,\d{{1,2}}(?=\s*-?\s*(?i:million))|{_NUM}|(?i:{_NW}))\s*-?\s*"
    rf"(?P<big>(?i:millions?|mln|billions?|mio\b)|M(?=\s*cells))"
    rf"|(?P<sci>\d+(?:\.\d+)?)[eE]\+?(?P<e5>\d{{1,2}})(?![\d.])"
    rf"|(?P<bare>{_NUM}))"
)
_CELLWORD = r"(?:[A-Za-z-]*?(?i:cells?)|[A-Za-z_-]*(?:MSCs?|SCs?|MPCs?|CSM|MNCs?|SVF)|(?i:remestemcel-L))"
# up to 8 words before the cell word: "20 million Autologous Adipose-Derived Mesenchymal Stem Cells"
_NOUN = re.compile(rf"\s*(?:(?:of|the)\s+)?(?:\(?[A-Za-z®™'][A-Za-z®™'-]*[),]?\s+){{0,8}}?"
                   rf"(?P<open>\()?{_CELLWORD}(?![\w-])(?(open)\))")
_PAREN = re.compile(r"\s*\([^()]{1,20}\)")
_PERKG = re.compile(
    r"\s*(?:/|per)\s*(?i:kg|kilo(?:gram)?s?)\b"
    r"(?:\s*(?:of\s+)?(?i:(?:the\s+)?(?:recipient|patient)?(?:'s|s)?\s*)(?i:body\s*weight|bodyweight|bw|weight)\b)?")
_PER_VOLUME = re.compile(r"\s*(?:/|in)\s*\d+(?:\.\d+)?\s*(?i:ml|cc)\b")
_NOT_CELLS = re.compile(
    r"\s*(?:of\s+)?(?i:particles?|nano|vesicles?|exosomes?|EVs?\b|copies|PFU|IU\b|U\b|mg|µg|ug|g\b|ml\b"
    r"|l\b|vg\b|CFU|TCID|people|persons|patients|inhabitants|cases|deaths|adults|children|individuals"
    r"|years?|in\s+\d{4}|each\s+year|per\s+year|annually|dollars|USD|\$)")
_DENSITY = re.compile(r"\s*(?:/|per)\s*(?i:m[lL]\b|µl|ul\b|cm2|cm²|㎠|square|well|flask|cm\b)")
_DOSE_WORD = re.compile(r"(?i:dose|dosage|dosing)[^.;:]{0,25}$")
_LIST_SEP = re.compile(r"\s*(?:,|/|\bor\b|\band\b)\s*(?:,\s*)?(?:or\s+|and\s+)?$")


def _decimal(text: str) -> Decimal:
    """A number as written: "50,000,000", "1.000.000" (grouped), "12,5" (decimal comma), "twenty"."""
    if re.fullmatch(r"\d+,\d{1,2}", text):
        return Decimal(text.replace(",", "."))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}", text):
        return Decimal(text.replace(".", ""))
    return Decimal(text.replace(",", "")) if text[0].isdigit() else Decimal(number_word(text))


def _dose_value(m: re.Match[str]) -> tuple[Decimal, Decimal | None, str]:
    """The exact value of a `_DOSE` match, its range lower bound if any, and which form it was."""
    if m["sci"]:
        return Decimal(m["sci"]).scaleb(int(m["e5"])), None, "exp"
    if m["pm"]:
        factor = _decimal(m["pow"])
        return _decimal(m["pm"]) * factor, _decimal(m["lo"]) * factor if m["lo"] else None, "exp"
    if m["mm"]:
        scale, form, mant = (9 if m["big"].lower().startswith("b") else 6), "big", m["mm"]
    elif m["bare"]:
        scale, form, mant = 0, "bare", m["bare"]
    elif m["m"] is None and m["e4"]:
        scale, form, mant = 0, "bare", "10" + m["e4"]  # "106 patients": a plain number, not 10^6
    else:
        exp = next(m[g] for g in ("e1", "e2", "e3", "e4", "e6") if m[g])
        scale, form, mant = int(exp.translate(str.maketrans(_SUP, "0123456789"))), "exp", m["m"] or "1"
    value = _decimal(mant).scaleb(scale)
    return value, _decimal(m["lo"]).scaleb(scale) if m["lo"] else None, form


def parse_doses(s: str) -> list[Dose]:
    """Cell doses such as "4.0*10E7 cells", "1-2 x 10(6)/kg", "5×10⁶ cells/kg", "100 million cells".

    Why the rules: registries write powers of ten in a dozen ways (10^6, 10(6), 10E6, 10⁶, and
    "106" when a superscript was flattened), and "million" and plain numbers are also used for
    people and years. So a number with a power of ten is a dose unless it counts something else
    (particles, mL, patients) or is a concentration ("/mL", "/cm2"); "N million" needs a cell word,
    "/kg" or a preceding "dose"; a plain number needs a cell word or "/kg" and at least 1000.
    Ranges ("1-2 x 10^6", "1x10e8 ~3x10e8") give `value` (low) and `upper`.
    """
    folded = fold(s)
    found: list[tuple[Dose, bool]] = []  # (dose, has its own unit words)
    for m in _DOSE.finditer(folded):
        if found and m.start() < found[-1][0].end:
            continue  # inside the words of the previous dose: "1.000.000 (one million) cells"
        value, lo, form = _dose_value(m)
        end = m.end()
        if _NOT_CELLS.match(folded, end) or _DENSITY.match(folded, end):
            continue
        noun = _NOUN.match(folded, end)
        if noun:
            end = noun.end()
            paren = _PAREN.match(folded, end)
            if paren and _PERKG.match(folded, paren.end()):
                end = paren.end()
        if _DENSITY.match(folded, end):
            continue
        perkg = _PERKG.match(folded, end)
        if perkg:
            end = perkg.end()
        unit_words = bool(noun or perkg)
        if form == "bare" and (not unit_words or value < 1000):
            continue
        if form == "big" and not unit_words and not _PER_VOLUME.match(folded, end) and not _DOSE_WORD.search(
                folded, 0, m.start()):
            continue
        if value < 1000:
            continue
        dose = Dose(s[m.start():end], m.start(), end, lo if lo is not None else value,
                    "cells/kg" if perkg else "cells", value if lo is not None else None)
        found.append((dose, unit_words))
    return _join_doses(s, folded, found)


def _join_doses(s: str, folded: str, found: list[tuple[Dose, bool]]) -> list[Dose]:
    """Merge "A ~ B" into one range; give "A, B and C cells/kg" the unit written once at the end."""
    out: list[tuple[Dose, bool]] = []
    for dose, own in found:
        if out:
            prev, prev_own = out[-1]
            gap = folded[prev.end:dose.start]
            if not prev_own and prev.upper is None and re.fullmatch(r"\s*(?:-|~|to)\s*", gap):
                out[-1] = (Dose(s[prev.start:dose.end], prev.start, dose.end, prev.value, dose.unit,
                                dose.upper or dose.value), own)
                continue
        out.append((dose, own))
    for i in range(len(out) - 2, -1, -1):
        (dose, own), (nxt, _) = out[i], out[i + 1]
        if not own and nxt.unit == "cells/kg" and _LIST_SEP.match(folded[dose.end:nxt.start]):
            out[i] = (Dose(dose.text, dose.start, dose.end, dose.value, "cells/kg", dose.upper), own)
    return [d for d, _ in out]
