"""Split a raw capture into blocks and say which of them can hold study facts.

Why: a saved journal page or mirror site holds far more than the abstract: navigation, reference
lists (full of other studies' numbers, years and DOIs), disclosures, licence text and a Chinese
translation that repeats every number. Facts are read only from `content` blocks; identifiers
(DOI, PMID) may also come from `citation` lines; nothing is ever read from `references`,
`translation` or `boilerplate`. Offsets always refer to the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

BlockKind = Literal["content", "citation", "affiliation", "boilerplate", "references", "translation"]

# headings after which the text is study content (the label names the section for sentences)
CONTENT_HEADINGS = {
    "abstract": "abstract", "background": "background", "background/purpose": "background",
    "introduction": "background", "objective": "objective", "objectives": "objective", "aim": "objective",
    "aims": "objective", "purpose": "objective", "methods": "methods", "method": "methods",
    "materials and methods": "methods", "patients and methods": "methods", "design": "methods",
    "study design": "methods", "setting": "methods", "participants": "methods", "interventions": "methods",
    "main outcome measures": "methods", "results": "results", "findings": "results",
    # the Lancet's "Research in context" panel: background and restatements, not results
    "research in context": "background", "evidence before this study": "background",
    "added value of this study": "key-points", "implications of all the available evidence": "key-points",
    # JAMA: "Importance", "Design, Setting, and Participants", "Main Outcomes and Measures", "Conclusions and Relevance"
    "importance": "background", "design, setting, and participants": "methods", "main outcomes and measures": "methods",
    "main outcome and measures": "methods", "conclusions and relevance": "conclusion",
    # a heading over both (European Heart Journal, PLOS Medicine): read like an unheaded abstract
    "methods and results": "methods-results", "methods and findings": "methods-results",
    # ClinicalTrials.gov pages and summaries copied from them
    "brief summary": "objective", "detailed description": "background",
    "arms and interventions": "methods", "eligibility": "methods", "eligibility criteria": "methods",
    "results summary": "results", "study results": "results", "outcome measures": "results",
    # an ANZCTR record: "Summary results", "Results - basic reporting", "Results - plain English summary"
    "summary results": "results", "results - plain english summary": "results", "results - basic reporting": "results",
    "conclusion": "conclusion", "conclusions": "conclusion", "interpretation": "conclusion",
    "trial registration": "registration", "clinical trial registration": "registration",
    "registration": "registration", "key point": "key-points", "key points": "key-points",
    "key message": "conclusion", "key messages": "conclusion",
    # European Urology and its family: "Design, setting, and participants", "Results and limitations"
    "context": "background", "intervention": "methods", "design, setting and participants": "methods",
    "outcome measurements and statistical analysis": "methods", "results and limitations": "results",
    "conclusions and clinical implications": "conclusion", "patient summary": "conclusion",
    "setting and participants": "methods", "main outcomes": "methods", "measurements": "methods",
    "main results": "results", "principal findings": "results",
    # a clinical study report's synopsis (ICH E3): "Methodology", "Criteria for Evaluation", "Statistical Methods",
    # "Summary of Results" with "Efficacy Results" and "Safety Results"
    "methodology": "methods", "criteria for evaluation": "methods", "statistical methods": "methods",
    "statistical analysis": "methods", "statistical analyses": "methods",
    "summary of results": "results", "efficacy results": "results", "safety results": "results",
    "efficacy": "results", "safety": "results",
    # who was enrolled, not outcomes: a report's "Demographic and Baseline Characteristics"
    "demographic and baseline characteristics": "characteristics", "baseline characteristics": "characteristics",
    "demographics": "characteristics", "baseline demographics": "characteristics",
    "patient characteristics": "characteristics", "patient disposition": "characteristics",
    # a full text's "3.1. Patients" under "Results": who was enrolled ("Burns were caused by flame in 7")
    "patients": "characteristics", "study population": "characteristics",
    # a full text's discussion restates its results and cites others' ("lowered the score by about 5 points")
    "discussion": "discussion",
    # a jRCT record's "Result" part: "Baseline Characteristics", "Participant flow", "Adverse events", "Outcome measures"
    "result": "results", "adverse events": "results",
    # the Blue Journal (AJRCCM): "Rationale", "Measurements and Main Results", "At a Glance Commentary"
    "rationale": "background", "measurements and main results": "results", "measurements and results": "results",
    "at a glance commentary": "key-points", "scientific knowledge on the subject": "background",
    "what this study adds to the field": "key-points",
    # a page's restatements beside the abstract: a figure's text, a panel of implications
    "graphical abstract": "key-points", "highlights": "key-points", "research highlights": "key-points", "central illustration": "key-points", "visual abstract": "key-points",
    "translational perspective": "key-points", "significance statement": "key-points",
    "clinical perspective": "key-points", "what is new?": "key-points", "what are the clinical implications?": "key-points",
    # the British Journal of Dermatology's box above its "Summary", and BMJ journals' "Key messages" questions
    "what is already known about this topic?": "key-points", "what does this study add?": "key-points",
    # a case report's or a case series' own account of its patients: their outcomes
    "case presentation": "results", "case presentations": "results", "case report": "results", "case reports": "results",
    "case description": "results", "case descriptions": "results",
    # boxes that restate the results beside the abstract
    "takeaways": "key-points", "clinical relevance": "key-points", "what this paper adds": "key-points",
    "key objective": "key-points", "knowledge generated": "key-points", "relevance": "key-points",
    "what is already known on this topic": "key-points", "what this study adds": "key-points",
    "what is already known": "key-points", "summary": "abstract",
    # an EU Clinical Trials Register results page: its arms after an empty "Notes:" field
    "subject disposition": "methods",
    # Aphasiology's "Methods & Procedures", "Outcomes & Results"
    "methods and procedures": "methods", "outcomes and results": "results",
}
# "Methods & Procedures", "Design, setting, & participants": an ampersand for "and"
CONTENT_HEADINGS |= {k.replace(" and ", " & "): v for k, v in CONTENT_HEADINGS.items() if " and " in k}
# headings after which nothing is study content until a content heading comes back
SKIP_HEADINGS = {
    "references", "bibliography", "acknowledgements", "acknowledgments", "funding", "author information",
    "authors and affiliations", "authors", "contributions", "corresponding author", "ethics declarations",
    "ethics approval", "ethics", "patient consent for publication", "patient and public involvement",
    "competing interests", "conflict of interest", "conflicts of interest", "additional information",
    "publisher's note", "supplementary information", "electronic supplementary material",
    "rights and permissions", "reprints and permissions", "about this article", "cite this article",
    "download citation", "keywords", "navigation", "similar content being viewed by others",
    "access this article", "data availability", "disclosure", "disclosures", "disclosure statement", "session information",
    "related articles", "cited by", "metrics", "figures", "tables", "abbreviations", "footnotes",
    "notes", "declarations", "author contributions", "supplementary material", "share this article",
    # the JCO's closing boxes
    "authors' disclosures of potential conflicts of interest", "data sharing statement",
    "support", "prior presentation", "equal contribution",
}
# the heading of an abstract given again in another language; its lines, until an English heading, are a translation
_FOREIGN_ABSTRACT = re.compile(r"(?i:^\s*(?:resumen|resumo|r[ée]sum[ée]|zusammenfassung|riassunto|sommario|öz|samenvatting|"
                               r"streszczenie|abstrakt|sammanfattning|tiivistelmä|περίληψη)\s*:?\s*$)")
REFERENCE_SECTIONS = {"references", "bibliography", "cited by", "similar content being viewed by others"}
_NUMBERED = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})*\.?\s*\|?\s+(?=[A-Z])")  # "3. Results", "3 | RESULTS"
_HEADING = re.compile(r"^\s*(?P<h>[A-Za-z][A-Za-z '/&–—-]{1,48}?)\s*:?\s*$")
_INLINE_HEADING = re.compile(r"^\s*(?P<h>[A-Za-z][A-Za-z /&-]{2,40}?)\s*:\s+\S")
# the British Journal of Dermatology's summary: "Results All 12 children received ...", its heading with no colon
_BARE_HEADING = re.compile(r"^\s*(?P<h>Background|Objectives?|Aims?|Methods|Results|Conclusions?)\s+(?=[A-Z0-9])(?=.{40})")
# registry results: who was enrolled and how they moved through the trial, not outcomes
_INLINE_NOT_RESULT = re.compile(r"^\s*(?i:participant\s+flow|baseline\s+characteristics|recruitment\s+details|"
                                r"pre-?assignment\s+details)\s*:")
_INLINE_SKIP = re.compile(r"^\s*(?i:disclosures?|conflicts? of interest|competing interests|to cite this abstract"
                          r"|author contributions|acknowledge?ments?)\s*:")
_INLINE_FUNDING = re.compile(r"^\s*(?i:funding|source\s+of\s+funding|financial\s+support|grant\s+support|supported\s+by)\s*:")
_BOILERPLATE = re.compile(
    r"(?i)^\s*[◀▶←→«‹☰]?\s*(?:skip to (?:main )?content|log ?in\b|sign in|menu\b|search\b|thank you for visiting|zoom\b|"
    r"this is a preview|price excludes|tax calculation|instant access|fig(?:ure)?\.? ?\d+\s*$|table \d+\s*$|"
    r"«|back to\b|copyright|©|all rights reserved|published:|received:|revised:|accepted:|issue date:|"
    r"open access\s*$|research article\s*$|original article\s*$|article\s+\d|check for updates|"
    r"abstract number:|session type:|session information|download (?:pdf|references|citation)|"
    r"reprints|permissions|view (?:full|article)|full text|pubmed\b|google scholar|crossref|"
    r"article\s+pubmed|share this|cite this|•\s*(?:original article|published)|"
    r"acr meeting abstracts\s*-|this article is licensed|open access this article)")
_REFERENCE_LINE = re.compile(
    r"^\s*(?:\[?\d{1,3}[.)\]]\s+)?(?:[A-Z][\w'-]+(?: [A-Z][\w'-]+)*,? [A-Z]{1,3}\b[.,]?(?:,? ?[A-Z][\w'-]+ [A-Z]{1,3}\b[.,]?)*)"
    r".*?(?:\((?:19|20)\d{2}\)|\b(?:19|20)\d{2};\s*\d|\b\d+\(\d+\):\d+)")
_CITATION = re.compile(r"(?i)\bdoi:\s*10\.|^\s*[A-Z][A-Za-z .&]+\.\s+(?:19|20)\d{2}(?:\s+\w{3})?;\s*\d")
_AFFILIATION = re.compile(r"^\s*(?:Department|Division|Institute|School|Center|Centre|Faculty|Laboratory|Unit)\b"
                          r"[^.]*(?:University|Hospital|Institute|Center|Centre|College)")


@dataclass(frozen=True)
class Block:
    """A line of the source: `text[start:end]`, what kind of text it is, and its section."""

    start: int
    end: int
    kind: BlockKind
    section: str  # content section label ("methods", "results" ...) or the skipped heading


# the scripts a translated abstract is written in: Greek, Cyrillic, Hebrew, Arabic and Persian, Devanagari, Thai,
# kana, Han, Hangul
_OTHER_SCRIPTS = ((0x0370, 0x03FF), (0x0400, 0x052F), (0x0590, 0x05FF), (0x0600, 0x06FF), (0x0750, 0x077F),
                  (0x0900, 0x097F), (0x0E00, 0x0E7F), (0x1100, 0x11FF), (0x3040, 0x9FFF), (0x3130, 0x318F),
                  (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))


def foreign_share(line: str) -> float:
    """The share of letters in a script other than Latin: a translated line is mostly Han, Hangul, Cyrillic,
    Persian ... while an English sentence quoting a term keeps its Latin majority."""
    letters = [c for c in line if c.isalpha()]
    if not letters:
        return 0.0
    other = sum(1 for c in letters if any(a <= ord(c) <= b for a, b in _OTHER_SCRIPTS))
    return other / len(letters)


def heading_of(line: str) -> str | None:
    """The heading a whole line is, in lower case, if it is a known one."""
    m = _HEADING.match(_NUMBERED.sub("", line))  # "3. Results", "2.1. Study design": a full text's numbered sections
    if not m:
        return None
    h = re.sub(r"\s+", " ", re.sub(r"[–—]", "-", m["h"].strip().lower()))
    return h if h in CONTENT_HEADINGS or h in SKIP_HEADINGS else None


# a full text's "Results" has sub-headings that, alone, head parts of an abstract's methods ("Participants"):
# under "Results" they stay results
_RESULTS_SUBHEADINGS = {"participants", "setting", "setting and participants", "interventions", "intervention",
                        "measurements", "design"}


_METHODS_OUTCOMES = {"outcome measures"}
# a full text's sub-heading under "Results" after its "Baseline characteristics": the outcomes again
_OUTCOME_SUBHEADING = re.compile(r"(?i:\s*(?:(?:primary|secondary|main|clinical|efficacy|functional|exploratory|safety)\s+)?"
                                 r"(?:outcomes?|end\s*points?|efficacy(?:\s+outcomes?)?)\s*)")


def _nav_bar(body: str) -> bool:
    """A site's bar of links copied as one line: short items parted by wide gaps ("Search posters    Session P07 –
    Therapy    Poster 712 of 986    ▶ Next"), no sentence among them."""
    if "\t" in body or not _NAV_WORD.search(body):
        return False
    items = [x for x in re.split(r" {3,}", body) if x.strip()]
    return len(items) >= 3 and all(len(x.split()) <= 7 and not re.search(r"[.;]\s*$", x) for x in items) \
        and not re.search(r"\d\s*(?:%|±|\()", body)


