"""Ways of writing numbers that differ by journal and country, put the one way the readers know, in place.

Why: a German or Spanish report writes decimals with a comma ("3,4 points", "p = 0,008", "48,5 %"), the BMJ
writes "v" for versus ("6.6% (SD 0.8%) v 7.1%"), a thesis joins a product's names with an en dash ("MSC–PRP").
Read as they are, "3,4" is a list of two numbers, "v" no comparison and "MSC–PRP group" no arm. Each rewrite keeps the text's length, one character for one, so offsets into the source hold.
"""

from __future__ import annotations

import re

# the BMJ's "6.6% (SD 0.8%) v 7.1% (0.9%)": "v" between two values is "versus"
_V_BETWEEN = re.compile(r"(?<=[\d%)\]]) v(?= [-−–]?\d)")
# "3,4", "0,008", "−2,6", "48,5 %": a decimal comma (one to three decimals after a 0, one or two otherwise)
_DECIMAL_COMMA = re.compile(r"(?<![\d,.])(?:0,\d{1,3}|[1-9]\d{0,3},\d{1,2})(?![\d,])")
# the signs that the commas are decimal commas: a p-value or a percentage written with one
_COMMA_SIGN = re.compile(r"(?i:\bp\s*[=<>≤≥]\s*0,\d|\d,\d\s*%)")


def versus(text: str) -> str:
    """`text` with a bare "v" between two values written "vs" (the space before it taken)."""
    return _V_BETWEEN.sub("vs", text)


def decimal_points(text: str) -> str:
    """`text` with decimal commas written as points, when the document writes its p-values or percentages with
    commas (twice or more) and has more such numbers than numbers with a decimal point."""
    if len(_COMMA_SIGN.findall(text)) < 2:
        return text
    commas = _DECIMAL_COMMA.findall(text)
    points = re.findall(r"(?<![\d.])\d+\.\d+(?![\d.])", text)
    if len(commas) <= len(points):
        return text
    return _DECIMAL_COMMA.sub(lambda m: m.group().replace(",", "."), text)


# "the MSC–PRP group", "PRP–MSCs": an en dash joining a cell product's abbreviation to a word is a hyphen (not
# "grade II–IV", whose dash the curators keep, nor "12–48", a range)
_WORD_DASH = re.compile(r"(?<=[A-Z]SC)[–‐‑](?=[A-Za-z])|(?<=[A-Z]SCs)[–‐‑](?=[A-Za-z])|(?<=[A-Za-z])[–‐‑](?=[A-Z]*SCs?\b)")


def word_dashes(text: str) -> str:
    """`text` with an en dash (or a Unicode hyphen) joining a cell product's abbreviation written as a hyphen."""
    return _WORD_DASH.sub("-", text)


# "1 180 copies per 10(6) cells", "1 046 at week 48": thousands set apart by a (thin) space, as SI style writes them
_SPACED_THOUSANDS = re.compile(r"(?<![\w.,])([1-9]\d{0,2})[ \u2009\u202f\u00a0](\d{3})(?![\d.,]|\s?[-–]\s?\d)")
_UNIT_AFTER = re.compile(r"\s*(?:copies|cells|IU|U/|mg|ng|pg|µ|μ|mu\b|mL|IEQ|/|per\b|m\b|steps|patients|participants)")
# words after which the first number is a count of its own ("week 4 100", "n = 8 120"), not a thousands group
_NOT_GROUP_BEFORE = re.compile(r"(?i:\b(?:weeks?|days?|months?|years?|grade|stage|table|figure|fig\.|n\s*=|cohort|group|arm|"
                               r"visit|phase|type|class|level)\s*$)")


def digit_groups(text: str) -> str:
    """`text` with thousands set apart by a thin or no-break space written with a comma ("1 180" as "1,180"); those
    set apart by a plain space too when the document shows the style on a number with its unit after it."""
    def thin(m: re.Match[str]) -> bool:
        return text[m.end(1)] != " "
    found = list(_SPACED_THOUSANDS.finditer(text))
    plain = any(not thin(m) and _UNIT_AFTER.match(text, m.end()) and not _NOT_GROUP_BEFORE.search(text, 0, m.start())
                for m in found)
    chars = list(text)
    for m in found:
        if (thin(m) or plain) and not _NOT_GROUP_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            chars[m.end(1)] = ","
    return "".join(chars)
