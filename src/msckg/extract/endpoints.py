"""Endpoints: what was measured, from the sentences that list them and from the results.

Names are matched to the instruments the ontology lists (ontology/instruments.ttl labels and
abbreviations, plus data/measure_synonyms.tsv) by lexical key, longest match first; a measure
not in the list gets the placeholder instrument `unmapped-measure` and is marked for review,
with its own words as the label. Each endpoint keeps the surface forms it is written with in
this document ("modified Rodnan Skin Score", "mRSS"), which is how result sentences find it.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cache

from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS

from msckg.extract.sentences import Sentence
from msckg.extract.timepoints import find_timepoints
from msckg.linking.index import lexical_key
from msckg.namespaces import INST, MSCKG
from msckg.resources import measure_synonyms_file, ontology_files

UNMAPPED = "unmapped-measure"
_TOKEN = re.compile(r"[A-Za-z0-9α-ωΑ-Ω][A-Za-z0-9α-ωΑ-Ω'’/-]*")
_ROLE_CUE = re.compile(
    r"(?i:\b(?P<role>primary|secondary|main|safety|co-primary|exploratory|efficacy)\s+(?:efficacy\s+|safety\s+|clinical\s+)?"
    r"(?:end[- ]?points?|outcomes?(?:\s+measures?)?)(?:\s+of\s+the\s+(?:study|trial))?\s+"
    r"(?:was|were|included|includes|comprised|is|are|:)\s+(?P<list>.+)$)")
_ROLE_AFTER = re.compile(
    r"(?i:^(?P<list>.+?)\s+(?:was|were)\s+(?:the\s+)?(?:(?P<role>primary|secondary|safety|exploratory)\s+)"
    r"(?:end[- ]?points?|outcomes?)\b)")
_VERB_AFTER = re.compile(
    # not "we compared": "We compared a repeated-dose regimen of UC-MSCs with triamcinolone" compares treatments
    r"(?i:\b(?:we\s+(?:also\s+)?(?:evaluated|assessed|measured|examined|recorded|analy[sz]ed)|"
    r"(?:efficacy|safety)\s+was\s+(?:examined|assessed|evaluated|measured)\s+(?:using|by|with)|"
    r"(?:assessments?|evaluations?)\s+included)\s+(?P<list>.+)$)")
# "Endpoints at 12 months were the change in LVEF, 6MWD, ...": no role word, so only at the clause's start
_PLAIN_CUE = re.compile(
    r"(?i:^\s*(?:the\s+)?(?:study\s+|trial\s+)?(?:end[- ]?points?|outcomes?(?:\s+measures?)?)"
    r"(?:\s+(?:at|after|over)\s+[^,;:]{1,30}?)?\s+(?:were|included|comprised|:)\s+(?P<list>.+)$)")
# "Outcomes were assessed at 6, 12, and 52 weeks: visual analog scale (VAS) for pain, the MEPS, ...": the list after the colon
_ASSESSED_AT = re.compile(
    r"(?i:^\s*(?:the\s+)?(?:end[- ]?points?|outcomes?(?:\s+measures?)?)\s+(?:were|was)\s+(?:assessed|measured|evaluated|"
    r"recorded)\s+(?:at|after|over)\s+[^:;]{1,40}:\s+(?P<list>.+)$)")
# "Treatment success was defined as a reduction of at least 50% in VAS pain at 52 weeks": a named outcome, at the
# definition's one time
_DEFINED_AS = re.compile(
    r"(?i:^\s*(?P<list>(?:the\s+)?[A-Za-z][\w'’ -]{2,50}?)\s+(?:was|were)\s+defined\s+as\s+(?P<def>.+)$)")
_MEASURED_WITH = re.compile(
    r"(?i:\b(?:was|were)\s+(?:measured|assessed|evaluated|scored|graded|quantified)\s+(?:with|using|by)\s+(?:the\s+)?(?P<list>.+)$)")
_VERB_BEFORE = re.compile(
    r"(?i:^(?P<list>.+?)\s+(?:was|were)\s+(?:also\s+)?(?:recorded|assessed|evaluated|measured|monitored|analy[sz]ed|examined|"
    r"compared(?=\s+between\b))\b)")  # "The endometrial thickness, ... and adverse reactions were compared between the two groups"
_DROP_LEAD = re.compile(
    r"(?i:^(?:(?:the|an?|both|other|all|changes?|improvements?|altered|alteration|improvement|"
    r"measures|levels|severity)\s+(?:(?:in|of|on)\s+)?(?:the\s+)?)+)")
_DROP_TAIL = re.compile(
    r"(?i:\s*(?:,|\b(?:at(?!\s+(?:least|most))|during|after|before|pre-|over|from|within|through|until|up\s+to|measured|using|by|on)\b).*$)")
_CUT = re.compile(r"(?i:,?\s+(?:defined\s+(?:as|by)|i\.e\.|which|that|whose|as\s+measured|compared)\b.*$|\s*\(defined\b.*$)")
_SKIP_LIST = re.compile(r"(?i:^(?:whether|if|how|why|no|none|met|reached|achieved|attained|not|significantly|"
                        r"analy[sz]ed|compared|tested|modell?ed|estimated|calculated|powered|"
                        r"the\s+(?:long-term\s+)?(?:safety|efficacy|feasibility)|"
                        # "scored by 2 musculoskeletal radiologists blinded to ...": who measured, not what
                        r"(?:\d+|two|three|four|independent|blinded)\s+(?:[\w-]+\s+){0,2}(?:radiologists|assessors|investigators|"
                        r"observers|raters|readers|pathologists|physicians|surgeons|clinicians|evaluators))\b)")
_FILLER = re.compile(r"(?i:^(?:safety|efficacy|tolerability|feasibility|outcomes?|data|patients|participants|results|imaging outcomes?|other .*outcomes?|(?:pre|post)-\S*|"
                     r"the clinical and laboratory manifestations.*|clinical and laboratory .*|the study|and|or|"
                     r"(?:in|among|for)\s+(?:an?|the|all)\s+(?:\w+\s+)?(?:subset|subgroup|sample|cohort|patients|participants))$)")
_GROUP_TAIL = re.compile(r"(?i:\s+(?:of|in|for|among)\s+(?:the\s+)?[\w-]+\s+(?:group|arm)s?$)")
LABEL_LEAD = re.compile(r"(?i:^\s*(?:(?:baseline|mean|median|average|the|an?)\s+|\((?:±\s*)?(?:SD|SE|SEM|IQR|range|Q1\s*,\s*Q3)\)\s*"
                         r"|(?:by|at|after|in|on)\s+(?:(?:week|month|day|year)\s+\d+|\d+\s+(?:weeks?|months?|days?|years?))"
                         r"\s*,?\s*|(?:in|for)\s+(?:the\s+)?(?:cohort|group|arm)\s+[A-Z0-9]\b\s*,?\s*"
                         r"|(?:in|for)\s+(?:the\s+)?[\w-]+\s+(?:cohort|group|arm)\s*,?\s*"
                         r"|(?:during|over|within|throughout)\s+(?:the\s+)?(?:\d+|[a-z]+)\s+\w+\s+(?:of\s+follow-?up\s*)?,?\s*"
                         r"|among\s+(?:patients|those|participants)\s+(?:with|who)\s+[^,]+,\s*"
                         # the translated "Compared with before treatment, the serum FSH was decreased"
                         r"|compared\s+(?:with|to)\s+(?:before|pre-?)\s*(?:the\s+)?(?:treatment|therapy|transplantation|"
                         r"injection|infusion|surgery|operation|baseline)\s*,\s*)+)")
_LABEL_TAIL = re.compile(r"(?i:\s+(?:at|after|by|on)\s+(?:(?:week|month|day|year)\s+\d+|\d+\s+(?:weeks?|months?|days?|years?))$)")
_LOOSE_STOP = {"the", "a", "an", "of", "in", "on", "at", "for", "and", "or", "mean", "median", "average", "total", "change",
               "changes", "from", "baseline", "to", "with", "by", "overall", "increase", "decrease", "reduction", "gain",
               "improvement", "rise", "fall", "decline"}
# head words that name no measure on their own ("the score", "the rate")
GENERIC_HEADS = {"score", "level", "rate", "count", "index", "scale", "value", "ratio", "time", "volume", "size", "test"}
_STEM = re.compile(r"(?<=[a-z]{3})s$")


_SCALE = re.compile(r"\s*\((?:range\s*|scored?\s*)?[-−–]?\d+(?:\.\d+)?\s*(?:[-–—]|to)\s*\d+(?:\.\d+)?[^()]*\)")


def _without_scale(label: str) -> str:
    """The name without its scale in parentheses: "ASIA motor score (0–100)" -> "ASIA motor score"."""
    return _SCALE.sub("", label).strip() or label


def key_tokens(text: str) -> tuple[str, ...]:
    """Lexical key as tokens, with the plural s of plain words dropped: 'lesion volumes' ==
    'lesion volume', but 'mRS' stays apart from 'mRSS' (abbreviations keep their letters)."""
    out: list[str] = []
    for word in re.findall(r"[^\s]+", text.replace("α", "alpha")):
        plain = word.lower() == word or (word[:1].isupper() and word[1:].lower() == word[1:])
        for t in lexical_key(word).split():
            out.append(_STEM.sub("", t) if plain and len(t) > 4 else t)
    return tuple(out)


@cache
def instrument_lexicon() -> dict[tuple[str, ...], tuple[str, ...]]:
    """key tokens -> instrument slugs, from the ontology's labels and abbreviations and the TSV."""
    g = Graph()
    for res in ontology_files():
        g.parse(data=res.read_text(encoding="utf-8"), format="turtle")
    table: dict[tuple[str, ...], list[str]] = {}
    for s in g.subjects(predicate=RDF.type, object=MSCKG.Instrument):  # not the properties whose range it is
        if not str(s).startswith(str(INST)):
            continue
        slug = str(s).removeprefix(str(INST))
        if slug == UNMAPPED:
            continue
        for p in (RDFS.label, MSCKG.abbreviation):
            for o in g.objects(s, p):
                if isinstance(o, Literal):
                    table.setdefault(key_tokens(str(o)), []).append(slug)
    rows = csv.DictReader((line for line in measure_synonyms_file().read_text(encoding="utf-8").splitlines()
                           if line and not line.startswith("#")), delimiter="\t")
    for row in rows:
        table.setdefault(key_tokens(row["text"]), []).append(row["instrument"])
    return {k: tuple(dict.fromkeys(v)) for k, v in table.items() if k}