_NAV_WORD = re.compile(r"(?i:[◀▶←→«»‹›☰]|\b(?:next|previous|back\s+to|download|share|search|log\s?in|sign\s+in|full\s+screen|"
                       r"add\s+to\s+favou?rites|contact\s+author|print)\b)")


def _contents_lines(lines: list[str], heads: list[str | None]) -> set[int]:
    """The lines of a page's table of contents ("Article Contents", then "Abstract", "Introduction", "Methods",
    ..., "Data availability", one per line): the article's headings listed from its opening part to its closing
    one head nothing, or every section after would open at the top of the page."""
    toc: set[int] = set()
    run: list[int] = []
    for k, h in enumerate([*heads, None]):
        body = lines[k].strip() if k < len(lines) else ""
        if k < len(lines) and not body:
            continue
        if h is not None or run and re.fullmatch(r"[A-Z][A-Za-z ]{2,40}", body) and len(body.split()) <= 4:
            run.append(k)  # "Disclosure statement" among the listed headings is one of them
            continue
        listed = {heads[x] for x in run if heads[x] is not None}
        if len(listed) >= 4 and listed & {"abstract", "introduction", "background", "methods"} and \
                listed & {"discussion", "references", "conclusions", "funding", "data availability"}:
            toc.update(run)
        run = []
    return toc


