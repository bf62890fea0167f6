"""A ClinicalTrials.gov results view copied as text: outcome tables, statistical analyses, adverse events.

Why a reader of its own: the registry's results view is not prose but a fixed layout of tables
whose columns are the arms ("Arm/Group Title  UC-MSC + Rehabilitation  Rehabilitation Alone"),
one block per outcome (Title, Time Frame, Overall Number of Participants Analyzed, a statistic
header such as "Mean (Standard Deviation)" or "Count of Participants", one row of values), then
its statistical analyses (P-Value, Estimated Value, Confidence Interval) and an adverse-event table
("Total  1/38 (2.63%)  2/38 (5.26%)"). Read by column, every value lands on its arm, measure and
time frame with its n; the prose reader would see a jumble of numbers. Columns are split on tabs or
runs of three or more spaces, as browsers copy them ("8  38.1%" is one cell).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from msckg.extract.endpoints import UNMAPPED, EndpointDraft, Registry, find_instruments
from msckg.extract.outcomes import time_frame_end
from msckg.extract.results import ArmDraft, ResultDraft
from msckg.extract.sentences import Sentence
from msckg.extract.statistics import RELATION, Stat
from msckg.extract.tables import CellLines
from msckg.extract.timepoints import Item

_START = re.compile(r"(?i:^\s*(?:participant\s+flow|baseline\s+characteristics|outcome\s+measures|study\s+results)\s*$)")
_END = re.compile(r"(?i:^\s*(?:limitations\s+and\s+caveats|more\s+information|publications?|abstract)\s*:?\s*$)")
_OUTCOME = re.compile(r"(?i:^\s*(?:\d+\.\s*)?(?P<role>primary|secondary|other(?:\s+pre-?specified)?)\s+outcomes?(?:\s+measures?)?"
                      r"\s*:?\s*(?P<title>.*)$)")
_NUMBERED_TITLE = re.compile(r"^\s*\d{1,2}\.\s+(?P<t>[A-Z][^\t]{10,})$")
_TITLE = re.compile(r"(?i:^\s*title\s*:?\s+(?P<t>.+)$)")
_TIME = re.compile(r"(?i:^\s*time\s+frame\s*:?\s+(?P<t>.+)$)")
_ARMS = re.compile(r"(?i:^\s*arm/group\s+title\b)")
_ANALYZED = re.compile(r"(?i:^\s*overall\s+number\s+of\s+participants\s+analy[sz]ed\b)")
_HEADER = re.compile(r"(?i:^\s*(?:measure\s+type\s*:\s*)?(?P<h>(?:least\s+squares\s+|geometric\s+)?mean|median|"
                     r"count\s+of\s+participants|number)\b(?:\s*\((?P<spread>[^)]*)\))?\s*$)")
_ANALYSIS = re.compile(r"(?i:^\s*statistical\s+analysis\b(?!\s+overview))")
# "Comparison Group Selection  UC-MSC, Placebo", after "Statistical Analysis Overview" on the same line or not
_SELECTION = re.compile(r"(?i:^\s*(?:statistical\s+analysis\s+overview\s*:?\s+)?comparison\s+group\s+selection\s*:?\s+(?P<t>.+)$)")
_P = re.compile(r"(?i:^\s*(?:statistical\s+test\s+of\s+hypothesis\s*:?\s+)?p-?value\s*:?\s+(?P<rel><=|>=|<|>|≤|≥)?\s*(?P<v>\d*\.\d+|[01])\b)")
_ESTIMATE = re.compile(r"(?i:^\s*estimated\s+value\s*:?\s+(?P<v>-?\d+(?:\.\d+)?)\b)")
_PARAMETER = re.compile(r"(?i:(?:estimation\s+parameter|method\s+of\s+estimation)\b.*?\b(?P<what>(?:least\s+squares\s+)?"
                        r"mean\s+difference|median\s+difference|risk\s+difference|(?:odds|hazard|risk|rate)\s+ratio|difference))")
_CI = re.compile(r"(?i:confidence\s+interval\s*:?\s*\(?\s*(?:2|1)-sided\s*\)?\s*(?P<lvl>\d{2}(?:\.\d)?)\s*%\s*:?\s*"
                 r"(?:(?P<lo>-?\d+(?:\.\d+)?)\s+to\s+(?P<hi>-?\d+(?:\.\d+)?))?)")
_RANGE = re.compile(r"^\s*(?P<lo>-?\d+(?:\.\d+)?)\s+to\s+(?P<hi>-?\d+(?:\.\d+)?)\s*$")
_ROW_TIME = re.compile(r"(?i:^\s*(?P<unit>day|week|month|year)\s+(?P<n>\d{1,3})\s*(?:$|(?P<cells>\t| {3,})))")
_DISPERSION = re.compile(r"(?i:^\s*dispersion(?:\s*/\s*precision)?\s*:?\s+(?P<spread>.+)$)")
_AE = re.compile(r"(?i:^\s*adverse\s+events\s*$)")
_AE_SECTION = re.compile(r"(?i:^\s*(?P<s>all-cause\s+mortality|serious\s+adverse\s+events|other\s+\(not\s+including\s+serious\)"
                         r"\s+adverse\s+events)\s*$)")
_FRACTION = re.compile(r"(?P<num>\d+)\s*/\s*(?P<den>\d+)\s*\(\s*(?P<pct>\d+(?:\.\d+)?)\s*%\s*\)")
_MEAN_SPREAD = re.compile(r"^(?P<v>-?\d+(?:\.\d+)?)\s*\(\s*(?P<s>-?\d+(?:\.\d+)?)(?:\s+to\s+(?P<hi>-?\d+(?:\.\d+)?))?\s*\)$")
_COUNT_PCT = re.compile(r"^(?P<n>\d+)\s+\(?\s*(?P<pct>\d+(?:\.\d+)?)\s*%\s*\)?$")  # "9 75.0%", "9 (75.0%)"
# the newer page's field names, each on a line of its own above its value
_FIELD = re.compile(r"(?i:^\s*(?:title|description|time\s+frame|analysis\s+population\s+description|arm/group|"
                    r"overall\s+number|measure\s+type|unit\s+of\s+measure|dispersion|statistical\s+analysis)\b)")
_UNIT_LINE = re.compile(r"(?i:^\s*unit\s+of\s+measure\s*:\s*(?P<u>[^\t\d][^\t]*?)\s*$)")
_CELL_SPLIT = re.compile(r"\t+| {3,}")
_TAB_SPLIT = re.compile(r"\t+")
_PIPE_SPLIT = re.compile(r"\s+\|\s+")
# "Low-Dose AMC-201 — Count of Participants: 7 / 15 (46.7%)", "High-Dose AMC-201: -131.7 (102.5)": one arm's value
# on a line of its own, named by the arm's column title
_ARM_VALUE = re.compile(r"^(?P<col>[^:\t]+?)\s*(?:[—–]\s*[A-Za-z][A-Za-z ]*?)?:\s*(?P<v>[<>≤≥]?\s*-?\d[^\t]*?)\s*$")


@dataclass
class Line:
    start: int
    end: int
    text: str

    def sentence(self) -> Sentence:
        return Sentence(self.start, self.end, self.text, "results", "content")


@dataclass
class _Outcome:
    endpoint: EndpointDraft | None = None
    title: str = ""
    role: str = "other"
    time: Item | None = None
    columns: list[str] = field(default_factory=list)
    analyzed: list[int] = field(default_factory=list)
    header: str = ""
    spread: str = ""
    unit: str = ""
    results: dict[int, ResultDraft] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)  # endpoint ids the page's earlier outcomes hold (shared)


def lines_of(source: str) -> list[Line]:
    """Every line of `source` with its offsets (line breaks left out)."""
    out, pos = [], 0
    for raw in source.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        out.append(Line(pos, pos + len(body), body))
        pos += len(raw)
    return out


def _level(spread: str) -> Decimal:
    """"95% confidence interval" -> 0.95; the registry's default when the header gives none."""
    m = re.search(r"(\d{2}(?:\.\d+)?)\s*%", spread)
    return Decimal(m.group(1)) / 100 if m else Decimal("0.95")


