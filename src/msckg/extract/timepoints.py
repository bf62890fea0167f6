"""Timepoints in result sentences: "at baseline", "at week 52", "on day 10", "5-year",
"at 1, 3, and 5 years", and lists with values inside them ("at 3 (7.43±3.93) and 6 months (...)").

Why separate from statistics: a timepoint list's numbers must never be read as results (the "9"
of "at 9 (7.5%) and 12 (10%) months"), and the values written inside such a list belong to its
items. Each item keeps the offsets of its own number, relative to the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from msckg.ctgov.lexicon import NUMBER_WORDS_RE, number_word

_UNITS = {"d": "D", "w": "W", "m": "M", "y": "Y"}
_N = rf"(?:\d+|{NUMBER_WORDS_RE})"
_UNIT = r"(?P<unit>days?|weeks?|wks?|months?|mos?|years?|yrs?)\b"
_PAREN = r"(?:\s*\([^()]*\))?"
_SEP = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|to)\s+)"
_PREP = r"(?:\b(?:at|on|by|after|within|over|from|to|until|through|during|in|for|of|and|the|first|last|next|each|every|post)\s+(?:the\s+)?|^|[(,;]\s*)"
# "at 1, 3, and 5 years", "at 3 (x), 6 (y) and 12 months (z)", "5-year", "12 months"
_AFTER = re.compile(rf"(?i:(?P<pre>{_PREP})(?P<list>{_N}{_PAREN}(?:{_SEP}{_N}{_PAREN})*)\s*-?\s*{_UNIT}(?!\s*intervals?))")
# "week 52", "at weeks 4, 12, 26 and 52", "on day 10", "month 12"
_ITEM_END = r"(?![.,]\d|\d|\s*(?:±|\+/-|%))"
_BEFORE = re.compile(rf"(?i:\b(?P<unit>days?|weeks?|months?|years?)\s+(?P<list>\d+{_ITEM_END}(?:{_SEP}\d+{_ITEM_END})*)\b)")
_SPAN = re.compile(r"(?i:\b(?P<unit>days?|weeks?|months?|years?)\s+(?P<a>\d+)\s*[–-]\s*(?P<b>\d+)\b(?![.,]\d|\s*%))")
_FIRST_ITEM = re.compile(rf"(?i:\b(?P<unit>days?|weeks?|months?|years?)\s+(?P<list>\d+{_ITEM_END}))")
_ADJ = re.compile(rf"(?i:\b(?P<n>{_N})-(?P<unit>day|week|month|year)\b(?!\s*intervals?))")
_SINCE = re.compile(rf"(?i:(?<![\w.-])(?P<n>{_N})\s+{_UNIT}\s+(?:after|post|following)\s+(?:the\s+)?(?:first\s+|last\s+|second\s+)?"
                    r"(?:infusion|injection|treatment|transplant\w*|administration|dose|randomi[sz]ation|surgery|procedure|implantation))")
# "in the first week", "during the first 3 months": the period's end
_FIRST = re.compile(rf"(?i:\b(?:in|during|over|within)\s+the\s+first\s+(?:(?P<n>{_N})\s+)?(?P<unit>day|week|month|year)s?\b)")
_BASELINE = re.compile(r"(?i:\b(?:baseline|pre-?treatment|pre-?operative(?:ly)?|at\s+(?:study\s+)?(?:entry|enrol?ment|inclusion)|"
                       r"before (?:the\s+)?(?:first\s+)?(?:treatment|transplantation|infusion|injection|implantation|surgery|operation|"
                       r"[\w-]*MSCs?(?:\s+(?:infusion|injection|therapy|treatment))?|cell\s+therapy)))")
_ITEM = re.compile(rf"(?i:{_N})")
_NOT_TIME_BEFORE = re.compile(r"(?i:(?:aged|age|ages|≥|>|<|≤)\s*$)")
# "after a median follow-up of 26 months" says how long patients were followed, not when a result was measured:
# its number is no result either, so the span stays a timepoint (masked) but places nothing
FOLLOW_UP_BEFORE = re.compile(r"(?i:\b(?:median|mean|average)\s+(?:duration\s+of\s+)?follow-?up\s+"
                              r"(?:of|was|period\s+of)\s+(?:the\s+)?$)")
# "17 days (range 6-39)", "29 days [IQR 9-61]": a duration that is itself a result, not a timepoint
_VALUE_AFTER = re.compile(r"(?i:\s*[(\[]\s*(?:range|IQR|interquartile|\d{2}\s*%\s*CI|SD\b)"
                          r"|'?\s*(?:(?:postmenstrual|gestational|postconceptional)\s+age|of\s+age|old)\b"
                          r"|(?:(?<=weeks)|(?<=week))'?\s*corrected\s+age\b)")
# "36 weeks' postmenstrual age", "40 weeks' corrected age", "12 years of age": an age, not a time since treatment;
# "at 2 years corrected age" is the follow-up visit of infants born preterm


@dataclass(frozen=True)
class Item:
    start: int
    end: int
    duration: str  # P0D for baseline
    label: str


@dataclass(frozen=True)
class TimeList:
    """One timepoint expression: its span and its items (several for a list)."""

    start: int
    end: int
    items: tuple[Item, ...]

    @property
    def is_baseline(self) -> bool:
        return len(self.items) == 1 and self.items[0].duration == "P0D"


def iso_duration(n: str, unit: str) -> str:
    return f"P{number_word(n)}{_UNITS[unit[0].lower()]}"


def time_label(n: str, unit: str, before: bool) -> str:
    u = unit.lower().rstrip("s")
    u = {"wk": "week", "mo": "month", "yr": "year"}.get(u, u)
    return f"{u} {n}" if before else f"{n} {u}{'' if number_word(n) == 1 else 's'}"


def find_timepoints(text: str) -> list[TimeList]:
    """All timepoint expressions of a sentence, in order, not overlapping."""
    # "at day +100" (transplant practice): the sign only says after; same length, so offsets hold
    text = re.sub(r"(?i:\b(day)\s*\+(?=\d))", lambda m: m.group(1) + " " * (len(m.group()) - len(m.group(1))), text)
    found: list[TimeList] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for m in _SPAN.finditer(text):  # "during months 1–6", "over weeks 0-12": the span's end
        found.append(TimeList(m.start(), m.end(), (Item(m.start("b"), m.end("b"), iso_duration(m["b"], m["unit"]),
                                                        time_label(m["b"], m["unit"], True)),)))
        taken.append((m.start(), m.end()))
    for m in _BEFORE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        nums = [number_word(i.group()) for i in re.finditer(r"\d+", m["list"])]
        if len(nums) > 1 and (nums != sorted(set(nums)) or not re.search(r"(?i:\b(?:and|or|to)\s+\d+\W*$)", m["list"])
                              or re.match(r"\s+(?:of|out\s+of)\s+\d|\s*/\s*\d|\s*\(\s*\d", text[m.end():])):
            # "at week 8, and 11 of 16 (68.8%) at week 12": the last number counts patients, it is no week
            # "By day 60, 8 patients": a list rises and ends with "and"/"or"/"to"; keep the first item
            m = _FIRST_ITEM.match(text, m.start())
            assert m is not None
        items = tuple(Item(i.start() + m.start("list"), i.end() + m.start("list"),
                           iso_duration(i.group(), m["unit"]), time_label(i.group(), m["unit"], True))
                      for i in re.finditer(r"\d+", m["list"]))
        found.append(TimeList(m.start(), m.end(), items))
        taken.append((m.start(), m.end()))
    for m in _ADJ.finditer(text):
        if free(m.start(), m.end()) and not _VALUE_AFTER.match(text, m.end()):
            found.append(TimeList(m.start(), m.end(), (Item(m.start("n"), m.end("n"), iso_duration(m["n"], m["unit"]),
                                                            time_label(m["n"], m["unit"], False)),)))
            taken.append((m.start(), m.end()))
    for m in _SINCE.finditer(text):  # "3.9 mg/L one week after the first infusion"
        if free(m.start(), m.end()) and not _NOT_TIME_BEFORE.search(text, 0, m.start()) and \
                not re.search(rf"(?i:\b{_N}\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$)", text[:m.start()]):
            # not the last item of "at 3, 6 and 12 months after injection": that list is read whole below
            found.append(TimeList(m.start(), m.end("unit"), (Item(m.start("n"), m.end("n"), iso_duration(m["n"], m["unit"]),
                                                                   time_label(m["n"], m["unit"], False)),)))
            taken.append((m.start(), m.end("unit")))
    for m in _AFTER.finditer(text):
        s = m.start("list")
        if not free(s, m.end()) or _NOT_TIME_BEFORE.search(text, 0, s) or _VALUE_AFTER.match(text, m.end()):
            continue
        if not m["pre"].strip() and s > 0 and not re.search(r"[(,;]\s*$", text[:s]) \
                and not re.match(r"\s+(?:after|post|following)\b", text[m.end():]):
            continue  # "decreased 3 months after MSCT" is a timepoint; "was 14 days" is not
        if m["pre"].strip().lower() == "and" and re.search(
                rf"(?i:\b(?:was|were|is|are|of)\s+(?:about\s+)?\d+(?:\.\d+)?\s+{m['unit'][:3]}\w*\b[^;]*$)", text[:s]):
            continue  # "was 14 days in the A group and 21 days in the B group": both durations are values
        items = []
        depth, pos = 0, s
        for i in _ITEM.finditer(m["list"]):
            a, b = i.start() + s, i.end() + s
            if items and re.match(r"\s+(?:of|out\s+of)\s+\d|\s*/\s*\d", text[b:]):
                break  # "at week 8, and 11 of 16 (68.8%) at week 12": a count, not another week
            depth = text.count("(", pos, a) - text.count(")", pos, a) + depth
            pos = a
            if depth == 0:
                items.append(Item(a, b, iso_duration(i.group(), m["unit"]), time_label(i.group(), m["unit"], False)))
        if items:
            found.append(TimeList(s, m.end(), tuple(items)))
            taken.append((s, m.end()))
    for m in _FIRST.finditer(text):
        if free(m.start(), m.end()):
            n = m["n"] or "1"
            a, b = (m.start("n"), m.end("n")) if m["n"] else (m.start("unit"), m.end("unit"))
            found.append(TimeList(m.start(), m.end(), (Item(a, b, iso_duration(n, m["unit"]), time_label(n, m["unit"], False)),)))
            taken.append((m.start(), m.end()))
    for m in _BASELINE.finditer(text):
        # "the ratio of 12-month to baseline NT-proBNP": the baseline is what the 12-month value is divided by
        # "the median Day 3 to baseline ratio of Ang-2" likewise
        ratio = re.search(r"(?i:\bratio\s+of\s+(?:the\s+)?\d+[- ](?:day|week|month|year)s?\s+to\s+$)", text[max(0, m.start() - 40):m.start()]) \
            or re.search(r"(?i:\b(?:day|week|month|year)\s*\d+\s+to\s+$)", text[max(0, m.start() - 20):m.start()]) \
            and re.match(r"(?i:\s+ratios?\b)", text[m.end():])
        if free(m.start(), m.end()) and not ratio:
            found.append(TimeList(m.start(), m.end(), (Item(m.start(), m.end(), "P0D", "baseline"),)))
    return _joined_lists(sorted(found, key=lambda t: t.start), text)


def _joined_lists(found: list[TimeList], text: str) -> list[TimeList]:
    """Times written as one list but found apart are one list: "at baseline, 6 months, and 12 months", "before
    treatment and at 6 and 12 months", "at 3 months and 6 months", "the 28-day and 60-day rates"."""
    out: list[TimeList] = []
    for t in found:
        last = out[-1] if out else None
        if last is not None and _continues(last, t, text):
            out[-1] = TimeList(last.start, t.end, last.items + t.items)
        else:
            out.append(t)
    return out