_THRESHOLD_AFTER = re.compile(r"\s*-?\s*(?:50|75|90|100)\b(?!\s*%|\.\d|\s*[-–]?\s*(?:days?|weeks?|months?|years?|mg|mL|m|cells)\b)")


def find_instruments(text: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """Instrument names in `text`: (start, end, slugs), longest first, not overlapping."""
    lex = instrument_lexicon()
    tokens = list(_TOKEN.finditer(text))
    keys = [key_tokens(t.group()) for t in tokens]
    out = []
    i = 0
    while i < len(tokens):
        for n in range(min(8, len(tokens) - i), 0, -1):
            k = tuple(x for ks in keys[i:i + n] for x in ks)
            if k in lex and not ("overall-survival" in lex[k] and re.search(r"(?i:[\w-]+-free\s+$)", text[:tokens[i].start()])) \
                    and not _THRESHOLD_AFTER.match(text, tokens[i + n - 1].end()):
                # "transplant-free survival", "event-free survival": not overall survival; "PASI 75": a response, not the score
                # "transplant-free survival", "event-free survival": not overall survival
                out.append((tokens[i].start(), tokens[i + n - 1].end(), lex[k]))
                i += n
                break
        else:
            i += 1
    return out


@dataclass
class EndpointDraft:
    id: str
    label: str
    instrument: str
    role: str
    sentence: Sentence
    start: int  # offsets of the label's words in the source
    end: int
    forms: set[tuple[str, ...]] = field(default_factory=set)
    timepoints: list[str] = field(default_factory=list)
    confidence: float = 0.85

    @property
    def head(self) -> tuple[str, ...]:
        toks = key_tokens(self.label)
        return toks[-1:] if toks else ()


def _slug(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", lexical_key(text)).strip("-")
    return (s[:40].rstrip("-") or "endpoint") if s and s[0].isalnum() else f"e-{s}"[:40]


class Registry:
    """The endpoints of one document, in the order they were found."""

    def __init__(self, abbreviations: dict[str, str] | None = None) -> None:
        self.items: list[EndpointDraft] = []
        self.abbreviations = abbreviations or {}  # "NSAA" -> "North Star Ambulatory Assessment", from the text

    def by_instrument(self, slug: str) -> EndpointDraft | None:
        return next((e for e in self.items if e.instrument == slug and slug != UNMAPPED), None)

    def by_form(self, toks: tuple[str, ...]) -> EndpointDraft | None:
        return next((e for e in self.items if toks in e.forms), None)

    def containing(self, label: str) -> EndpointDraft | None:
        """The one endpoint whose names hold every distinctive word of `label` ("pain score" in "the change in
        average daily pain score"), if exactly one does."""
        words = {t for t in key_tokens(label) if t not in _LOOSE_STOP}
        if not words or not words - GENERIC_HEADS:
            return None
        def names(e: EndpointDraft) -> set[str]:  # its name, not a definition in parentheses, and abbreviations
            bare = re.sub(r"\s*\((?![A-Za-z0-9-]{1,12}\))[^()]*\)", "", e.label)
            return set(key_tokens(bare))

        found = [e for e in self.items if words <= names(e)]
        return found[0] if len(found) == 1 else None

    def add(self, label: str, instrument: str, role: str, s: Sentence, start: int, end: int,
            abbreviation: str | None = None, confidence: float = 0.85, loose: bool = False,
            fresh: bool = False) -> EndpointDraft:
        """The endpoint named `label`, made if no listed one has that name (or, with `loose`, holds its words);
        with `fresh`, always a new one (each outcome of a registry results view is a measure of its own)."""
        if instrument == "adverse-events" and role == "other":
            role = "safety"
        # "Baseline eGFR", "(SD) change from baseline in DAS28-CRP at week 12", "HbA1c at 12 months": the measure
        tidy = _LABEL_TAIL.sub("", LABEL_LEAD.sub("", label)).strip(" ,")
        if tidy and re.search(r"[A-Za-z]{2}", tidy):
            start += label.find(tidy) if tidy in label else 0
            label, end = tidy, start + len(tidy)
        bare = _GROUP_TAIL.sub("", label)  # "MELD score of the treatment group" names the measure, not the group
        if bare and bare != label and label.startswith(bare):
            label, end = bare, start + len(bare)
        # adverse events of different kinds (serious, infusion-related, deaths) are endpoints of their own
        existing = None if fresh else self.by_instrument(instrument) if instrument not in (UNMAPPED, "adverse-events") \
            else self.by_form(key_tokens(label))
        if existing is None and instrument == UNMAPPED and not fresh:
            # "NSAA total score" -> "North Star Ambulatory Assessment (NSAA) total score": the name the text defined
            outside = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group()), label)  # not inside a definition
            for ab, full in self.abbreviations.items():
                if re.search(rf"(?<![\w-]){re.escape(ab)}(?![\w-])", outside) and full.lower() not in label.lower():
                    label = re.sub(rf"(?<![\w-]){re.escape(ab)}(?![\w-])", f"{full} ({ab})", label, count=1)
                    existing = self.by_form(key_tokens(label)) or self.by_form(key_tokens(ab))
                    if existing is None and (hits := find_instruments(full)) and hits[0][1] - hits[0][0] >= len(full) - 2:
                        instrument = hits[0][2][0]  # "GGT" is "γ-glutamyl transferase", a listed measure
                        existing = self.by_instrument(instrument)
                    break
        if existing is None and instrument == UNMAPPED and not fresh:
            # "ASIA motor score" and "ASIA motor score (0–100)": one measure, its scale said once
            key = key_tokens(_without_scale(label))
            existing = next((e for e in self.items if e.instrument == UNMAPPED and key_tokens(_without_scale(e.label)) == key),
                            None)
        if existing is None and loose and instrument == UNMAPPED:
            existing = self.containing(label)
        if existing is not None:
            existing.forms.add(key_tokens(label))
            if abbreviation:
                existing.forms.add(key_tokens(abbreviation))
            if role in ("primary", "secondary", "safety") and existing.role == "other":
                existing.role = role
            return existing
        ab = re.search(r"\(([A-Za-z][\w-]{1,12})\)", label)
        ident = _slug(instrument if instrument != UNMAPPED else (abbreviation or (ab.group(1) if ab else label)))
        ids = {e.id for e in self.items}
        base, k = ident, 2
        while ident in ids:
            ident, k = f"{base}-{k}", k + 1
        ep = EndpointDraft(ident, label, instrument, role, s, start, end, confidence=confidence)
        ep.forms.add(key_tokens(label))
        bare = re.sub(r"\s*\([^()]*\)", "", label).strip()
        if bare and bare != label:
            ep.forms.add(key_tokens(bare))  # "overall response (complete or partial)" is "overall response"
        for inner in re.finditer(r"\(([A-Za-z][\w/-]{1,12})(?:\)|;)", label):  # "(HHS; range, 0-100, ...)"
            if any(c.isupper() for c in inner.group(1)):  # "... Index (WOMAC) total score": WOMAC, WOMAC total score
                ep.forms.add(key_tokens(inner.group(1)))
                ep.forms.add(key_tokens(inner.group(1) + " " + label[inner.end():]))
        for inner in re.finditer(r"\(([A-Za-z][^();,]{2,40}?\b(?:score|scale|index|questionnaire|test|grade))\)", label, re.I):
            ep.forms.add(key_tokens(inner.group(1)))  # "continence (Wexner score)": the row "Wexner score" is it
        how = re.search(r"\s+(?:in|on|during|by|using|with)\s+(?:a|an|the)\s+[^()]+$", bare or label)
        if how and not re.search(r"(?i:\b(?:arm|group|cohort)s?\b)", how.group()) and \
                len(head := key_tokens((bare or label)[:how.start()])) >= 3 and not self.by_form(head):
            ep.forms.add(head)  # "90 min stimulated C-peptide in a mixed-meal tolerance test": the measure before how
        lead = re.match(r"([A-Z][A-Z-]{2,9})\s+(?:[\w-]+\s+){1,3}(score|scale|index|questionnaire)$", label)
        if lead:  # "AOFAS ankle-hindfoot score" is "the AOFAS score"
            ep.forms.add(key_tokens(f"{lead.group(1)} {lead.group(2)}"))
        if abbreviation:
            ep.forms.add(key_tokens(abbreviation))
        own = key_tokens(label)
        for ab, full in self.abbreviations.items():  # "GEL = gadolinium-enhancing lesion": "41 GEL" names it
            words = key_tokens(full)
            if len(words) >= 2 and any(own[i:i + len(words)] == words for i in range(len(own) - len(words) + 1)) \
                    and not self.by_form(key_tokens(ab)):
                ep.forms.add(key_tokens(ab))
        if instrument not in (UNMAPPED, "adverse-events"):  # each kind of adverse event keeps its own words
            ep.forms |= {k for k, v in instrument_lexicon().items() if instrument in v and len(v) == 1}
        self.items.append(ep)
        return ep


