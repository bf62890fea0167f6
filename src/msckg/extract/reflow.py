"""Text copied from a PDF, its lines joined back into paragraphs, one character for one.

Why: a PDF gives its text as the lines of its columns ("... vascular cognitive im-" / "pairment.1,2
Its imaging ..."), with running headers, footers and figure captions dropped into the middle of a
sentence at each page break. Sentences are read within lines, so a wrapped sentence would be read
in pieces and its numbers lost. Here a line break inside a paragraph becomes a space, a word broken
by a hyphen at a line's end is put together again ("pneu-" / "monia" is "pneumonia", "moderate-" /
"to-severe" keeps its hyphen), and page furniture (lines that repeat on every page, page numbers,
a caption splitting a sentence) is blanked. The text keeps its length and every line its place, so
offsets into the source still hold; a word put together moves at most a few characters left.
"""

from __future__ import annotations

import re
from collections import Counter
from statistics import median

from msckg.extract.sections import heading_of

_END = re.compile(r"[.!?:]['\"”’)]*$")
_NUMBERED_HEAD = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\s*\|\s*\S|\d{1,2}(?:\.\d{1,2})*\.?\s+[A-Z][A-Z\s,&-]+$)")
_INLINE_HEAD = re.compile(r"^\s*[A-Z][A-Za-z ,/&-]{2,40}:\s")
_CAPTION = re.compile(r"^\s*(?:Figure|Fig\.?|Supplementary\s+Figure)\s*S?\d+[A-Za-z]?\s*[.:|]")
_TABLE_CAPTION = re.compile(r"^\s*Table\s+S?\d+\b")
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.I)
_FOOTER = re.compile(r"(?i:\S\s{4,}\S.*(?:©|\bdoi\b|https?://|www\.|\b(?:19|20)\d{2}\s*;\s*\d+)|^\s*(?:https?://)?(?:dx\.)?doi\.org/\S+\s*$"
                     r"|^\s*doi:\s*\S+\s*$)")
_JOIN_WORD = re.compile(r"(?i:\b(?:the|a|an|of|in|to|and|or|with|by|for|at|from|than|was|were|is|are|as|on|vs\.?|versus|"
                        r"between|among|after|before|during|per|into|that|which|whose|its|their|this|these)$)")
# a hyphen at a line's end that belongs to the word ("placebo-" / "controlled", "moderate-" / "to-severe")
_KEEP_HYPHEN = {"to", "and", "or", "in", "up", "on", "off", "term", "based", "related", "derived", "like", "free",
                "dependent", "specific", "induced", "associated", "treated", "blind", "blinded", "controlled",
                "label", "risk", "time", "dose", "day", "week", "month", "year", "point", "fold", "group", "arm",
                "matched", "adjusted", "centre", "center", "site", "stage", "grade", "type", "scale",
                "item", "cell", "cells", "positive", "negative", "mediated", "onset", "year-old"}


def _is_prose(line: str) -> bool:
    return len(line.strip()) >= 25 and len(line.split()) >= 4 and "\t" not in line


def is_hard_wrapped(text: str) -> bool:
    """Many lines of prose broken inside a sentence: the line ends mid-sentence and the next goes on in lower case."""
    lines = text.split("\n")
    prose = [k for k, line in enumerate(lines) if _is_prose(line)]
    broken = sum(1 for k in prose if k + 1 < len(lines) and not _END.search(lines[k].rstrip())
                 and re.match(r"\s*[a-z(]", lines[k + 1]))
    return broken >= 8 and broken >= 0.25 * len(prose)


def _furniture(lines: list[str]) -> set[int]:
    """Running headers and footers (a line that comes back on other pages, digits aside), page numbers, footers."""
    shape = Counter(re.sub(r"\d+", "#", line.strip()) for line in lines if line.strip())
    out = set()
    for k, line in enumerate(lines):
        body = line.strip()
        if not body or heading_of(body) is not None:
            continue
        repeated = (shape[re.sub(r"\d+", "#", body)] >= 2 and len(body) <= 120 and not _is_sentence(body)
                    and re.search(r"[A-Za-z]{2}", body) and not _row_like(body) and "(" not in body)
        if repeated or _FOOTER.search(body):
            out.add(k)
    for k, line in enumerate(lines):  # "103" beside a running header or at a page's edge, not a table's cell
        near = [m for m in (k - 1, k + 1) if 0 <= m < len(lines)]
        if _PAGE_NUMBER.match(line) and any(m in out or not lines[m].strip() for m in near):
            out.add(k)
    return out


