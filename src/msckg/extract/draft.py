"""Assemble the extracted facts into a draft study file (the curated YAML format).

Why the draft must build: a curator reviews a file that `msckg build` already accepts, so every
fact the extractor could not state within the schema and the SHACL rules (a percentage that does
not agree with its count, a timepoint after the follow-up) is kept out of the data, marked
`review`, and explained in a note or in the comment block at the end — never dropped silently.
Every fact carries `extraction`: document, offsets, confidence and whether it needs review.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from msckg.builder.schema import approximate_days
from msckg.ctgov.lexicon import NUMBER_WORDS_RE
from msckg.extract.conditions import Disease, find_diseases, primary, severity
from msckg.extract.design import Cue, ages, design_cues, usable, word_number
from msckg.extract.endpoints import (
    PRESENTED,
    UNMAPPED,
    Registry,
    abbreviations,
    read_endpoint_sentences,
)
from msckg.extract.enrollment import enrollment
from msckg.extract.euctr_page import read_euctr_page
from msckg.extract.guard import keep_within_rules
from msckg.extract.identifiers import (
    citation,
    doi,
    pmid,
    registration_details,
    registrations,
)
from msckg.extract.markup import blank_markup
from msckg.extract.model import REVIEW_BELOW, Draft, ExtractError
from msckg.extract.outcomes import (
    Outcome,
    analyzed,
    claim,
    is_data_line,
    read_header,
    time_frame,
)
from msckg.extract.product import ProductDraft, read_product, tissue_uberon
from msckg.extract.reflow import reflow
from msckg.extract.results import ArmDraft, Context, ResultDraft, arm_row, read_results
from msckg.extract.results_page import read_results_page
from msckg.extract.sections import Block, segment
from msckg.extract.sentences import Sentence, sentences
from msckg.extract.statistics import Stat, leftover_numbers
from msckg.extract.table_rows import TableState, footnote_marks, read_table_row, stat_marks
from msckg.extract.tables import CAPTION, join_cell_lines
from msckg.extract.timepoints import Item, find_timepoints, iso_duration, time_label
from msckg.extract.typography import decimal_points, digit_groups, versus, word_dashes

# "Continuous data are given as mean ± SD (unless stated otherwise)", "Values are reported as mean (SD)": what the
# document's "x ± y" or "x (y)" are, said once
_VALUES_ARE = (r"\b(?:data|values|results|variables|outcomes|measures|measurements|scores|changes)\s+(?:are|were)\s+(?:given|presented|expressed|shown|reported|"
               r"summari[sz]ed)?\s*(?:(?:as|in)\s+)?(?:the\s+)?means?\s*")
# the statistical plan: the sample size, the power and the threshold of significance, no result
_STATS_PLAN = re.compile(r"(?i:\b(?:needed|required|sufficient)\s+to\s+detect\b|\bwith\s+\d+\s*%\s+power\b|"
                         r"\b\d+\s*%\s+power\s+to\b|\b(?:was|were|is|are)\s+considered\s+(?:statistically\s+)?significant\b|"
                         r"\bsignificance\s+(?:level\s+)?(?:was\s+)?set\s+at\b|\bsample\s+size\s+(?:of|was)\b)")
# the people enrolled, compared at entry: "The groups were comparable at baseline: mean age was 46.8 ± 8.7 years"
_BALANCED = re.compile(r"(?i:\b(?:groups|arms|cohorts)\s+were\s+(?:well[- ])?(?:comparable|similar|balanced|homogeneous)"
                       r"|^\s*baseline\s+(?:[\w-]+\s+){1,4}(?:were|was)\s+(?:similar|comparable|balanced)\b"  # "Baseline defect volumes were similar (0.84 vs 0.88 cm3)"
                       r"\s+(?:at\s+baseline\s*:|(?:at\s+baseline\s+)?(?:in|with\s+respect\s+to|regarding)\s+(?:age|sex|gender|"
                       r"demographic|baseline\s+characteristics|clinical\s+characteristics))"
                       r"|\bbaseline\s+(?:age|characteristics|demographics)\b[^.;]{0,80}?\b(?:were|was)\s+(?:similar|comparable|"
                       r"balanced)\s+(?:in|between|across)\s+(?:the\s+)?(?:two\s+|both\s+)?groups\b"
                       # "Baseline characteristics were balanced (Table 1): mean age was 71.4 years"
                       r"|\bbaseline\s+(?:characteristics|demographics)\s+were\s+(?:well[- ])?(?:balanced|similar|comparable)"
                       r"\b[^.;:]{0,30}:)")
# who was enrolled: "The patients (three men and three women) were 28 to 62 years old and had ..."
_WHO_THEY_WERE = re.compile(r"(?i:^\s*(?:the\s+)?(?:\w+\s+)?(?:patients|participants|subjects|children|women|men)\b"
                            r"(?:\s*\([^()]*\))?\s+(?:were|was)\s+(?:aged\s|\d+\s*(?:to|-|–)\s*\d+\s+years|"
                            r"(?:predominantly|mostly|mainly)\s))")
# "Of the 72 randomized patients, 68 (94%) completed the 24-month visit": who stayed in the trial, no outcome
_DISPOSITION = re.compile(r"(?i:^\s*of\s+the\s+\d+\s+(?:[\w-]+\s+){0,2}(?:patients|participants|subjects|children|infants)\s*,"
                          r"\s*\d+\s*(?:\([^()]*\)\s*)?(?:completed|were\s+(?:followed|analy[sz]ed|evaluable|available))\b)")
# "Median follow-up was 4.2 years (range 1.1–8.9).": how long patients were followed, no result
_FOLLOW_UP_ONLY = re.compile(r"(?i:^\s*(?:the\s+)?(?:median|mean)\s+(?:duration\s+of\s+)?follow-?up\s+(?:period\s+)?(?:was|of)\s+"
                             r"[^;,]*?(?:\([^()]*\))?\s*\.?\s*$)")
_CROSSOVER = re.compile(r"(?i:\bcross-?over\s+(?:trial|study|design)\b|\brandomi[sz]ed\s+(?:[\w-]+\s+){0,3}cross-?over\b)")
_PM_IS_SD = re.compile(rf"(?i:{_VALUES_ARE}(?:±|\+/-)\s*(?:SD|s\.d\.|standard deviations?)\b"
                       # "Values are presented as number (%) or mean±standard deviation"
                       r"|\b(?:data|values)\s+(?:are|were)\s+(?:presented|given|expressed|shown|reported)\s+as\s+[^.;]{0,40}?"
                       r"\bor\s+means?\s*(?:±|\+/-)\s*(?:SD|s\.d\.|standard deviations?)\b"
                       # a table's note: "Values are median (interquartile range), mean ± SD or n (%)"
                       r"|\b(?:data|values)\s+(?:are|were)\s+[^.;]{0,40}?,\s*means?\s*(?:±|\+/-)\s*(?:SD|s\.d\.)\s+or\b"
                       r"|\bmeans?\s*\(\s*(?:±|\+/-)\s*SD\s*\)"
                       # a Chinese journal's "计量资料以x̄±s表示" (measurements given as mean ± SD)
                       r"|(?<![A-Za-z])x[\u0304\u0305]\s*±\s*s(?![A-Za-z])|均数\s*±\s*标准差"
                       r"|\(\s*means?\s*(?:±|\+/-)\s*(?:SD|s\.d\.|standard\s+deviations?)\s*\))")  # the NEJM's "The mean (±SD) change ... was 3.6±6.1"
# a results table whose rows say "REU score, mean ± SD": the authors' way with "±" in their text too
_TABLE_PM_SD = re.compile(r"(?im:^[^\t\n]*\bmean\s*(?:±|\+/-)\s*SD\b[^\t\n]*\t)")
_ANY_SEM = re.compile(r"(?i:±\s*(?:SEM|SE)\b|\bstandard errors?\b|\bmean\s*(?:±|\+/-)\s*(?:SEM|SE)\b)")
_PAREN_IS_SD = re.compile(rf"(?i:{_VALUES_ARE}[(\[]\s*(?:SD|s\.d\.|standard deviations?)\s*[)\]])")
# "Values are median (range)", "Data are presented as median (IQR)": every table cell "x (a–b)" is a median
_PAREN_IS_MEDIAN = re.compile(rf"(?i:{_VALUES_ARE.replace('means?', 'medians?')}[(\[]\s*(?:range|IQR|interquartile\s+range)\s*[)\]]"
                              r"(?!\s*(?:or|and)\s+mean)"
                              # "Data are presented as mean±sd or median (range)": the cells with a range are medians
                              rf"|{_VALUES_ARE}(?:±|\+/-)\s*(?:SD|s\.d\.)\s*(?:,\s*|\s+)(?:or|and)\s+(?:as\s+)?medians?\s*"
                              r"[(\[]\s*(?:range|IQR|interquartile\s+range)\s*[)\]])")
_PM_IS_SEM = re.compile(rf"(?i:{_VALUES_ARE}(?:±|\+/-)\s*(?:SEM|SE|s\.e\.m\.|standard errors?)\b)")
_APPROVAL = re.compile(r"(?i:\b(?:was|were)\s+approved\s+by\b|\bethics\s+committee\b|\binstitutional\s+review\s+board\b)")
_LEAD_IN = re.compile(r"(?i:\b(?:(?:are|is)\s+(?:summari[sz]ed|shown|given|presented|listed)\s+(?:below|in\s+the\s+"
                      r"(?:following\s+)?table)|as\s+follows)\s*[.:]?\s*$)")
NOT_RESULTS = ("background", "objective", "methods", "registration", "key-points", "discussion", "characteristics")


# "All outcomes were measured as change from the start to the end of each 24-week period"
# "All outcomes were assessed at 6 months", "Outcomes were assessed at month 6."
_ALL_OUTCOMES = re.compile(r"(?i:(?:\ball\s+(?:(?:efficacy|clinical)\s+)?|^\s*(?:the\s+)?)(?:outcomes|endpoints|end\s*points|assessments|measures)\s+"
                           r"were\s+(?:measured|assessed|evaluated|analy[sz]ed|recorded|obtained)\b)")


# a note under a table that gives its rows' time: "Data are number of participants (%) with at least one event over 12 months"
_TABLE_NOTE_TIME = re.compile(r"(?i:^\s*(?:data|values|results)\s+are\b[^.]*?\b(?:over|during|through|within)\s+(?:the\s+)?(?:first\s+)?"
                              r"(?P<t>\d+\s+(?:weeks?|months?|years?|days?))\b)")
# a full text's numbered sub-heading on a line of its own: "3.2. Healing", "2.4 Safety"
_SUBSECTION = re.compile(r"(?m:^[ \t]*\d{1,2}(?:\.\d{1,2})+\.?[ \t]+[A-Z][^\n.]{2,60}$)")


def _all_outcomes_at(sents: list[Sentence]) -> str | None:
    """The one time a methods sentence says every outcome was measured at, if it names exactly one."""
    for s in sents:
        if s.section not in ("results", "conclusion", "discussion") and _ALL_OUTCOMES.search(s.text):
            times = {it.duration for tl in find_timepoints(s.text) for it in tl.items if it.duration != "P0D"}
            if len(times) == 1:
                return times.pop()
    return None


def _slug(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s if s and s[0].isalnum() else f"d-{s}".rstrip("-")


def _num(d: Decimal | int) -> Decimal | int:
    """An exact number for YAML: integers as int, others as the Decimal of their digits."""
    if isinstance(d, int):
        return d
    if d == d.to_integral_value() and "." not in str(d):
        return int(d)
    return d if "E" not in str(d) else Decimal(format(d, "f"))


class _Extractor:
    def __init__(self, source: str, doc_id: str) -> None:
        self.source = source
        self.doc = doc_id
        self.review: list[str] = []

    def ext(self, start: int, end: int, confidence: float, reason: str | None = None) -> dict[str, Any]:
        conf = Decimal(str(round(confidence, 2)))
        out: dict[str, Any] = {"document": self.doc, "start": start, "end": end, "confidence": conf,
                               "review": confidence < REVIEW_BELOW}
        if reason:
            out["reason"] = reason
        return out

    def quote(self, s: Sentence) -> str:
        """The sentence as the source has it: the reader sees a PDF's lines joined and Markdown's marks blanked
        (one character for one), a curator checks the words that were there."""
        return self.source[s.start:s.end]

    def fact(self, record: dict[str, Any], s: Sentence | None, start: int, end: int, confidence: float,
             reason: str | None = None) -> dict[str, Any]:
        record["sources"] = [self.doc]
        if s is not None:
            record["evidence"] = self.quote(s)
        record["extraction"] = self.ext(start, end, confidence, reason)
        return record


def _doc_kind(source: str, blocks: list[Block]) -> str:
    kinds = {b.kind for b in blocks}
    sections = {b.section for b in blocks}
    if sections & {"disclosure", "session information"} or re.search(r"(?i)\bmeeting abstracts?\b|abstract number", source):
        return "meeting-abstract"
    if "translation" in kinds and re.search(r"本站|阅读", source):
        return "mirror-page"
    if "references" in kinds or sections & {"references", "about this article", "rights and permissions"}:
        return "journal-page"
    return "abstract"


def _title(source: str, blocks: list[Block], sents: list[Sentence]) -> tuple[str, int, int]:
    # a database export's field name on its own line, the value under it: "Title\n  Autologous ..."
    if labelled := re.search(r"(?m:^[ \t]*Title[ \t]*:?[ \t]*\n[ \t]*(?P<t>\S[^\n]{19,298}\S)[ \t]*$)", source):
        return labelled["t"].rstrip("."), labelled.start("t"), labelled.start("t") + len(labelled["t"].rstrip("."))
    # a MEDLINE record's "TI  - " and the lines its title wraps onto
    if tagged := re.search(r"(?m:^TI[ \t]{0,3}-[ \t]+(?P<t>\S[^\n]*(?:\n {6}\S[^\n]*)*))", source):
        return " ".join(tagged["t"].split()).rstrip("."), tagged.start("t"), tagged.end("t")
    for b in blocks:
        if b.kind != "content":
            continue
        line = source[b.start:b.end]
        if 30 <= len(line) <= 300 and not line.rstrip().endswith(".") and not re.search(r"(?i)synthetic test|^\s*https?://", line):
            return line.strip(), b.start, b.end
    s = sents[0] if sents else Sentence(0, 0, "untitled document", "", "")
    return s.text, s.start, s.end


# a stem-cell abbreviation in capitals, whatever the tissue: "DPSC", "ADSCs", "hBMSC"
_SC = r"(?-i:[\w-]*[A-Z]SCs?)"


def _waiting_arm(words: str) -> str:
    """An arm of a delayed-treatment design by its word: "the immediate group", "immediate-group patients",
    "4 of 20 (20%) delayed patients"."""
    return (rf"(?i:\b(?:the\s+)?(?:{words})(?:[- ](?:treatment|therapy|injection|start))?(?:[- ](?:group|arm)s?\b|"
            rf"(?:[- ](?:group|arm))?(?=\s+(?:patients|participants|subjects)\b))"
            rf"|(?<=[)\d]\s)(?:{words})\b(?!\s+(?:treatment|therapy|injection|start)\b)"
            rf"|(?<=\bthe\s)(?:{words})\b(?=\s+(?:and|or|vs\.?|versus)\b))")  # "in the immediate and ... in the delayed group"


def _arms(product: ProductDraft, cues: dict[str, Cue], sents: list[Sentence], enrolled: int | None) -> list[ArmDraft]:
    abbr = re.escape(product.abbreviation.rstrip("s")) + "s?" if product.abbreviation else "MSCs?"
    exp = re.compile(
        rf"(?i:\b(?:the\s+)?(?:{abbr}|[\w-]*MSC[sT]?|{_SC}|(?:stem[- ])?cell[- ]therapy|stem[- ]cells?|cells?|treatment|treated|"
        rf"intervention|experimental|active|observation|study|test|combined|combination|transplant(?:ation)?|infusion|"
        rf"injection|research)(?:-treated)?\s+(?:group|arm|cohort)s?\b"
        rf"|(?<=\)\s)[\w-]*MSCs?(?=\s+(?:and|vs\.?|versus)\s+\d)"  # "22 of 32 (68.8%) UC-MSC and 17 of 32 (53.1%) IVMP patients"
        rf"|\b[\w-]*MSC[\w-]*\s+(?:group|arm|cohort|period|infusion)s?\b"  # "the MSC-allograft group", "during UC-MSC periods", "after 2 of 25 BM-MSC infusions"
        rf"|\b(?:{abbr}|[\w-]*MSCs?|{_SC}|cells?|stem[- ]cells?)-treated\b"
        rf"|(?<!-)\btreated\s+(?:patients|participants|infants|children|subjects|eyes|knees|joints|limbs|ulcers|lesions|wounds|"
        rf"hands|feet|legs|sides|sites|areas|hips|shoulders)\b|\btest\s+(?:sides?|sites?|hands?|areas?)\b"
        # "between treated and control hands", "on 1 treated and 2 control hands": the noun said once for both
        rf"|\btreated(?=\s+(?:and|or|vs\.?|versus)\s+(?:\d+\s+)?control\s+(?:{_PARTS})s?\b)"
        rf"|\b(?:{abbr}|[\w-]*MSCs?|{_SC}|cell)\s+(?:recipients|patients|participants)\b"
        # "11/15 (73%) recipients of islets+MSCs": those given the cells with another graft
        rf"|\b(?:recipients|patients|participants)\s+(?:of|given|receiving)\s+(?:[\w-]+\s*\+\s*)?(?:{abbr}|[\w-]*MSCs?|{_SC})\b"
        rf"|\b(?:receiving|given|with|treated with)\s+(?:{abbr}|[\w-]*MSCs?|{_SC}|cells|cell therapy|stem cells|"
        rf"(?:stem[- ])?cell\s+(?:infusions?|injections?|therapy))\b"
        rf"|\b(?:those|patients|participants)\s+who\s+(?:got|received)\s+(?:the\s+)?(?:cells|{abbr}|[\w-]*MSCs)\b"
        # "decreased from 52.4 to 38.9 after ADSCs and from 50.7 to 47.6 after placebo"
        rf"|\b(?:after|following)\s+(?:{abbr}|[\w-]*MSCs|{_SC})\b(?!\s+(?:injections?|infusions?|implantation|transplantation|treatment|therapy|isolation|expansion|culture|harvest)\b)"
        # "more frequent after MSC injection (9/48, 18.8%)"
        rf"|\bafter\s+(?:the\s+)?(?:{abbr}|[\w-]*MSCs?|{_SC}|cell)\s+(?:injections?|infusions?|implantation|transplantation|"
        rf"treatment|therapy)\b)")
    all_text = " ".join(s.text for s in sents)
    # "placebo at baseline and MSCs at month 6 (delayed group, n = 24)": the arm waiting for the cells is not theirs
    if named := [w for w in _cell_group_names(all_text) if not re.fullmatch(r"(?i:delayed|deferred|late|wait-?list)", w)]:
        # "(scaffold group)": the cell arm's own name
        alt = "|".join(re.escape(w) for w in named)
        exp = re.compile(exp.pattern + rf"|(?i:\b(?:the\s+)?(?:{alt})\s+(?:group|arm)s?\b|\b(?:{alt})(?=\s*\(\s*n\s*=)"
                         rf"|\b(?:receiving|given|with)\s+the\s+(?:{alt})\b)")  # "22/41 (54%) participants receiving the combination"
    # "the autologous adipose stromal vascular fraction (SVF)" ... "in the SVF group", "with SVF": the cells by their
    # own abbreviation
    own = [w for w in own_cell_names(all_text) if not re.search(rf"(?i:^{abbr}$)", w)]  # "micro-fragmented adipose tissue (MFAT)"
    if own:  # "multipotent adult progenitor-like cells (MAPLCs)" ... "in the MAPLC group": the plural's s optional
        alt = "|".join(re.escape(re.sub(r"(?<=[A-Z])s$", "", w)) + "s?" for w in dict.fromkeys(own))
        # a split-face trial's "SVF side", "SVF-treated sides", "for SVF and 1.9 for laser" (the comparator is named so too)
        split = rf"|\b(?:{alt})(?:-treated)?\s+(?:{_PARTS})s?\b|(?<=\bfor\s)(?:{alt})\b" if _WITHIN.search(all_text) else ""
        exp = re.compile(exp.pattern + rf"|(?:\b(?:the\s+)?(?:{alt})(?:\s+(?:group|arm|recipients|patients)|-treated)\b{split}"
                         rf"|(?:(?<=\bwith\s)|(?<=\bafter\s)|(?<=\breceiving\s)|(?<=\bgiven\s))(?:{alt})\b)")  # "after MFAT", "18 of 30 MFAT patients"
    if codes := product_codes(all_text):  # "in the KRT-UC01 group", "receiving KRT-UC01", "KRT-UC01 recipients"
        alt = "|".join(re.escape(c) for c in codes)
        exp = re.compile(exp.pattern + rf"|(?:\b(?:{alt})(?![\w-])(?:[®™])?(?:\s+(?:group|arm|recipients))?)")
    delayed = all(re.search(rf"(?i:\b(?:{words})[- ](?:treatment[- ]|therapy[- ]|injection[- ])?(?:group|arm)s?\b)", all_text)
                  for words in ("delayed|deferred|late", "immediate|early"))
    if delayed:
        # a delayed-treatment design: the arm treated first is the experimental one, the one waiting its comparator
        # until it is treated too ("randomized to an immediate group (n = 20) ... or to a delayed group (n = 20)")
        exp = re.compile(exp.pattern + "|" + _waiting_arm("immediate|early"))
    arms = [ArmDraft(_slug(product.abbreviation.rstrip("s")) if product.abbreviation else "msc",
                     f"{product.abbreviation.rstrip('s') if product.abbreviation else 'MSC'} group", "experimental", exp)]
    # not the conclusion's "blinded, placebo-controlled trials ... are warranted"
    text = " ".join(s.text for s in sents if s.section not in ("conclusion", "background", "key-points", "discussion")
                    and not re.search(r"(?i:\b(?:warranted|(?:are|is)\s+needed|need\s+confirmation|should|will|future|further|"
                                      r"must\s+be\s+(?:tested|confirmed|compared)|(?:needs?|remains?)\s+to\s+be|"
                                      r"supports?|justif\w*|planned|under\s*way|"
                                      r"larger|confirm(?:ed|ation)?\s+in)\b)", s.text))
    # "There is no placebo group", "had no sham arm", "without placebo": no comparator by those words
    text = re.sub(r"(?i:\b(?:no|without(?:\s+an?)?|not|absence\s+of)\s+(?:a\s+)?(?:placebo|sham|control)(?:[- ](?:group|arm|control(?:led)?))?\b)",
                  " ", text)  # "The absence of a control group ... limit these observations"
    # "which does not allow estimation of the placebo response": the effect of a placebo, no placebo arm
    text = re.sub(r"(?i:\b(?:placebo|sham)\s+(?:response|effect)s?\b)", " ", text)
    sham = re.search(r"(?i:\bsham\b)", text) and not re.search(r"(?i:\bplacebo\b)", text)
    if delayed:
        arms.append(ArmDraft("delayed", "delayed group", "active-comparator", re.compile(_waiting_arm("delayed|deferred|late"))))
    elif cues.get("control") and cues["control"].value == "placebo" or re.search(r"(?i:\bplacebo\b|\bsham\b|\bvehicle-controlled\b)", text):
        # "a vehicle-controlled trial ... the vehicle arm": the vehicle is the placebo
        word = "sham" if sham else "placebo" if re.search(r"(?i:\bplacebo\b)", text) or not re.search(r"(?i:\bvehicle\b)", text) \
            else "vehicle"
        arms.append(ArmDraft(word, f"{word} group", "placebo-comparator",
                             re.compile(rf"(?i:\b(?:the\s+)?{word}(?:\s+(?:group|arm)s?|-treated)?\b{_PLACEBO_IS})")))
        if standard := re.search(rf"(?i:\b{_STANDARD}\s+(?:arm|group)\b)", text):
            # "with an additional open-label conservative care arm": a fourth arm beside the placebo
            name = re.sub(r"\s+(?:arm|group)$", "", standard.group())
            arms.append(ArmDraft("control", name, "no-intervention",
                                 re.compile(rf"(?i:\b(?:the\s+)?{_words(name)}(?:\s+(?:arm|group)s?)?\b)")))
    else:
        arms += _control_arm(text, sents)
    if len(arms) == 1 and (pair := _named_pair(text)) is not None:
        # "Intervention: TEUG (scaffold seeded with autologous ASCs) or BMG" ... "in the TEUG arm", "in the BMG arm"
        cell, other = (re.escape(w) for w in pair)
        arms[0].pattern = re.compile(arms[0].pattern.pattern + rf"|(?i:\b(?:the\s+)?{cell}(?:\s+(?:group|arm|patients)s?)?\b)")
        arms.append(ArmDraft("control", f"{pair[1]} arm", _dummy_or_active(pair[1]), re.compile(
            rf"(?i:\b(?:the\s+)?{other}(?:\s+(?:group|arm|patients)s?)?\b|{_CONTROLS})")))
    arms = _dose_arms(arms, sents)
    arms = _listed_arms(arms, sents) or arms
    _named_sizes(arms, sents)
    # "ASC-enriched fat grafting versus conventional fat grafting" ... "44.6 ± 12.1 percent with conventional grafts":
    # the comparator by what sets its treatment apart, whatever its arm was named (here a sham procedure's)
    plain = re.search(r"(?i:\b(?:versus|vs\.?|or|compared\s+with)\s+(?P<adj>conventional|standard|plain|non-enriched|unenriched|"
                      r"unseeded|cell-free)\s+(?:[\w-]+\s+)?(?P<w>[a-z][\w-]{3,}?)(?:ing|s)?\b)", all_text)
    other = next((a for a in arms if a.role != "experimental"), None)
    if plain and other is not None and len(arms) == 2 and not other.pattern.search(plain.group().split(None, 1)[1]):
        other.pattern = re.compile(other.pattern.pattern + rf"|(?i:\b{plain['adj']}\s+(?:[\w-]+\s+)?{re.escape(plain['w'])}\w*)")
    comparator = next((a for a in arms if a.role in ("active-comparator", "no-intervention")), None)
    if comparator is not None:  # "relapse was 21.7% with MSCs and 18.3% without"
        extra = r"|(?i:\bwithout(?=\s*(?:[,;.)(]|$)))"
        named = _group_names(" ".join(s.text for s in sents))
        if len(named) == 1 and not comparator.pattern.search(f"the {named[0]} group") and \
                not any(a.pattern.search(f"the {named[0]} group") for a in arms if a is not comparator):
            # "... treated with hypothermia alone ... served as a reference group": "reference infants"
            extra += rf"|(?i:\b(?:the\s+)?{re.escape(named[0])}\s+(?:group|arm|cohort|infants|patients|participants|children|subjects)\b)"
        comparator.pattern = re.compile(comparator.pattern.pattern + extra)
    if len(arms) == 1 or len(arms) == 2 and arms[1].label.startswith("control ") and _WITHIN.search(all_text):
        for arm in arms:  # the treated and the control sites of the same patients: each as many as were enrolled
            arm.size = enrolled
    else:
        for s in sents:  # "104 patients were randomly assigned (52 per group)"
            if _STATS_PLAN.search(s.text):  # "17 patients per group were needed to detect a 2-point difference"
                continue
            if m := re.search(r"(?i:\b(\d+)\s+(?:patients\s+|participants\s+|cases\s+|subjects\s+)?(?:per|in each)\s+(?:group|arm)\b)", s.text):
                for arm in arms:
                    arm.size = int(m.group(1))
                break
        for s in sents:  # "30 received MSCs and 30 received placebo"
            for m in re.finditer(r"(?i:\b(?P<n>\d+)\s+(?:patients\s+|participants\s+)?(?:received|were (?:randomly )?"
                                 r"(?:assigned|allocated|randomi[sz]ed) to)\s+(?:the\s+)?(?P<what>[\w-]+(?:\s+[\w-]+)?))", s.text):
                for arm in arms:
                    if arm.size is None and (arm.pattern.search(m["what"] + " group") or arm.pattern.search("with " + m["what"])):
                        arm.size = int(m["n"])
                        break
        for s in sents:
            if s.section in ("results", "conclusion"):
                continue
            ns = re.findall(r"\(\s*(?:[^()]*?;\s*)?n\s*=\s*(\d+)\s*\)", s.text)
            if len(ns) == len(arms) == 2 and arms[0].size is None:
                arms[0].size, arms[1].size = int(ns[0]), int(ns[1])
                break
    return arms


# "the control group", "controls", "control wounds", "control patients": the comparator arm and its members
_CONTROLS = (r"\bcontrol(?:\s+(?:group|arm|cohort)s?)\b|\bcontrols\b|\bcontrol\s+(?:patients|participants|subjects|wounds|eyes|knees|limbs|ulcers|lesions|"
             r"infants|children|recipients|joints|teeth|sites|hands|feet|legs|sides|areas|hips|shoulders|ears)\b")
# a body part of the patient's own as the control: "using the patient's other hand as control", "split-mouth"
_PARTS = r"hand|foot|feet|leg|side|hemiface|eye|knee|joint|limb|ulcer|lesion|wound|site|area|tooth|teeth|hip|shoulder|ear|half|halves"
_WITHIN = re.compile(rf"(?i:\bwithin-(?:patient|subject|person|individual)\b|\bintra-?(?:patient|individual)\s+(?:control|comparison)"
                     rf"|\bsplit-(?:mouth|face|body|scar|wound)\b|\bcontralateral\s+(?:{_PARTS})s?\b"
                     rf"|\b(?:other|opposite)\s+(?:{_PARTS})s?\s+(?:served\s+)?as\s+(?:an?\s+|the\s+|its\s+own\s+)?(?:internal\s+)?control)")
_STANDARD = (r"(?:standard|usual|conventional|conservative|routine|best supportive|best available)\s+(?:medical\s+|of\s+)?"
             r"(?:therapy|care|treatment|management)")


# "the placebo was 100 mL of saline": the placebo arm as the vehicle it got ("the saline group", "during saline
# periods", "7 of 27 with saline"), not the saline the cells are suspended in ("in 100 mL of saline with 1% albumin")
_PLACEBO_IS = (r"|\b(?:saline|vehicle)[- ](?:group|arm|period|recipient|control)s?\b"
               r"|(?:(?<=\bwith\s)|(?<=\bafter\s)|(?<=\bduring\s)|(?<=\breceiving\s))(?:saline|vehicle)\b"
               r"(?!\s+(?:with|containing|solution|at|and|plus)\b)")


def _without_parentheses(text: str) -> str:
    """The text with every parenthesis removed, nested ones included ("(5.0 × 10(7) cells)")."""
    while (shorter := re.sub(r"\([^()]*\)", "", text)) != text:
        text = shorter
    return text


_DOSE_GAP = r"(?:\s+[\d.,]+\s*(?:mg|g|[µμ]g|IU|mL)(?:/\w+)?)?"
# not "Patients with lupus nephritis only (n = 31)": who a table row counts
_ALONE = re.compile(rf"(?i:(?<!patients\s)(?<!participants\s)(?<!subjects\s)(?<!those\s)\b(?:or|vs\.?|versus|to|with)\s+(?:(?:to|with|receive)\s+)?(?!(?:to|with|receive)\b)(?P<w>[A-Z][\w-]{{1,10}}|[a-z][\w-]+(?:\s+[a-z][\w-]+)?)"
                    rf"{_DOSE_GAP}[- ](?:alone|only)\b(?!\s+(?:syndrome|pattern|phenotype|histology)\b))")  # not "Sertoli cell-only syndrome"


def _words(name: str) -> str:
    """A name as a pattern: its words apart by any space, a plural capital's 's' dropped ("SMTs" -> SMT)."""
    return re.escape(re.sub(r"(?<=[A-Z])s$", "", name)).replace(r"\ ", r"\s+")


