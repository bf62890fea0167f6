"""Registration ids, DOI, PMID and the citation line of a capture.

Read from every block except reference lists and translations: a journal page states its own
DOI in boilerplate ("DOI: https://doi.org/...") while its reference list holds dozens of others.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from msckg.ctgov.textparse import parse_date
from msckg.extract.sections import Block

NCT = re.compile(r"\bNCT\d{8}\b")
# "DOI：10.9999/..." and "PMID：4999..." with a full-width colon on a Chinese mirror page
# "DOI 10.9999/..." with no colon under a journal page's header; a MEDLINE export's "LID - 10.9999/... [doi]",
# a RIS record's "DO  - 10.9999/..." (Web of Science's "DI ")
DOI = re.compile(r"(?i:\bdoi[:：]?\s*|https?://(?:dx\.)?doi\.org/|^(?:LID|AID)\s*-\s*(?=10\.\d{4,9}/\S+\s+\[doi\])|^(?:DO|DI)\s{0,3}-\s+"
                 r"|^DI[ \t]+(?=10\.))"  # a Web of Science plain-text record's "DI 10.9999/..."
                 r"(?P<doi>10\.\d{4,9}/[^\s\"<>]+)", re.MULTILINE)
# "PMID- 49999096": a MEDLINE export's first line
# an Ovid MEDLINE record's "Unique Identifier" field, its value on the next line
PMID = re.compile(r"\bPMID[:：-]?\s*(?P<pmid>\d{1,9})\b|\bPubMed(?:\s+ID)?[:：]\s*(?P<pm2>\d{6,9})\b"  # "PubMed: 49999040"
                  r"|(?m:^[ \t]*Unique Identifier[ \t]*\n[ \t]*(?P<pm3>\d{6,9})[ \t]*$)"
                  # a RIS record exported from PubMed: its accession number "AN  - 49999137" is the PMID
                  r"|(?m:^AN[ \t]{0,3}-[ \t]+(?P<pm4>\d{6,9})[ \t\r]*$)")
# a Web of Science plain-text record ("PT J", "UT WOS:...") gives the PubMed id in its "PM 49999172" field
_WOS_RECORD = re.compile(r"(?m:^(?:PT [JBSP]\b|UT WOS:))")
_WOS_PMID = re.compile(r"(?m:^PM[ \t]+(?P<pm>\d{6,9})[ \t\r]*$)")
REGISTERED = re.compile(r"(?i:\bregistered\s+(?:on\s+)?)(?P<date>[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2})")
RETRO = re.compile(r"(?i:\b(?P<how>retrospectively|prospectively)\s+registered\b)")
CITATION = re.compile(
    r"^(?P<journal>[A-Z][A-Za-z .&()-]+?)\.\s+(?P<year>(?:19|20)\d{2})(?:\s+[A-Z][a-z]{2})?;\s*(?P<vol>\d+)"
    r"(?:\((?P<issue>[^)]+)\))?:\s*(?P<pages>[\w-]+)")
EPUB = re.compile(r"\bEpub\s+(?P<y>\d{4})\s+(?P<m>[A-Z][a-z]{2})\s+(?P<d>\d{1,2})\b")


@dataclass(frozen=True)
class Found:
    """A value and where it was read: `source[start:end]` is the line or sentence quoted."""

    value: object
    start: int
    end: int


def _blocks(blocks: list[Block], kinds: tuple[str, ...]) -> list[Block]:
    return [b for b in blocks if b.kind in kinds]


def registrations(source: str, blocks: list[Block]) -> dict[str, Found]:
    """NCT ids, first place each is stated (content before boilerplate)."""
    out: dict[str, Found] = {}
    # an abstract given again in another language may be the only place the id is stated ("Registro do ensaio
    # clínico: ClinicalTrials.gov NCT...")
    for block in _blocks(blocks, ("content", "citation")) + _blocks(blocks, ("boilerplate", "translation")):
        for m in NCT.finditer(source, block.start, block.end):
            out.setdefault(m.group(), Found(m.group(), block.start, block.end))
    return out


def registration_details(source: str, blocks: list[Block]) -> tuple[Found | None, Found | None]:
    """The registration date and whether it was retrospective, when stated."""
    date = retro = None
    for block in _blocks(blocks, ("content",)):
        text = source[block.start:block.end]
        if date is None and (m := REGISTERED.search(text)):
            parsed = parse_date(m["date"].replace(".", ""))
            if parsed and parsed.kind == "date":
                date = Found(parsed.value, block.start + m.start(), block.start + m.end())
        if retro is None and (m := RETRO.search(text)):
            retro = Found(m["how"].lower() == "retrospectively", block.start + m.start(), block.start + m.end())
    return date, retro


# a registry record's own DOI ("https://doi.org/10.1186/ISRCTN12345678"): the record's, not a publication's
_RECORD_DOI = re.compile(r"(?i:ISRCTN\d|NCT\d{8}|ChiCTR|EudraCT|DRKS\d|ACTRN\d)|jRCT")  # not "j.cnki.jrct.2025..."


def doi(source: str, blocks: list[Block]) -> Found | None:
    """The document's own DOI: from a citation line first, else the most often stated one; never a registry
    record's."""
    for block in _blocks(blocks, ("citation",)):
        for m in DOI.finditer(source, block.start, block.end):
            if not _RECORD_DOI.search(m["doi"]):
                return Found(m["doi"].rstrip(".,;)"), block.start, block.end)
    seen: Counter[str] = Counter()
    first: dict[str, Found] = {}
    # "https://doi.org/10.9999/..." alone on a line under a journal page's title: the article's own, whatever
    # the line was taken for (reference-list entries give a journal and pages around theirs)
    solo = [b for b in blocks if (m := DOI.fullmatch(source[b.start:b.end].strip())) and b.kind != "translation"
            and not _RECORD_DOI.search(m["doi"])]
    if solo:
        m = DOI.search(source, solo[0].start, solo[0].end)
        assert m is not None
        return Found(m["doi"].rstrip(".,;)"), solo[0].start, solo[0].end)
    for block in _blocks(blocks, ("content", "boilerplate")):
        for m in DOI.finditer(source, block.start, block.end):
            if _RECORD_DOI.search(m["doi"]):
                continue
            value = m["doi"].rstrip(".,;)")
            seen[value] += 1
            first.setdefault(value, Found(value, block.start, block.end))
    if seen:
        return first[seen.most_common(1)[0][0]]
    # "中华血液移植杂志 » 2025, Vol. 46 » Issue (4): 289-296   DOI: 10.9999/...": a mirror page's own header line, in the
    # journal's language; a DOI labelled so reads the same in any
    for block in _blocks(blocks, ("translation",)):
        for m in DOI.finditer(source, block.start, block.end):
            if re.match(r"(?i:doi\s*[:：])", m.group(0)) and not _RECORD_DOI.search(m["doi"]):
                return Found(m["doi"].rstrip(".,;)"), block.start, block.end)
    return None


