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
The word lists (tissue sources, routes, donor relations) live in `msckg.ctgov.lexicon`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from msckg.ctgov.lexicon import DONOR_RULES, ROUTE_RULES, TISSUE_RULES, Rule, fold, number_word
from msckg.ctgov.lexicon import NUMBER_WORDS_RE as _NW

__all__ = [
    "Administrations", "Dose", "Mention", "ParsedDate", "Span", "Timepoint", "parse_administrations",
    "parse_date", "parse_donor_relation", "parse_doses", "parse_routes", "parse_time_frame",
    "parse_tissue_sources",
]


@dataclass(frozen=True)
class Span:
    """Where a value came from: `text == source[start:end]`."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class ParsedDate(Span):
    """A registry date as an XSD lexical value: "2020-03-05" (kind "date") or "2020-03" ("gYearMonth")."""

    value: str
    kind: Literal["date", "gYearMonth"]


@dataclass(frozen=True)
class Dose(Span):
    """A cell dose: `value` (and `upper` for ranges) in cells, or in cells per kg body weight."""

    value: Decimal
    unit: Literal["cells", "cells/kg"]
    upper: Decimal | None = None


@dataclass(frozen=True)
class Mention(Span):
    """A normalised key (tissue source, donor relation, route) and the words that stated it."""

    value: str


@dataclass(frozen=True)
class Administrations(Span):
    """How often a product is given: `count` and/or `days` (as written; day 0 = first dose).

    `text`/`start`/`end` cover the phrases used; `parts` lists each phrase on its own
    (value "count=2" or "days=0,7").
    """

    count: int | None
    days: list[int] = field(default_factory=list)
    parts: tuple[Mention, ...] = ()


@dataclass(frozen=True)
class Timepoint(Span):
    """An assessment time as an ISO 8601 duration from baseline ("P10D", "P52W", "PT24H")."""

    value: str
    amount: Decimal
    unit: Literal["minute", "hour", "day", "week", "month", "year"]


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

_NUM = r"(?:\d{1,3}(?:,\d{3})+(?![\d,])|\d+(?:\.\d+)?)"
_SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_MUL = r"\s*(?:[x×X*·✕]|\.(?=\s*10))\s*"
# exponent after "10": ^6, **6, E6, e6, exp6, ~7, (6), superscripts, or a flattened "106" (10^6)
_EXP = (rf"(?:\s*(?:\^|\*\*|exp|[eE]|~)\s*\(?\s*\+?(?P<e1>\d{{1,2}})(?:\s*\))?"
        rf"|\s*\(\s*\+?(?P<e2>\d{{1,2}})\s*\)|(?P<e3>[{_SUP}]{{1,2}}))")
_DOSE = re.compile(
    rf"(?<![\w.,^/])(?:(?P<lo>{_NUM})(?:\s*(?i:million))?\s*(?:-|~|to)\s*)?"
    rf"(?:(?:(?P<m>{_NUM})(?:\s*(?:±|\+/-)\s*{_NUM})?{_MUL})?10(?:{_EXP}|(?P<e4>[3-9])(?![\d.,]))"
    rf"|(?P<mm>{_NUM})\s*-?\s*(?P<big>(?i:million|billion|mio\b))"
    rf"|(?P<sci>\d+(?:\.\d+)?)[eE]\+?(?P<e5>\d{{1,2}})(?![\d.])"
    rf"|(?P<bare>{_NUM}))"
)
_CELLWORD = r"(?:[A-Za-z-]*?(?i:cells?)|[A-Za-z_-]*(?:MSCs?|SCs?|MPCs?|CSM|MNCs?|SVF)|(?i:remestemcel-L))"
_NOUN = re.compile(rf"\s*(?:(?:of|the)\s+)?(?:\(?[A-Za-z®™'][A-Za-z®™'-]*\)?\s+){{0,5}}?\(?{_CELLWORD}(?![\w-])\)?")
_PAREN = re.compile(r"\s*\([^()]{1,20}\)")
_PERKG = re.compile(
    r"\s*(?:/|per)\s*(?i:kg|kilo(?:gram)?s?)\b"
    r"(?:\s*(?:of\s+)?(?i:(?:the\s+)?(?:recipient|patient)?(?:'s|´s|s)?\s*)(?i:body\s*weight|bodyweight|bw|weight)\b)?")
_NOT_CELLS = re.compile(
    r"\s*(?:of\s+)?(?i:particles?|nano|vesicles?|exosomes?|EVs?\b|copies|PFU|IU\b|U\b|mg|µg|ug|g\b|ml\b"
    r"|l\b|vg\b|CFU|TCID|people|persons|patients|inhabitants|cases|deaths|adults|children|individuals"
    r"|years?|in\s+\d{4}|each\s+year|per\s+year|annually|dollars|USD|\$)")
_DENSITY = re.compile(r"\s*(?:/|per)\s*(?i:m[lL]\b|µl|ul\b|cm2|cm²|㎠|square|well|flask|cm\b)")
_DOSE_WORD = re.compile(r"(?i:dose|dosage|dosing)[^.;:]{0,25}$")
_LIST_SEP = re.compile(r"\s*(?:,|/|\bor\b|\band\b)\s*(?:,\s*)?(?:or\s+|and\s+)?$")


def _dose_value(m: re.Match[str]) -> tuple[Decimal, Decimal | None, str]:
    """The exact value of a `_DOSE` match, its range lower bound if any, and which form it was."""
    exp = next((m[g] for g in ("e1", "e2", "e4", "e5") if m[g]), None)
    if m["e3"]:
        exp = m["e3"].translate(str.maketrans(_SUP, "0123456789"))
    if m["sci"]:
        return Decimal(m["sci"]).scaleb(int(exp or 0)), None, "exp"
    if m["mm"]:
        scale, form, mant = (6 if m["big"].lower() in ("million", "mio") else 9), "big", m["mm"]
    elif m["bare"]:
        scale, form, mant = 0, "bare", m["bare"]
    elif m["m"] is None and m["e4"]:
        scale, form, mant = 0, "bare", "10" + m["e4"]  # "106 patients": a plain number, not 10^6
    else:
        scale, form, mant = int(exp or 0), "exp", m["m"] or "1"
    value = Decimal(mant.replace(",", "")).scaleb(scale)
    lo = Decimal(m["lo"].replace(",", "")).scaleb(scale) if m["lo"] else None
    return value, lo, form


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
        if form == "big" and not unit_words and not _DOSE_WORD.search(folded, 0, m.start()):
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


# ---------------------------------------------------------------------------- administrations

_N = rf"(?:\d+|{_NW})"
# words allowed between a count and its noun: "three intra-articular injections", "4 weekly doses"
_BETWEEN = r"(?:(?:[\w-]*(?:al|ar|ous|ive|ly|ed|ic)|IV|iv|MSCs?|cells?|stem|more|further|booster|equal|total)[- ])"
_ADMIN_NOUNS = r"(?:infusions|injections|doses|administrations|transplantations|applications|implantations|treatments)"
_COUNT = re.compile(
    rf"(?i:(?P<single>\b(?:a\s+|one\s+)?single(?:[- ][\w-]+){{0,3}}?[- ](?:dose|infusion|injection|administration"
    rf"|transplantation|application|implantation|treatment|shot)s?\b)"
    rf"|(?P<one>\b(?:one|1)[- ](?:time[- ])?(?:[\w-]+[- ]){{0,2}}?(?:dose|infusion|injection|administration)\b)"
    rf"|(?<![\d.,^x×*])\b(?P<n>{_N})[- ]{_BETWEEN}{{0,3}}?{_ADMIN_NOUNS}\b"
    rf"|\b(?:administered|given|injected|infused|delivered|applied)\s+(?P<once>once)\b(?!\s+(?:a|an|per|every|daily|weekly|monthly|each)\b)"
    rf"|(?<![\d.,^x×*])\b(?P<times>{_N})[- ]times?\b(?!\s+(?:a|an|per|higher|more|greater|lower|less|the|daily|weekly|as)\b)"
    rf"|\b(?P<twice>twice|thrice)\b(?!\s+(?:a|an|per|daily|weekly|monthly|each|as)\b)"
    rf"|\b(?:once[- ])?(?:(?:a|per|every)\s+)?(?P<every>day|daily|week|weekly|month|monthly)\s+for\s+(?P<span>{_N})\s+(?P<spanunit>days?|weeks?|months?|times)\b)"
)
_DAYS = re.compile(
    r"(?i:(?P<on>\bon\s+)?\b(?:study\s+)?days?(?:-(?=\d))?\s*#?\s*(?P<first>[+-]?\d+)\b(?![.,]\d|\s*(?:mg|ml|x|×|%|hours?|h\b))"
    r"(?P<rest>(?:\s*(?:,\s*and|,|;|and|&|or)\s*(?:days?\s*)?#?[+-]?\d+\b(?![.,]\d|\s*(?:mg|ml|x|×|%|hours?|h\b|weeks?|months?)))*))"
)
_ADMIN_WORD = re.compile(r"(?i:infus|inject|administ|dos(?:e|ing)|transplant|deliver|receiv|given|treat|implant|appl)")
_ASSESS_WORD = re.compile(r"(?i:assess|evaluat|measur|follow|visit|collect|record|monitor)")
_MORE_LATER = re.compile(r"(?i:\s*(?:,|;|and)?\s*(?:and\s+)?(?:weeks?|months?|then|every|thereafter|followed))")


def _count_of(m: re.Match[str]) -> int | None:
    if m["single"] or m["one"] or m["once"]:
        return 1
    if m["twice"]:
        return 2 if m["twice"].lower() == "twice" else 3
    if m["every"]:
        unit, span_unit = m["every"].lower()[:3], m["spanunit"].lower()
        if span_unit != "times" and not (unit == span_unit[:3] or (unit == "dai" and span_unit.startswith("day"))):
            return None  # "daily for 6 months": the count is not stated
        return number_word(m["span"])
    return number_word(m["n"] or m["times"])


def parse_administrations(s: str) -> Administrations | None:
    """The number of administrations and the dosing days, as far as the text states them.

    Reads counts ("a single dose", "two infusions", "4 times", "twice", "once a week for 4 weeks")
    and day lists ("on days 0 and 7", "Day 0, Day 3, Day 6") from the first phrase of each kind.
    A day list counts only in a sentence about giving something; it also gives the count when no
    count is written, unless more doses follow in weeks or months. Days are never computed from a
    frequency. Returns None when neither is stated.
    """
    folded = fold(s)
    parts: list[Mention] = []
    count: int | None = None
    days: list[int] = []
    for m in _COUNT.finditer(folded):
        n = _count_of(m)
        if n is not None and n > 0:
            count = n
            parts.append(Mention(s[m.start():m.end()], m.start(), m.end(), f"count={n}"))
            break
    for m in _DAYS.finditer(folded):
        sentence_start = max(folded.rfind(".", 0, m.start()), folded.rfind(";", 0, m.start())) + 1
        sentence_end = min((i for i in (folded.find(".", m.end()), folded.find(";", m.end())) if i >= 0),
                           default=len(folded))
        if not _ADMIN_WORD.search(folded, sentence_start, sentence_end) and (
                not m["on"] or _ASSESS_WORD.search(folded, sentence_start, sentence_end)):
            continue  # a day list counts in a sentence about dosing, or as "on days ..." alone
        # a sign counts when it stands apart ("day -6", "day +3"); "day-15" is day 15
        days = [int(d[2]) * (-1 if d[1] == "-" and not d[0].isalpha() else 1)
                for d in re.findall(r"([^\d+-]?)([+-]?)(\d+)", m.group(0))]
        parts.append(Mention(s[m.start():m.end()], m.start(), m.end(), "days=" + ",".join(map(str, days))))
        if count is None and not _MORE_LATER.match(folded, m.end()):
            count = len(days)
        break
    if not parts:
        return None
    start, end = min(p.start for p in parts), max(p.end for p in parts)
    return Administrations(s[start:end], start, end, count, days, tuple(sorted(parts, key=lambda p: p.start)))


# ------------------------------------------------------------------------------ time frames

_UNITS: dict[str, tuple[str, str]] = {
    "min": ("minute", "PT{}M"), "h": ("hour", "PT{}H"), "d": ("day", "P{}D"),
    "w": ("week", "P{}W"), "m": ("month", "P{}M"), "y": ("year", "P{}Y"),
}


def _unit(sfx: str) -> str:
    """The unit words, each kind in its own named group (suffixed: a pattern may use them twice)."""
    return (rf"(?:(?P<min{sfx}>minutes?|mins?)|(?P<h{sfx}>hours?|hrs?)|(?P<d{sfx}>days?)"
            rf"|(?P<w{sfx}>weeks?|wks?)|(?P<m{sfx}>months?|mths?|mos?)|(?P<y{sfx}>years?|yrs?))\b")


_UNIT_WORD = r"(?:minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|mths?|mos?|years?|yrs?)\b"
_TNUM = rf"(?:\d+(?:\.\d+)?(?![\d.]\d)(?!\d)|{_NW})"
_TSEP = r"\s*(?:,\s*(?:and|or)\b|,|;|/|&|-|~|\band\b|\bor\b|\bto\b|\bthrough\b|\buntil\b)\s*#?"
_TIME = re.compile(
    rf"(?i:(?P<baseline>\bbaseline\b)"
    # unit first: "Day 10", "Weeks 4, 8 and 12" (a list item followed by its own unit starts a new list)
    rf"|\b{_unit('1')}(?P<neg>\s+-(?=\d))?\s*[-#]?\s*(?P<ulist>{_TNUM}(?:{_TSEP}{_TNUM}(?!\s*-?\s*(?:{_UNIT_WORD}|st\b|nd\b|rd\b|th\b)))*)"
    # number first: "12 months", "1, 3 and 6 months", "3-6 months", "12-month", "the 3rd day"
    rf"|(?<![\w.])(?P<nlist>{_TNUM}(?:{_TSEP}{_TNUM})*)(?:st|nd|rd|th)?\s*-?\s*{_unit('2')})"
    # terse: "28d", "48h", "2y"
    rf"|(?<![\w.])(?P<terse>\d+(?:\.\d+)?)(?P<tu>[dwyh])\b"
)
_TOLERANCE = re.compile(r"(?i:(?:\+/-|±|\+-|plus or minus|\+|(?:^|[\s(\[])-)\s*)$")
_NOT_A_TIME = re.compile(r"(?i:\b(?:visit|cycle|phase|stage|grade|level|group|cohort|arm|dose|part|step)\s*#?\s*)$")


def _unit_of(m: re.Match[str]) -> str | None:
    """The `_UNITS` key of whichever unit group matched."""
    return next((key for key in _UNITS for sfx in "12" if m.group(key + sfx)), None)


def _amount(text: str) -> Decimal:
    return Decimal(text) if text[0].isdigit() else Decimal(number_word(text))


def parse_time_frame(s: str) -> list[Timepoint]:
    """Assessment times in a registry time frame, as ISO 8601 durations, first occurrence of each.

    "Day 10, Day 28, Day 90" -> P10D, P28D, P90D; "at 1, 3 and 6 months" -> P1M, P3M, P6M;
    "baseline to 6 months" -> P0D, P6M; "week 52" -> P52W; "24 hours" -> PT24H; number words
    ("one year") count too. Each timepoint's `text` is the number it came from, with the unit
    word when it is next to that number. "Up to 2 years" gives P2Y: the bound is a time too.
    """
    folded = fold(s)
    out: list[Timepoint] = []
    seen: set[str] = set()

    def add(start: int, end: int, amount: Decimal, key: str) -> None:
        unit, template = _UNITS[key]
        value = template.format(format(amount, "f"))
        if value not in seen:
            seen.add(value)
            out.append(Timepoint(s[start:end], start, end, value, amount, unit))  # type: ignore[arg-type]

    pos = 0
    while (m := _TIME.search(folded, pos)) is not None:
        pos = m.end()
        if m["baseline"]:
            add(m.start(), m.end(), Decimal(0), "d")
        elif _TOLERANCE.search(folded, max(0, m.start() - 16), m.start()):
            continue  # "(+/- 2 days)" is a visit window, not a time point
        elif m["terse"]:
            add(m.start(), m.end(), Decimal(m["terse"]), m["tu"])
        elif (key := _unit_of(m)) is not None:
            group = "ulist" if m["ulist"] else "nlist"
            offset = m.start(group)
            items = list(re.finditer(_TNUM, folded[offset:m.end(group)], re.IGNORECASE))
            previous = Decimal(-1)
            for i, item in enumerate(items):
                amount = _amount(item.group(0))
                if group == "ulist" and amount <= previous:
                    pos = offset + items[i - 1].end()  # "day 1, 4, 7, and 1, 3, 6 month": a new list
                    break
                previous = amount
                if i == 0 and (m["neg"] or _NOT_A_TIME.search(folded, max(0, m.start() - 12), m.start())):
                    continue  # "Day -1" is before baseline; "visit 2 to 12-month": 2 is a visit
                start = m.start() if group == "ulist" and i == 0 else offset + item.start()
                end = m.end() if group == "nlist" and i == len(items) - 1 else offset + item.end()
                add(start, end, amount, key)
    out.sort(key=lambda t: t.start)
    return out