_DEFINED = re.compile(r"(?P<full>[A-Za-z][\w'’-]*(?:\s+[\w'’-]+){0,7}?)\s*[(\[](?P<ab>[A-Z0-9][A-Za-z0-9-]{1,9})[)\]]")


_GREEK = {"α": "A", "β": "B", "γ": "G", "δ": "D", "κ": "K", "λ": "L", "μ": "M", "τ": "T"}


def abbreviations(text: str) -> dict[str, str]:
    """Abbreviations the text defines ("North Star Ambulatory Assessment (NSAA)"): the full name is the
    shortest run of words before the parenthesis whose initials spell the abbreviation's capitals."""
    out: dict[str, str] = {}
    for m in _DEFINED.finditer(text):
        ab = m["ab"]
        caps = [c for c in ab if c.isupper() or c.isdigit()]
        words = m["full"].split()
        for k in range(1, len(words) + 1):
            cand = words[-k:]
            parts = [w for w in re.split(r"[\s-]+", " ".join(cand)) if w and w[0].isalnum()]
            # "γ-glutamyl transferase (GGT)": a Greek letter's initial is its name's
            initials = [_GREEK.get(w[0], w[0].upper()) for w in parts]
            # "urine albumin-to-creatinine ratio (UACR)": the little words may have no letter of their own
            content = [_GREEK.get(w[0], w[0].upper()) for w in parts if w.lower() not in ("to", "of", "and", "the", "in", "for", "on")]
            if initials == caps or content == caps and len(caps) >= 3:
                out.setdefault(ab, " ".join(cand))
                break
    # a page's list: "Abbreviations: EDSS = Expanded Disability Status Scale; GEL = gadolinium-enhancing lesion"
    for line in re.finditer(r"(?i:\babbreviations\s*:\s*(?P<list>[^.\n]+))", text):
        for m in re.finditer(r"(?P<ab>[A-Z][A-Za-z0-9-]{1,9})\s*[=,]\s*(?P<full>[^;=]{3,80}?)\s*(?=;|$)", line["list"]):
            out.setdefault(m["ab"], m["full"].strip())
    return out