def own_cell_names(text: str) -> list[str]:
    """The names the text gives its cell product by its own abbreviation: "micro-fragmented adipose tissue (MFAT)",
    "stromal vascular fraction (SVF)"."""
    return list(dict.fromkeys(
        m["ab"] for m in re.finditer(r"(?P<full>\b[\w -]{3,60}?)\s*\((?P<ab>[A-Z][A-Za-z]{1,7})\)", text)
        if re.search(r"(?i:stromal|stem\s+cells?|progenitor|precursor|regenerative\s+cells?|adipose\s+tissue|marrow\s+aspirate)", m["full"])))


def own_cells(text: str) -> re.Pattern[str]:
    """The cells' own abbreviations as one pattern (one that matches nothing when there are none)."""
    own = own_cell_names(text)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in own) + r")\b" if own else r"(?!x)x")


def _dummy_or_active(treatment: str) -> str:
    """"randomised to BM-MSCs or saline": an injection of saline or vehicle is a placebo, though not called one."""
    return "placebo-comparator" if re.fullmatch(r"(?i:(?:normal\s+|physiological\s+|sterile\s+)?(?:saline|vehicle)"
                                                r"(?:\s+(?:solution|injections?|infusions?|placebo))?)", treatment.strip()) \
        else "active-comparator"