def _table_rows(lines: list[str]) -> set[int]:
    """The lines of a table copied from a PDF (its caption, header and rows), which are never joined."""
    out: set[int] = set()
    k = 0
    while k < len(lines):
        if not _TABLE_CAPTION.match(lines[k]):
            k += 1
            continue
        out.add(k)
        k += 1
        # a space-aligned line ("     Baseline      3 months      6 months") is a header or row of its own too
        while k < len(lines) and lines[k].strip() and (_row_like(lines[k]) or re.search(r"\(\s*n\s*=\s*\d+\s*\)", lines[k])
                                                       or re.search(r"\S {3,}\S.*\S {3,}\S", lines[k])
                                                       or re.match(r"(?i:\s*(?:outcomes?|variables?|characteristics?|"
                                                                   r"measures?|endpoints?|parameters?)\b)", lines[k])):
            out.add(k)
            k += 1
    return out


def _row_like(line: str) -> bool:
    """Mostly numbers: "MoCA change, week 24 2.1 (2.6) 0.6 (2.4) 1.5 (0.3 to 2.7) 0.012"."""
    tokens = line.split()
    numeric = [t for t in tokens if re.search(r"\d", t) and not re.search(r"[A-Za-z]{2}", t)]
    return len(numeric) >= 3 and len(numeric) >= 0.45 * len(tokens)


def _is_sentence(body: str) -> bool:
    return bool(re.search(r"[a-z]{3,}.*\s.*[a-z]{3,}", body) and _END.search(body) and len(body.split()) >= 6)


def _heading(line: str) -> bool:
    body = line.strip()
    return heading_of(body) is not None or bool(_NUMBERED_HEAD.match(body)) or (
        body.isupper() and len(body.split()) <= 6)


def reflow(text: str) -> str:
    """`text` with the paragraphs of a hard-wrapped capture joined again (same length); other text as it is."""
    if not is_hard_wrapped(text):
        return text
    lines = text.split("\n")
    blank = _furniture(lines)
    table = _table_rows(lines)
    width = median([len(line.strip()) for line in lines if _is_prose(line)] or [60])
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    chars = list(text)
    for k in blank:
        for i in range(starts[k], starts[k] + len(lines[k])):
            chars[i] = " "
    first_body = next((k for k, line in enumerate(lines) if (h := heading_of(line.strip())) is not None
                       and h not in ("keywords",) or _INLINE_HEAD.match(line) and heading_of(line.split(":")[0].strip())),
                      len(lines))
    k = 0
    while k < len(lines):
        a = lines[k]
        body_seen = k >= first_body
        if not a.strip() or k in blank or k in table or _heading(a) or "\t" in a or len(a.strip()) < 0.6 * width:
            k += 1
            continue
        # the next line that is not furniture; a caption that splits a sentence is furniture too
        j = k + 1
        skipped: list[int] = []
        while j < len(lines) and (j in blank or (_CAPTION.match(lines[j]) and not _END.search(a.rstrip()))):
            if j not in blank:  # "Figure 2. Mean change ... versus placebo." over one line or more
                end = j
                while end < len(lines) and not _END.search(lines[end].rstrip()) and end - j < 6:
                    end += 1
                for m in range(j, min(end, len(lines) - 1) + 1):
                    blank.add(m)
                    for i in range(starts[m], starts[m] + len(lines[m])):
                        chars[i] = " "
            skipped.append(j)
            j += 1
        if j >= len(lines):
            break
        b = lines[j]
        if not b.strip() or j in table or _heading(b) or "\t" in b or _CAPTION.match(b) or _TABLE_CAPTION.match(b) or _INLINE_HEAD.match(b):
            k = j
            continue
        tail = a.rstrip()
        if not body_seen:  # the title, authors and affiliations: only a title going on in lower case
            joins = not _END.search(tail) and bool(re.match(r"\s*[a-z]", b))
        else:
            joins = not _END.search(tail) and not (b.strip().isupper() and len(b.split()) <= 8)
        if not joins:
            k = j
            continue
        _join(chars, starts[k] + len(tail), starts[j], b)
        k = j
    return "".join(chars)


def _join(chars: list[str], a_end: int, b_start: int, b: str) -> None:
    """Make the gap from the end of line A to the start of line B one run of spaces, and a word broken by a hyphen
    at A's end whole again by moving B's first word left over the hyphen."""
    for i in range(a_end, b_start):
        chars[i] = " "
    lead = len(b) - len(b.lstrip())
    first = re.match(r"[a-z][a-z'’]*", b[lead:])
    hyphen = a_end - 1
    if chars[hyphen] != "-" or first is None or not re.match(r"[A-Za-z]", chars[hyphen - 1]):
        return
    word = first.group()
    keep = word.lower() in _KEEP_HYPHEN or bool(re.match(r"[a-z]+-", b[lead:])) and b[lead:].split("-")[0] in _KEEP_HYPHEN
    word = b[lead:].split()[0]  # "pairment.1,2" moves whole: its stop and reference numbers with it
    begin, target = b_start + lead, hyphen + 1 if keep else hyphen
    moved = chars[begin:begin + len(word)]
    for i in range(begin, begin + len(word)):
        chars[i] = " "
    chars[target:target + len(word)] = moved