def _clean(label: str) -> str:
    # "changes in the I-RODS centile score and in grip strength": the list's second item keeps its "in"
    label = re.sub(r"^in\s+(?=(?:the\s+)?[a-z])(?!(?:situ|vivo|vitro|hospital)\b)", "", label.strip(" .;:"))
    label = _DROP_LEAD.sub("", label)
    label = _DROP_TAIL.sub("", label).strip(" .;:") if not label.startswith("(") else label
    if label.count("(") > label.count(")"):  # "continence (Wexner score, 0-20)": the tail cut inside the parenthesis
        label = label.rstrip(" ,;:") + ")"
    label = re.sub(r"(?i:\s+(?:was|were|is|are)$)", "", label)  # "the size of the cartilage defect was (measured)"
    return re.sub(r"(?i:(?<=\w)\s+(?:to|by|through|until)$)", "", label)  # "ventilator-free days to [day 28]": its time blanked


# "the change in scar size, expressed as a percentage of left ventricular mass": how the item is measured, not another
_QUALIFIER = re.compile(r"(?i:(?:as\s+)?(?:expressed|defined|measured|assessed|evaluated|calculated|quantified|determined|"
                        r"graded|scored)\s+(?:as|by|with|on|using|in)\b"
                        r"|out\s+of\s+(?:the\s+)?(?:hospital|ICU|intensive\s+care))")  # "days alive and out of the hospital"