def _control_arm(text: str, sents: list[Sentence]) -> list[ArmDraft]:
    """A control arm: "control group", "standard medical treatment (SMT) ... or SMT alone", "matched controls"."""
    ab = re.search(rf"(?i:\b{_STANDARD})\s*\((?P<ab>[A-Z]{{2,6}})\)", text)
    abbr = rf"|\b{re.escape(ab['ab'])}(?:\s+(?:group|arm)s?|\s+alone)\b" if ab else ""
    alone_words = list(dict.fromkeys(m["w"] for m in _ALONE.finditer(text)))
    alone_alt = "".join(rf"|\b{_words(w)}s?{_DOSE_GAP}[- ](?:alone|only)(?:\s+(?:group|arm)s?)?\b"
                        # "the HA group", "HA-treated", "... to 81.3 with HA (p = ...)" (not "patients with CD.")
                        rf"|\b{_words(w)}(?:\s+(?:group|arm)s?\b|-treated\b)"
                        rf"|(?<!patients )(?<!participants )(?<!subjects )\bwith\s+{_words(w)}(?=\s*[,;.)]|\s+\()"
                        for w in alone_words)
    pattern = re.compile(rf"(?i:\b(?:the\s+)?control(?:\s+(?:group|arm|cohort)s?)\b|{_CONTROLS}"
                         rf"|\b{_STANDARD}(?:\s+alone|\s+(?:group|arm))\b|\bwith\s+{_STANDARD}\b{abbr}{alone_alt})")
    if _WITHIN.search(text) and not re.search(r"(?i:\bcontrol (?:group|arm|cohort)\b)", text):
        # "one hand ... the contralateral hand received the standard dressing": the same patients' other sites
        part = re.search(rf"(?i:\bcontrol\s+(?P<p>{_PARTS})s?\b|\bcontralateral\s+(?P<q>{_PARTS})\b)", text)
        word = (part["p"] or part["q"]).lower() if part else "site"
        plural = {"foot": "feet", "feet": "feet", "tooth": "teeth", "teeth": "teeth", "half": "halves"}.get(word, f"{word}s")
        name = f"control {plural}"
        untreated = re.search(r"(?i:\b(?:untreated|received\s+no\s+(?:treatment|injection))\b)", text)
        # "received SVF on one randomly assigned hemiface and fractional CO2 laser (3 sessions) on the other": the
        # other side's treatment names its values ("laser-treated sides", "for laser")
        split = re.search(rf"(?i:\bon\s+one\s+(?:randomly\s+(?:assigned|selected|chosen)\s+)?(?:{_PARTS})\b[^.;]*?\band\s+"
                          rf"(?P<b>[^,;.()]{{2,60}}?)\s*(?:\([^()]*\)\s*)?on\s+the\s+other\b)", text)
        by = re.escape(split["b"].split()[-1]) if split and not re.search(
            r"(?i:saline|placebo|sham|vehicle|nothing|no\b)", split["b"]) else None
        if by is not None:
            return [ArmDraft("control", f"control {plural} ({split['b'].strip()})", "active-comparator", re.compile(
                rf"(?i:{_CONTROLS}|\b{by}(?:-treated)?\s+(?:{_PARTS})s?\b|(?<=\bfor\s){by}\b|(?<=\bafter\s){by}\b)"))]
        dummy = re.search(r"(?i:\b(?:saline|placebo|sham|vehicle)\b)", text)  # "saline in the other knee"
        return [ArmDraft("control", name, "placebo-comparator" if dummy else "no-intervention" if untreated else "active-comparator",
                         re.compile(rf"(?i:{_CONTROLS}|\b(?:contralateral|untreated|(?:saline|placebo|sham|vehicle)[- ]treated)\s+"
                                    rf"(?:{_PARTS})s?\b)"))]
    if re.search(rf"(?i:\bcontrol (?:group|arm|cohort)\b|\b{_STANDARD} alone\b{abbr})", text):
        # "In the control group, triamcinolone ..." and "in the corticosteroid group": the control by its treatment too
        own = own_cells(" ".join(s.text for s in sents))
        named = [re.escape(w) for w in _group_names(text) if w.lower() != "control" and not own.fullmatch(w)
                 and not own.fullmatch(w + "s") and not re.search(r"(?i:MSC|ASC|SCs?$|stem|stromal|cell)", w)]
        if len(named) == 1:
            pattern = re.compile(pattern.pattern + rf"|(?i:\b(?:the\s+)?{named[0]}(?:-treated)?(?:\s+(?:group|arm|patients|participants))?\b"
                                 rf"(?!\s+(?:injections?|acetonide)\b))")
        return [ArmDraft("control", "control group", "active-comparator", pattern)]
    # a registry record's arm list: "Active Comparator: Physiotherapy Alone", "No Intervention: Usual Care"
    listed = re.search(r"(?im:^\s*(?P<kind>active\s+comparator|no\s+intervention|sham\s+comparator|placebo\s+comparator)\s*:\s*"
                       r"(?P<name>[^\n.:]{2,60}?)\s*$)", "\n".join(s.text for s in sents))
    if listed:
        name = listed["name"].strip()
        words = re.escape(name).replace(r"\ ", r"\s+")
        role = "no-intervention" if listed["kind"].lower().startswith("no") else "active-comparator"
        return [ArmDraft("control", name, role, re.compile(
            rf"(?i:\b(?:the\s+)?{words}(?:\s+(?:group|arm)s?)?\b|{_CONTROLS})"))]
    if alone_words:  # "CD plus BM-MSCs ... vs CD alone": the comparator named by the treatment both arms get
        return [ArmDraft("control", f"{alone_words[-1]} alone", "active-comparator", re.compile(
            rf"(?i:{_CONTROLS}{alone_alt})"))]
    methods = " ".join(s.text for s in sents if s.section not in ("results", "conclusion"))
    # "randomly assigned 1:1 to autologous BM-MSCs or ICBG": the other treatment is the comparator
    other = re.search(r"(?i:\b(?:randomi[sz]ed|randomly\s+(?:assigned|allocated)|allocated|assigned)\s+(?:\(?\d+(?:\s*:\s*\d+)+\)?\s+)?"
                      r"(?:in\s+a\s+\d+(?:\s*:\s*\d+)+\s+ratio\s+)?to\s+(?:receive\s+)?(?P<x>[^;.]{3,160}?),?\s+or\s+(?:to\s+|of\s+)?"
                      r"(?:receive\s+)?(?:\d+(?:\.\d+)?\s*(?:mL|mg|g|[µμ]g)\s+(?:of\s+)?)?(?!\d)(?P<y>[^,;.()]{2,40}?|(?:[\w-]+\s+){1,5}?of\s+[^,;.()]{2,40}?)(?=\s*[,;.(]|\s+\d|\s+(?:at|for|in|with|on|plus|and|twice|once|daily|"
                      r"chosen|selected|given|as|per|according|by)\b))",
                      _without_parentheses(methods))  # "to BM-MSCs (1-2 × 10(6) cells/kg; n = 61) or basiliximab (...)"
    if other and (re.search(r"(?i:\b(?:MSCs?|cells?|stem|stromal|SVF)\b|\w+-MSC)", other["x"]) or own_cells(" ".join(s.text for s in sents)).search(other["x"])) and not re.search(
            r"(?i:\b(?:MSCs?|cells?|stem|stromal|placebo|sham)\b|\w+-MSC)", other["y"]):
        # "three weekly intra-articular injections of high-molecular-weight HA": the treatment, after its schedule
        given = re.sub(r"(?i:^(?:[\w-]+\s+){1,5}?of\s+)", "", other["y"].strip()) if re.search(
            r"(?i:\b(?:injections?|infusions?|courses?|doses?|sessions?|applications?)\s+of\b)", other["y"]) else other["y"].strip()
        words = re.sub(r"(?i:^(?:the|an?|standard|conventional|oral|intravenous|topical|inhaled|subcutaneous)\s+)", "",
                       given)
        abbr = re.search(rf"(?i:{re.escape(words)})\s*\((?P<ab>[A-Z][A-Za-z-]{{1,10}})\)", text)
        names = [re.escape(words)] + ([re.escape(abbr["ab"])] if abbr else [])
        if re.fullmatch(r"[A-Z][A-Za-z-]{1,10}", words):  # an abbreviation: its spelled-out name too
            spelled = re.search(rf"(?P<full>(?:[A-Za-z-]+\s+){{1,5}}?[A-Za-z-]+)\s*\({re.escape(words)}\)", text)
            if spelled:
                names.append(re.escape(spelled["full"].strip()))
        # "oral diclofenac sodium" ... "the diclofenac group": a word of the name that names a group elsewhere;
        # "triamcinolone acetonide" ... "the corticosteroid arm": the one other group the text names
        groups = _group_names(text)
        names += [re.escape(w) for w in groups if re.search(rf"(?i:\b{re.escape(w)}\b)", words) or len(groups) == 1]
        names += [re.escape(w) for w in words.split()[:1] if len(w) >= 6 and not _NOT_ARM_NAME.match(w) and w not in names]
        names += [re.escape(w) for w in words.split()[-1:] if re.fullmatch(r"[A-Z]{2,5}", w) and len(words.split()) > 1]
        alt = "|".join(n.replace(r"\ ", r"\s+") for n in names)
        return [ArmDraft("control", f"{words} group", _dummy_or_active(words), re.compile(
            rf"(?i:\b(?:the\s+)?(?:{alt})(?:-treated)?(?:\s+(?:group|arm|patients|participants))?\b"
            rf"|{_CONTROLS})"))]  # "in 9 of 20 corticosteroid-treated patients"
    if re.search(r"(?i:\b(?:matched|historical|contemporaneous|concurrent|untreated)\s+controls\b"
                 r"|\bcontrols\s*\(n\s*=)", methods):
        return [ArmDraft("control", "controls", "no-intervention", pattern)]
    named = _group_names(" ".join(s.text for s in sents))
    if len(named) == 1:  # "... (MSC-allograft group) and 32 to iliac crest autograft (autograft group)"
        word = re.escape(named[0])
        return [ArmDraft("control", f"{named[0]} group", "active-comparator", re.compile(
            rf"(?i:\b(?:the\s+)?{word}(?:-treated)?(?:\s+(?:group|arm|patient|participant|subject)s?)\b"
            rf"|\b{word}(?=\s*(?:\(\s*n\s*=|[,;.)]))"
            rf"|(?:(?<=\bwith\s)|(?<=\bgiven\s)|(?<=\breceiving\s)){word}\b"  # "−14.8 (SD 10.9) with vehicle (adjusted ...)"
            rf"|{_CONTROLS})"))]
    # "received 4 × 10^7 adipose MSCs injected into the tract walls (n = 25) or fibrin glue (n = 23)": the other
    # treatment the allocation names with its size
    other = re.search(r"\(\s*n\s*=\s*\d+\s*\)\s*,?\s*or\s+(?:to\s+)?(?:(?:receive|a|an|the)\s+)?"
                      r"(?P<name>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})\s*\(\s*n\s*=\s*\d+\s*\)", methods)
    if other and not _NOT_ARM_NAME.match(other["name"]) and not re.search(r"(?i:MSC|stem|stromal|cells?\b)", other["name"]):
        word = re.escape(other["name"]).replace(r"\ ", r"\s+")
        return [ArmDraft("control", f"{other['name']} group", _dummy_or_active(other["name"]), re.compile(
            rf"(?i:\b(?:the\s+)?{word}(?:-treated)?(?:\s+(?:group|arm|patients|participants))?\b"
            rf"|{_CONTROLS})"))]
    return []


