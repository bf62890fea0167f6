"""Tables copied from a web page one cell per line, put back one row per line.

A journal page copied as text often gives each table cell its own line::

    Outcome
    MSC-allograft (n = 30)
    Autograft (n = 29)
    p value
    Oswestry Disability Index (0–100)
    Baseline
    44.6 ± 12.3
    46.1 ± 13.0
    0.64

Read line by line, the values lose their columns. `join_cell_lines` replaces the line breaks inside each
header and each row with tabs, one character for one, so every offset into the text still points at the
same character and the evidence of a fact stays exact. A label line followed by another label line (a
measure with its timepoints below it) is left on its own line: it names the rows under it.
"""

from __future__ import annotations

import re

_CAPTION = re.compile(r"(?i:^\s*table\s+\d+\b)")
_HEAD = re.compile(r"(?i:^\s*(?:outcomes?|variables?|characteristics?|measures?|endpoints?|parameters?)\s*$)")
# a cell that is a value: "44.6 ± 12.3", "25 (83.3)", "−6.3 (−23.6 to 11.0)", "<0.001", "—"
_VALUE = re.compile(r"^\s*(?:[<>≤≥]\s*)?[-−–]?\s*\.?\d[^A-Za-z]*$|^\s*(?:[—–-]|NR|NA|n/a)\s*$")


def _is_value(line: str) -> bool:
    return bool(_VALUE.match(line))


def join_cell_lines(text: str) -> str:
    """`text` with each one-cell-per-line table joined into one line per row (tabs for line breaks)."""
    lines = text.split("\n")
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    out = list(text)
    i = 0
    while i < len(lines):
        if not _CAPTION.match(lines[i]):
            i += 1
            continue
        head = next((j for j in range(i, min(i + 4, len(lines))) if _HEAD.match(lines[j])), None)
        if head is None or "\t" in lines[head]:
            i += 1
            continue
        end = head + 1
        while end < len(lines) and lines[end].strip():
            end += 1
        body = lines[head + 1:end]
        first = next((k for k, line in enumerate(body) if _is_value(line)), None)
        if first is None:
            i = end
            continue
        width = 0
        while first + width < len(body) and _is_value(body[first + width]):
            width += 1
        header = body[:width]
        if width < 2 or len(header) < width or any(_is_value(c) for c in header):
            i = end
            continue
        rows: list[tuple[int, int]] = [(head, head + width)]  # line spans to join: header, then each row
        k = head + 1 + width
        while k < end:
            if not _is_value(lines[k]) and k + width < end and all(_is_value(lines[k + 1 + n]) for n in range(width)):
                rows.append((k, k + width))
                k += width + 1
            else:
                k += 1
        for a, b in rows:
            for n in range(a, b):
                out[starts[n] + len(lines[n])] = "\t"  # the line break after line n
        i = end
    return "".join(out)
