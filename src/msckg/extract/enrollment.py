"""How many people the study enrolled.

Why a reader of its own: reports state it in many ways, and the first number next to "patients"
is often the wrong one ("112 patients were screened and 96 were randomly assigned", "34 patients
per group gave 80% power", "through Week 52 in all randomized participants"). A curator records
the people randomised (or, without randomisation, included or treated), so the number must sit
on the verb that says so. Statements are tried strongest first over the whole document (a
registry's "Enrollment (Actual): 76", then a count bound to an enrolment verb, then the looser
"N patients ... received"), each in reading order, skipping background, discussion and
conclusion sentences and sentences about other work.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from msckg.extract.design import Cue, word_number
from msckg.extract.sentences import Sentence

_PEOPLE = (r"(?:patients|participants|subjects|adults|children|infants|neonates|newborns|boys|girls|individuals|"
           r"volunteers|cases|men|women|athletes|recipients|veterans|people|persons|eyes)")
_N = r"(?P<n>\d{1,3}(?:,\d{3})+|\d+|[A-Za-z]+(?:-[a-z]+)?)"
# words between the count and the people: "eligible adult", "consecutive female", "LDLT"
_BEFORE_NOUN = r"(?:[\w'-]+\s+){0,3}?"
_ASIDE = r"(?:\s*[(\[][^()\[\]]*[)\]])?"  # "(16 women; median age 31 years)"
_RANDOMISED = r"(?:randomi[sz]ed|randomly\s+(?:assigned|allocated|divided)|enrol(?:l)?ed|included|recruited)"
_TREATED = r"(?:treated|(?:randomly\s+)?allocated|assigned|analy[sz]ed\s+retrospectively)"
_NOT_TOTAL = re.compile(r"(?i:^\s*(?:per|in\s+each|each|for\s+each|in\s+the\s+\w+\s+(?:group|arm)|%)\b|^\s*%)")
_TIME_BEFORE = re.compile(r"(?i:\b(?:weeks?|days?|months?|years?|phase|grade|stage|type|cohort|visit|day)\s*$)")
_SCREENED_AFTER = re.compile(r"(?i:^\W*(?:were\s+|was\s+)?(?:screened|assessed|evaluated\s+for\s+eligibility|excluded|"
                             r"declined|ineligible|withdrew|died|lost|discontinued)\b)")

_REGISTRY = re.compile(r"(?i:\benrol(?:l)?ment\s*(?:\((?:actual|anticipated|estimated)\))?\s*:?\s*(?P<n>\d+)\b)")
_REGISTRY_LABEL = re.compile(r"(?i:^\s*enrol(?:l)?ment\s*(?:\((?:actual|anticipated|estimated)\))?\s*:?\s*$)")
# the EU register: "Worldwide total number of subjects  64"
_REGISTER_TOTAL = re.compile(r"(?i:^\s*worldwide\s+total\s+number\s+of\s+subjects\s+(?P<n>\d+)\s*$)")
_BASELINE_ROW = re.compile(r"(?i:^\s*overall\s+number\s+of\s+baseline\s+participants\b(?:\s+\d+)*\s+(?P<n>\d+)\s*$)")

# strong statements: the count is bound to a verb or phrase of enrolment
_STRONG = [re.compile(p) for p in (
    # "Eighteen patients (16 women; ...) were randomly assigned", "48 adults with keloids ... were randomized"
    rf"(?i:(?<![\w.,/-]){_N}\s+{_BEFORE_NOUN}{_PEOPLE}\b{_ASIDE}(?:[^.;()]{{0,160}}?)(?<!\bwho)(?<!\bthat)(?<!\bwhich)\s+(?:were|was)\s+"
    rf"(?:(?:all|then|subsequently|finally|eventually)\s+)?(?:{_RANDOMISED}|{_TREATED})\b)",
    # "96 were randomly assigned", "of whom 76 were randomly assigned", "60 were randomized 1:1"
    rf"(?i:(?<![\w.,/-]){_N}\s+(?:were|was)\s+{_RANDOMISED}\b)",
    # "Of 156 randomized patients", "Among 196 randomized patients", "Of 36 patients randomized"
    rf"(?i:\b(?:of|among|in)\s+(?:the\s+|all\s+|these\s+)?{_N}\s+(?:{_RANDOMISED}\s+{_BEFORE_NOUN}{_PEOPLE}\b|"
    rf"{_BEFORE_NOUN}{_PEOPLE}\s+{_RANDOMISED}\b))",
    # "A total of 159 patients underwent randomization", "a total of 61 patients with ... were treated"
    rf"(?i:\ba\s+total\s+of\s+{_N}\s+{_BEFORE_NOUN}{_PEOPLE}\b(?=[^.;]*\b(?:{_RANDOMISED}|{_TREATED}|underwent|received|"
    rf"randomi[sz]ation|participated|took\s+part)\b))",
    # "48 infants underwent randomization"
    rf"(?i:(?<![\w.,/-]){_N}\s+{_BEFORE_NOUN}{_PEOPLE}\b{_ASIDE}\s+(?:\w+\s+){{0,6}}?underwent\s+randomi[sz]ation\b)",
    # "enrolled 212 adults", "Were enrolled 36 athletes", "we included 40 consecutive patients"
    rf"(?i:\b{_RANDOMISED}\s+{_N}\s+{_BEFORE_NOUN}{_PEOPLE}\b)",
    # "In this randomized clinical trial of 196 adults", "a retrospective study of 22 patients", "the records of 86 patients"
    rf"(?i:\b(?:trial|study|analysis|series|cohort|records|charts|clinical\s+data|data)\s+(?:of|in|including|involving)\s+"
    rf"{_N}\s+{_BEFORE_NOUN}{_PEOPLE}\b)",
)]
# weaker: "Fifteen men were treated" is above; "Twelve participants (...) received all 36 planned infusions",
# "All 52 patients completed 12-month follow-up"
_WEAK = [re.compile(p) for p in (
    rf"(?i:(?<![\w.,/-]){_N}\s+{_BEFORE_NOUN}{_PEOPLE}\b{_ASIDE}\s+(?:had\s+)?received\s+(?:all|the|a|an|one|two|three|four|"
    rf"\d+|intravenous|intrathecal|intra-articular|single|repeated)\b)",
    rf"(?i:\ball\s+{_N}\s+{_BEFORE_NOUN}{_PEOPLE}\b{_ASIDE}\s+(?:completed|received)\b)",
)]
_ANY_VERB = re.compile(rf"(?i:\b(?:{_RANDOMISED}|{_TREATED}|underwent|received)\b)")
_OTHER_WORK = re.compile(r"(?i:\b(?:will|would|should|warranted|future|further (?:studies|trials|research)|"
                         r"(?:is|are) planned|previous(?:ly)?\s+(?:reported|published|trials?|studies|study)|"
                         r"prior\s+(?:trials?|studies|study)|ha(?:ve|s) shown|sample\s+size|power)\b)")
_SKIP_SECTIONS = ("background", "conclusion", "discussion", "key-points")


def enrollment(sentences: list[Sentence]) -> Cue | None:
    """The number of people enrolled, with the sentence and span it came from."""
    usable = [s for s in sentences if s.section not in _SKIP_SECTIONS and not _OTHER_WORK.search(s.text)]
    for i, s in enumerate(sentences):  # a registry record: "Enrollment (Actual): 76", "Enrollment: 10 (Actual)"
        if m := _REGISTRY.search(s.text):
            return Cue(int(m["n"]), s, m.start("n"), m.end("n"))
        if _REGISTRY_LABEL.match(s.text) and i + 1 < len(sentences) and sentences[i + 1].text.strip().isdigit():
            nxt = sentences[i + 1]
            start = len(nxt.text) - len(nxt.text.lstrip())
            return Cue(int(nxt.text.strip()), nxt, start, start + len(nxt.text.strip()), 0.9)
    for s in sentences:  # a registry results page: the total column of the baseline table
        if m := _BASELINE_ROW.match(s.text) or _REGISTER_TOTAL.match(s.text):
            return Cue(int(m["n"]), s, m.start("n"), m.end("n"), 0.9)
    if found := _first(usable, _STRONG, 0.85):
        return found
    if found := _loose(s for s in usable if s.section != "results"):
        return found
    return _first(usable, _WEAK, 0.7)


def _first(sentences: Iterable[Sentence], patterns: list[re.Pattern[str]], confidence: float) -> Cue | None:
    for s in sentences:
        best: tuple[int, Cue] | None = None
        for p in patterns:
            for m in p.finditer(s.text):
                n = _count(s.text, m)
                if n is not None and (best is None or m.start("n") < best[0]):
                    best = (m.start("n"), Cue(n, s, m.start("n"), m.end(), confidence))
        if best:
            return best[1]
    return None


def _loose(sentences: Iterable[Sentence]) -> Cue | None:
    """Outside the results, a sentence with a verb of enrolment and a count of people in it."""
    for s in sentences:
        if not _ANY_VERB.search(s.text):
            continue
        for m in re.finditer(rf"(?<![\w.,/-]){_N}(?=\s+{_BEFORE_NOUN}{_PEOPLE}\b)", s.text):
            if re.search(r"(?i:(?<!total )\bof\s*$)", s.text[:m.start()]):
                continue  # "7 of 12 patients"
            if (n := _count(s.text, m)) is not None:
                return Cue(n, s, m.start("n"), m.end(), 0.7)
    return None


def _count(text: str, m: re.Match[str]) -> int | None:
    """The match's number, unless it is a time, a per-group size or a screened count."""
    n = word_number(m["n"])
    if n is None or n < 2:
        return None
    after = text[m.end("n"):]
    noun = re.match(rf"\s+{_BEFORE_NOUN}{_PEOPLE}\b", after)
    rest = after[noun.end():] if noun else after
    if _NOT_TOTAL.match(rest) or _TIME_BEFORE.search(text[:m.start("n")]) or _SCREENED_AFTER.match(rest):
        return None
    if re.match(r"\s*(?:to|in)\s+each\b|\s*per\s+(?:group|arm)\b", text[m.end():]):
        return None
    if re.match(r"\s*%", after) or re.search(r"(?:[/:≥>≤<]|\bleast|\bthan|\bscore)\s*$", text[:m.start("n")]):
        return None
    return n