_SIZED_NAME = re.compile(r"(?P<name>[A-Za-z][\w'-]*(?:[ -][A-Za-z][\w'-]*){0,3})\s*(?:\(\s*|,\s*)n\s*=\s*(?P<n>\d+)\s*[);]")
_NOT_SIZED = re.compile(r"(?i:\b(?:patients?|participants?|subjects?|total|all|overall|women|men|children|infants|eyes|knees|"
                        r"cases|randomi[sz]ed|enrolled|included|analy[sz]ed|population|cohort|group|arm|age|years?)\s*$)")


_ARMS_SIZED = re.compile(r"\(\s*(?P<list>[A-Za-z][\w+ -]{0,30}?,\s*n\s*=\s*\d+(?:\s*;\s*[A-Za-z][\w+ -]{0,30}?,\s*n\s*=\s*\d+){2,})\s*\)")


def _listed_arms(arms: list[ArmDraft], sents: list[Sentence]) -> list[ArmDraft] | None:
    """'were randomized (UCB+EPO, n = 32; EPO, n = 31; placebo, n = 33)': three or more arms named with their sizes,
    when the design's words gave fewer. The cells' arm is the one its words (or the cell arm's pattern) name, a
    placebo or sham arm the placebo comparator, the others active comparators."""
    for s in sents:
        m = _ARMS_SIZED.search(s.text)
        if m is None or not re.search(r"(?i:randomi[sz]|assigned|allocated|enrolled)", s.text):
            continue
        pairs = [(x.group(1).strip(), int(x.group(2))) for x in re.finditer(r"([A-Za-z][\w+ -]{0,30}?),\s*n\s*=\s*(\d+)", m["list"])]
        if len(pairs) <= len(arms):
            return None
        cell = next((a for a in arms if a.role == "experimental"), None)
        placebo = next((a for a in arms if a.role == "placebo-comparator"), None)
        exp_name = next((n for n, _ in pairs if cell and cell.pattern.search(f"the {n} group")
                         or re.search(r"(?i:MSC|ASC|\bcells?\b|stem|stromal|\bUCB\b|\bSVF\b)", n)), None) or \
            next((n for n, _ in pairs if not re.search(r"(?i:placebo|sham|control)", n)), None)
        out: list[ArmDraft] = []
        for name, size in pairs:
            words = re.escape(name).replace(r"\ ", r"\s+")
            own = rf"(?i:\b(?:the\s+)?{words}(?:\s+(?:group|arm)s?|\s+alone)?(?![\w+])|(?<=\bwith\s){words}(?![\w+]))"
            if name == exp_name:
                role, base = "experimental", cell
            elif re.search(r"(?i:placebo|sham)", name):
                role, base = "placebo-comparator", placebo
            else:
                role, base = "active-comparator", None
            pattern = re.compile(own + (f"|{base.pattern.pattern}" if base is not None else ""))
            arm = ArmDraft(_slug(name), name, role, pattern)
            arm.size = size
            out.append(arm)
        return out
    return None


_SIZED_LIST = re.compile(r"(?i:\b(?P<list>\d+\s+[\w-]+(?:\s*,\s*\d+\s+[\w-]+)*\s*,?\s+and\s+\d+\s+[\w-]+)\s+"
                         r"(?:periods|patients|participants|subjects)\b)")


def _named_sizes(arms: list[ArmDraft], sents: list[Sentence]) -> None:
    """'randomised (AD-MSC sheet, n = 30; standard dressing, n = 29)', 'Standard dressing (n = 29)': an arm's
    own name with its size. A name no arm answers to is the comparator's, when only the comparator is left.
    'analyses included 51 intrathecal, 50 intravenous and 52 sham periods': each arm's size before its name."""
    comparator = [a for a in arms if a.role != "experimental"]
    for s in sents:
        if s.section in ("results", "conclusion") and not re.search(r"(?i:\banaly[sz]\w+\s+included\b)", s.text):
            continue
        for m in _SIZED_LIST.finditer(s.text):
            pairs = re.findall(r"(\d+)\s+([\w-]+)", m["list"])
            found = [next((a for a in arms if a.pattern.search(f"the {w} group")), None) for _, w in pairs]
            if len(pairs) == len(arms) and all(found) and len({id(a) for a in found}) == len(arms):
                for (n, _), a in zip(pairs, found, strict=True):
                    if a is not None and a.size is None:
                        a.size = int(n)
    for s in sents:  # "Thirty-four patients underwent ... (BMAC group), and 37 patients underwent microfracture (MFx group)"
        if s.section in ("results", "conclusion"):
            continue
        for m in re.finditer(rf"(?i:(?<![\w.-])(?P<n>\d+|{NUMBER_WORDS_RE})\s+(?:patients|participants|subjects|children)\s+"
                             r"(?:underwent|received|were\s+treated\s+with|had)\b[^;()]{0,200}?\(\s*(?:the\s+)?(?P<g>[\w-]+)\s+group\s*\))", s.text):
            arm = next((a for a in arms if a.pattern.search(f"the {m['g']} group")), None)
            n = int(m["n"]) if m["n"].isdigit() else word_number(m["n"])
            if arm is not None and arm.size is None and n:
                arm.size = n
    for s in sents:
        if not re.search(r"(?i:randomi[sz]|assigned|allocated|\t)", s.text):
            continue  # "headache (n=3)" counts events, it names no arm
        for m in _SIZED_NAME.finditer(s.text):
            name = m["name"].strip()
            # "(DPSC group, n = 20)" names an arm; "each group (n = 20)", "patients (n = 20)" do not
            own_group = re.search(r"(?i:\b(?P<w>[\w-]+)\s+(?:group|arm)$)", name)
            if _NOT_SIZED.search(name) and not (own_group and not re.fullmatch(
                    r"(?i:each|both|either|per|every|one|the|a|this|that|same|other|overall|whole|entire|study|total)",
                    own_group["w"])):
                continue
            arm = next((a for a in arms if a.pattern.search(name) or a.pattern.search(name + " group")), None)
            cells = re.search(r"(?i:MSC|ASC|\bcells?\b|stem|stromal)", name)
            if arm is None and cells and len(cell_arms := [a for a in arms if a.role == "experimental"]) == 1:
                # "AD-MSC sheet, n = 30" ... "42 days with the sheet": the cell arm by its name and its last word
                arm = cell_arms[0]
                last = name.split()[-1] if len(name.split()) > 1 else ""
                alt = re.escape(name).replace(r"\ ", r"\s+") + (f"|{re.escape(last)}" if len(last) >= 4 and not cells.re.search(last)
                                                              and not _NOT_ARM_NAME.match(last) else "")
                arm.pattern = re.compile(arm.pattern.pattern + rf"|(?i:\b(?:the\s+)?(?:{alt})(?:\s+(?:group|arm))?\b)")
            if arm is None and len(comparator) == 1 and not cells:
                arm = comparator[0]
                words = re.escape(name).replace(r"\ ", r"\s+")
                arm.pattern = re.compile(arm.pattern.pattern + rf"|(?i:\b(?:the\s+)?{words}(?:\s+(?:group|arm))?\b)")
            if arm is not None and arm.size is None:
                arm.size = int(m["n"])


_NOT_ARM_NAME = re.compile(
    rf"(?i:^(?:[\w-]*MSCs?[\w-]*|[\w-]*ASCs?|{_SC}|cells?|stem|treatment|treated|intervention|experimental|active|study|test|observation|research|"
    r"combined|combination|control|placebo|sham|each|both|either|the|this|that|same|other|age|two|three|four|all|"
    r"dose|low-dose|high-dose|mid-dose|whole|entire|overall|comparator|infusion|injection|transplant|therapy|care|"
    r"per|one|every|older|younger|risk|blood|focus|working|[\d.,]+)$)")


def _cell_group_names(text: str) -> list[str]:
    """Group names defined right after the cell product: "the MSC-loaded scaffold (scaffold group)"."""
    out = []
    for m in re.finditer(r"(?i:\(\s*(?:the\s+)?(?P<w>[A-Za-z][\w-]*)\s+(?:group|arm)\s*[),;])", text):
        before = re.split(r"(?i:\)|\bor\b|\band\b|[,;.])", text[max(0, m.start() - 100):m.start()])[-1]
        if re.search(r"(?i:\b(?:[\w-]*MSCs?|[\w-]*MSC-[\w-]+|stem|stromal|cells?)\b)", before):
            out.append(m["w"])
    return list(dict.fromkeys(out))


# a product's code or name: "KRT-UC01", "MPC-06-ID", "NR-113"; an international name of a cell therapy
# ends in -cel ("remestemcel-L", "darvadstrocel"); a brand carries ® or ™
_CODE = r"(?:[A-Z][A-Za-z]{0,5}-?[A-Z]{0,4}\d{2,4}(?:-[A-Z0-9]{1,4})?|[a-z]{4,}cel(?:-[A-Z])?\b|[A-Z][a-z]{3,}(?:®|™))"
_CELL_WORDS = r"(?i:mesenchymal|stromal|stem\s+cells?|[\w-]*MSCs?\b|progenitor|precursor\s+cells?)"
_CODE_DEFINED = [re.compile(p) for p in (
    rf"(?i:name\s+of\s+(?:the\s+)?(?:finished|investigational|study|test)\s+(?:medicinal\s+)?product\s*:?\s*)(?P<c>{_CODE})",
    rf"(?<![\w-])(?P<c>{_CODE})\s*(?:\(|,\s+(?:an?|the)\s+)[^()]{{0,80}}?{_CELL_WORDS}",  # "KRT-UC01 (allogeneic UC-MSCs)"
    rf"{_CELL_WORDS}[^()]{{0,40}}?\((?P<c>{_CODE})\s*[),;]",  # "umbilical cord MSCs (KRT-UC01)"
)]