def segment(text: str) -> list[Block]:
    """Classify every non-empty line of `text`."""
    blocks: list[Block] = []
    section, skipping = "", False
    pos = 0
    # a full text's "Outcome measures" under its Methods says what was measured: a Results
    # heading still to come tells it from a registry page's "Outcome Measures", which holds the results
    heads = [heading_of(line.strip()) for line in text.splitlines()]
    results_heads = [k for k, h in enumerate(heads) if h and h not in _METHODS_OUTCOMES and CONTENT_HEADINGS.get(h) == "results"]
    last_results = max(results_heads, default=-1)
    first_results = min(results_heads, default=len(heads))
    toc = _contents_lines(text.splitlines(), heads)
    item_before = resume = any_heading = False
    for k, raw in enumerate(text.splitlines(keepends=True)):
        start, pos = pos, pos + len(raw)
        line = raw.rstrip("\r\n")
        lead = len(line) - len(line.lstrip())
        body = line.strip()
        if not body:
            continue
        s, e = start + lead, start + lead + len(body)
        if foreign_share(body) > 0.2:
            blocks.append(Block(s, e, "translation", "translation"))
            continue
        if _FOREIGN_ABSTRACT.match(body):  # "Resumen", "Resumo", "ÖZ": the abstract again in another language
            skipping, section = True, "translation"
            blocks.append(Block(s, e, "translation", section))
            continue
        if k in toc:
            blocks.append(Block(s, e, "boilerplate", section))
            continue
        heading = heading_of(body)
        if heading is not None and _NUMBERED.match(body) and item_before:
            heading = None  # "5. Adverse events" closing a list of outcomes ("4. Change from baseline in ..."): an item
        item_before = bool(_NUMBERED.match(body)) and heading is None
        if heading is not None:
            skipping = heading in SKIP_HEADINGS
            if heading in _METHODS_OUTCOMES and first_results < k:
                section = "results"  # under a registry record's "Result": the outcomes' results
            elif heading in _METHODS_OUTCOMES and k < last_results:
                section = "methods"
            elif not (section == "results" and heading in _RESULTS_SUBHEADINGS):
                # "RESULTS" then "1. Patient characteristics": who was enrolled, then "2. Liver function" is results again
                resume = section == "results" and CONTENT_HEADINGS.get(heading) == "characteristics"
                # "Patients" then "Response", "Union": any sub-heading after who was enrolled is results again
                any_heading = resume and heading in ("patients", "study population")
                section = CONTENT_HEADINGS.get(heading, heading)
            blocks.append(Block(s, e, "boilerplate", section))
            continue
        if resume and section == "characteristics" and (re.fullmatch(r"\s*\d{1,2}(?:\.\d{1,2})*\.\s+[A-Z][A-Za-z ,/&-]{2,50}", body)
                                                        or any_heading and re.fullmatch(r"\s*[A-Z][A-Za-z ,/&-]{2,50}", body)
                                                        or _OUTCOME_SUBHEADING.fullmatch(body)):
            # "Baseline characteristics" then "Primary outcome", "Secondary outcomes": results again
            section = "results"
            blocks.append(Block(s, e, "boilerplate", section))
            continue
        inline = _INLINE_HEADING.match(body) or _BARE_HEADING.match(body)
        if inline and section == "key-points" and inline["h"].strip().lower() in ("question", "findings", "meaning"):
            inline = None  # a box's "Question: ... Findings: ... Meaning: ...": the box restates, its findings are no results
        if inline and CONTENT_HEADINGS.get(inline["h"].strip().lower(), "characteristics") != "characteristics":
            # not "Baseline Characteristics: Age ..." of a registry page, one line of its own (below)
            skipping, section = False, CONTENT_HEADINGS[inline["h"].strip().lower()]
        if _INLINE_NOT_RESULT.match(body) and not skipping:
            blocks.append(Block(s, e, "boilerplate", section))
            continue
        if _INLINE_FUNDING.match(body):  # "Funding: ... (grant 2023/11840-7)": who paid, no result; the text goes on
            blocks.append(Block(s, e, "boilerplate", section))
            continue
        if _INLINE_SKIP.match(body):
            skipping, section = True, "disclosure"
            blocks.append(Block(s, e, "boilerplate", section))
            continue
        if not skipping and section in ("background", "discussion", "methods") and re.match(
                r"(?i:table\s+(?:\d+|(?-i:[IVX]{1,5}))\b[^\n]{0,80}?\b(?:outcomes?|results?|efficacy|end\s?points?|responses?|"
                r"adverse\s+events?)\b)", body) and not re.search(r"(?i:\b(?:baseline|characteristics|demographic)\b)", body):
            section = "results"  # "Table 2 Outcomes at week 24 and week 52" where the page's text was cut, "TABLE 3. Secondary
            # End Points" placed among the methods: results
        if skipping and section != "translation" and re.match(r"(?i:table\s+(?:\d+|(?-i:[IVX]{1,5}))\b)", body):
            # a manuscript's tables after its references: "Table 2. Outcomes at week 48" opens results again
            skipping, section = False, "results"
        if skipping:
            kind: BlockKind = "references" if section in REFERENCE_SECTIONS else \
                "translation" if section == "translation" else "boilerplate"
            blocks.append(Block(s, e, kind, section))
            continue
        if _BOILERPLATE.match(body) or _nav_bar(body):
            blocks.append(Block(s, e, "boilerplate", section))
        elif _CITATION.search(body) and re.search(r"\bPMID:\s*\d", body) and not re.match(r"\s*\[?\d{1,3}[.)\]]\s", body):
            # "Ren H, Aziz N, ... Dev Neurorehabil Regen. 2023 Nov;17(6):488-497. doi: ... PMID: ...": the
            # record's own citation (a PubMed page), not an entry of a numbered reference list
            blocks.append(Block(s, e, "citation", section))
        elif _REFERENCE_LINE.match(body) and not re.search(r"\b(?:we|patients?|were|was)\b", body):
            blocks.append(Block(s, e, "references", section))
        elif _CITATION.search(body) and len(body) < 300:
            blocks.append(Block(s, e, "citation", section))
        elif _AFFILIATION.match(body) and not re.search(r"\b(?:we|were|was|patients)\b", body):
            blocks.append(Block(s, e, "affiliation", section))
        else:
            blocks.append(Block(s, e, "content", section))
    return blocks
