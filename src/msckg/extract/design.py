"""Study design from the words of the abstract: phase, allocation, masking, control, centres,
timing, follow-up and age limits (the number enrolled: `enrollment`).

Why sentence by sentence: a cue counts only where it describes this study. Sentences about
future or other work ("The randomized controlled study will further confirm ...", "Randomised
trials are warranted") and registration remarks ("Retrospectively registered") are skipped.
Each field keeps the sentence it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from msckg.ctgov.lexicon import NUMBER_WORDS_RE, number_word
from msckg.extract.sentences import Sentence

_FUTURE = re.compile(r"(?i:\b(?:will|would|should|warranted|needed|future|further (?:studies|trials|research)|"
                     r"must\s+be\s+(?:tested|confirmed|compared|studied)|"
                     r"supports? an?|justif(?:y|ies)\s+an?|needs? confirmation|under\s?way|(?:is|are) (?:being )?planned|"
                     r"previous|previously|prior|earlier|ha(?:ve|s) shown|ha(?:ve|s) been)\b)")
_REGISTERED = re.compile(r"(?i:\b(?:retrospectively|prospectively)\s+registered\b)")
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}
_PHASE = re.compile(r"(?i:\bphases?\s+(?P<p>(?:[1-4]|I{1,3}|IV)[abAB]?(?:\s*(?:/|-|and|to)\s*(?:[1-4]|I{1,3}|IV)[abAB]?)?)\b)")
_CUES: list[tuple[str, str, re.Pattern[str]]] = [
    ("allocation", "non-randomized", re.compile(r"(?i:\bnon-?\s?randomi[sz]ed\b)")),
    ("allocation", "randomized", re.compile(
        r"(?i:\b(?<!non-)(?<!non )randomi[sz]ed\b|\brandomly (?:assigned|allocated|divided)\b|\brandomi[sz]ation\b|"
        r"\brandom number table\b|\bdivided\s+(?:\w+\s+){0,3}?randomly\b)")),
    ("masking", "open-label", re.compile(r"(?i:\bopen[- ]label\b)")),
    ("masking", "triple-blind", re.compile(r"(?i:\btriple[- ]blind(?:ed)?\b)")),
    ("masking", "double-blind", re.compile(r"(?i:\bdouble[- ]blind(?:ed)?\b)")),
    ("masking", "single-blind", re.compile(r"(?i:\bsingle[- ]blind(?:ed)?\b)")),
    # "patients and assessors were blinded": two parties masked is a double-blind design
    ("masking", "double-blind", re.compile(
        r"(?i:\b(?:patients|participants|subjects|parents)\s+and\s+(?:[\w-]+\s+){0,2}?(?:assessors|investigators|"
        r"evaluators|physicians|clinicians|raters|examiners)\s+were\s+(?:both\s+)?(?:blinded|masked)\b|"
        r"\bdouble[- ]dummy\b)")),
    ("control", "placebo", re.compile(
        r"(?i:\bplacebo\b|\bsham[- ]controlled\b|\bsham\s+(?:procedure|injection|treatment|operation|surgery|infusion|group)s?\b)")),
    ("control", "active", re.compile(
        r"(?i:\b(?:standard|usual|conventional)\s+(?:medical\s+|of\s+)?(?:care|treatment|therapy)"
        r"(?:\s*\([A-Z]{2,6}\))?\s+alone\b|\b(?:or|versus|vs\.?)\s+[A-Z]{2,6}\s+alone\b"
        r"|\b(?:versus|vs\.?|or\s+to)\s+(?:standard|usual)\s+(?:of\s+)?care\b"
        r"|\bcontrol group (?:received|was given|was treated with)\b(?![^.]*\b(?:placebo|sham|saline)\b))")),
    ("control", "single-arm", re.compile(r"(?i:\bsingle[- ]arm\b|\bsingle[- ]group\b)")),
    ("centres", "multi", re.compile(r"(?i:\bmulti-?\s?cent(?:re|er)(?:d|s)?\b|\bmulticentric\b)")),
    ("centres", "single", re.compile(r"(?i:\bsingle[- ]cent(?:re|er)\b)")),
    ("timing", "retrospective", re.compile(r"(?i:\bretrospective(?:ly)?\b)")),
    ("timing", "prospective", re.compile(r"(?i:\bprospective(?:ly)?\b)")),
]
_FEATURES = [("longitudinal", re.compile(r"(?i:\blongitudinal\b)")), ("cohort", re.compile(r"(?i:\bcohort study\b|\bcohort\b(?=[^.]*\bstudy\b))")),
             ("pilot", re.compile(r"(?i:\bpilot\b)"))]
_PLACEBO_ARM = re.compile(r"(?i:(?:placebo|sham)[- ]controlled|placebo group|or placebo|or (?:a )?sham|versus placebo|"
                          r"vs\.? placebo|the placebo(?!\s+(?:response|effect))|receiving placebo)")
_N = rf"(?:\d+|{NUMBER_WORDS_RE})"
_SITES = re.compile(rf"(?i:\b(?:at|from|in|across)\s+(?P<n>{_N})\s+(?:[\w-]+\s+){{0,2}}?(?:centres|centers|sites|hospitals|institutions|clinics|care\s+units))")
_SITES_ADJ = re.compile(rf"(?i:\b(?P<n>{_N})-(?:centre|center|site)\b)")
_FOLLOW = re.compile(
    rf"(?i:\b(?P<n>{_N})-(?P<u>year|month|week|day)\s+follow[- ]?up\b"
    rf"|\bfollow(?:ed)?[- ]?(?:up\s+)?(?:[^.;]{{0,40}}?)\bfor\s+(?P<n2>{_N})\s+(?P<u2>year|month|week|day)s?\b"
    rf"|\bover\s+(?:a\s+period\s+of\s+)?(?P<n3>{_N})\s+(?P<u3>year|month|week|day)s?\b)")
_INTERVAL = re.compile(rf"(?i:\bat\s+(?P<n>{_N})[- ](?P<u>year|month|week|day)s?\s+intervals?\b)")
_PERIOD = re.compile(r"(?i:\bfrom\s+(?P<a>(?:19|20)\d{2})\s+(?:to|until|through)\s+(?P<b>(?:19|20)\d{2})\b|\bbetween\s+(?P<c>(?:19|20)\d{2})\s+and\s+(?P<d>(?:19|20)\d{2})\b)")
_AGE = re.compile(r"(?i:\baged\s+(?:(?:from\s+|between\s+)?(?P<lo>\d+)\s*(?:-|–|to|and)\s*(?P<hi>\d+)|(?P<rel>≥|>=|>|over|at least)\s*(?P<min>\d+))\s*years)")
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}


@dataclass
class Cue:
    value: object
    sentence: Sentence
    start: int
    end: int
    confidence: float = 0.9


def usable(s: Sentence) -> bool:
    """Does the sentence describe this study (not future work, not a registration remark)?"""
    return not _FUTURE.search(s.text)


def _phases(text: str) -> tuple[list[str], str] | None:
    m = _PHASE.search(text)
    if not m:
        return None
    raw = m["p"]
    parts = re.split(r"\s*(?:/|-|and|to)\s*", raw)
    out = []
    for part in parts:
        num = part.rstrip("abAB")
        suffix = part[len(num):].lower()
        digit = _ROMAN.get(num.lower(), num)
        out.append(f"phase-{digit}a" if suffix == "a" and digit == "2" else f"phase-{digit}")
    return out, raw


def word_number(text: str) -> int | None:
    """'41', 'Forty-one', 'fifteen' as an integer, or None."""
    t = text.lower().replace(",", "") if re.fullmatch(r"\d{1,3}(?:,\d{3})+", text) else text.lower()
    if t.isdigit():
        return int(t)
    if "-" in t:
        tens, _, unit = t.partition("-")
        if tens in _TENS:
            try:
                return _TENS[tens] + number_word(unit)
            except KeyError:
                return None
    if t in _TENS:
        return _TENS[t]
    try:
        return number_word(t)
    except KeyError:
        return None


def design_cues(sentences: list[Sentence]) -> dict[str, Cue]:
    """The first usable statement of each design field."""
    found: dict[str, Cue] = {}
    features: list[str] = []
    for s in sentences:
        if not usable(s):
            continue
        text = _REGISTERED.sub(lambda m: "#" * len(m.group()), s.text)
        if "phases" not in found and (ph := _phases(text)):
            m = _PHASE.search(text)
            assert m
            found["phases"] = Cue(ph, s, m.start(), m.end())
        for field, value, pattern in _CUES:
            if field in found:
                continue
            if m := pattern.search(text):
                if field == "control" and value == "placebo" and _PLACEBO_ARM.search(text) is None:
                    continue
                found[field] = Cue(value, s, m.start(), m.end())
        if "site_count" not in found and (m := _SITES.search(text) or _SITES_ADJ.search(text)):
            n = word_number(m["n"])
            # "injected transurethrally into the rhabdosphincter at 4 sites": the injection's sites, not the study's
            if n and not re.search(r"(?i:\b(?:inject|infus|implant|deliver|administer)\w*\b[^.;]{0,80}$)", text[:m.start()]):
                found["site_count"] = Cue(n, s, m.start(), m.end())
        for name, pattern in _FEATURES:
            if name not in features and pattern.search(text):
                features.append(name)
                found.setdefault(f"feature:{name}", Cue(name, s, 0, len(s.text)))
        if "period" not in found and (m := _PERIOD.search(text)):
            found["period"] = Cue((m["a"] or m["c"], m["b"] or m["d"]), s, m.start(), m.end(), 0.8)
        if "assessment_interval" not in found and re.search(r"(?i:follow)", text) and (m := _INTERVAL.search(text)):
            found["assessment_interval"] = Cue(f"P{word_number(m['n'])}{m['u'][0].upper()}", s, m.start(), m.end())
    follow: list[tuple[int, str, Cue]] = []
    for s in sentences:
        if not usable(s):
            continue
        for m in _FOLLOW.finditer(s.text):
            n, u = (m["n"], m["u"]) if m["n"] else (m["n2"], m["u2"]) if m["n2"] else (m["n3"], m["u3"])
            k = word_number(n)
            if k:
                days = k * {"y": 365, "m": 30, "w": 7, "d": 1}[u[0].lower()]
                follow.append((days, f"P{k}{u[0].upper()}", Cue(f"P{k}{u[0].upper()}", s, m.start(), m.end(), 0.8)))
    if follow:
        found["follow_up"] = max(follow, key=lambda t: t[0])[2]
    # "at two centers" in the methods over "single-center" in a cited title: the count the study gives of itself
    if "site_count" in found and (found.get("centres") is None or found["centres"].value == "single") and \
            isinstance(found["site_count"].value, int) and found["site_count"].value > 1:
        c = found["site_count"]
        found["centres"] = Cue("multi", c.sentence, c.start, c.end, 0.8)
    return found


def ages(sentences: list[Sentence]) -> Cue | None:
    for s in sentences:
        if m := _AGE.search(s.text):
            lo = int(m["lo"]) if m["lo"] else int(m["min"])
            hi = int(m["hi"]) if m["hi"] else None
            if m["rel"] and m["rel"] in (">", "over"):
                lo += 1
            return Cue((lo, hi, m.group()), s, m.start(), m.end())
    return None