def product_codes(text: str) -> list[str]:
    """The names the cell product goes by in this text besides "MSCs": its code, INN or brand, where the text
    ties it to the cells."""
    found = [m["c"] for p in _CODE_DEFINED for m in p.finditer(text)]
    return list(dict.fromkeys(c.rstrip("®™") for c in found if not re.fullmatch(r"[A-Z]{1,3}\d{2,4}", c) or "-" in c))


def _named_pair(text: str) -> tuple[str, str] | None:
    """A randomised trial's two arms named only as groups or arms, one of them described with the cells where it is
    first named ("TEUG (collagen–silk fibroin scaffold seeded with autologous ASCs) or BMG"): (cell arm, other)."""
    named = _group_names(text)
    if len(named) != 2 or not re.search(r"(?i:\brandomi[sz]ed\b|\brandomly\b)", text):
        return None
    cellish = [w for w in named if (m := re.search(rf"\b{re.escape(w)}\s*\((?P<what>[^()]{{3,200}})\)", text))
               and re.search(r"(?i:\b(?:[\w-]*MSCs?|[\w-]*ASCs?|stem\s+cells?|stromal\s+cells?)\b)", m["what"])]
    if len(cellish) != 1:
        return None
    return cellish[0], next(w for w in named if w != cellish[0])


def _group_names(text: str) -> list[str]:
    """The one-word names of groups other than the cell arm: "the autograft group", "(diclofenac group)"."""
    found = [m["w"] for m in re.finditer(r"(?i:(?:\bthe\s+|\(\s*)(?P<w>[A-Za-z][\w-]*)\s+(?:group|arm)s?\b)", text)]
    # "bone marrow aspirate concentrate (BMAC) ... (BMAC group)": the cells by their own abbreviation are the cell arm
    cell = {w.lower() for w in _cell_group_names(text)} | {w.lower() for w in own_cell_names(text)}
    # a name is a group's when some mention of it is not "the age group of", "the dose group with": "the PRP group
    # received two injections" names one though "in the PRP group at 6 months" follows
    return list(dict.fromkeys(w for w in found if not _NOT_ARM_NAME.match(w) and re.search(
        rf"(?i:\b{re.escape(w)}\s+(?:group|arm)s?\b(?!\s+(?:of|at|with)\b))", text) and not w.isdigit() and w.lower() not in cell))


_DOSE_LEVEL = r"(?i:low|lower|mid|medium|middle|intermediate|high|higher)[- ]dose"
_ROUTE_GROUP = (r"(?i:intravenous|intrathecal|intramuscular|intra-?arterial|intracoronary|transendocardial|"
                r"intralesional|intra-?articular|subcutaneous|intradermal|intranasal|intratracheal|local|systemic)"
                r"|IV|IT|IM|IA|IC|SC")


def _dose_arms(arms: list[ArmDraft], sents: list[Sentence]) -> list[ArmDraft]:
    """'the low-dose group ... the high-dose group', 'the IV group ... the IT group': one experimental arm
    per dose level or route named as a group or arm (two or more), in place of the single cell arm."""
    text = " ".join(s.text for s in sents)
    # "the low-, mid- and high-dose cohorts": each level named in full
    text = re.sub(r"(?i:\b(low|lower|mid|medium|middle|intermediate|high|higher)-(?=\s*(?:,|and\b|or\b)))", r"\1-dose group", text)
    # "in the placebo, low-dose, middle-dose, and high-dose groups": each level of the list a group
    text = re.sub(r"(?i:\b(low|lower|mid|medium|middle|intermediate|high|higher)[- ]dose"
                  r"(?=\s*,\s*(?:and\s+|or\s+)?[\w-]+[- ]dose\b|\s+(?:and|or)\s+[\w-]+[- ]dose\b))",
                  r"\1-dose group", text)
    # "randomized 1:1:1 to low-dose WJ-MSC, high-dose WJ-MSC or placebo": each level with the cells it names
    text = re.sub(r"(?i:\b(low|lower|mid|medium|middle|intermediate|high|higher)[- ]dose\s+(?:[\w-]*MSCs?|[\w-]*cells?)"
                  r"(?=\s*(?:,|\bor\b|\band\b)))", r"\1-dose group", text)
    # "1 × 10^7 UC-MSCs (low dose, n = 30)", "2.0 × 10^6 cells/kg (high dose)": a level named (with its size)
    text = re.sub(r"(?i:(?<=\()\s*(low|lower|mid|medium|middle|intermediate|high|higher)[- ]dose(?=\s*[,;]\s*n\s*=|\s*\)))",
                  r"\1-dose group", text)
    for kind in (_DOSE_LEVEL, _ROUTE_GROUP):
        names = list(dict.fromkeys(m["name"] if m["name"].isupper() else re.sub(r"\s+", "-", m["name"].lower()) for m in re.finditer(
            rf"(?<![\w-])(?P<name>{kind})\s+(?:group|arm|cohort)s?\b", text)))
        if len(names) >= 2:
            break
    else:
        return _route_arms(arms, sents) or _cohort_arms(arms, text) or _lettered_arms(arms, text) or \
            _dose_value_arms(arms, text)
    level = ("low", "lower", "mid", "medium", "middle", "intermediate", "high", "higher")
    names.sort(key=lambda n: next((k for k, w in enumerate(level) if n.lower().startswith(w)), len(level)))  # low to high
    out = []
    for name in names:
        flags = 0 if name.isupper() else re.IGNORECASE
        word = re.escape(name).replace(r"\ ", "[- ]").replace("\\-", "[- ]")
        pattern = re.compile(rf"\b(?:the\s+)?{word}(?:\s+(?:group|arm|cohort)s?)?\b", flags)
        arm = ArmDraft(_slug(name), f"{name} group", "experimental", pattern)
        size = re.search(rf"\b{word}\b[^()]{{0,30}}\([^()]*?\bn\s*=\s*(\d+)\s*[;,)]", text, flags) or \
            re.search(rf"\(\s*{word}\s+(?:group|arm|cohort)\s*,\s*n\s*=\s*(\d+)", text, flags)
        arm.size = int(size.group(1)) if size else None
        out.append(arm)
    return out + [a for a in arms if a.role != "experimental"]


_ROUTE_WORD = (r"intravenous(?:ly)?|intrathecal(?:ly)?|intramuscular(?:ly)?|intra-?arterial(?:ly)?|intracoronary|"
               r"transendocardial|intra-?articular(?:ly)?|subcutaneous(?:ly)?|intradermal|intranasal(?:ly)?|"
               r"nebuli[sz]ed|inhaled|intratracheal|intralesional|intradiscal|subtenon|intravitreal|intramyocardial|"
               r"local(?:ly)?|systemic(?:ally)?|topical(?:ly)?")


def _route_arms(arms: list[ArmDraft], sents: list[Sentence]) -> list[ArmDraft] | None:
    """'randomly assigned 1:1:1 to a single intravenous infusion of UC-MSCs ..., to nebulised UC-MSCs ...,
    or to placebo': one experimental arm per route the randomisation names, called by its route word
    ("with intravenous UC-MSCs", "intravenous vs placebo")."""
    for s in sents:
        if s.section in ("results", "conclusion") or not re.search(r"(?i:\b(?:randomi[sz]ed|randomly|allocated|assigned)\b)", s.text):
            continue
        routes = list(dict.fromkeys((m.group(1) or m.group(2)).lower().removesuffix("ly").replace("-", "") for m in re.finditer(
            rf"(?i:\b({_ROUTE_WORD})\s+(?:(?:infusions?|injections?|administration|delivery)\s+(?:of\s+)?)?"
            rf"(?:\w+\s+){{0,2}}?(?:[\w-]*MSCs?|[\w-]*ASCs?|cells|stem\s+cells)\b"
            # "received autologous ... stromal cells intrathecally, the same cells intravenously, and a sham procedure"
            rf"|(?:[\w-]*MSCs?|[\w-]*ASCs?|cells)\s+((?:{_ROUTE_WORD})(?<=ly)))\b", s.text)))
        if len(routes) < 2:
            continue
        out = []
        for route in routes:
            word = re.escape(route[:6]) + r"[\w-]*"
            pattern = re.compile(rf"(?i:\b(?:the\s+)?{word}(?:\s+(?:[\w-]*MSCs?|[\w-]*ASCs?|cells|group|arm|cohort|"
                                 rf"treatment|administrations?|delivery|infusions?|injections?|periods?))?\b)")
            out.append(ArmDraft(_slug(route), f"{route} group", "experimental", pattern))
        return out + [a for a in arms if a.role != "experimental"]
    return None


_LETTER_WORDS = ("schedule", "regimen", "group", "arm")


def _lettered_arms(arms: list[ArmDraft], text: str) -> list[ArmDraft] | None:
    """'Schedule A: a single infusion ... Schedule B: three infusions', 'Group A received UC-MSCs and group B
    saline': arms the paper calls by a letter, each named at least twice. An arm given placebo, sham or saline
    is the placebo comparator; one the text calls the comparator, control or reference ("Schedule A ... is the
    comparator for Schedule B", "the difference (B minus A)") or given standard care alone is the active
    comparator; the others are cell arms."""
    for word in _LETTER_WORDS:
        found = re.findall(rf"\b(?i:{word})\s+([A-D])\b(?![-–/])", text)
        keys = sorted(k for k in set(found) if found.count(k) >= 2)
        if len(keys) >= 2:
            break
    else:
        return None
    title = word.capitalize()
    each = _size_of_each(text, rf"(?:to\s+each|in\s+each|per)\s+{word}\b")
    out: list[ArmDraft] = []
    for k in keys:
        name = rf"\b(?i:{word})\s+{k}\b"
        said = [text[m.end():m.end() + 160] for m in re.finditer(name, text)]
        defined = next((re.match(r"\s*(?:\(([^()]{3,80})\)|:\s*([^.;]{3,80}))", c) for c in said
                        if re.match(r"\s*(?:\([^()]{3,80}\)|:\s*[^.;]{3,80})", c)), None)
        what = (defined.group(1) or defined.group(2)).strip() if defined else ""
        gets = " ".join(re.match(r"\s*(?:\([^()]*\)\s*)?(?::|received|was\s+given|were\s+given|got|underwent)\s*([^.;]{0,80})", c)[1]
                        for c in said if re.match(r"\s*(?:\([^()]*\)\s*)?(?::|received|was\s+given|were\s+given|got|underwent)", c))
        if re.search(r"(?i:\b(?:placebo|sham|saline|vehicle)\b)", what + " " + gets) and not re.search(r"(?i:MSC|stem|stromal|cells)", what + " " + gets):
            role = "placebo-comparator"
        elif re.search(rf"(?i:{name}[^.;]{{0,100}}\b(?:is|was|served\s+as|as)\s+(?:the\s+)?(?:comparator|control|reference)\b"
                       rf"|\b[A-D]\s+(?:minus|vs\.?|versus)\s+(?:{word}\s+)?{k}\b)", text) or \
                re.search(r"(?i:\b(?:standard|usual|conventional)\s+(?:medical\s+)?(?:care|therapy|treatment)\b(?:\s+alone)?)", what + " " + gets) \
                and not re.search(r"(?i:MSC|stem|stromal|cells)", what + " " + gets):
            role = "active-comparator"
        else:
            role = "experimental"
        size = re.search(rf"{name}\s*\((?:[^()]*?[;,]\s*)?n\s*=\s*(\d+)\s*\)", text)
        label = f"{title} {k}" + (f" ({what})" if what and not re.search(r"\bn\s*=", what) else "")
        out.append(ArmDraft(f"{word}-{k.lower()}", label, role, re.compile(rf"(?:\bthe\s+)?{name}"),
                            int(size[1]) if size else each))
    if not any(a.role == "experimental" for a in out):
        return None
    out.sort(key=lambda a: a.role != "experimental")
    if any(a.role != "experimental" for a in out):
        return out
    return out + [a for a in arms if a.role != "experimental"]


# a dose as the methods give it: "1 × 10^6 cells/kg", "3 × 10⁷ UC-MSCs", "0·5 × 10^6", "2 × 10(8) cells"
_COHORT_DOSE = (r"\d+(?:[.·]\d+)?\s*[×x]\s*10\s*(?:\^\s*\d+|\(\s*\d+\s*\)|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)"
                r"(?:\s*(?:cells?|[\w-]*MSCs?)(?:\s*/\s*kg)?|\s*/\s*kg)?")


def _size_of_each(text: str, each: str) -> int | None:
    """'five in each cohort', 'six patients each', '12 to each schedule': the one size every arm has."""
    m = re.search(rf"(?i:\b(?P<n>\d+|{NUMBER_WORDS_RE})\s+(?:(?:patients|participants|subjects|children)\s+)?{each})", text)
    return word_number(m["n"]) if m else None