def _glued_spreads(lines: list[Line]) -> list[Line]:
    """"<tab>31.2" then "(22.5 to 47.9)<tab>39.6" then "(27.1 to 62.3)": a cell's spread wrapped onto the next
    line is put back after its value, the line break read as a space (offsets hold)."""
    out: list[Line] = []
    for line in lines:
        last = out[-1] if out else None
        if last is not None and re.search(r"\t\s*-?\d+(?:\.\d+)?\s*$", last.text) and re.match(r"\(\s*-?\d", line.text):
            out[-1] = Line(last.start, line.end, f"{last.text} {line.text}")
        else:
            out.append(line)
    return out


def _cells(line: Line, skip_label: bool) -> list[tuple[int, int, str]]:
    """The line's columns with their offsets in the line; the row label first unless `skip_label`."""
    text = line.text
    if "\t" not in text and _PIPE_SPLIT.search(text):
        return _piped_cells(text, skip_label)
    cells, pos = [], 0
    for m in (_TAB_SPLIT if "\t" in text else _CELL_SPLIT).finditer(text):
        if m.start() > pos:
            cells.append((pos, m.start(), text[pos:m.start()]))
        pos = m.end()
    if pos < len(text):
        cells.append((pos, len(text), text[pos:]))
    cells = [c for c in cells if c[2].strip()]
    return cells[1:] if skip_label and cells else cells