def _items(text: str) -> list[tuple[int, int]]:
    """Split a list of measures at commas and 'and' outside parentheses: (start, end) pairs."""
    out, depth, start = [], 0, 0
    i = 0
    while i < len(text):
        c = text[i]
        depth += c == "("
        depth -= c == ")"
        if depth == 0:
            m = re.match(r",\s*(?:and\s+|as well as\s+)?|\s+and\s+|\s+as well as\s+", text[i:])
            proper = m is not None and c == " " and (re.search(r"[A-Z]\w*$", text[:i]) and re.match(r"[A-Z]", text[i + m.end():]) or (
                # "the Knee injury and Osteoarthritis Outcome Score (KOOS)": one name, its abbreviation after it
                re.search(r"\b[A-Z][a-z]+(?:\s+[a-z]+){1,2}$", text[start:i])
                and re.match(r"[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*\s*\([A-Z]{2,}", text[i + m.end():])))
            if m and (c == "," or c == " ") and not proper and not _QUALIFIER.match(text, i + m.end()):
                out.append((start, i))
                i += m.end()
                start = i
                continue
        i += 1
    out.append((start, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


def _split_outside_parentheses(text: str, sep: str) -> list[str]:
    out, depth, start = [], 0, 0
    for i, c in enumerate(text):
        depth += (c in "([") - (c in ")]")
        if c == sep and depth <= 0:
            out.append(text[start:i])
            start = i + 1
    out.append(text[start:])
    return out


def _role_of(word: str | None) -> str:
    w = (word or "").lower()
    return {"primary": "primary", "main": "primary", "co-primary": "primary", "secondary": "secondary",
            "safety": "safety"}.get(w, "other")


# "The quantitative data are expressed in mean ± SD", "All values were presented as median (IQR)": a statement
# of how the values are given, which names no measure and gives no result
PRESENTED = re.compile(r"(?i:\s*(?:all\s+|the\s+)?(?:[\w-]+\s+)?(?:data|values|results|variables)\s+(?:are|were)\s+"
                       r"(?:given|presented|expressed|shown|reported|summari[sz]ed)\s+(?:as|in|with)\b[^0-9]*$)")


def read_endpoint_sentences(sentences: list[Sentence], registry: Registry) -> None:
    """Endpoints from the sentences that list them (primary/secondary/safety, 'we evaluated ...')."""
    for s in sentences:
        if s.section in ("results", "conclusion", "background"):
            continue
        clause_start = 0
        for clause in _split_outside_parentheses(s.text.rstrip("."), ";"):  # not "(HHS; range, 0-100)"
            _read_clause(s, clause, clause_start, registry)
            clause_start += len(clause) + 1


def _read_clause(s: Sentence, text: str, base: int, registry: Registry) -> None:
    if PRESENTED.match(text):  # "The quantitative data are expressed in mean ± SD": how values are given
        return
    m = (_ROLE_CUE.search(text) or _ROLE_AFTER.search(text) or _VERB_AFTER.search(text) or _ASSESSED_AT.search(text)
         or _MEASURED_WITH.search(text) or _VERB_BEFORE.search(text) or _PLAIN_CUE.search(text)
         or _DEFINED_AS.search(text))
    if not m or _SKIP_LIST.match(m["list"].strip()):
        return
    role = _role_of(m.groupdict().get("role"))
    offset = base + m.start("list")
    list_text = _CUT.sub("", m["list"])
    times = find_timepoints(list_text)
    blanked = list(list_text)
    for t in times:  # "at 6 and 12 months" must not split the list
        pre = re.search(r"(?i:\b(?:at|on|by|after|during|over)\s+(?:the\s+)?$)", list_text[:t.start])
        for i in range(pre.start() if pre else t.start, t.end):
            blanked[i] = " "
    plain = "".join(blanked)
    # "the changes from baseline to 12 months in infarct size, LVEF, and 6MWD": the lead is every item's, its time too
    lead = re.match(r"(?i:\s*(?:the\s+)?(?:(?:mean|absolute)\s+)?changes?\s+(?:from\s+baseline\s+)?(?:to|at)\s+[^,;()]{1,30}?\s+in\s+)",
                    list_text)
    lead_time = [t for t in times if lead and t.start < lead.end() and not t.is_baseline]
    if lead:
        plain = " " * lead.end() + plain[lead.end():]
    covered: list[tuple[int, int]] = []
    found: list[tuple[int, int, str, str | None]] = []
    for a, b, slugs in find_instruments(plain):
        if plain[:a].count("(") > plain[:a].count(")") and not re.search(r"\(\s*$", plain[:a]):
            continue  # "(XQ; score 0-100, higher scores indicating worse symptoms)": words about the item, not one
        for slug in slugs:
            found.append((a, b, slug, None))
        covered.append((a, b))
    items = _items(plain)
    for k, (a, b) in enumerate(items):
        if any(x < b and a < y for x, y in covered):
            continue
        raw = plain[a:b]
        label = _clean(raw)
        if label and re.fullmatch(r"[a-z]+", label.strip()) and k + 1 < len(items) and \
                len(nxt := plain[items[k + 1][0]:items[k + 1][1]].split()) >= 2 and len(nxt) <= 3:
            # "patient and graft survival": the one-word item shares the next item's head word
            label = f"{label} {nxt[-1]}"
            found.append((a, a + len(raw.rstrip()), UNMAPPED, label))
            continue
        if not label or _FILLER.match(label) or len(label) < 3 or not re.search(r"[A-Za-z]{3}", label):
            continue
        la = a + raw.find(label) if label in raw else a
        # "(FIHOA, 0–30)" cleaned to "(FIHOA)": the cleaned words, not as many characters of the raw ones
        found.append((la, la + len(label), UNMAPPED, None if label in raw else label))
    listed: list[EndpointDraft] = []
    for a, b, slug, shared in sorted(found, key=lambda f: f[:3]):
        words = shared or plain[a:b]
        abbr = re.match(r"\s*\((?P<ab>[^()]{1,15})\)", plain[b:]) or \
            re.match(r"\s*\((?P<ab>[A-Za-z][\w/-]{1,12});", plain[b:])  # "Harris Hip Score (HHS; range, 0-100)"
        label = words + (f" ({abbr['ab']})" if abbr else "")
        if slug == UNMAPPED:
            # "Xerostomia Questionnaire (XQ; score 0-100, ...)" is "Xerostomia Questionnaire (XQ)"
            label = re.sub(r"\(([A-Za-z][^();:]{0,19})[;:][^()]*\)?$", r"(\1)", _clean(label))
            label = re.sub(r"\s{2,}", " ", label)  # a timepoint blanked inside the item
        elif re.search(r"\($", plain[:a]):  # matched an abbreviation: name it by the item it is in
            item = next((plain[x:y] for x, y in _items(plain) if x <= a < y), words)
            label = _clean(item) or words
        this_role = "safety" if slug == "adverse-events" and role != "primary" else role
        ep = registry.add(label.strip(), slug, this_role, s, s.start + offset + a, s.start + offset + b,
                          abbr["ab"] if abbr else None, 0.85 if slug != UNMAPPED else 0.6)
        item_end = next((y for x, y in _items(list_text) if x <= a < y), b)
        for t in times:
            if a <= t.start < item_end and not t.is_baseline:
                for tp in (i.duration for i in t.items):
                    if tp not in ep.timepoints:
                        ep.timepoints.append(tp)
        if m.re is _DEFINED_AS and not ep.timepoints:
            defined = [t for t in find_timepoints(m["def"]) if not t.is_baseline]
            if len(defined) == 1 and len(defined[0].items) == 1:
                ep.timepoints.append(defined[0].items[0].duration)
        if m.re is _VERB_BEFORE and not ep.timepoints:  # "Response was assessed at day 28 after the first infusion"
            later = [t for t in find_timepoints(text[m.end("list"):]) if not t.is_baseline]
            if len(later) == 1:
                ep.timepoints += [i.duration for i in later[0].items]
        listed.append(ep)
    for ep in listed if lead_time else []:
        for tp in (i.duration for i in lead_time[0].items):
            if tp not in ep.timepoints:
                ep.timepoints.append(tp)
    # "..., expressed as a percentage of left ventricular mass, at 6 months": a timepoint standing alone after the
    # last item is the whole list's
    last_end = max((y for x, y in _items(plain)), default=0)
    trailing = [t for t in times if t.start >= last_end and not t.is_baseline and len(t.items) == 1]
    if len(trailing) == 1:
        for ep in listed:
            if not ep.timepoints:
                ep.timepoints.append(trailing[0].items[0].duration)
    # one timepoint stated for the whole clause, outside the list's items ("Endpoints at 12 months were ...",
    # "The primary outcome was treatment failure, defined as confirmed EDSS progression, at 12 months")
    clause_times = [t for t in find_timepoints(text) if not t.is_baseline]
    if len(clause_times) == 1 and len(clause_times[0].items) == 1 and not times:
        for ep in listed:
            if not ep.timepoints:
                ep.timepoints.append(clause_times[0].items[0].duration)


def mentions(text: str, registry: Registry) -> list[tuple[int, int, EndpointDraft]]:
    """Where the registry's endpoints are named in a sentence (offsets in the sentence)."""
    tokens = list(_TOKEN.finditer(text))
    keys = [key_tokens(t.group()) for t in tokens]
    flat: list[tuple[str, int]] = [(k, i) for i, ks in enumerate(keys) for k in ks]
    words = [k for k, _ in flat]
    out: list[tuple[int, int, EndpointDraft]] = []
    taken: set[int] = set()
    spans: set[tuple[int, int]] = set()
    forms = sorted(((f, e) for e in registry.items for f in e.forms if f), key=lambda fe: -len(fe[0]))
    for form, ep in forms:
        n = len(form)
        for i in range(len(words) - n + 1):
            same = (i, i + n) in spans  # one name for two endpoints ("S/TJC")
            if tuple(words[i:i + n]) == form and (same or not taken & set(range(i, i + n))):
                a, b = tokens[flat[i][1]].start(), tokens[flat[i + n - 1][1]].end()
                if ep.instrument != UNMAPPED and (_THRESHOLD_AFTER.match(text, b) or re.match(
                        r"\s*(?:<|≤|<=)\s*\d+(?:\.\d+)?\s*%?\s+(?:was|were)\s+(?:reached|achieved|attained)\b", text[b:])):
                    continue  # "PASI 50 response", "HbA1c <7.0% was reached by 9": the responders, not the measure
                if ep.instrument == "overall-survival" and re.search(r"(?i:[\w-]+-free\s+$)", text[:a]):
                    continue  # "thalassemia-free survival" is a survival of its own, not the overall survival
                if not any(x == a and y == b and e is ep for x, y, e in out):
                    out.append((a, b, ep))
                taken |= set(range(i, i + n))
                spans.add((i, i + n))
    return sorted(out, key=lambda x: x[0])
