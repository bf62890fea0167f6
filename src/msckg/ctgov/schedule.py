"""Schedules in registry text: how often a product is given, and when outcomes are assessed.

Split from `msckg.ctgov.textparse` (which re-exports both parsers) to keep modules short; the same
rules apply: pure functions, exact text and offsets with every value, nothing inferred.
"""

from __future__ import annotations

import re
from decimal import Decimal

from msckg.ctgov.lexicon import NUMBER_WORDS_RE as _NW
from msckg.ctgov.lexicon import fold, number_word
from msckg.ctgov.spans import Administrations, Mention, Timepoint

__all__ = ["parse_administrations", "parse_time_frame"]

_N = rf"(?:\d+|{_NW})"
# a frequency and how long it lasts: "once a week for 4 weeks", "weekly for 4 weeks", "a week for three times"
_PER_SPAN = (rf"(?:(?:a|per|every|each)\s+)?(?P<every>day|daily|week|weekly|month|monthly)\s+for\s+(?P<span>{_N})"
             rf"\s+(?P<spanunit>days?|weeks?|months?|times)\b")
# words allowed between a count and its noun: "three intra-articular injections", "4 weekly doses"
_BETWEEN = r"(?:(?:[\w-]*(?:al|ar|ous|ive|ly|ed|ic)|IV|iv|MSCs?|cells?|stem|more|further|booster|equal|total)[- ])"
_ADMIN_NOUNS = r"(?:infusions|injections|doses|administrations|transplantations|applications|implantations|treatments)"
_COUNT = re.compile(
    rf"(?i:(?P<single>\b(?:a\s+|one\s+)?single(?:[- ][\w-]+){{0,3}}?[- ](?:dose|infusion|injection|administration"
    rf"|transplantation|application|implantation|treatment|shot)s?\b)"
    rf"|(?P<one>\b(?:one|1)[- ](?:time[- ])?(?:[\w-]+[- ]){{0,2}}?(?:dose|infusion|injection|administration)\b)"
    rf"|(?<![\d.,^x×*])\b(?P<n>{_N})[- ]{_BETWEEN}{{0,3}}?{_ADMIN_NOUNS}\b"
    rf"|\b(?:administered|given|injected|infused|delivered|applied)\s+(?P<once>once)\b"
    rf"(?!\s+(?:a|an|per|every|daily|weekly|monthly|each)\b)"
    rf"|(?<![\d.,^x×*])\b(?P<times>{_N})[- ]times?\b"
    rf"(?!\s+(?:a|an|per|higher|more|greater|lower|less|the|daily|weekly|as)\b|\s*\d)"
    rf"|\btotal\s*(?:#|number\s+of|no\.?\s*of)?\s*{_ADMIN_NOUNS}\s*(?:[=:]|of|is)?\s*(?P<total>{_N})\b"
    rf"|\b(?P<twice>twice|thrice)\b(?!\s+(?:a|an|per|daily|weekly|monthly|each|as)\b)"
    rf"|\b(?:(?P<freq>once|twice|thrice|{_N}[- ]times)[- ])?{_PER_SPAN})"
)
# "2 infusions of 2 million cells/kg per week for 4 weeks": the count is per week
_THEN_PER_SPAN = re.compile(rf"(?i:[^.;]{{0,80}}?\b{_PER_SPAN})")
_NOT_A_DAY = r"(?![.,]\d|\s*(?:mg|ml|x|×|%|hours?|h\b|weeks?|months?))"  # "day 1.75 mg", "day 3 hours"
_DAYS = re.compile(
    rf"(?i:(?P<on>\bon\s+)?\b(?:study\s+)?days?(?:-(?=\d))?\s*#?\s*(?P<first>[+-]?\d+)\b{_NOT_A_DAY}"
    rf"(?P<rest>(?:\s*(?:,\s*and|,|;|and|&|or)\s*(?:days?\s*)?#?[+-]?\d+\b{_NOT_A_DAY})*))"
)
_ADMIN_WORD = re.compile(
    r"(?i:infus|inject|administ|dos(?:e|ing)|transplant|deliver|receiv|given|treat|implant|appl|intra|inhal|nebuli)")
_SENTENCE_END = re.compile(r"[.;](?=\s|$)")
_ASSESS_WORD = re.compile(r"(?i:assess|evaluat|measur|follow|visit|collect|record|monitor)")
_MORE_LATER = re.compile(r"(?i:\s*(?:,|;|and)?\s*(?:and\s+)?(?:weeks?|months?|then|every|thereafter|followed))")


def _span_count(m: re.Match[str]) -> int | None:
    """How many periods a `_PER_SPAN` match covers; None when the units differ ("daily for 6 months")."""
    unit, span_unit = m["every"].lower()[:3], m["spanunit"].lower()
    if span_unit != "times" and not (unit == span_unit[:3] or (unit == "dai" and span_unit.startswith("day"))):
        return None
    return number_word(m["span"])