def _piped_cells(text: str, skip_label: bool) -> list[tuple[int, int, str]]:
    """"Arm/Group Title: Low-Dose | High-Dose", "Overall Number of Participants Analyzed: 15 | 15": the cells after
    the label's colon, split on the pipes."""
    colon = text.find(":")
    first = _PIPE_SPLIT.search(text)
    body = colon + 1 if 0 <= colon < (first.start() if first else len(text)) else 0
    cells: list[tuple[int, int, str]] = [] if body == 0 else [(0, colon, text[:colon])]
    pos = body
    for m in [*_PIPE_SPLIT.finditer(text, body), None]:
        end = m.start() if m else len(text)
        raw = text[pos:end]
        lead = len(raw) - len(raw.lstrip())
        cells.append((pos + lead, pos + len(raw.rstrip()), raw.strip()))
        pos = m.end() if m else len(text)
    cells = [c for c in cells if c[2]]
    return cells[1:] if skip_label and body and cells else cells


def arm_of(column: str, arms: list[ArmDraft]) -> ArmDraft:
    """The draft arm a column is: sham/placebo/control words name the comparator, else the arm whose words match."""
    comparator = next((a for a in arms if a.role != "experimental"), None)
    named = [a for a in arms if a.role == "experimental" and a.pattern.search(column)]
    if len(named) == 1:
        return named[0]  # "WJ-MSC High Dose": the level's own arm before any arm of cells
    cells = next((a for a in arms if a.role == "experimental" and (a.pattern.search(column) or re.search(
        r"(?i:[\w-]*MSCs?\b|[\w-]*ASCs?\b|stem\s+cells?|stromal\s+cells?)", column))), None)
    if cells is not None and not re.search(r"(?i:\b(?:sham|placebo)\b)", column):
        return cells  # "UC-MSC + Standard Medical Therapy": the cells, beside the therapy both arms get
    if comparator is not None and (comparator.pattern.search(column) or re.search(
            r"(?i:\b(?:sham|placebo|control|alone|standard|usual|conventional)\b)", column)):
        return comparator
    return next((a for a in arms if a.role == "experimental" and a.pattern.search(column)), arms[0])


def is_results_page(source: str) -> bool:
    return bool(re.search(r"(?im:^\s*arm/group\s+title\b)", source)) and bool(
        re.search(r"(?im:^\s*(?:\d+\.\s*)?(?:primary|secondary)\s+outcome\b|^\s*adverse\s+events\s*$)", source))