def _cohort_arms(arms: list[ArmDraft], text: str) -> list[ArmDraft] | None:
    """'at 1 × 10^6 (cohort 1), 3 × 10^6 (cohort 2) or 6 × 10^6 (cohort 3) cells/kg', 'Cohort A received 1 × 10⁷
    UC-MSCs and cohort B 3 × 10⁷': a dose-escalation study's numbered cohorts, one experimental arm each,
    named as the paper names them, in place of the single cell arm. Two or more cohorts must be tied to a
    dose, so "cohort 1" of an observational design is not an arm."""
    keys = sorted(dict.fromkeys([m[1] for m in re.finditer(r"\b[Cc]ohort\s+([1-9]|[A-D])\b(?!\s*[-–]\s*\d)", text)] + [
        k for m in re.finditer(r"\b[Cc]ohorts\s+([1-9A-D](?:\s*,\s*[1-9A-D])*\s*,?\s+(?:and|or)\s+[1-9A-D])\b", text)
        for k in re.findall(r"[1-9A-D]", m[1])]))
    if len(keys) < 2 or len({k.isdigit() for k in keys}) != 1:
        return None
    dosed: dict[str, str] = {}
    for k in keys:
        m = re.search(rf"(?P<d>{_COHORT_DOSE})\s*\(\s*cohort\s+{k}\s*\)", text, re.IGNORECASE) or re.search(
            rf"\bcohort\s+{k}\s*(?:\(\s*|:\s*|,\s*|received\s+(?:\w+\s+){{0,3}}?(?:of\s+)?)(?P<d>{_COHORT_DOSE})", text,
            re.IGNORECASE)
        if m:
            dosed[k] = re.sub(r"\s+", " ", m["d"]).strip()
    if len(dosed) < 2:
        # "Three sequential cohorts of six patients each received 0·5, 1·0 or 2·0 × 10⁶ cells/kg": the doses in order
        if not re.search(r"(?i:\b(?:sequential|dose|dose-escalation|escalating|ascending)\b[\w\s-]{0,20}\bcohorts\b)", text):
            return None
        listed = re.search(r"(?P<list>\d+(?:[.·]\d+)?(?:\s*,\s*\d+(?:[.·]\d+)?)*\s*,?\s+(?:and|or)\s+\d+(?:[.·]\d+)?)\s*[×x]\s*"
                           r"(?P<pow>10\s*(?:\^\s*\d+|\(\s*\d+\s*\)|[⁰¹²³⁴⁵⁶⁷⁸⁹]+))\s*(?P<u>cells?(?:\s*/\s*kg)?|[\w-]*MSCs?(?:\s*/\s*kg)?)?",
                           text)
        values = re.findall(r"\d+(?:[.·]\d+)?", listed["list"]) if listed else []
        if len(values) == len(keys):
            dosed = {k: f"{v} × {listed['pow']}" + (f" {listed['u']}" if listed["u"] else "") for k, v in zip(keys, values, strict=True)}
    # "at 1 × 10^6 (cohort 1), 3 × 10^6 (cohort 2) or 6 × 10^6 (cohort 3) cells/kg": the unit after the last one
    unit = re.search(rf"\(\s*cohort\s+{keys[-1]}\s*\)\s*(?P<u>cells?(?:\s*/\s*kg|\s+per\s+(?:kg|injection|infusion|dose))?"
                     r"|[\w-]*MSCs?(?:\s*/\s*kg)?)", text, re.IGNORECASE)
    if unit:
        dosed = {k: d if re.search(r"[a-z]", d) else f"{d} {unit['u']}" for k, d in dosed.items()}
    each = _size_of_each(text, r"(?:each|per\s+cohort|in\s+each(?:\s+cohort)?)\b")
    out = []
    for k in keys:
        pattern = re.compile(rf"\b(?:the\s+)?[Cc]ohort\s+{k}\b(?!\s*[-–]\s*\d)")
        label = f"cohort {k} ({dosed[k]})" if k in dosed else f"cohort {k}"
        size = re.search(rf"\b[Cc]ohort\s+{k}\s*\((?:[^()]*?;\s*)?n\s*=\s*(\d+)\s*\)", text)
        n = int(size[1]) if size else each
        out.append(ArmDraft(f"cohort-{k.lower()}", label, "experimental", pattern, n))
    if re.search(r"(?i:\bexpansion\s+(?:cohort|phase|part)\b)", text):  # "... taken forward to the expansion cohort (n = 12)"
        size = re.search(r"(?i:\bexpansion\s+(?:cohort|phase|part)\s*\((?:[^()]*?;\s*)?n\s*=\s*(\d+)\s*\))", text)
        out.append(ArmDraft("expansion", "expansion cohort", "experimental", re.compile(
            r"(?i:\b(?:the\s+)?expansion\s+(?:cohort|phase|part|group)\b)"), int(size[1]) if size else None))
    return out + [a for a in arms if a.role != "experimental"]


_DOSE_VALUE = re.compile(r"(?P<m>\d+(?:\.\d+)?)\s*[×x]\s*10\s*(?:\^\s*|\(\s*)?(?P<e>\d+)\)?"
                         r"(?:\s*(?:cells?|MSCs?))?(?:\s*/\s*kg)?\s*\(\s*n\s*=\s*(?P<n>\d+)\s*\)")


def _dose_value_arms(arms: list[ArmDraft], text: str) -> list[ArmDraft]:
    """'randomised to 1 × 10^6 cells/kg (n=12) or 2 × 10^6 cells/kg (n=12), or to placebo (n=8)':
    one experimental arm per dose with its size, named by the dose ("the 1 × 10^6 group")."""
    found: dict[tuple[str, str], int] = {}
    for m in _DOSE_VALUE.finditer(text):
        found.setdefault((m["m"], m["e"]), int(m["n"]))
    millions = list(dict.fromkeys(m["n"] for m in re.finditer(
        r"(?i:\b(?P<n>\d+(?:\.\d+)?)[- ]million(?:\s+(?:cells?|MPCs?|MSCs?))?(?:\s+(?:group|arm|cohort)s?\b"
        r"|(?=,?\s+(?:and\s+|or\s+)?[\w-]+(?:(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)[\w-]+)*,?\s+(?:groups|arms|cohorts)\b)))",
        text)))
    if len(millions) < 2 and (pair := re.search(r"(?i:\b(\d+(?:\.\d+)?)\s*(?:million|M)\s+(?:vs\.?|versus|or)\s+"
                                                r"(\d+(?:\.\d+)?)\s*million\b)", text)):
        millions = [pair.group(1), pair.group(2)]  # "60 million vs 120 million allogeneic ASCs", then "with 60M"
    if len(millions) < 2 and (alloc := re.search(r"(?i:\b(?:randomi[sz]ed|randomly\s+assigned|allocated)\b[^.]{0,40}?\bto\b[^.]{0,200})",
                                                   text)):
        # "randomized 1:1:1 to a single infusion of 150 million MPCs, 300 million MPCs, or saline placebo"
        listed = list(dict.fromkeys(m.group(1) for m in re.finditer(
            r"(?i:\b(\d+(?:\.\d+)?)[- ]million\s+(?:cells?|MPCs?|MSCs?|ASCs?)\b)", alloc.group())))
        millions = listed if len(listed) >= 2 else millions
    if len(found) < 2 and len(millions) >= 2:  # "in the 150-million group, ... in the 75-million group"
        out = []
        low, high = min(millions, key=float), max(millions, key=float)
        for n in millions:
            # "for the higher dose and 1.9 for the lower dose", "25/31 low-dose and 27/31 high-dose participants"
            word = ("higher|high" if n == high else "lower|low") if len(millions) == 2 and low != high else None
            level = rf"|(?i:\b(?:the\s+)?(?:{word})[- ]dose(?:\s+(?:group|arm|cohort)s?)?\b)" if word else ""
            arm = ArmDraft(_slug(f"{n} million"), f"{n}-million group", "experimental", re.compile(
                rf"(?i:\b(?:the\s+)?{re.escape(n)}[- ]million(?:\s+(?:cells?|MPCs?|MSCs?|ASCs?))?(?:\s+(?:group|arm|cohort)s?)?\b)"
                rf"|(?-i:\b(?:the\s+)?{re.escape(n)}\s?M\b(?:\s+(?:group|arm|cohort)s?)?)" + level))  # "with 60M", "(120M)"
            size = re.search(rf"(?<![\d.]){re.escape(n)}\s?(?:M|million)\s*[:,(]\s*n\s*=\s*(\d+)", text)
            arm.size = int(size.group(1)) if size else None
            out.append(arm)
        return out + [a for a in arms if a.role != "experimental"]
    if len(found) < 2:
        return arms
    out = []
    for (mant, exp), n in found.items():
        pattern = re.compile(rf"(?<![\d.]){re.escape(mant)}\s*[×x]\s*10\s*(?:\^\s*|\(\s*)?{exp}\)?"
                             rf"(?:\s*(?:cells?|MSCs?))?(?:\s*/\s*kg)?(?:\s+(?:group|arm|cohort)s?)?")
        name = f"{mant} × 10^{exp}"
        out.append(ArmDraft(_slug(f"dose {mant}e{exp}"), f"{name} group", "experimental", pattern, n))
    return out + [a for a in arms if a.role != "experimental"]


def _pooled(drafts: list[ResultDraft], arms: list[ArmDraft]) -> dict[str, Any] | None:
    """'two of the 18 patients (11·1%) died' in a study of three cohorts of six: a proportion over every cohort's
    participants belongs to them all, not to the first cohort the sentence fell back on. Such results move to an
    arm of the cohorts pooled, returned for the draft's arms (None when no result is pooled)."""
    cells = [a for a in arms if a.role == "experimental"]
    if len(cells) < 2 or any(a.size is None for a in cells):
        return None
    total = sum(a.size for a in cells if a.size is not None)
    moved = False
    for r in drafts:
        if r.population in {a.id for a in cells} and any(
                st.kind == "proportion" and st.denominator == total for st in r.stats):
            r.population, moved = "all-cohorts", True
    if not moved:
        return None
    return {"id": "all-cohorts", "label": f"all {total} participants (cohorts pooled)", "role": "experimental", "size": total}


def _arm_heading(line: str, arms: list[ArmDraft]) -> ArmDraft | None:
    """'Cohort 2 (3 × 10^6 cells/kg)' alone on its line: a heading over that cell arm's paragraph, when the
    design has several cell arms."""
    cells = [a for a in arms if a.role == "experimental"]
    return arm_row(line, cells, alone=True) if len(cells) >= 2 and len(line) <= 80 else None


def _stat_key(ep: str, st: Stat) -> tuple[object, ...]:
    # "Wound area had fallen by 58.6%" and the table's "58.6 ± 21.4": one value, whichever kind each gives it
    kind = "value" if st.kind in ("mean", "difference", "central-value") else st.kind
    value = abs(st.value) if st.value is not None and kind == "value" else st.value
    return ep, kind, value, st.relation, st.numerator, st.percentage


_PERIOD = re.compile(r"(?i:\beach\s+(?:treatment\s+)?period\s+lasted\s+(?P<n>\d+)\s+(?P<u>weeks?|months?)"
                     r"|\b(?P<n2>\d+)-(?P<u2>week|month)\s+(?:treatment\s+)?periods?\b)")


def _period_times(drafts: list[ResultDraft], source: str, crossover: bool) -> None:
    """'Each treatment period lasted 6 months' in a crossover: a result said of a period ('per period', 'over
    intrathecal, intravenous and sham periods') and given no time is at the period's end."""
    m = _PERIOD.search(source) if crossover else None
    if m is None:
        return
    n, unit = m["n"] or m["n2"], (m["u"] or m["u2"]).lower()
    item = Item(m.start(), m.end(), iso_duration(n, unit), time_label(n, unit, False))
    for r in drafts:
        if r.timepoint is None and re.search(r"(?i:\bperiods?\b)", r.sentence.text) and r.endpoint.instrument != "adverse-events" \
                and not re.search(r"(?i:\badverse\b|\bserious\b|\bfever\b|\bheadache\b)", r.sentence.text):
            r.timepoint = item


def _once(drafts: list[ResultDraft], from_tables: list[ResultDraft]) -> list[ResultDraft]:
    """A value the text states and a table repeats is one fact: the table's, whose cell gives its arm and
    time. The text's statement keeps what the table lacks (a hazard ratio, a p-value of its own)."""
    if not from_tables:
        return drafts
    tabled = {_stat_key(r.endpoint.id, st) for r in from_tables for st in r.stats}
    ours = {id(r) for r in from_tables}
    out = []
    for r in drafts:
        if id(r) not in ours:
            left = [st for st in r.stats if _stat_key(r.endpoint.id, st) not in tabled]
            if not left:
                continue
            r.stats = left
        out.append(r)
    return out


