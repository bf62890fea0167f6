"""Diseases named in the text, linked to MONDO through the shipped term index.

Why a scan and not only `normalise`: the disease has to be found before it can be linked. Every
run of up to eight words of a content sentence is looked up in the index's lexicon (labels,
exact synonyms and the project's curated synonyms; related synonyms are too loose for running
text), longest match first; an abbreviation defined in the text ("systemic sclerosis (SSc)")
counts as a mention of the same term. The primary condition is the one the enrolment sentence
names, else the most mentioned one. Severity words before a mention are kept as `severity`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from msckg.extract.sentences import Sentence
from msckg.linking.index import lexical_key, term_index

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")
_GOOD = {"label", "exact synonym", "curated synonym"}
# single words that name a MONDO term but in trial prose mean something else
_GENERIC = {"disease", "diseases", "syndrome", "infection", "pain", "fever", "cancer", "tumor", "tumour",
            "disorder", "injury", "lesion", "lesions", "fistula", "fistulas", "relapse", "toxicity", "death",
            "ra", "oa", "cd", "ms", "sle", "ild", "pah", "gvhd", "copd", "als", "tb", "ad", "pd", "hd",
            "abscess", "proctalgia", "obesity", "sepsis", "shock", "ulcer", "ulcers"}
SEVERITY = re.compile(
    r"(?i:(?P<sev>(?:(?:moderate(?:ly)?\s+to\s+severe(?:ly)?|moderate-to-severe|severe|mild|moderate|active|refractory|"
    r"steroid-refractory|steroid-resistant|treatment-refractory|drug-resistant|decompensated|symptomatic|"
    r"advanced|early|chronic|newly diagnosed|relapsing|progressive)[\s,]+(?:and\s+|or\s+)?)+)$)")


@dataclass
class Mention:
    curie: str
    label: str
    start: int  # offsets in the source
    end: int
    sentence: Sentence
    abbreviation: str | None = None


@dataclass
class Disease:
    curie: str
    label: str
    mentions: list[Mention] = field(default_factory=list)
    abbreviations: set[str] = field(default_factory=set)


DISEASE = "MONDO:0000001"
_NAMED_SCORE = re.compile(r"(?i:\b(?:model|index|score|scale|questionnaire|assessment|criteria)\s+(?:for|of)\s+(?:the\s+)?$)")


def _mondo(key: str) -> tuple[str, str] | None:
    index = term_index()
    hits = [(c, how) for c, how in index.lexicon.get(key, []) if c.startswith("MONDO:") and how in _GOOD]
    ranked = []
    for curie, how in hits:
        rec = index.current(curie)
        if rec and DISEASE in rec.ancestors:
            # a term named by these words before one that lists them as a synonym, and the common disease before
            # a numbered (often monogenic) subtype: "idiopathic pulmonary fibrosis" is not "interstitial lung disease 2"
            ranked.append(((how != "label", lexical_key(rec.label) != key, bool(re.search(r"\s\d+[a-z]?$", rec.label)),
                            rec.id), rec.id, rec.label))
    return min(ranked)[1:] if ranked else None


def _single_word_ok(word: str) -> bool:
    """A one-word mention counts if it is a plain word (not an abbreviation) or has digits."""
    if any(c.isdigit() for c in word):
        return len(word) >= 4
    return len(word) >= 6 and word[1:].islower()


def find_diseases(source: str, sentences: list[Sentence]) -> list[Disease]:
    """Diseases in text order of first mention, with every mention."""
    found: dict[str, Disease] = {}
    abbrevs: dict[str, str] = {}
    for s in sentences:
        tokens = list(_TOKEN.finditer(s.text))
        i = 0
        while i < len(tokens):
            hit = None
            for n in range(min(8, len(tokens) - i), 0, -1):
                a, b = tokens[i].start(), tokens[i + n - 1].end()
                phrase = s.text[a:b]
                key = lexical_key(phrase)
                if n == 1 and (key in _GENERIC or not _single_word_ok(phrase)):
                    continue
                if _NAMED_SCORE.search(s.text, 0, a):
                    continue
                if (m := _mondo(key)) is not None:
                    hit = (n, a, b, m)
                    break
            if hit is None:
                word = tokens[i].group()
                if word in abbrevs:
                    curie = abbrevs[word]
                    d = found[curie]
                    d.mentions.append(Mention(curie, d.label, s.start + tokens[i].start(), s.start + tokens[i].end(), s, word))
                i += 1
                continue
            n, a, b, (curie, label) = hit
            d = found.setdefault(curie, Disease(curie, label))
            d.mentions.append(Mention(curie, label, s.start + a, s.start + b, s))
            if ab := re.match(r"\s*\((?P<ab>[A-Za-z][A-Za-z0-9-]{1,9})\)", s.text[b:]):
                abbrevs[ab["ab"]] = curie
                d.abbreviations.add(ab["ab"])
            i += n
    return list(found.values())


def primary(diseases: list[Disease], enrolment: Sentence | None) -> Disease | None:
    """The disease the enrolment sentence names, else the most mentioned (first on ties)."""
    if not diseases:
        return None
    counts = Counter({d.curie: len(d.mentions) for d in diseases})
    if enrolment is not None:
        named = [d for d in diseases if any(m.sentence == enrolment for m in d.mentions)]
        if named:
            return max(named, key=lambda d: counts[d.curie])
    best = max(counts.values())
    return next(d for d in diseases if counts[d.curie] == best)


def severity(source: str, mention: Mention) -> tuple[str | None, int]:
    """Severity words right before a mention, and where the reported phrase starts."""
    head = source[max(0, mention.start - 60):mention.start]
    m = SEVERITY.search(head)
    if not m:
        return None, mention.start
    sev = re.sub(r"[\s,]+$", "", m["sev"]).strip()
    return sev.lower(), mention.start - len(head) + m.start("sev")