_SPREAD_LINE = re.compile(r"^\s*\(\s*-?\d[\d.,]*\s*(?:(?:to|-|–|,)\s*-?\d[\d.,]*\s*)?\)\s*$")
_PCT_LINE = re.compile(r"^\s*\d+(?:\.\d+)?\s*%\s*$")
_LABEL_THEN_VALUE = re.compile(r"(?i:^\s*(?:p-?value|estimated\s+value|estimation\s+parameter|comparison\s+group\s+selection|"
                               r"confidence\s+interval|type\s+of\s+statistical\s+test|method)\s*$)")
_CELL_VALUE = re.compile(r"^\s*(?:[<>≤≥]\s*)?-?\d[\d.,]*(?:\s*/\s*\d+)?(?:\s*%|\s+\d+(?:\.\d+)?\s*%)?"
                         r"(?:\s*\(\s*-?\d[\d.,]*\s*%?(?:\s+to\s+-?\d[\d.,]*)?\s*\))?\s*$|^\s*NA\s*$")
_ARM_LIST_END = re.compile(r"(?i:^\s*(?:arm/group\s+description|overall\s+number|analysis\s+population|measure\s+type|"
                           r"mean|median|count|number|unit\s+of\s+measure|all-cause|serious|other|total)\b|:\s*$)")


def join_registry_cells(source: str) -> str:
    """A results view copied from the newer registry page gives every cell its own line ("Arm/Group Title",
    "BM-MSC", "Placebo", "Overall Number of Participants Analyzed", "40", "40", ...). Put each table row back
    on one line, the line breaks inside a row turned into tabs (one character for one, so offsets hold)."""
    if not is_results_page(source) or re.search(r"(?im:^\s*arm/group\s+title\t)", source):
        return source
    cells = CellLines(source)
    lines, join, glue = cells.lines, cells.join, cells.glue

    width, i = 0, 0
    while i < len(lines):
        text = lines[i].strip()
        if _ARMS.match(text) and text.lower().rstrip(":") == "arm/group title":
            k = i + 1
            while k < len(lines) and lines[k].strip() and not _ARM_LIST_END.match(lines[k].strip()):
                k += 1
            width = k - i - 1
            if width >= 1:
                join(i, k - 1)
            i = k
            continue
        if _ARMS.match(text) and _PIPE_SPLIT.search(text):
            width = len(_piped_cells(text, skip_label=True))  # "Arm/Group Title: Low-Dose | High-Dose"
            i += 1
            continue
        if width and re.fullmatch(r"(?i:arm/group\s+description:?)", text) and i + width < len(lines):
            join(i, i + width)
            i += width + 1
            continue
        if _LABEL_THEN_VALUE.match(text) and i + 1 < len(lines) and lines[i + 1].strip():
            join(i, i + 1)
            i += 2
            continue
        if width and i + 2 * width <= len(lines) and all(
                _CELL_VALUE.match(lines[i + 2 * k]) and _SPREAD_LINE.match(lines[i + 2 * k + 1])
                or re.fullmatch(r"\s*\d+\s*", lines[i + 2 * k]) and _PCT_LINE.match(lines[i + 2 * k + 1]) for k in range(width)):
            # "-1.2", "(4.8)", "-4.6", "(5.3)": each arm's value and its spread, each on a line of its own; so too
            # a count and its percentage ("2", "8.3%", "6", "25.0%")
            for k in range(width):
                glue(i + 2 * k)
                if k + 1 < width:
                    join(i + 2 * k + 1, i + 2 * k + 2)
            i += 2 * width
            continue
        run = 0
        while width and i + 1 + run < len(lines) and run < width and _CELL_VALUE.match(lines[i + 1 + run]):
            run += 1
        if width and run == width and not _CELL_VALUE.match(lines[i]) and text and not re.match(
                r"(?i:unit\s+of\s+measure|measure\s+type)", text) and not _HEADER.match(text):
            join(i, i + width)  # "Total", "0/40 (0.00%)", "0/20 (0.00%)"; "Overall Number ...", "40", "40"
            i += width + 1
            continue
        if width and _CELL_VALUE.match(lines[i]) and i + width - 1 < len(lines) and all(
                _CELL_VALUE.match(lines[i + n]) for n in range(width)) and (i + width >= len(lines) or not _CELL_VALUE.match(lines[i + width])):
            join(i, i + width - 1)  # a row of values alone under "Unit of Measure: ..."
            i += width
            continue
        i += 1
    return cells.text()