def extract_text(source: str, doc_id: str, file_name: str | None = None, sha256: str | None = None) -> Draft:
    """Extract one document (its decoded text) into a draft study."""
    x = _Extractor(source, doc_id)
    # a PDF's wrapped lines joined into paragraphs, Markdown's marks blanked, tables copied one cell per line one
    # row per line again: all in place, so offsets into the source hold
    by_row = join_cell_lines(word_dashes(versus(digit_groups(decimal_points(blank_markup(reflow(source)))))))
    blocks = segment(by_row)
    # identifiers are read from the lines as they came: a PDF's DOI footer is page furniture to the reader
    raw_blocks = blocks if by_row == join_cell_lines(source) else segment(join_cell_lines(source))
    sents = sentences(by_row, blocks)
    data: dict[str, Any] = {}
    title, _, _ = _title(source, blocks, sents)
    data["id"] = _slug(f"draft-{doc_id}")[:60].rstrip("-")
    data["title"] = title
    doc: dict[str, Any] = {"id": doc_id, "kind": _doc_kind(source, blocks)}
    if file_name:
        doc["file"] = file_name
    if sha256:
        doc["sha256"] = sha256
    data["documents"] = [doc]
    by_start = {s.start: s for s in sents}

    def sentence_at(pos: int) -> Sentence | None:
        return next((s for s in sents if s.start <= pos < s.end), None) or by_start.get(pos)

    # identifiers
    regs = registrations(source, raw_blocks)
    date, retro = registration_details(source, raw_blocks)
    data["registrations"] = []
    for nct, f in regs.items():
        rec: dict[str, Any] = {"id": nct}
        if date:
            rec["registered"] = date.value
        if retro:
            rec["retrospective"] = retro.value
        s = sentence_at(source.find(nct, f.start))
        x.fact(rec, s, f.start, f.end, 0.95)
        if s is None:
            rec["evidence"] = source[f.start:f.end]
        data["registrations"].append(rec)
    pub: dict[str, Any] = {}
    cit = citation(source, raw_blocks)
    d, p = doi(source, raw_blocks), pmid(source, raw_blocks)
    if cit or d or p:
        pub = {"id": "publication", "kind": "meeting-abstract" if doc["kind"] == "meeting-abstract" else "journal-article"}
        where = cit[1] if cit else d or p
        assert where is not None
        if cit:
            pub.update(cit[0])
        if d:
            pub["doi"] = d.value
        if p:
            pub["pmid"] = p.value
        x.fact(pub, None, where.start, where.end, 0.9)
        pub["evidence"] = source[where.start:where.end]
        data["publications"] = [pub]
    # design
    cues = design_cues(sents)
    enr = enrollment(sents)
    design: dict[str, Any] = {}
    randomized = cues.get("allocation") and cues["allocation"].value == "randomized"
    trial_words = re.search(r"(?i:\btrial\b|\bphase\b|\brandomi[sz]ed\b|\bplacebo\b)",
                            " ".join(s.text for s in sents if s.section != "background" and usable(s)))
    retrospective = cues.get("timing") is not None and cues["timing"].value == "retrospective"
    # "we retrospectively analysed all children who received ...": observational, even when it says "trial"
    design["type"] = "observational" if retrospective and not randomized and "phases" not in cues and \
        "control" not in cues else "interventional" if trial_words or "phases" in cues else (
        "observational" if retrospective else "interventional")
    used: list[Cue] = []
    if "phases" in cues:
        design["phases"], design["phase_text"] = cues["phases"].value  # type: ignore[misc]
        used.append(cues["phases"])
    for field_name in ("allocation", "masking", "control", "centres", "site_count", "timing", "assessment_interval"):
        if field_name in cues:
            design[field_name] = cues[field_name].value
            used.append(cues[field_name])
    feats = [c.value for k, c in cues.items() if k.startswith("feature:")]
    if feats:
        design["features"] = feats
    if "period" in cues:
        design["period_start"], design["period_end"] = cues["period"].value  # type: ignore[misc]
        used.append(cues["period"])
    product = read_product(sents)
    arms = _arms(product, cues, sents, enr.value if enr else None)  # type: ignore[arg-type]
    inferred_single = False
    if "control" not in design and all(a.role == "experimental" for a in arms) and not randomized:
        design["control"] = "single-arm"
        inferred_single = True
    if "follow_up" in cues:
        design["follow_up"] = cues["follow_up"].value
        used.append(cues["follow_up"])
    first = min(used, key=lambda c: c.sentence.start) if used else None
    conf = 0.85 if not inferred_single else 0.6
    reason = "single arm inferred: no comparator group is named" if inferred_single else None
    if first:
        x.fact(design, first.sentence, first.sentence.start, first.sentence.end, conf, reason)
        others = [c for c in dict.fromkeys(c.sentence for c in used) if c is not first.sentence]
        if others:
            design["note"] = "also read from: " + " | ".join(f"{c.start}-{c.end}" for c in others)
    else:
        x.fact(design, None, 0, 0, 0.4, "no design statement found")
    data["design"] = design
    if enr:
        data["enrollment"] = x.fact({"count": enr.value}, enr.sentence, enr.sentence.start + enr.start,
                                    enr.sentence.start + enr.end, 0.85)
    # conditions
    diseases = find_diseases(source, sents)
    main = primary(diseases, enr.sentence if enr else None)
    data["conditions"] = []
    cond_ids: dict[str, str] = {}
    if main is not None:
        data["conditions"].append(_condition(x, source, main, "primary", enr.sentence if enr else None))
        cond_ids[main.curie] = data["conditions"][0]["id"]
    else:
        data["conditions"].append(x.fact({"id": "condition", "term": "MONDO:0000001", "label": "disease or disorder",
                                          "role": "primary"}, None, 0, 0, 0.2, "no disease recognised in the text"))
        x.review.append("no disease recognised: condition set to MONDO:0000001")
    ages_cue = ages(sents)
    if ages_cue:
        lo, hi, text = ages_cue.value  # type: ignore[misc]
        elig: dict[str, Any] = {"id": "age", "text": text, "min_age": lo}
        if hi is not None:
            elig["max_age"] = hi
        data["eligibility"] = [x.fact(elig, ages_cue.sentence, ages_cue.sentence.start + ages_cue.start,
                                      ages_cue.sentence.start + ages_cue.end, 0.85)]
    data["products"] = [_product(x, product)]
    for k, extra in enumerate(product.more_doses, start=2):  # one product per further dose the methods name
        rec = _product(x, replace(product, dose=extra, more_doses=[]))
        rec["id"], rec["label"] = f"{rec['id']}-{k}", f"{rec['label']}, dose {k}"
        data["products"].append(rec)
    arm_records = []
    seen_ids: set[str] = set()
    for arm in arms:  # two arms the words named alike ("low dose", "low-dose") keep apart ids: the draft must load
        while arm.id in seen_ids:
            arm.id = f"{arm.id}-2"
        seen_ids.add(arm.id)
    cell_arms = [a for a in arms if a.role == "experimental"]
    by_dose = len(cell_arms) > 1 and len(cell_arms) == len(data["products"])
    for arm in arms:
        rec = {"id": arm.id, "label": arm.label, "role": arm.role}
        if arm.size is not None:
            rec["size"] = arm.size
        if arm.role == "experimental":
            rec["product"] = data["products"][cell_arms.index(arm) if by_dose else 0]["id"]
        where = _first_mention(sents, arm.pattern) if arm.role != "experimental" else None
        anchor = where or (product.name.sentence, product.name.start, product.name.end) if product.name else where
        if anchor:
            arm_records.append(x.fact(rec, anchor[0], anchor[1], anchor[2], 0.75 if arm.role == "experimental" else 0.7,
                                      "arms are named from the design and group phrases"))
        else:
            arm_records.append(x.fact(rec, None, 0, 0, 0.6, "no sentence names this arm"))
    data["arms"] = arm_records
    # endpoints and results
    registry = Registry(abbreviations(" ".join(s.text for s in sents)))
    read_endpoint_sentences(sents, registry)
    ctx = Context(arms, registry, single_arm=len(arms) == 1, pm_is_sd=bool(_PM_IS_SD.search(source) or _TABLE_PM_SD.search(source)
                                                                                 and not _ANY_SEM.search(source)),
                  pm_is_mean=bool(_PM_IS_SEM.search(source)), paren_is_sd=bool(_PAREN_IS_SD.search(source)),
                  paren_is_median=bool(_PAREN_IS_MEDIAN.search(source)) and not _PAREN_IS_SD.search(source),
                  marks=footnote_marks(source), stat_marks=stat_marks(source), crossover=bool(_CROSSOVER.search(source)),
                  all_at=_all_outcomes_at(sents))
    drafts: list[ResultDraft] = []
    table: TableState | None = None  # a table whose rows are tab-separated lines, being read
    table_section = ""
    from_tables: list[ResultDraft] = []
    caption: list[str] = []
    leftovers: list[str] = []
    outcome: Outcome | None = None
    page_results, page_spans = read_results_page(source, registry, arms)  # a registry results view, read by column
    if not page_results:  # an EU Clinical Trials Register results summary, likewise
        page_results, page_spans = read_euctr_page(source, registry, arms)
    drafts.extend(page_results)
    # the abstract a registry page carries restates its table's values: kept once, from the table
    table_values = {(r.population, r.timepoint.duration if r.timepoint else None, st.kind, st.value)
                    for r in page_results for st in r.stats if st.value is not None}
    heading_end = -1
    last_table: list[ResultDraft] = []  # the table just read's results without a time, for a note under it to time
    for k, s in enumerate(sents):
        if ctx.lead is not None and k and s.start > heading_end and re.search(r"\n[ \t]*\n", source[sents[k - 1].end:s.start]):
            ctx.lead = None  # the paragraph under the arm's heading has ended
        if (arm := _arm_heading(s.text, arms)) is not None:
            ctx.lead, heading_end = arm, s.end
            continue
        if k and _SUBSECTION.search(source, sents[k - 1].end, s.start):
            ctx.frame = None  # "3.2. Healing": a new sub-section; "At 6 months, ..." above it frames it no more
        if CAPTION.match(s.text) or ctx.caption is not None and re.fullmatch(r"(?i:\s*table\s*\d+\s*[.:]?\s*)", ctx.caption.text) \
                and "\n" not in source[ctx.caption.end:s.start]:  # "Table 2." cut off its caption by the sentence splitter
            ctx.caption = s
        elif ctx.caption is not None and not arm_row(s.text, arms):
            ctx.caption = None
        if s.section in NOT_RESULTS or s.kind != "content" or any(a <= s.start < b for a, b in page_spans):
            continue
        if re.match(r"\s*(?:[*†‡§¶]+\s*[Pp]\s*[<>=≤≥]|[†‡§¶]+\s*\S|\*(?=[A-Z]))", s.text):
            # "*P < 0.05 compared with baseline (paired t-test).", "†At least 3 of 4 cortices bridged on CT": a table's
            # footnote defining its marks, no result
            continue
        if _STATS_PLAN.search(s.text) or _BALANCED.search(s.text) or _WHO_THEY_WERE.match(s.text) or _DISPOSITION.match(s.text) \
                or _FOLLOW_UP_ONLY.match(s.text):
            continue  # "17 per group were needed to detect ...", "The groups were comparable at baseline: mean age was"
        if _APPROVAL.search(s.text):  # "approved by the Ethics Committee ... (ETMK 77/2022)": a reference number, no result
            continue
        if last_table and (over := _TABLE_NOTE_TIME.match(s.text)) is not None:
            # "Data are number of participants (%) with at least one event over 12 months": the table's time
            for t in find_timepoints(over["t"]):
                for r in last_table:
                    r.timepoint = t.items[-1]
                break
            last_table = []
            continue
        if PRESENTED.match(s.text):  # "The quantitative data are expressed in mean ± SD.": how values are given, no measure
            continue
        if (header := read_header(s, registry)) is not None:  # "Primary Outcome Measure: ... [Time Frame: ...]"
            outcome = header
            continue
        if outcome is not None and time_frame(s, outcome):
            continue
        if outcome is not None and (n := analyzed(s)) is not None:  # "Overall Number of Participants Analyzed: 9"
            for r in outcome.results:
                r.n = r.n if r.n is not None else n
            continue
        if table is not None and s.section != table_section:
            table = None  # "SAFETY" then "No infusion reactions": a new section ends the table above it
        table_results, table = read_table_row(s, ctx, table, " ".join(caption))
        table_section = s.section
        if CAPTION.match(s.text) or _LEAD_IN.search(s.text):
            # "Table 2 Radiographic fusion on CT (per-protocol population)", then its header; or a sentence that
            # leads into a table without a caption: "Results at Week 24 (FAS) are summarized below."
            caption = [s.text]
        elif caption and table_results is None and len(caption) < 3:
            caption.append(s.text)
        elif table_results is None:
            caption = []
        if table_results is not None:
            drafts.extend(table_results)
            from_tables.extend(table_results)
            last_table += [r for r in table_results if r.timepoint is None]
            ctx.last_text = s.text
            continue
        last_table = []
        found = read_results(s, ctx)
        if outcome is not None and is_data_line(s):
            claim(outcome, found)
        if table_values:
            found = [r for r in found if not any(
                (r.population, r.timepoint.duration if r.timepoint else None, st.kind, st.value) in table_values
                for st in r.stats if st.value is not None)]
        drafts.extend(found)
        used_spans = [(r.start - s.start, r.end - s.start) for r in found]
        used_spans += [(st.start, st.end) for r in found for st in r.stats]
        if found:
            used_spans += [(t.start, t.end) for t in find_timepoints(s.text)]
            used_spans += [(m.start(), m.end()) for m in re.finditer(
                r"(?i:\b\d+[- ](?:hour|h|minutes?|min|mm|cm|item|point)\b|\brange\s+[\d.]+\s*-\s*[\d.]+|\bIQR\s+[\d.]+\s*-\s*[\d.]+|"
                r"\b[A-Za-z]+[-/]?\d+(?:/\d+)?\b|\b\d+(?:\.\d+)?\s*%\s*CI|\b(?:within|after)\s+\d+\s*h\b)", s.text)]
            for a, b in leftover_numbers(s.text, used_spans):
                leftovers.append(f"{s.start + a}-{s.start + b} {s.text[a:b]!r} in: {s.text}")
    drafts = _once(drafts, from_tables)
    _period_times(drafts, source, ctx.crossover)
    if pooled := _pooled(drafts, arms):
        data["arms"].append(x.fact(pooled, None, 0, 0, 0.6, "the cohorts taken together: a count over every cohort's participants"))
    for g in ctx.characteristics:
        x.review.append(f"not drafted, a characteristic of the people enrolled: {g.stats[0].text!r}")
    data["subgroups"] = []
    for sub in ctx.subgroups:
        if any(r.population == sub.id for r in drafts):
            rec = {"id": sub.id, "label": sub.label, "arm": arms[0].id}
            for dz in diseases:
                if any(m.sentence.text and m.start >= 0 and sub.label.lower().find(source[m.start:m.end].lower()) >= 0
                       for m in dz.mentions):
                    if dz.curie not in cond_ids:
                        data["conditions"].append(_condition(x, source, dz, "subgroup"))
                        cond_ids[dz.curie] = data["conditions"][-1]["id"]
                    rec["condition"] = cond_ids[dz.curie]
                    break
            data["subgroups"].append(x.fact(rec, sub.sentence, sub.start, sub.end, 0.6, "subgroup named by a result sentence"))
    if not data["subgroups"]:
        del data["subgroups"]
    used_eps = {r.endpoint.id for r in drafts}
    data["endpoints"] = []
    for ep in registry.items:
        rec = {"id": ep.id, "label": ep.label, "instrument": ep.instrument, "role": ep.role}
        if ep.timepoints:
            rec["timepoints"] = ep.timepoints
        conf = ep.confidence if ep.instrument != UNMAPPED else min(ep.confidence, 0.6)
        reason = "measure not in the instrument list: choose or mint an instrument" if ep.instrument == UNMAPPED else None
        data["endpoints"].append(x.fact(rec, ep.sentence if ep.sentence.text else None, ep.start, ep.end, conf, reason))
        if ep.id not in used_eps and ep.instrument == UNMAPPED and conf < 0.5:
            data["endpoints"].pop()
    data["results"] = _results(x, drafts, data)
    keep_within_rules(data, x.review)
    _follow_up_from_results(data)
    for k in ("registrations", "results"):
        if not data.get(k):
            data.pop(k, None)
    return Draft(data, source, doc_id, x.review, leftovers)