def pmid(source: str, blocks: list[Block]) -> Found | None:
    for block in _blocks(blocks, ("content", "citation", "boilerplate")):
        if m := PMID.search(source, block.start, block.end):
            return Found(m["pmid"] or m["pm2"] or m["pm3"] or m["pm4"], block.start, block.end)
    # the field name and its value are two lines, two blocks
    if (m := PMID.search(source)) is not None and (m["pm3"] or m["pm4"] and re.search(r"(?m:^TY[ \t]{0,3}-)", source)):
        return Found(m["pm3"] or m["pm4"], m.start(), m.end())
    if _WOS_RECORD.search(source) and (m := _WOS_PMID.search(source)) is not None:
        return Found(m["pm"], m.start(), m.end())
    return None


def citation(source: str, blocks: list[Block]) -> tuple[dict[str, object], Found] | None:
    """Journal, year, volume, issue, pages and e-publication date from a PubMed citation line."""
    for block in _blocks(blocks, ("citation",)):
        text = source[block.start:block.end]
        m = CITATION.match(text)
        if not m:
            continue
        fields: dict[str, object] = {"journal": m["journal"].strip(), "year": int(m["year"]), "volume": m["vol"]}
        if m["issue"]:
            fields["issue"] = m["issue"]
        fields["pages"] = m["pages"]
        if e := EPUB.search(text):
            parsed = parse_date(f"{e['m']} {e['d']}, {e['y']}")
            if parsed:
                fields["epub"] = parsed.value
        return fields, Found(fields, block.start, block.end)
    return _tagged_citation(source) or _ovid_source(source)


# an Ovid record's "Source" field: "Scandinavian Journal of Tendon Research. 14(2):88-97, 2025 Mar."
_OVID_SOURCE = re.compile(r"(?m:^[ \t]*Source[ \t]*\n[ \t]*(?P<journal>[A-Z][^.\n]{2,120}?)\.\s+(?P<vol>\d+)(?:\((?P<issue>[^)\n]+)\))?"
                          r":(?P<pages>[\w-]+),\s*(?P<year>(?:19|20)\d{2})\b[^\n]*$)")


def _ovid_source(source: str) -> tuple[dict[str, object], Found] | None:
    if (m := _OVID_SOURCE.search(source)) is None:
        return None
    fields: dict[str, object] = {"journal": m["journal"].strip(), "year": int(m["year"]), "volume": m["vol"]}
    if m["issue"]:
        fields["issue"] = m["issue"]
    fields["pages"] = m["pages"]
    return fields, Found(fields, m.start("journal"), m.end())


# a RIS record's "T2  - Journal", "PY  - 2025", "VL  - 12", "SP  - 101"; a MEDLINE export's "JT  - ", "DP  - 2025 Mar",
# "VI  - ", "IP  - ", "PG  - 101-10"
_TAG_LINE = re.compile(r"(?m:^(?P<tag>T2|JO|JF|JT|PY|Y1|DP|VL|VI|IS|IP|SP|EP|PG)[ \t]{0,3}-[ \t]+(?P<value>\S[^\n\r]*?)[ \t\r]*$)")
_TAG_FIELD = {"T2": "journal", "JO": "journal", "JF": "journal", "JT": "journal", "PY": "year", "Y1": "year", "DP": "year",
              "VL": "volume", "VI": "volume", "IS": "issue", "IP": "issue", "SP": "start", "PG": "pages", "EP": "end"}


def _tagged_citation(source: str) -> tuple[dict[str, object], Found] | None:
    """The citation a reference manager's tagged record gives field by field, first value of each field."""
    found: dict[str, tuple[str, int, int]] = {}
    for m in _TAG_LINE.finditer(source):
        found.setdefault(_TAG_FIELD[m["tag"]], (m["value"], m.start(), m.end()))
    year = re.match(r"((?:19|20)\d{2})\b", found["year"][0]) if "year" in found else None
    if "journal" not in found or year is None:
        return None
    fields: dict[str, object] = {"journal": found["journal"][0], "year": int(year.group(1))}
    for key in ("volume", "issue", "pages"):
        if key in found:
            fields[key] = found[key][0]
    if "pages" not in fields and "start" in found:
        fields["pages"] = found["start"][0] + (f"-{found['end'][0]}" if "end" in found else "")
    spans = [(a, b) for _, a, b in found.values()]
    return fields, Found(fields, min(a for a, _ in spans), max(b for _, b in spans))