def read_results_page(source: str, registry: Registry, arms: list[ArmDraft]) -> tuple[list[ResultDraft], list[tuple[int, int]]]:
    """Results of a registry results view, and the spans it covered (which the prose reader skips)."""
    if not arms or not is_results_page(source):
        return [], []
    source = join_registry_cells(source)
    lines = _glued_spreads(lines_of(source))
    results: list[ResultDraft] = []
    spans: list[tuple[int, int]] = []
    inside, section_start = False, 0
    cur: _Outcome | None = None
    ae: dict[str, object] | None = None
    analysis: dict[str, object] | None = None
    columns: list[str] = []
    pending: str | None = None
    taken: set[str] = set()
    for i, line in enumerate(lines):
        text = line.text.strip()
        if _START.match(text) and not inside:
            inside, section_start = True, line.start
        if inside and _END.match(text):
            spans.append((section_start, line.start))
            inside = False
            cur = ae = analysis = None
            continue
        if not inside or not text:
            continue
        if m := _OUTCOME.match(text):
            cur = _Outcome(role={"primary": "primary", "secondary": "secondary"}.get(m["role"].lower(), "other"), taken=taken)
            cur.title = m["title"].strip()
            ae = analysis = None
            continue
        if cur is not None and pending is None and not cur.title and not cur.columns and not cur.results and "\t" not in text and \
                re.match(r"[A-Z]", text) and not _FIELD.match(text):
            cur.title = text  # the newer page: "1. Primary Outcome", then the title on a line of its own
            continue
        if _AE.match(text):
            ae, cur, analysis = {"label": "adverse events", "time": None}, None, None
            continue
        if cur is not None and (m := _NUMBERED_TITLE.match(text)):
            # "Primary Outcome" then "1. Change From Baseline in ... at Week 24", "2. ..." under "Secondary Outcomes"
            if cur.title or cur.results:
                cur = _Outcome(role=cur.role, taken=taken)
            cur.title = m["t"].strip()
            analysis = None
            continue
        if pending is not None:  # "Title" / "Time Frame" on a line of its own: the value is the next line
            text, line = f"{pending}\n{text}", Line(line.start - len(pending) - 1, line.end, f"{pending}\n{line.text}")
            pending = None
        elif re.fullmatch(r"(?i:title|time\s+frame)", text) and (cur is not None or ae is not None):
            pending = text
            continue
        if m := _TITLE.match(text):
            if cur is not None:
                cur.title = m["t"].strip()
            continue
        if m := _TIME.match(text):
            time = time_frame_end(m["t"], line.start + m.start("t"))
            if cur is not None:
                cur.time = time
            elif ae is not None:
                ae["time"] = time
            continue
        if _ARMS.match(text):
            columns = [c[2].strip() for c in _cells(line, skip_label=True)]
            if cur is not None:
                cur.columns = columns
            continue
        if cur is not None and _ANALYZED.match(text):
            cur.analyzed = [int(c[2]) for c in _cells(line, skip_label=True) if c[2].strip().isdigit()]
            continue
        if cur is not None and (m := _HEADER.match(text)):
            cur.header, cur.spread = m["h"].lower(), (m["spread"] or "").lower()
            continue
        if cur is not None and (m := _UNIT_LINE.match(text)):
            cur.unit = m["u"].lower()  # "Unit of measure: percentage of participants"
            continue
        if cur is not None and (m := _DISPERSION.match(text)):  # "Measure Type: Mean" then "Dispersion: Standard Deviation"
            cur.spread = m["spread"].strip().lower()
            continue
        if ae is not None:
            _ae_line(line, text, ae, columns, arms, registry, results)
            continue
        if cur is None:
            continue
        if _ANALYSIS.match(text):
            analysis = {}
            continue
        if analysis is not None:
            _analysis_line(line, text, lines, i, analysis, cur, arms, results)
            continue
        if cur.header and (m := _ROW_TIME.match(text)):
            # "Week 12" then its values, "Week 26" then its: each row at its own visit
            unit = m["unit"].lower()
            cur.time = Item(line.start + m.start(), line.start + m.end(),
                            f"P{m['n']}{ {'day': 'D', 'week': 'W', 'month': 'M', 'year': 'Y'}[unit]}", text.strip().lower())
            cur.results = {}
            if not m["cells"]:
                continue  # "Week 12" alone: its values are on the next line; "Week 12  38.2 (21.5)  24.6 (17.9)": here
        if cur.header and _arm_value(line, cur, columns, arms, registry, results):
            continue
        if cur.header and not cur.results:
            _values(line, cur, columns, arms, registry, results)
    if inside:
        spans.append((section_start, len(source)))
    return results, spans


