"""Markdown markup blanked in place, one space for one character, so offsets into the source hold.

Why: a study report converted from a word processor, or copied from a wiki or a repository, comes
as Markdown ("## Efficacy Results", "**Primary endpoint:** The mean change ...", "- TEAEs were
reported in 15/20 (75.0%)", "FVC \\<70%"). The marks are not words: left in, a heading is not
known as one, a bullet's dash reads as a minus or as part of a measure's name, and a bold label
hides the sentence's start. Tables written with bars are read by `tables.pipe_cells`.
"""

from __future__ import annotations

import re

_HEADING = re.compile(r"(?m:^[ \t]{0,3}(#{1,6})[ \t]+(?=\S))")
_CLOSING_HASHES = re.compile(r"(?m:[ \t]+#+[ \t]*$)")
_BULLET = re.compile(r"(?m:^[ \t]*([-*+])[ \t]+(?=[A-Za-z(\"'“]))")
# a bullet of any capture (a slide, an e-poster, a PDF): never a number's sign
_ROUND_BULLET = re.compile(r"(?m:^[ \t]*([•▪●◦■□➢►])[ \t]*(?=\S))")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])")
_ESCAPE = re.compile(r"\\(?=[<>*_#\[\]()`|+\-.!~])")
_TAGGED = re.compile(r"(?m:^[A-Z][A-Z0-9]{1,3}[ \t]{0,3}-[ \t])")
_TEXT_TAG = re.compile(r"(?m:^(?:TI|T1|AB|N2)[ \t]{0,3}-[ \t])")  # the tags whose lines are words to read, not metadata
_MARKDOWN = re.compile(r"(?m:^[ \t]{0,3}#{1,6}[ \t]+\S|\*\*\S[^*\n]*\*\*|^\s*\|.*\|\s*$)")


def looks_like_markdown(text: str) -> bool:
    """Two Markdown marks or more: headings with #, bold labels, bar tables."""
    return len(_MARKDOWN.findall(text)) >= 2


def blank_markup(text: str) -> str:
    """`text` with round bullets, a tagged export's title and abstract tags, and Markdown's marks when it is
    Markdown, replaced by spaces (same length)."""
    chars = list(text)

    def blank(a: int, b: int) -> None:
        for k in range(a, b):
            if chars[k] not in "\r\n":
                chars[k] = " "

    for m in _ROUND_BULLET.finditer(text):
        blank(m.start(1), m.end(1))
    # "with placebo¹", "(mITT)²": a footnote's mark after a word, not the square of a unit ("kg/m²", "10⁶")
    for m in re.finditer(r"(?:(?<=[A-Za-ln-z])|(?<=[)%]))[⁰¹²³⁴⁵⁶⁷⁸⁹]+", text):
        blank(m.start(), m.end())
    # a reference manager's RIS or a MEDLINE export: "TI  - " and "AB  - " before the title and the abstract
    # (not a MEDLINE record's, whose lines wrap under six spaces: those are read with their tags)
    if len(_TAGGED.findall(text)) >= 4 and not re.search(r"(?m:^[A-Z][A-Z0-9]{1,3}[ \t]{0,3}-[ \t][^\n]*\n {6}\S)", text):
        for m in _TEXT_TAG.finditer(text):
            blank(m.start(), m.end())
    if not looks_like_markdown(text):
        return "".join(chars)
    for m in _HEADING.finditer(text):
        blank(m.start(1), m.end(1))
    for m in _CLOSING_HASHES.finditer(text):
        blank(m.start(), m.end())
    for m in _BULLET.finditer(text):
        blank(m.start(1), m.end(1))
    for m in _STRONG.finditer(text):
        blank(m.start(1), m.end(1))
        blank(m.end(2), m.end())
    for m in _EMPHASIS.finditer(text):
        blank(m.start(), m.start() + 1)
        blank(m.end() - 1, m.end())
    for m in _ESCAPE.finditer(text):
        blank(m.start(), m.end())
    return "".join(chars)