def _continues(last: TimeList, t: TimeList, text: str) -> bool:
    """Whether `t` goes on the list `last` opened (joined by "," or "and", the later time after the earlier)."""
    if t.is_baseline:
        return False
    between = text[last.end:t.start]
    if last.items[0].duration == "P0D":
        return bool(re.fullmatch(r"\s*,\s*(?:and\s+)?(?:at\s+)?|\s+and\s+(?:at\s+)?", between)) and (
            len(last.items) > 1 or bool(re.search(r"(?i:\bat\s+$)", text[:last.start]))
            or bool(re.match(r"(?i:before\b)", text[last.start:last.end])) and len(t.items) > 1)
    if len(t.items) != 1 or any(i.duration == "P0D" for i in last.items) or \
            not re.fullmatch(r"\s*,\s*(?:and\s+)?|\s+and\s+", between) or \
            _days(last.items[-1].duration) >= _days(t.items[0].duration):
        return False
    opened_by_at = re.search(r"(?i:\bat\s+(?:(?:weeks?|months?|days?|years?)\s+)?(?:\d+(?:\s*,\s*\d+)*\s*(?:[a-z]+\s*,\s*)?)?$)",
                             text[:last.items[0].start])
    adjectives = all(re.fullmatch(r"\w+-(?:day|week|month|year)", text[x.start:x.end]) for x in (last, t))
    return bool(opened_by_at) or adjectives


def _days(duration: str) -> float:
    """An ISO duration's rough length in days, to tell which of two times comes first."""
    m = re.fullmatch(r"P(\d+)([DWMY])", duration)
    return int(m.group(1)) * {"D": 1, "W": 7, "M": 30.44, "Y": 365.25}[m.group(2)] if m else 0.0