def _endpoint(cur: _Outcome, registry: Registry, line: Line) -> EndpointDraft:
    if cur.endpoint is None:
        label = re.sub(r"(?i:^(?:number|count)\s+of\s+participants\s+(?:with\s+)?)", "", cur.title) or cur.title
        hits = find_instruments(label)
        cur.endpoint = registry.add(label, hits[0][2][0] if hits else UNMAPPED, cur.role, line.sentence(), line.start,
                                    line.end, confidence=0.8)
        if cur.endpoint.id in cur.taken:  # "Rate of COPD Exacerbations", "Time to First COPD Exacerbation": two measures
            cur.endpoint = registry.add(label, UNMAPPED, cur.role, line.sentence(), line.start, line.end, confidence=0.8,
                                        fresh=True)
        cur.taken.add(cur.endpoint.id)
    return cur.endpoint


def _values(line: Line, cur: _Outcome, columns: list[str], arms: list[ArmDraft], registry: Registry,
            results: list[ResultDraft]) -> None:
    cells = _cells(line, skip_label=False)
    cols = cur.columns or columns
    if len(cells) == len(cols) + 1 and not re.match(r"\s*-?\d", cells[0][2]):
        cells = cells[1:]  # "Unit of Measure:  percent predicted  2.1 (4.6)  -2.8 (5.1)": the values after the row's label
    if not cells or len(cells) != len(cols) or not all(re.match(r"\s*-?\d", c[2]) for c in cells):
        return
    for k, (a, b, cell) in enumerate(cells):
        _cell_result(k, a, b, cell.strip(), line, cur, cols, arms, registry, results)


def _arm_value(line: Line, cur: _Outcome, columns: list[str], arms: list[ArmDraft], registry: Registry,
               results: list[ResultDraft]) -> bool:
    """'Low-Dose AMC-201 — Count of Participants: 7 / 15 (46.7%)': the value of the column the line names."""
    cols = cur.columns or columns
    m = _ARM_VALUE.match(line.text)
    if m is None or (k := next((j for j, c in enumerate(cols) if c.lower() == m["col"].strip().lower()), None)) is None:
        return False
    if k not in cur.results:
        _cell_result(k, m.start("v"), m.end("v"), m["v"], line, cur, cols, arms, registry, results)
    return True


