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

# "Table 2", "TABLE II" (JBJS), a research letter's one "Table. Visual ..."
CAPTION = re.compile(r"(?i:^\s*table(?:\s+\d+\b|\s+(?-i:[IVX]{1,5})\b|\s*\.\s+[A-Z]|\s*\.\s*$))")  # "Table." cut off by the splitter
_HEAD = re.compile(r"(?i:^\s*(?:outcomes?|variables?|characteristics?|measures?|endpoints?|parameters?|"
                   r"adverse\s+events?|events?)\s*(?:\t.*)?$)")
# a cell that is a value: "44.6 ± 12.3", "25 (83.3)", "−6.3 (−23.6 to 11.0)", "<0.001", "—"
_VALUE = re.compile(r"^\s*(?:[<>≤≥]\s*)?[-−–]?\s*\.?\d[^A-Za-z]*$|^\s*(?:[—–-]|NR|NA|n/a)\s*$")
# an arm's cell in a row may also give a range: "−14 (−22 to −6)" (but a header is counted by plain values)
_CELL_VALUE = re.compile(r"^\s*(?:[<>≤≥]\s*)?[-−–]?\s*\.?\d[^A-Za-z]*(?:\bto\b[^A-Za-z]*)?$|^\s*(?:[—–-]|NR|NA|n/a)\s*$")


_COLUMN = re.compile(r"(?i:\(\s*n\s*=\s*\d+\s*\)|^\s*p(?:\s*-?\s*values?)?\s*$|\b(?:estimate|difference|ratio|95%\s*CI)\b)")
_OTHER_CELL = re.compile(r"(?i:^\s*(?:OR|HR|RR|IRR|MD|difference|[—–-]|NA|NR|n/a)\b|^\s*[<>≤≥]?\s*[-−]?\.?\d)")


def _is_value(line: str) -> bool:
    return bool(_VALUE.match(line))


class CellLines:
    """A text's lines, and a copy of the text of the same length in which a line break may become a tab."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.starts: list[int] = []
        pos = 0
        for line in self.lines:
            self.starts.append(pos)
            pos += len(line) + 1
        self._out = list(text)

    def join(self, a: int, b: int) -> None:
        """Lines a..b become one line, their breaks tabs."""
        for n in range(a, b):
            self._out[self.starts[n] + len(self.lines[n])] = "\t"

    def glue(self, n: int) -> None:
        """Line n and the next become one cell: the break between them a space ("-1.2", "(4.8)")."""
        self._out[self.starts[n] + len(self.lines[n])] = " "

    def text(self) -> str:
        return "".join(self._out)


_RULE = re.compile(r"^[\s|:+-]*$")  # "|---|:---:|", a Markdown table's rule under its header


# a short line of words inside a table, naming the rows under it: "Primary outcome", "Week 48", "Safety outcomes"
_GROUP_LINE = re.compile(r"\s*[A-Za-z][\w ,()/+-]{1,48}")


# a column heading of visits: "Time point", "Visit", "Follow-up"
TIME_HEAD = re.compile(r"(?i:^\s*(?:time\s*points?|timepoints?|visits?|time|follow-?up)\s*$)")


def pipe_cells(text: str) -> str:
    """`text` with each table written with "|" between cells ("Outcome | MSC (n = 36) | Control (n = 36) | p
    value") given tabs there instead, one character for one, so the tab-row reader reads it. Only a block of
    lines that each hold two bars or more and that opens with a table header line is touched."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and (lines[j].count("|") >= 2 or j > i and _GROUP_LINE.fullmatch(lines[j])
                                  and j + 1 < len(lines) and lines[j + 1].count("|") >= 2):
            j += 1  # "Secondary outcomes" between the rows: a label line of the same table
        if j == i:
            out.append(lines[i])
            i += 1
            continue
        block = lines[i:j]
        heads = block[0].strip().strip("|").split("|")
        # "Score | Time point | BMAC + debridement (n = 28) | ...": a table of scores, each row's visit in a column
        if _HEAD.match(heads[0] + "\t") or len(heads) >= 4 and TIME_HEAD.match(heads[1]):
            for line in block:
                if _RULE.match(line):
                    out.append(" " * len(line))
                    continue
                bare = line.strip()
                lead = line.index(bare[0]) if bare else 0
                chars = list(line)
                for k, c in enumerate(chars):
                    if c == "|":
                        edge = k == lead or k == lead + len(bare) - 1
                        chars[k] = " " if edge else "\t"
                out.append("".join(chars))
        else:
            out += block
        i = j
    return "\n".join(out)


# the first line of a space-aligned table: a heading cell, then one or more columns apart by runs of spaces
_ALIGNED_HEAD = re.compile(r"(?i:^\s*(?:outcomes?|variables?|characteristics?|measures?|endpoints?|parameters?|"
                           r"adverse\s+events?|events?|time\s*points?|visits?|timepoints?)\b[^\t]*?(?: {2,}\S.*){1,}$)")
_GAP = re.compile(r"(?<=\S) {2,}(?=\S)")
# "                 Baseline      1 month       6 months      p*": a header over the rows' labels, its corner blank
_BLANK_CORNER = re.compile(r"^ {8,}\S+(?: \S+)*(?: {2,}\S+(?: \S+)*)+\s*$")


