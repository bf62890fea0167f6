"""Sentences with their character offsets in the source, and the section each belongs to.

Why hand-written: abstracts break general-purpose splitters in predictable places ("vs.
baseline", "P all <0.05", "et al.", "No. 2009004", "10.83±4.63", "ClinicalTrials.gov"), and every
fact must quote its sentence by offsets into the original text, so the splitter works on the raw
string and never rewrites it. Inline headings ("RESULTS: ...") are cut off the sentence and become
its section label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from msckg.extract.sections import CONTENT_HEADINGS, Block

_ABBREV = {"vs", "e.g", "i.e", "al", "fig", "figs", "no", "nos", "dr", "approx", "ca", "cf", "resp", "inc",
           "ltd", "co", "st", "mr", "ms", "jr", "sr", "vol", "pp", "ref", "refs", "eq", "min", "max", "mo",
           "yr", "yrs", "wk", "wks", "incl", "esp", "viz", "etc", "u.s"}
_STAT_ABBREV = {"p", "n", "sd", "ci"}
_END = re.compile(r"[.!?](?=[\"')\]]?\s+(?:[A-Z0-9(\"'«•\[]|$))|[.!?]$")
_INLINE = re.compile(r"(?P<h>[A-Za-z][A-Za-z /&-]{2,40}?)\s*:\s+")
# "Objective To observe ...", "Results After 12 weeks ...": a heading run into its line without a colon
# "[Abstract] [Objective] To explore ...", "【Results】...": bracketed headings at a sentence's start
_BRACKET_HEADING = re.compile(r"[\[【]\s*(?P<h>[A-Za-z][A-Za-z ]{2,30}?)\s*[\]】]\s*")
_BARE_HEADING = re.compile(r"(?P<h>Objectives?|Aims?|Purpose|Background|Methods|Results|Findings|Conclusions?|Interpretation|"
                           r"Importance|Question|Meaning|Interventions|Design, Setting, and Participants|"
                           r"Main Outcomes? and Measures?|Conclusions and Relevance)\s+(?=[A-Z0-9\[(])")


@dataclass(frozen=True)
class Sentence:
    """`source[start:end] == text`; `section` is the content section ("" when unlabelled)."""

    start: int
    end: int
    text: str
    section: str
    kind: str  # the block kind it came from


def _is_abbreviation(text: str, dot: int) -> bool:
    """Is the period at `dot` the end of an abbreviation or an initial rather than a sentence?"""
    word = re.search(r"([A-Za-z][A-Za-z.]*)$", text[:dot])
    if not word:
        return False
    w = word.group(1).lower()
    if w in _STAT_ABBREV:  # "(SD. 3.2)" goes on; "... expressed in mean ± SD. At 6 months, ..." ends there
        return bool(re.match(r"\s*[\d=(]", text[dot + 1:]))
    return w in _ABBREV or (len(w) == 1 and text[dot - 1].isupper())


def split(source: str, block: Block, section: str) -> tuple[list[Sentence], str]:
    """The sentences of one block; returns them and the section in force after the block."""
    out: list[Sentence] = []
    text = source[block.start:block.end]
    pos = 0
    cuts = [m.end() for m in _END.finditer(text) if not _is_abbreviation(text, m.start())]
    if not cuts or cuts[-1] < len(text):
        cuts.append(len(text))
    for cut in cuts:
        piece = text[pos:cut]
        lead = len(piece) - len(piece.lstrip())
        s, e = pos + lead, pos + len(piece.rstrip())
        pos = cut
        # a bare heading may open any sentence of a run-in abstract ("... in each group. Results At 3 months, ...")
        head = _INLINE.match(text, s) or _BARE_HEADING.match(text, s)
        if head and section == "key-points" and head["h"].strip().lower() in ("question", "findings", "meaning"):
            s = head.end()  # JAMA's Key Points restate the abstract: "Findings" there is not the results section
        elif head and head["h"].strip().lower() in CONTENT_HEADINGS:
            section = CONTENT_HEADINGS[head["h"].strip().lower()]
            s = head.end()
        while (bracket := _BRACKET_HEADING.match(text, s)) and s < e:
            name = bracket["h"].strip().lower()
            if name in CONTENT_HEADINGS:
                section = CONTENT_HEADINGS[name]
            elif name not in ("abstract", "summary"):
                break
            s = bracket.end()
            if (bare := _BARE_HEADING.match(text, s)) and bare["h"].strip().lower() in CONTENT_HEADINGS:
                section, s = CONTENT_HEADINGS[bare["h"].strip().lower()], bare.end()  # "[Abstract] Objective To ..."
        if e > s:
            out.append(Sentence(block.start + s, block.start + e, text[s:e], section or block.section, block.kind))
    return out, section


def sentences(source: str, blocks: list[Block], kinds: tuple[str, ...] = ("content",)) -> list[Sentence]:
    """All sentences of the blocks whose kind is in `kinds`, in text order."""
    out: list[Sentence] = []
    section = ""
    for block in blocks:
        if block.kind not in kinds:
            if block.kind == "boilerplate":
                section = block.section
            continue
        if block.section != section and block.section:
            section = block.section
        found, section = split(source, block, section)
        out.extend(found)
    return _one_heading(out)


def _one_heading(out: list[Sentence]) -> list[Sentence]:
    """An abstract that opens with "Purpose:" and never names another section ("Purpose: to evaluate ... In this
    trial, 40 patients were randomized ... At month 6 the score improved from ...") states its aim in the first
    sentence only; the rest is methods and results without headings, read as an unheaded abstract is."""
    said = {s.section for s in out}
    if said & {"methods", "results", "methods-results", "conclusion"} or not said & {"objective", "background"}:
        return out
    first = next(i for i, s in enumerate(out) if s.section in ("objective", "background"))
    return out[:first + 1] + [Sentence(s.start, s.end, s.text, "" if s.section in ("objective", "background") else s.section,
                                       s.kind) for s in out[first + 1:]]