def _cell_result(k: int, a: int, b: int, value: str, line: Line, cur: _Outcome, cols: list[str], arms: list[ArmDraft],
                 registry: Registry, results: list[ResultDraft]) -> None:
    """The result of column `k` from its cell `value` (offsets a..b in the line), by the outcome's header."""
    change = bool(re.match(r"(?i:\s*(?:mean\s+|median\s+)?(?:percent(?:age)?\s+)?change\b)", cur.title))
    stats: list[Stat] = []
    if cur.header.startswith(("count", "number")) and (m := _COUNT_PCT.match(value)):
        den = cur.analyzed[k] if k < len(cur.analyzed) else None
        stats.append(Stat("proportion", a, b, value, numerator=int(m["n"]), denominator=den,
                          percentage=Decimal(m["pct"]), unit="%"))
    elif cur.header.startswith(("count", "number")) and (m := _FRACTION.fullmatch(value)):
        stats.append(Stat("proportion", a, b, value, numerator=int(m["num"]), denominator=int(m["den"]),
                          percentage=Decimal(m["pct"]), unit="%"))  # "Count of Participants: 7 / 15 (46.7%)"
    elif cur.header.startswith("number") and "percent" in cur.unit and (m := _MEAN_SPREAD.match(value)) and m["hi"]:
        # "Number (95% Confidence Interval)", "percentage of participants": a percentage with its interval
        stats.append(Stat("proportion", a, b, value, percentage=Decimal(m["v"]), unit="%",
                          ci=(Decimal(m["s"]), Decimal(m["hi"]), _level(cur.spread))))
    elif m := _MEAN_SPREAD.match(value):
        kind = "median" if "median" in cur.header else "mean"  # the table names its statistic, change or not
        stats.append(Stat(kind, a, b, value, value=Decimal(m["v"])))
        if m["hi"] is None and "standard deviation" in cur.spread:
            stats.append(Stat("sd", a, b, value, value=Decimal(m["s"])))
        elif m["hi"] is not None and "confidence" in cur.spread:
            stats[0].ci = (Decimal(m["s"]), Decimal(m["hi"]), _level(cur.spread))
    elif re.fullmatch(r"-?\d+(?:\.\d+)?", value):
        stats.append(Stat("difference" if change else "central-value", a, b, value, value=Decimal(value)))
    if not stats:
        return
    ep = _endpoint(cur, registry, line)
    arm = arm_of(cols[k], arms)
    n = cur.analyzed[k] if k < len(cur.analyzed) else None
    r = ResultDraft(ep, arm.id, cur.time, stats, line.sentence(), line.start + a, line.start + b, n, None, 0.85,
                    ["read from a registry results table, by column"])
    cur.results[k] = r
    results.append(r)


def _analysis_line(line: Line, text: str, lines: list[Line], i: int, analysis: dict[str, object], cur: _Outcome,
                   arms: list[ArmDraft], results: list[ResultDraft]) -> None:
    """P-value, estimate and interval of a statistical analysis: on the experimental column it compares."""
    if m := _SELECTION.match(text):
        names = [n.strip() for n in m["t"].split(",")]
        cols = cur.columns
        cells = [cols.index(n) for n in names if n in cols and arm_of(n, arms).role == "experimental"]
        # two dose cohorts compared ("High-dose minus low-dose"): the later column against the first; one column
        # alone: a change within that arm, against its baseline
        both = len(cells) == len(names) > 1
        analysis["target"] = cells[-1] if both else cells[0] if cells else None
        analysis["within"] = len(names) == 1
        return
    target = analysis.get("target")
    r = cur.results.get(target) if isinstance(target, int) else None
    if r is None:
        return
    s_start = r.sentence.start
    if m := _P.match(text):
        rel = RELATION.get(m["rel"] or "")
        st = Stat("p-value", line.start - s_start + m.start("v"), line.start - s_start + m.end("v"), m.group().strip(),
                  value=Decimal(m["v"]), relation=rel, comparison="baseline" if analysis.get("within") else "comparator")
        if analysis.get("within"):
            results.append(ResultDraft(r.endpoint, r.population, r.timepoint, [st], r.sentence, r.start, r.end, None, None,
                                       0.8, ["within-group p-value of a registry statistical analysis"]))
        elif "p-value" not in {x.kind for x in r.stats}:
            r.stats.append(st)
        return
    if m := _PARAMETER.search(text):
        analysis["what"] = m["what"].lower()
    if m := _ESTIMATE.match(text):
        analysis["estimate"] = (Decimal(m["v"]), line.start - s_start + m.start("v"), line.start - s_start + m.end("v"))
        return
    ci = _CI.search(text)
    if ci and not ci["lo"] and i + 1 < len(lines) and (nxt := _RANGE.match(lines[i + 1].text)):
        lo, hi = Decimal(nxt["lo"]), Decimal(nxt["hi"])
    elif ci and ci["lo"]:
        lo, hi = Decimal(ci["lo"]), Decimal(ci["hi"])
    else:
        return
    estimate = analysis.get("estimate")
    if isinstance(estimate, tuple):
        what = str(analysis.get("what", "difference"))
        kind = "effect-size" if "ratio" in what else "difference"
        if kind not in {x.kind for x in r.stats} or kind == "difference" and all(
                x.ci is None for x in r.stats if x.kind == "difference"):
            value, a, b = estimate
            r.stats = [x for x in r.stats if not (x.kind == kind and x.ci is None and kind == "effect-size")]
            st = Stat(kind, a, b, str(value), value=value, ci=(lo, hi, Decimal(ci["lvl"]) / 100), comparison="comparator")
            if any(x.kind == kind for x in r.stats):  # the column's own change holds its one difference: a result of its own
                results.append(ResultDraft(
                    r.endpoint, r.population, r.timepoint, [st], r.sentence, r.start, r.end, r.n, None, 0.8,
                    ["between-group estimate of a registry statistical analysis"]))
                return
            r.stats.append(st)