# a table whose cells a PDF copy parted by one space: "Outcome UC-MSC (n = 36) Placebo (n = 36) Difference (95% CI) p"
_SPACED_HEAD = re.compile(r"(?i:^\s*(?P<head>outcomes?|variables?|characteristics?|measures?|endpoints?|parameters?)\s+\S)")
_SPACED_CELL = (r"[-−–]?\d+(?:[.,·]\d+)?\s?±\s?\d+(?:[.,·]\d+)?[†‡§¶*]*|"  # "21.5 ± 4.1"
                r"(?:[<>≤≥]\s?)?[-−–]?\d+(?:[.,·]\d+)?%?(?:\s\((?:[^()]|\([^()]*\))*\))?[†‡§¶*]*|[–—-]|NR|NA|n/a|"
                r"[<>≤≥]?\s?\.\d+[†‡§¶*]*")
_SPACED_CELLS = re.compile(_SPACED_CELL)


def _spaced_columns(header: str) -> list[tuple[int, int]] | None:
    """The cells of a one-space table header: the heading word, then each column ending at its ")" or a last "p"."""
    m = _SPACED_HEAD.match(header)
    if not m or len(re.findall(r"\(\s*n\s*=\s*\d+\s*\)", header)) < 1:
        return None
    cuts = [m.end("head")]
    cuts += [k + 1 for k in range(m.end("head"), len(header)) if header[k] == ")" and k + 1 < len(header) and header[k + 1] == " "]
    if last := re.search(r" (?=(?:p|P)(?:\s*-?\s*value)?\s*$)", header):
        cuts.append(last.start())
    cuts = sorted(set(cuts))
    if len(cuts) < 2:
        return None
    bounds = [(0, cuts[0])] + [(a + 1, b) for a, b in zip(cuts, cuts[1:])] + [(cuts[-1] + 1, len(header))]
    return [(a, b) for a, b in bounds if header[a:b].strip()]


def spaced_cells(text: str) -> str:
    """`text` with each table whose cells a PDF copy parted by single spaces (under its "Table 2." caption, a
    header with "(n = 36)" columns) given tabs between its cells, one character for one: a row is its label
    then as many value cells as the header has columns ("MoCA change, week 24 2.1 (2.6) 0.6 (2.4) 1.5 (0.3 to
    2.7) 0.012")."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        if not CAPTION.match(lines[i]) or "\t" in lines[i]:
            i += 1
            continue
        head = next((j for j in range(i + 1, min(i + 3, len(lines))) if "\t" not in lines[j]
                     and _spaced_columns(lines[j])), None)
        if head is None:
            i += 1
            continue
        cols = _spaced_columns(lines[head])
        assert cols is not None
        row = re.compile(rf"^(?P<label>.*?[A-Za-z%)].*?)(?P<cells>(?: (?:{_SPACED_CELL})){{{len(cols) - 1}}})\s*$")
        j = head + 1
        rows: list[tuple[int, re.Match[str]]] = []
        while j < len(lines) and lines[j].strip() and "\t" not in lines[j] and (m := row.match(lines[j])):
            rows.append((j, m))
            j += 1
        if not rows:  # a header whose rows are not one-space cells: left as it is
            i = head + 1
            continue
        chars = list(lines[head])
        for a, _ in cols[1:]:
            chars[a - 1] = "\t"
        lines[head] = "".join(chars)
        for k, m in rows:
            chars = list(lines[k])
            chars[m.end("label")] = "\t"
            base = m.start("cells") + 1
            for c in list(_SPACED_CELLS.finditer(m["cells"][1:]))[1:]:
                chars[base + c.start() - 1] = "\t"
            lines[k] = "".join(chars)
        i = j
    return "\n".join(lines)


def _merged_header(top: str, under: str) -> str:
    """Two lines of a space-aligned header as one: each cell of the lower line joins the upper cell it sits under
    (their columns overlap), or stands as a column of its own; cells apart by runs of spaces, as before."""
    cells = [[m.start(), m.end(), m.group()] for m in re.finditer(r"\S+(?: \S+)*", top)]
    for m in re.finditer(r"\S+(?: \S+)*", under):
        above = next((c for c in cells if c[0] < m.end() + 2 and m.start() < c[1] + 2), None)
        if above is not None:
            above[2] = f"{above[2]} {m.group()}"
            above[1] = max(above[1], m.end())
        else:
            cells.append([m.start(), m.end(), m.group()])
    cells.sort()
    line = " " * cells[0][0] if cells else ""
    for c in cells:
        line = line + ("  " if line.strip() else "") + c[2]
    return line


def aligned_cells(text: str) -> str:
    """`text` with each space-aligned table (a fixed-width table in a full-text capture, under its "Table 2."
    caption) given a tab where each run of two or more spaces parts its cells, one character for one; the
    rule lines ("-----") become spaces. Only lines from a table heading line to the next blank line."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        out.append(lines[i])
        if not CAPTION.match(lines[i]):
            i += 1
            continue
        head = next((j for j in range(i + 1, min(i + 4, len(lines))) if (_ALIGNED_HEAD.match(lines[j])
                     or _BLANK_CORNER.match(lines[j])) and "\t" not in lines[j]), None)
        if head is None:
            i += 1
            continue
        corner = bool(_BLANK_CORNER.match(lines[head]))
        out += lines[i + 1:head]
        if corner and head + 1 < len(lines) and _BLANK_CORNER.match(lines[head + 1]) and \
                len(merged := _merged_header(lines[head], lines[head + 1])) <= len(lines[head]) + 1 + len(lines[head + 1]):
            # "   MSC        RFA        Difference" over "   (n = 30)   (n = 30)   (95% CI)   P": one header, as long
            # as the two lines and their line break (the text's offsets stay)
            lines = [*lines[:head], merged.ljust(len(lines[head]) + 1 + len(lines[head + 1])), *lines[head + 2:]]
        j = head
        while j < len(lines) and lines[j].strip() and "\t" not in lines[j]:
            line = lines[j]
            if corner:  # the blank corner cell (and a header's "(n=20)" line under it) opens with a tab; not a row
                # label indented under its measure ("  Baseline      6.8 (1.2)")
                line = re.sub(r"^ {8,}(?=\S)", lambda m: "\t" + " " * (len(m.group()) - 1), line)
            if re.fullmatch(r"[\s=_─━-]+", line):
                out.append(" " * len(line))
            elif _GAP.search(line.strip()):
                out.append(_GAP.sub(lambda m: "\t" + " " * (len(m.group()) - 1), line))
            else:
                out.append(line)
            j += 1
        i = j
    return "\n".join(out)