def _count_of(m: re.Match[str]) -> int | None:
    if m["single"] or m["one"] or m["once"]:
        return 1
    if m["twice"]:
        return 2 if m["twice"].lower() == "twice" else 3
    if m["every"]:
        periods = _span_count(m)
        freq = (m["freq"] or "once").lower().split("-")[0].split()[0]
        per_period = {"once": 1, "twice": 2, "thrice": 3}.get(freq) or number_word(freq)
        return None if periods is None else per_period * periods
    return number_word(m["n"] or m["times"] or m["total"])


def parse_administrations(s: str) -> Administrations | None:
    """The number of administrations and the dosing days, as far as the text states them.

    Reads counts ("a single dose", "two infusions", "4 times", "twice", "once a week for 4 weeks")
    and day lists ("on days 0 and 7", "Day 0, Day 3, Day 6") from the first phrase of each kind.
    A day list counts only in a sentence about giving something (or as "on days ..."); two or more
    days also give the count when no count is written, unless more doses follow in weeks or months.
    A frequency over a span is multiplied out ("2 infusions ... per week for 4 weeks" is 8), but
    days are never computed from a frequency. Returns None when neither is stated.
    """
    folded = fold(s)
    parts: list[Mention] = []
    count: int | None = None
    days: list[int] = []
    for m in _COUNT.finditer(folded):
        n = _count_of(m)
        if n is not None and n > 0:
            end = m.end()
            per = _THEN_PER_SPAN.match(folded, end) if (m["n"] or m["times"] or m["twice"]) else None
            if per is not None and (periods := _span_count(per)) is not None and per["spanunit"] != "times":
                n, end = n * periods, per.end()
            count = n
            parts.append(Mention(s[m.start():end], m.start(), end, f"count={n}"))
            break
    for m in _DAYS.finditer(folded):
        sentence_start = max((e.end() for e in _SENTENCE_END.finditer(folded, 0, m.start())), default=0)
        after = _SENTENCE_END.search(folded, m.end())
        sentence_end = after.start() if after else len(folded)
        if not _ADMIN_WORD.search(folded, sentence_start, sentence_end) and (
                not m["on"] or _ASSESS_WORD.search(folded, sentence_start, sentence_end)):
            continue  # a day list counts in a sentence about dosing, or as "on days ..." alone
        # a sign counts when it stands apart ("day -6", "day +3"); "day-15" is day 15
        days = [int(d[2]) * (-1 if d[1] == "-" and not d[0].isalpha() else 1)
                for d in re.findall(r"([^\d+-]?)([+-]?)(\d+)", m.group(0))]
        parts.append(Mention(s[m.start():m.end()], m.start(), m.end(), "days=" + ",".join(map(str, days))))
        if count is None and len(days) > 1 and not _MORE_LATER.match(folded, m.end()):
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
    return (rf"(?:(?P<min{sfx}>minutes?|mins?)|(?P<h{sfx}>hours?|hrs?)|(?P<d{sfx}>days?)|(?P<w{sfx}>weeks?|wks?)"
            rf"|(?P<m{sfx}>month(?:e?s)?|mounths?|mths?|mos?)|(?P<y{sfx}>years?|yrs?))(?![a-z])")


_UNIT_WORD = r"(?:minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|month(?:e?s)?|mounths?|mths?|mos?|years?|yrs?)\b"
_TNUM = rf"(?:\d+(?:\.\d+)?(?![\d.]\d)(?!\d)|{_NW})"
_TSEP = r"\s*(?:,\s*(?:and|or)\b|,|;|/|&|-|~|\band\b|\bor\b|\bto\b|\bthrough\b|\buntil\b)\s*#?"
_TIME = re.compile(
    rf"(?i:(?P<baseline>\bbaseline\b)"
    # unit first: "Day 10", "Weeks 4, 8 and 12" (a list item followed by its own unit starts a new list)
    rf"|\b{_unit('1')}(?P<neg>\s+-(?=\d))?\s*[-#\"']?\s*"
    rf"(?P<ulist>{_TNUM}(?:{_TSEP}{_TNUM}(?!\s*-?\s*(?:{_UNIT_WORD}|st\b|nd\b|rd\b|th\b)))*)"
    # number first: "12 months", "1, 3 and 6 months", "3-6 months", "12-month", "the 3rd day"
    rf"|(?<![\d.])(?<!(?-i:[A-Z]))(?P<nlist>{_TNUM}(?:{_TSEP}{_TNUM})*)(?:st|nd|rd|th)?\s*-?\s*{_unit('2')})"
    # terse: "28d", "48h", "2y"
    rf"|(?<![\w.])(?P<terse>\d+(?:\.\d+)?)\s?(?P<tu>[dwyh])\b"
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