def _ae_line(line: Line, text: str, ae: dict[str, object], columns: list[str], arms: list[ArmDraft],
             registry: Registry, results: list[ResultDraft]) -> None:
    """'Total  1/38 (2.63%)  2/38 (5.26%)' under 'Serious Adverse Events', 'Pneumonia  1/38 (2.63%) ...'."""
    if m := _AE_SECTION.match(text):
        ae["label"] = re.sub(r"(?i:\s*\(not including serious\))", "", m["s"]).lower()
        return
    cells = _cells(line, skip_label=False)
    fractions = [c for c in cells if _FRACTION.fullmatch(c[2].strip())]
    if not fractions:
        if cells and re.match(r"(?i:\s*arm/group\s+title\s*$)", cells[0][2]):
            ae["columns"] = [c[2].strip() for c in cells[1:]]  # "Arm/Group Title  WJ-MSC Low Dose  ...  Placebo"
            return
        if cells and re.match(r"(?i:\s*(?:adverse\s+event\s+reporting|source\s+vocabulary|assessment\s+type|time\s+frame|"
                              r"frequency\s+threshold|description)\b)", cells[0][2]):
            return  # the section's fields, not a header of the arms
        if len(cells) >= 2 and not any(re.search(r"\d", c[2]) for c in cells) and \
                not all(re.search(r"(?i:affected|at\s+risk|\(%\))", c[2]) for c in cells):
            ae["columns"] = [c[2].strip() for c in cells]  # a header row of the arms, with no title cell
        return
    cols = ae.get("columns") or columns
    assert isinstance(cols, list)
    if len(fractions) != len(cols):
        return
    name = cells[0][2].strip() if cells and not _FRACTION.fullmatch(cells[0][2].strip()) else "Total"
    name = re.sub(r"\s*[†‡*]\s*\d*\s*$", "", name)  # "Pneumonia † 1": the term's footnote mark
    section = str(ae["label"])
    label = section if name.lower() == "total" else f"{name.lower()} ({section.removesuffix('s')})"
    hits = find_instruments(label)
    slug = hits[0][2][0] if hits else "adverse-events"
    ep = registry.add(label, slug, "safety", line.sentence(), line.start, line.end, confidence=0.8)
    time = ae.get("time")
    for k, (a, b, cell) in enumerate(fractions):
        f = _FRACTION.fullmatch(cell.strip())
        assert f is not None
        st = Stat("proportion", a, b, cell.strip(), numerator=int(f["num"]), denominator=int(f["den"]),
                  percentage=Decimal(f["pct"]), unit="%")
        arm = arm_of(str(cols[k]), arms)
        results.append(ResultDraft(ep, arm.id, time if isinstance(time, Item) else None, [st], line.sentence(),
                                   line.start + a, line.start + b, None, None, 0.85,
                                   ["read from a registry adverse-event table, by column"]))