def _follow_up_from_results(data: dict[str, Any]) -> None:
    """Without a stated follow-up ("12-month follow-up"), the latest timepoint a result is reported at:
    the follow-up lasted at least that long, and curators record it so. Marked for review."""
    design = data["design"]
    times = [r["timepoint"] for r in data.get("results", []) if r.get("timepoint")]
    if "follow_up" in design or not times:
        return
    latest = max(times, key=approximate_days)
    if approximate_days(latest) <= 0:
        return
    design["follow_up"] = latest
    note = f"follow-up {latest} is the latest timepoint of a result, not stated as such: check"
    design["note"] = f"{design['note']}; {note}" if design.get("note") else note
    if "extraction" in design:
        design["extraction"]["review"] = True


def _first_mention(sents: list[Sentence], pattern: re.Pattern[str]) -> tuple[Sentence, int, int] | None:
    for s in sents:
        if m := pattern.search(s.text):
            return s, s.start + m.start(), s.start + m.end()
    return None


def _condition(x: _Extractor, source: str, d: Disease, role: str, prefer: Sentence | None = None) -> dict[str, Any]:
    """The condition as the enrolment sentence words it, else its first full mention."""
    mention = next((m for m in d.mentions if prefer is not None and m.sentence == prefer),
                   next((m for m in d.mentions if not m.abbreviation), d.mentions[0]))
    sev, start = severity(source, mention)
    end = mention.end
    ab = re.match(r"\s*\(([^()]{1,12})\)", source[end:end + 16])
    reported = source[start:end + (ab.end() if ab else 0)]
    rec: dict[str, Any] = {"id": _slug(d.label)[:40].rstrip("-"), "term": d.curie, "label": d.label, "role": role,
                           "reported_as": reported}
    if sev:
        rec["severity"] = sev
    return x.fact(rec, mention.sentence, mention.start, mention.end, 0.85 if role == "primary" else 0.7)


def _product(x: _Extractor, p: ProductDraft) -> dict[str, Any]:
    name = str(p.name.value) if p.name else "mesenchymal stem cells"
    rec: dict[str, Any] = {"id": _slug(p.abbreviation.rstrip("s")) if p.abbreviation else "msc",
                           "label": re.sub(r"\s+", " ", name.replace(",", "")).lower() if p.name else name}
    if p.name:
        rec["reported_as"] = name + (f" ({p.abbreviation})" if p.abbreviation else "")
    rec["cell_type"] = p.cell_type
    notes, confs = list(p.notes), [0.85] + ([0.6] if p.notes else [])
    if p.tissue:
        uberon = tissue_uberon(str(p.tissue.value))
        if uberon:
            rec["tissue"] = uberon
        confs.append(p.tissue.confidence)
        if p.tissue.note:
            notes.append(p.tissue.note)
    for attr, key in ((p.donor, "donor"), (p.route, "route")):
        if attr:
            rec[key] = attr.value
            confs.append(attr.confidence)
            if attr.note:
                notes.append(attr.note)
    if p.dose:
        dose = p.dose.value
        rec["dose"] = {"value": _num(dose.value), "unit": dose.unit, "reported_as": dose.text}  # type: ignore[attr-defined]
        confs.append(p.dose.confidence)
        if p.dose.note:
            notes.append(p.dose.note)
    if p.administrations:
        a = p.administrations.value
        if a.count:  # type: ignore[attr-defined]
            rec["administrations"] = a.count  # type: ignore[attr-defined]
        if p.days:
            rec["days"] = p.days
    anchor = p.dose or p.route or p.name
    s = anchor.sentence if anchor else None
    x.fact(rec, s, anchor.start if anchor else 0, anchor.end if anchor else 0, min(confs),
           "; ".join(notes) or None)
    if p.dose and s is not None and p.dose.sentence is not s:
        rec["evidence"] = x.quote(s)
    return rec


def _stat(x: _Extractor, st: Any, base: int, comparator: str | None) -> dict[str, Any]:
    rec: dict[str, Any] = {"kind": st.kind}
    if st.kind == "proportion":
        for k in ("numerator", "denominator"):
            if getattr(st, k) is not None:
                rec[k] = getattr(st, k)
        if st.percentage is not None:
            rec["percentage"] = _num(st.percentage)
    elif st.relation:
        rec["bound"] = {"relation": st.relation, "value": _num(st.value)}
    else:
        rec["value"] = _num(st.value)
    if st.unit:
        rec["unit"] = st.unit
    if st.ci:
        rec["ci"] = {"lower": _num(st.ci[0]), "upper": _num(st.ci[1]), "level": _num(st.ci[2])}
    if st.comparison == "comparator" and comparator:
        rec["comparison"], rec["comparator"] = "comparator", comparator
    elif st.comparison == "baseline":
        rec["comparison"] = "baseline"
    rec["reported_as"] = st.text
    rec["extraction"] = x.ext(base + st.start, base + st.end, 0.9)
    return rec


def _restated(stats: list[dict[str, Any]], before: list[dict[str, Any]]) -> bool:
    """Every statistic of `stats` is already among `before` (same kind and numbers, units aside)."""
    def core(s: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(s.get(k) for k in ("kind", "value", "numerator", "denominator", "percentage", "bound", "ci"))
    old = {repr(core(s)) for s in before}
    return bool(stats) and all(repr(core(s)) in old for s in stats if s["kind"] != "p-value") and \
        any(s["kind"] != "p-value" for s in stats)


_FIELDS = ("value", "numerator", "denominator", "percentage", "bound", "ci")


def _fuller(new: list[dict[str, Any]], old: list[dict[str, Any]]) -> bool:
    """`new` says all that `old` says (p-values aside) and more: "22 patients (73.3%)" in the abstract, then
    "22 (73.3)" under "AD-MSC sheet (n = 30)" in a table, which gives the total too."""
    more = False
    for s in (o for o in old if o["kind"] != "p-value"):
        t = next((t for t in new if t["kind"] == s["kind"] and all(
            s.get(f) is None or s.get(f) == t.get(f) for f in _FIELDS)), None)
        if t is None:
            return False
        more = more or any(s.get(f) is None and t.get(f) is not None for f in _FIELDS)
    return more and any(o["kind"] != "p-value" for o in old)


# measures whose values are percentages of a quantity, not shares of people
_IN_PERCENT = re.compile(r"(?i:\bHbA1c\b|\bglycated\s+ha?emoglobin\b|\bLVEF\b|\bejection\s+fraction\b|%\s*predicted\b|"
                         r"\bFEV1\s*%|\bDLCO\b|\bSpO2\b|\boxygen\s+saturation\b|\bhaematocrit\b|\bhematocrit\b)")
_PERCENT_INSTRUMENTS = {"hba1c", "lvef", "fev1-percent-predicted", "fvc-percent-predicted", "dlco"}


def _results(x: _Extractor, drafts: list[ResultDraft], data: dict[str, Any]) -> list[dict[str, Any]]:
    # beside an active comparator, a placebo is what "comparator" differences are against (as Context.comparator)
    comparator = next((a["id"] for a in data["arms"] if a["role"] == "placebo-comparator"), None) or \
        next((a["id"] for a in data["arms"] if a["role"] != "experimental"), None)
    out: list[dict[str, Any]] = []
    seen: dict[tuple[str, str, str], dict[str, Any]] = {}
    keys: dict[int, tuple[str, str, str]] = {}
    for r in drafts:
        stats = [_stat(x, st, r.sentence.start, comparator) for st in r.stats]
        if _IN_PERCENT.search(r.endpoint.label) or r.endpoint.instrument in _PERCENT_INSTRUMENTS:
            for rec in stats:  # "HbA1c at Month 12: 7.1% vs 7.6%": a level measured in percent, not a share of people
                if rec["kind"] == "proportion" and set(rec) & {"numerator", "denominator"} == set() and "percentage" in rec:
                    rec["kind"], rec["value"], rec["unit"] = "central-value", rec.pop("percentage"), "%"
        tp = r.timepoint.duration if r.timepoint else None
        key = (r.endpoint.id, r.population, str(approximate_days(tp)) if tp else "na")
        covered = [o for o in out if keys[id(o)] == key and "statistics" in o and _fuller(stats, o["statistics"])]
        if covered:  # the fuller statement stands where the first one was; the others go
            keep = covered[0]
            kinds = {t["kind"] for t in stats}
            keep["statistics"] = stats + [o for o in keep["statistics"] if o["kind"] not in kinds]
            if r.n is not None:
                keep["n"] = r.n
            for o in covered[1:]:
                out.remove(o)
            continue
        sig = sorted(repr({k: v for k, v in s.items() if k not in ("extraction", "reported_as")}) for s in stats)
        if key in seen and not stats:
            continue  # a finding adds nothing to a result already drafted for the same key
        if key in seen:
            prev = seen[key]
            if sorted(repr({k: v for k, v in s.items() if k not in ("extraction", "reported_as")})
                      for s in prev.get("statistics", [])) == sig or _restated(stats, prev.get("statistics", [])):
                for st in stats:  # a restated value with another p-value: kept for the curator, not dropped
                    same = [o for o in prev["statistics"] if o["kind"] == "p-value" and o.get("value") == st.get("value")]
                    if st["kind"] == "p-value" and not any(o["kind"] == "p-value" for o in prev["statistics"]):
                        prev["statistics"].append(st)  # the restatement adds the p-value the first one lacked
                    elif st["kind"] == "p-value" and st not in prev.get("statistics", []) and not same:
                        where = f"{st['extraction']['start']}-{st['extraction']['end']}"
                        x.review.append(f"{r.endpoint.id}/{r.population}: p-value {st['reported_as']!r} at {where} "
                                        "restates a result drafted above with another p-value; not added")
                if r.n is not None and "n" not in prev:
                    prev["n"] = r.n  # the table's column gives the n the text left out
                continue  # the same fact stated again (abstract and key message, text and table)
            if prev["evidence"] == x.quote(r.sentence) and "statistics" in prev and \
                    not {s["kind"] for s in prev["statistics"]} & {s["kind"] for s in stats}:
                prev["statistics"].extend(stats)  # one result told in two parts of a sentence
                prev["extraction"]["end"] = max(prev["extraction"]["end"], r.end)
                continue
        rec: dict[str, Any] = {}
        if key in seen:
            rec["id"] = _slug(f"{r.endpoint.id}-{r.population}-{tp or 'na'}-{sum(1 for k in seen if k == key) + len(out)}")
        rec.update({"endpoint": r.endpoint.id, "population": r.population})
        if tp:
            rec["timepoint"] = tp
            rec["timepoint_label"] = r.timepoint.label  # type: ignore[union-attr]
        if r.n is not None:
            rec["n"] = r.n
        if r.direction:
            rec["direction"] = r.direction
        if stats:
            rec["statistics"] = stats
        else:
            rec["finding"] = r.sentence.text
        x.fact(rec, r.sentence, r.start, r.end, r.confidence, "; ".join(r.reasons) or None)
        seen.setdefault(key, rec)
        keys[id(rec)] = key
        out.append(rec)
    for rec in out:  # "decreased by 4.8 points ... (LS mean [SE], -4.8 [1.3] ...)": the change is that mean, said twice
        means = {st["value"] for st in rec.get("statistics", []) if st["kind"] == "mean" and "value" in st}
        if means:
            rec["statistics"] = [st for st in rec["statistics"] if not (
                st["kind"] == "difference" and st.get("value") in means and "ci" not in st)]
    return out


def extract_file(path: str | Path) -> Draft:
    """Read a capture (UTF-8 text) and extract its draft study."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ExtractError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    try:
        source = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ExtractError(f"{path}: not UTF-8 text (byte {exc.start})") from exc
    if not source.strip():
        raise ExtractError(f"{path}: the file is empty")
    doc_id = _slug(path.stem)[:60].rstrip("-") or "document"
    return extract_text(source, doc_id, path.name, hashlib.sha256(raw).hexdigest())