def join_cell_lines(text: str) -> str:
    """`text` with each one-cell-per-line table joined into one line per row (tabs for line breaks), each
    "|"-separated table given tabs between its cells (`pipe_cells`) and each space-aligned one too
    (`aligned_cells`)."""
    cells = CellLines(spaced_cells(aligned_cells(pipe_cells(text))))
    lines = cells.lines
    i = 0
    while i < len(lines):
        if not CAPTION.match(lines[i]):
            i += 1
            continue
        head = next((j for j in range(i, min(i + 4, len(lines))) if _HEAD.match(lines[j])), None)
        if head is None:
            i += 1
            continue
        if "\t" in lines[head]:
            _join_continued(cells, head)
            i = head + 1  # a page copied without blank lines: the next caption may follow at once
            continue
        end = head + 1
        while end < len(lines) and lines[end].strip():
            end += 1
        body = lines[head + 1:end]
        first = next((k for k, line in enumerate(body) if _is_value(line)), None)
        if first is None:
            i = end
            continue
        values = 0
        while first + values < len(body) and _is_value(body[first + values]):
            values += 1
        header = body[:values]
        if values < 2 or len(header) < values or any(_is_value(c) for c in header):
            i = end
            continue
        # "Effect estimate (95% CI)", "P value": further columns, whose cells need not be numbers ("OR 3.90 (...)")
        width = values
        while width < first and _COLUMN.search(body[width]):
            width += 1
        rows: list[tuple[int, int]] = [(head, head + width)]  # line spans to join: header, then each row
        k = head + 1 + width
        stray = 0  # lines since the last row: a label over the rows below it is one, prose after the table more
        while k < end and stray <= 2 and not CAPTION.match(lines[k]):
            if not _is_value(lines[k]) and k + width < end and all(_CELL_VALUE.match(lines[k + 1 + n]) for n in range(values)) \
                    and all(_CELL_VALUE.match(lines[k + 1 + n]) or _OTHER_CELL.match(lines[k + 1 + n]) for n in range(values, width)):
                rows.append((k, k + width))
                k += width + 1
                stray = 0
            else:
                k += 1
                stray += 1
        for a, b in rows:
            cells.join(a, b)
        i = k - stray  # the lines after the last row are read again: a caption may be among them
    return cells.text()


def _join_continued(cells: CellLines, head: int) -> int:
    """A table whose rows are tab-separated but whose last cells ("Effect estimate (95% CI)", "P value"; then
    "OR 3.90 (1.31–11.59)", ".014") were copied onto lines of their own: each row joined to its full width.
    Returns the line after the table."""
    lines = cells.lines
    width = len(lines[head].split("\t"))
    k = head + 1
    # only column headings continue the header: "NIH-CPSI total score, mean (SD)" is a label over the rows below it
    while k < len(lines) and lines[k].strip() and "\t" not in lines[k] and not _is_value(lines[k]) \
            and _COLUMN.search(lines[k]):
        width += 1
        k += 1
    end = k
    while end < len(lines) and lines[end].strip():
        end += 1
    if k == head + 1:
        return end  # every row already whole
    cells.join(head, k - 1)
    while k < end:
        if "\t" not in lines[k]:
            k += 1
            continue
        count, row = len(lines[k].split("\t")), k
        while count < width and row + 1 < end and "\t" not in lines[row + 1]:
            row += 1
            count += 1
        if count == width:
            cells.join(k, row)
        k = row + 1
    return end
