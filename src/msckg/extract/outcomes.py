"""Registry-style outcome blocks: "Primary Outcome Measure: <title> [Time Frame: ...]" and its data lines.

Why a reader of its own: a ClinicalTrials.gov results page (or a summary copied from one) does not
write sentences about its results. Each outcome is a header naming the measure and its time frame,
followed by lines such as "Count of Participants: 7/10 (70.0%)", "Mean (Standard Deviation): 0.38
(0.41) and 0.64 (0.52) at 12 and 24 months, respectively" and "Overall Number of Participants
Analyzed: 9". The values of a data line belong to the header's measure, at the line's own timepoint
or else the time frame's last one; a measure titled "Change from baseline in ..." holds changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from msckg.extract.endpoints import UNMAPPED, EndpointDraft, Registry, find_instruments
from msckg.extract.sentences import Sentence
from msckg.extract.timepoints import Item, iso_duration, time_label

if TYPE_CHECKING:
    from msckg.extract.results import ResultDraft

_HEADER = re.compile(
    r"(?i:^\s*(?P<role>primary|secondary|other(?:\s+pre-?specified)?)\s+outcome(?:\s+measures?)?\s*:\s*"
    r"(?P<title>[^\[]+?)\s*(?:\[\s*time\s*frame\s*:\s*(?P<tf>[^\]]+)\]\s*)?\.?\s*$)")
_TIME_FRAME = re.compile(r"(?i:^\s*time\s*frame\s*:\s*(?P<tf>.+?)\.?\s*$)")
_DATA_LINE = re.compile(
    r"(?i:^\s*(?:count\s+of\s+participants|number\s+of\s+(?:participants|patients|events)|"
    r"(?:least[- ]squares\s+|geometric\s+)?mean|median|percentage\s+of\s+participants|rate)\b[^:]{0,60}:)")
_ANALYZED = re.compile(r"(?i:^\s*(?:overall\s+)?number\s+of\s+participants\s+analy[sz]ed\s*:\s*(?P<n>\d+)\b)")
_FRAME_TIME = re.compile(r"(?i:\b(?:(?P<n>\d+)\s*-?\s*(?P<u>day|week|month|year)s?|(?P<u2>day|week|month|year)\s+(?P<n2>\d+))\b)")
_CHANGE_TITLE = re.compile(r"(?i:^\s*(?:(?:mean|median)\s+)?(?:percent(?:age)?\s+)?change\b)")
_TITLE_LEAD = re.compile(r"(?i:^(?:number|count)\s+of\s+(?:participants|patients)\s+with\s+)")


@dataclass
class Outcome:
    """The outcome block being read: its measure, default timepoint and what it has produced."""

    endpoint: EndpointDraft
    default: Item | None
    change: bool
    results: list[ResultDraft] = field(default_factory=list)


def time_frame_end(text: str, start: int) -> Item | None:
    """The last time after treatment a time frame names ("12 months before versus 24 months after the
    first infusion" is 24 months; "Baseline, Week 12" is week 12)."""
    last = None
    for m in _FRAME_TIME.finditer(text):
        if not re.match(r"\s*(?:before|prior)\b", text[m.end():]):
            last = m
    if last is None:
        return None
    n, unit = (last["n"], last["u"]) if last["n"] else (last["n2"], last["u2"])
    return Item(start + last.start(), start + last.end(), iso_duration(n, unit), time_label(n, unit, False))


def read_header(s: Sentence, registry: Registry) -> Outcome | None:
    """The outcome block a header sentence opens, its measure registered as an endpoint."""
    m = _HEADER.match(s.text)
    if not m or re.search(r"\s[-–—]\s[^\d]{0,40}\d+\s*(?:/\s*\d+|\(|%)", m["title"]):
        return None  # "Primary outcome: CRR at Week 52 - MSC group 9/22 (40.9%); ...": a result, not an outcome's header
    title = m["title"].strip()
    label = _TITLE_LEAD.sub("", title)
    hits = find_instruments(label)
    role = {"primary": "primary", "secondary": "secondary"}.get(m["role"].lower(), "other")
    start = s.start + m.start("title") + (len(title) - len(label))
    ep = registry.add(label, hits[0][2][0] if hits else UNMAPPED, role, s, start, start + len(label),
                      confidence=0.8)
    default = time_frame_end(m["tf"], m.start("tf")) if m["tf"] else None
    return Outcome(ep, default, bool(_CHANGE_TITLE.match(title)))


def time_frame(s: Sentence, outcome: Outcome) -> bool:
    """A "Time Frame: ..." line of its own sets the block's default timepoint."""
    m = _TIME_FRAME.match(s.text)
    if not m:
        return False
    outcome.default = time_frame_end(m["tf"], m.start("tf")) or outcome.default
    return True


def is_data_line(s: Sentence) -> bool:
    return bool(_DATA_LINE.match(s.text))


def analyzed(s: Sentence) -> int | None:
    """"Overall Number of Participants Analyzed: 9": the n of the block's results."""
    m = _ANALYZED.match(s.text)
    return int(m["n"]) if m else None


def claim(outcome: Outcome, found: list[ResultDraft]) -> None:
    """Put a data line's results on the block's measure, time frame and kind of value."""
    for r in found:
        r.endpoint = outcome.endpoint
        if r.timepoint is None and outcome.default is not None:
            r.timepoint = outcome.default
            r.reasons.append("timepoint from the outcome's time frame")
        if outcome.change:  # a change from baseline is a difference, whatever statistic of the changes it is
            for st in r.stats:
                if st.kind in ("mean", "median", "central-value"):
                    st.kind = "difference"
                    st.comparison = "baseline"
        outcome.results.append(r)
