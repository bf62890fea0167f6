"""Word lists for `msckg.ctgov.textparse`: tissue sources, donor relations, routes, number words.

Why a separate module: these tables are data, grown by reading real registry text (the shared
ClinicalTrials.gov sample), and they change far more often than the parsing code. Each rule is
(normalised key, compiled pattern, optional accept(text, match) check). Patterns run on text
folded by `fold`; abbreviations are case-sensitive (ASC is adipose, "asc" is not), words are not.
"""

from __future__ import annotations

import re
from collections.abc import Callable

Accept = Callable[[str, "re.Match[str]"], bool]
Rule = tuple[str, "re.Pattern[str]", Accept | None]

# Full-width ASCII (U+FF01..U+FF5E) and CJK/typographic punctuation -> ASCII, one char for one,
# so that offsets found in the folded text are offsets in the original.
_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FOLD.update({ord(a): ord(b) for a, b in zip(
    "、。–—‐‑−\u00a0\u3000〜’‘´`", ",.-----  ~''''", strict=True)})


def fold(s: str) -> str:
    """`s` with full-width and typographic variants replaced by ASCII, same length as `s`."""
    return s.translate(_FOLD)


_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
# "twenty-eight", "Ninety-day": the tens with a unit, written with a hyphen
_NUMBER_WORDS |= {f"{tens}-{unit}": _NUMBER_WORDS[tens] + _NUMBER_WORDS[unit]
                  for tens in ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
                  for unit in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")}
NUMBER_WORDS_RE = r"\b(?<!-)(?:" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\b"


def number_word(text: str) -> int:
    """The integer written as digits ("12") or as an English word ("twelve", "Four")."""
    return int(text) if text.isdigit() else _NUMBER_WORDS[text.lower()]


def _rules(table: dict[str, list[str | tuple[str, Accept]]]) -> list[Rule]:
    """Compile a {key: [pattern or (pattern, accept)]} table into rules."""
    out: list[Rule] = []
    for key, patterns in table.items():
        for p in patterns:
            pattern, accept = p if isinstance(p, tuple) else (p, None)
            out.append((key, re.compile(pattern), accept))
    return out


def _not_followed_by(pattern: str) -> Accept:
    rx = re.compile(pattern)
    return lambda text, m: rx.match(text, m.end()) is None


# ------------------------------------------------------------------------------ tissue sources
# Abbreviations seen in the shared sample: UC-MSC, hUC-MSC, UCMSC, hucMSC, UMSC, hCT-MSC (cord
# tissue), ULSC (cord lining); WJ-MSC; AD-MSC, adMSC, ADSC, ADASC, ASC, eASC, ALLO-ASC, HB-adMSC,
# AT-MSC, SVF, BFPSC (buccal fat pad); BM-MSC, BMSC, BMMSC, BMDMSC, BM-hMSC, BMAC, BMMNC; PMSC,
# PMD-MSC, P-MMSC; DPSC, MSC-DP, SHED; MenSC; UCB, hUCB-MSC, CB-MSC; PBSC; SF-MSC, SM-MSC.
# "bone marrow" as a disease site or as a transplant is not a cell source
_NOT_A_SOURCE = _not_followed_by(
    r"(?i:[- ]+(?:transplant\w*|failure|o?edema|lesions?|aplasia|suppression|involvement|infiltration"
    r"|biops\w+|examination|disease|disorders?|fibrosis))")
TISSUE_RULES = _rules({
    "cord-blood": [r"(?i:\b(?:umbilical[- ]+)?cord[- ]*blood)", r"\bh?UCB(?:-?M?SCs?|-USCs?)?\b",
                   r"\b(?:CB|cb)-?M?SCs?\b"],
    "umbilical-cord": [r"(?i:\bumbilical[- ]+cords?\b)(?![- ]*(?i:blood))",
                       r"(?i:\bumbilical\b)(?=[- ]+(?i:derived|mesenchymal|stem|tissue|MSC))",
                       r"(?i:\bcord[- ]+(?:tissue|lining)\b)", r"\b(?:[hHa]|[Aa]llo-)?(?:UC|uc|Uc|U)-?M?MSCs?\b",
                       r"\bh?UC(?=-(?:derived|MSC|hMSC))", r"\bh?CT-MSCs?\b", r"\bh?ULSCs?\b"],
    "wharton-jelly": [r"(?i:\bwharton'?s?[- ]+jelly)", r"\b[hH]?WJ(?:-?M?SCs?)?\b"],
    "adipose": [r"(?i:\badipose\b)", r"(?i:\badipo-derived\b)", r"(?i:\bstromal[- ]+vascular[- ]+fractions?)",
                r"(?i:\blipoaspirat\w*)", r"(?i:\bliposuction\b)",
                r"(?i:\b(?:buccal[- ]+)?fat[- ]+(?:tissue|derived|pad|grafts?|stem))",
                r"\b(?:[A-Za-z]{1,8}[-_])?(?:[heaA]|aa)?(?:AD|Ad|ad|AT|At|at)-?"
                r"(?:h?MSCs?|M?SCs?|MPCs?|ASCs?|SVFs?|MMSCs?)\b",
                r"\b(?:[A-Za-z]{1,8}[-_])?[he]?ASCs?\b", r"\bSVFs?\b", r"\bBFPSCs?\b"],
    "bone-marrow": [(r"(?i:\bbone[- ]*marrow\b)", _NOT_A_SOURCE), r"(?i:\bmarrow[- ]+derived\b)", r"\bmarrow-MSCs?\b",
                    r"\b(?:[A-Za-z]{1,6}-?)?[hvAa]?BM-?D?-?(?:h?MSCs?|MMSCs?|M?SCs?|MNCs?|AC)\b"],
    "placenta": [r"(?i:\bplacenta\w*)", r"\bh?P(?:MD)?[-_]?M?MSCs?\b"],
    "amniotic-fluid": [r"(?i:\bamniotic[- ]+fluid)", r"\b(?:af|AF)-?MSCs?\b"],
    "amnion": [r"(?i:\bamnion\w*)", r"(?i:\bamniotic\b)(?![- ]+(?i:fluid))"],
    "dental-pulp": [r"(?i:\b(?:dental|tooth)[- ]+pulp)", r"\bh?DPSCs?\b", r"\bMSC-DP\b", r"\b(?:dp|DP)-?MSCs?\b",
                    r"(?i:\bexfoliated[- ]+deciduous[- ]+teeth)", r"\bSHED\b"],
    "menstrual-blood": [r"(?i:\bmenstrual[- ]+(?:blood|derived|stem))", r"\bh?Men-?SCs?\b"],
    "peripheral-blood": [
        r"(?i:\bperipheral[- ]+blood\b)(?=[- ]+(?i:derived|stem|mesenchymal|progenitor|mononuclear))",
                         r"\bPB-?(?:MSCs?|SCs?|MNCs?)\b"],
    "chorion": [r"(?i:\bchorion\b)", r"(?i:\bchorionic\b)(?![- ]+(?i:gonadotrop))"],
    "decidua": [r"(?i:\bdecidua\b)", r"(?i:\bdecidual\b)(?=[- ]+(?i:derived|stromal|mesenchymal|stem|cells?|tissue))"],
    "endometrium": [r"(?i:\bendometri(?:um|al)\b)(?=[- ]+(?i:derived|regenerative|stem|stromal|mesenchymal))"],
    "synovium": [r"(?i:\bsynovi(?:um|al)\b)(?=[- ]+(?i:membrane|fluid|tissue|derived|mesenchymal|stem))",
                 r"\b(?:SF|SM|Sy)-?MSCs?\b"],
    "skin": [r"(?i:\b(?:skin|dermis)[- ]+derived)", r"(?i:\bdermal[- ]+(?:fibroblasts?|stem|mesenchymal|derived))"],
    "muscle": [r"(?i:\bmuscle[- ]+derived)", r"(?i:\bskeletal[- ]+muscle[- ]+(?:stem|progenitor|cells?))"],
})

# ------------------------------------------------------------------------------ donor relation
# "allogeneic HSCT", "autologous stem cell transplantation": about a transplant, not the MSCs
_TRANSPLANT = _not_followed_by(
    r"(?i:[- ]+(?:ha?ematopoietic|HSCT|HCT|SCT|BMT|HSC|kidney|renal|liver"
    r"|(?:peripheral blood |bone marrow |cord blood )?(?:stem[- ]cell |bone marrow |cord blood )?transplant\w*))")
DONOR_RULES = _rules({
    "autologous": [(r"(?i:\bauto(?:log|gen)\w*)", _TRANSPLANT), r"\b[Aa]uto-?(?=h?[A-Z]{2})"],
    "allogeneic": [(r"(?i:\ballog(?:i?e)n\w*)", _TRANSPLANT), r"\b(?i:allo)-?(?=h?[A-Z]{2})"],
})

# ------------------------------------------------------------------------------------- routes
_ROMAN_BEFORE = re.compile(
    r"(?i:(?:stage|stages|grade|grades|class|type|phase|level|nyha|kl|kellgren[- ]lawrence|ckd|part|section|"
    r"table|figure|appendix|cohort|group|arm|step|\bI|\bII|\bIII)[\s,.()\-/]*(?:and|or|to|-|/|&)?\s*)$")


def _iv_not_roman(text: str, m: re.Match[str]) -> bool:
    """'IV' is a route unless a stage/grade/class word or another Roman numeral stands before it."""
    return _ROMAN_BEFORE.search(text, max(0, m.start() - 25), m.start()) is None and not re.match(
        r"\s*[-/]\s*(?:V|VI)\b", text[m.end():])


def _intra(stem: str, prefix: str = "intra") -> str:
    """"intravenous", "intra-venous", "intra venous", "intravenously" for stem "venous"."""
    return rf"(?i:\b{prefix}-?\s?{stem}(?:ly)?\b)"


def _into(place: str) -> str:
    """"into the [one or two words] <place>": "into the knee joint", "into the degenerative disc"."""
    return rf"(?i:\binto\s+the\s+(?:\w+\s+){{0,2}}{place}\b)"


_VEIN = (r"(?i:\b(?:into|via|by|through|in)\s+(?:an?\s+|the\s+)?"
         r"(?:(?:peripheral|cubital|antecubital|arm|forearm|superficial)\s+)?vein\b)")
ROUTE_RULES = _rules({
    "intravenous": [_intra("venous"), r"(?i:\bi\.v\.?)(?![\w])", _VEIN,
                    r"(?i:\bperipheral(?:ly)?[- ]+(?:venous|intravenous)\b)", (r"\bIV\b", _iv_not_roman)],
    "intramuscular": [_intra("muscular"), r"(?i:\bi\.m\.)", r"\bIM(?=\s+(?:injections?|administration))"],
    "subcutaneous": [_intra("cutaneous", "sub"), r"(?i:\bs\.c\.)"],
    "intra-articular": [_intra("art?icular"), _into(r"joints?(?:\s+space|\s+cavity)?"), r"\bIA(?=\s+injections?)"],
    "intrathecal": [_intra("thecal"), r"(?i:\bsubarachnoid(?:ally)?\b)", _into(r"(?:cerebro)?spinal\s+fluid"),
                    r"(?i:\blumbar\s+puncture)"],
    "intradermal": [_intra("derm(?:al|ic)")],
    "intralesional": [_intra("lesion(?:al)?"), _into("lesions?"),
                      r"(?i:\blocal(?:ly)?\s+(?:injections?|injected|administration|implantation))"],
    "intracoronary": [_intra("coronary")],
    "intramyocardial": [_intra("myocardial"), _intra("endocardial", "trans"), _into("myocardium")],
    "intra-arterial": [_intra("arterial"),
                       r"(?i:\b(?:hepatic|renal|carotid|femoral|splenic|vertebral|mesenteric)\s+arter(?:y|ies)\b)"],
    "intranasal": [_intra("nasal"), r"(?i:\bnasal(?:ly)?\s+(?:spray|drops?|administration|instillation))"],
    "inhalation": [r"(?i:\binhal(?:ation|ations|ed|ing|e)\b)", r"(?i:\bnebuli[sz](?:ed|er|ation|ing)\b)",
                   r"(?i:\baerosoli[sz]ed\b)"],
    "topical": [r"(?i:\btopical(?:ly)?\b)"],
    "intradiscal": [_intra("discal"), _into(r"(?:intervertebral\s+)?discs?")],
    "intraperitoneal": [_intra("peritoneal")],
    "intravitreal": [_intra("vitreal"), _into("vitreous")],
    "intracerebral": [_intra("cerebral")],
    "intraosseous": [_intra("osse?ous")],
    "endobronchial": [_intra("bronchial", "(?:endo|intra)"), r"(?i:\bbronchoscop\w*)"],
})
