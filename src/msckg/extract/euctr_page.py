"""An EU Clinical Trials Register results summary copied as text: end points, analyses, adverse events.

Why a reader of its own: the register (EudraCT) lays its results out as labelled rows, not prose.
Each end point is a block ("End point title", "End point type", "End point timeframe:", "End point
values  BM-MSC  Placebo", "Number of subjects analysed  31  31", "Units: ...", then one row whose
label names the statistic and its dispersion, "least squares mean (standard error)  7.4 (± 1.3)
3.9 (± 1.3)"), followed by its statistical analyses, one field a row ("P-value  = 0.058",
"Parameter estimate  LS mean difference", "Point estimate  3.5", "lower limit  -0.1"); the adverse
events come as "subjects affected / exposed  1 / 32 (3.13%)" under each term. Read by column,
every value lands on its arm, measure and timeframe with its n.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from msckg.extract.endpoints import UNMAPPED, EndpointDraft, Registry, find_instruments
from msckg.extract.outcomes import time_frame_end
from msckg.extract.results import ArmDraft, ResultDraft
from msckg.extract.results_page import Line, arm_of, lines_of
from msckg.extract.statistics import RELATION, Stat
from msckg.extract.timepoints import Item

_PAGE = re.compile(r"(?im:^\s*EudraCT\s+number\b)")
_VALUES_HEAD = re.compile(r"(?im:^\s*End\s+point\s+values\t)")
_START = re.compile(r"(?i:^\s*(?:subject\s+disposition|baseline\s+characteristics|end\s+points|adverse\s+events)\s*$)")
_END = re.compile(r"(?i:^\s*(?:more\s+information|limitations\s+and\s+caveats|online\s+references)\s*$)")
_ENDPOINTS = re.compile(r"(?i:^\s*end\s+points\s*$)")
_BASELINE = re.compile(r"(?i:^\s*(?:subject\s+disposition|baseline\s+characteristics)\s*$)")
_AE = re.compile(r"(?i:^\s*adverse\s+events\s*$)")
_BLOCK = re.compile(r"(?i:^\s*(?P<role>primary|secondary|other\s+pre-?specified|post-?hoc)\s*:\s*(?P<title>\S.*)$)")
_FIELD = re.compile(r"(?i:^\s*(?P<f>end\s+point\s+title|end\s+point\s+type|end\s+point\s+values|number\s+of\s+subjects\s+"
                    r"analy[sz]ed|comparison\s+groups|p-value|parameter\s+estimate|point\s+estimate|level|lower\s+limit|"
                    r"upper\s+limit|statistical\s+analysis\s+title)\t+(?P<v>.*)$)")
_TIMEFRAME = re.compile(r"(?i:^\s*(?:end\s+point\s+timeframe|timeframe\s+for\s+reporting\s+adverse\s+events)\s*:\s*(?P<v>.*)$)")
_UNITS = re.compile(r"(?i:^\s*units\s*:\s*(?P<u>.*)$)")
# "least squares mean (standard error)", "arithmetic mean (standard deviation)", "median (inter-quartile range (Q1-Q3))",
# "number (not applicable)", "geometric mean (confidence interval 95%)"
_STAT_ROW = re.compile(r"(?i:^\s*(?P<kind>(?:least\s+squares|arithmetic|geometric)\s+mean|mean|median|number)\s*"
                       r"(?:\((?P<spread>.*)\))?\s*(?:\t|$))")
_CELL = re.compile(r"^\s*(?P<v>-?\d+(?:\.\d+)?)\s*(?:\(\s*(?:±\s*)?(?P<a>-?\d+(?:\.\d+)?)(?:\s*(?:to|-|–)\s*(?P<b>-?\d+(?:\.\d+)?))?"
                   r"\s*\))?\s*$")
_P = re.compile(r"^\s*(?P<rel><=|>=|<|>|=|≤|≥)?\s*(?P<v>\d*\.\d+|[01])\s*$")
_AE_TABLE = re.compile(r"(?i:^\s*(?P<s>serious|non-serious)\s+adverse\s+events\t)")
_AFFECTED = re.compile(r"(?i:^\s*subjects\s+affected\s*/\s*exposed\t)")
_OCCURRENCES = re.compile(r"(?i:^\s*occurrences\s+\(all\)\t)")
_DEATHS = re.compile(r"(?i:^\s*number\s+of\s+deaths\s+\(all\s+causes\)\t)")
_FRACTION = re.compile(r"^\s*(?P<num>\d+)\s*/\s*(?P<den>\d+)\s*(?:\(\s*(?P<pct>\d+(?:\.\d+)?)\s*%\s*\))?\s*$")
_TOTAL = re.compile(r"(?i:^\s*total\s+subjects\s+affected\s+by\s+(?P<what>(?:non-)?serious\s+adverse\s+events)\s*$)")
_THRESHOLD = re.compile(r"(?i:frequency\s+threshold\s+for\s+reporting\s+non-serious\s+adverse\s+events\s*:\s*(?P<t>\d+(?:\.\d+)?)\s*%)")


@dataclass
class _EndPoint:
    title: str
    role: str
    time: Item | None = None
    columns: list[str] = field(default_factory=list)
    analyzed: list[int] = field(default_factory=list)
    unit: str = ""
    endpoint: EndpointDraft | None = None
    results: dict[int, ResultDraft] = field(default_factory=dict)
    analysis: dict[str, tuple[str, Line]] = field(default_factory=dict)  # field -> (value, its line)


@dataclass
class _Events:
    """Where the adverse-event tables are: serious or non-serious, their columns, the term being read."""
    section: str = ""
    columns: list[str] | None = None
    term: str | None = None
    threshold: str | None = None
    last: list[ResultDraft] = field(default_factory=list)
    time: Item | None = None


def is_euctr_page(source: str) -> bool:
    """An EU Clinical Trials Register results page: its EudraCT number and end-point value tables."""
    return bool(_PAGE.search(source) and _VALUES_HEAD.search(source))


def _cells(line: Line) -> list[tuple[int, int, str]]:
    """The tab-separated cells after the row's label, with their offsets in the line."""
    out, pos = [], 0
    for k, part in enumerate(line.text.split("\t")):
        if k and part.strip():
            lead = len(part) - len(part.lstrip())
            out.append((pos + lead, pos + lead + len(part.strip()), part.strip()))
        pos += len(part) + 1
    return out


def read_euctr_page(source: str, registry: Registry, arms: list[ArmDraft]) -> tuple[list[ResultDraft], list[tuple[int, int]]]:
    """Results of a register results page, and the spans it covered (which the prose reader skips)."""
    if not arms or not is_euctr_page(source):
        return [], []
    lines = lines_of(source)
    results: list[ResultDraft] = []
    start = next((ln.start for ln in lines if _START.match(ln.text)), None)
    if start is None:
        return [], []
    end = next((ln.start for ln in lines if ln.start > start and _END.match(ln.text)), len(source))
    part, cur, ae = "", None, None
    for i, line in enumerate(lines):
        if not start <= line.start < end:
            continue
        text = line.text
        if _BASELINE.match(text):
            part, cur = "baseline", None
            continue
        if _ENDPOINTS.match(text):
            part = "endpoints"
            continue
        if _AE.match(text):
            _close(cur, arms, results)
            part, cur, ae = "ae", None, _Events()
            continue
        if part == "endpoints":
            cur = _endpoint_line(line, lines, i, cur, registry, arms, results)
        elif part == "ae" and ae is not None:
            _ae_line(line, lines, i, ae, registry, arms, results)
    _close(cur, arms, results)
    return results, [(start, end)]


def _role(word: str) -> str:
    return {"primary": "primary", "secondary": "secondary"}.get(word.lower(), "other")


def _endpoint_line(line: Line, lines: list[Line], i: int, cur: _EndPoint | None, registry: Registry,
                   arms: list[ArmDraft], results: list[ResultDraft]) -> _EndPoint | None:
    text = line.text
    if m := _BLOCK.match(text):  # "Primary: Change from baseline in FACIT-Fatigue score at Week 12"
        _close(cur, arms, results)
        return _EndPoint(m["title"].strip(), _role(m["role"]))
    if cur is None:
        return None
    if m := _TIMEFRAME.match(text):  # "End point timeframe:" then "Baseline (Day 1) to Week 12"
        value, at = (m["v"], line.start + m.start("v")) if m["v"].strip() else (
            (lines[i + 1].text, lines[i + 1].start) if i + 1 < len(lines) else ("", line.start))
        cur.time = time_frame_end(value, at)
        return cur
    if m := _UNITS.match(text):
        cur.unit = m["u"].strip().lower()
        return cur
    if m := _FIELD.match(text):
        name, value = re.sub(r"\s+", " ", m["f"].lower()), m["v"]
        if name == "end point title":
            cur.title = value.strip() or cur.title
        elif name == "end point type":
            cur.role = _role(value.strip())
        elif name == "end point values":
            cur.columns = [c[2] for c in _cells(line)]
        elif name.startswith("number of subjects"):
            cur.analyzed = [int(c[2]) for c in _cells(line) if c[2].isdigit()] if not cur.results else cur.analyzed
        elif name == "statistical analysis title":
            _close_analysis(cur, arms, results)
        else:
            cur.analysis[name] = (value.strip(), line)
        return cur
    if (m := _STAT_ROW.match(text)) and cur.columns and not cur.results:
        _values(line, cur, m["kind"].lower(), (m["spread"] or "").lower(), registry, arms, results)
    return cur


def _endpoint(cur: _EndPoint, registry: Registry, line: Line) -> EndpointDraft:
    if cur.endpoint is None:
        hits = find_instruments(cur.title)
        cur.endpoint = registry.add(cur.title, hits[0][2][0] if hits else UNMAPPED, cur.role, line.sentence(),
                                    line.start, line.end, confidence=0.8)
    return cur.endpoint


def _values(line: Line, cur: _EndPoint, kind: str, spread: str, registry: Registry, arms: list[ArmDraft],
            results: list[ResultDraft]) -> None:
    cells = _cells(line)
    if len(cells) != len(cur.columns) or not all(_CELL.match(c[2]) for c in cells):
        return
    ep = _endpoint(cur, registry, line)
    people = bool(re.search(r"(?i:\b(?:participants|subjects|patients)\b)", cur.unit))
    for k, (a, b, cell) in enumerate(cells):
        m = _CELL.match(cell)
        assert m is not None
        n = cur.analyzed[k] if k < len(cur.analyzed) else None
        stats: list[Stat] = []
        if kind == "number" and people and re.fullmatch(r"\d+", m["v"]):
            stats.append(Stat("proportion", a, b, cell, numerator=int(m["v"]), denominator=n))
        elif kind == "number":
            stats.append(Stat("count" if re.fullmatch(r"\d+", m["v"]) else "central-value", a, b, cell, value=Decimal(m["v"])))
        else:
            stat = Stat("median" if kind == "median" else "mean", a, b, cell, value=Decimal(m["v"]))
            stats.append(stat)
            if m["a"] is not None and m["b"] is None:
                what = "sd" if "standard deviation" in spread else "plus-minus"  # a standard error has no kind of its own
                stats.append(Stat(what, a, b, cell, value=Decimal(m["a"])))
            elif m["a"] is not None and "confidence" in spread:
                level = re.search(r"(\d{2}(?:\.\d)?)\s*%", spread)
                stat.ci = (Decimal(m["a"]), Decimal(m["b"]), Decimal(level.group(1) if level else "95") / 100)
        arm = arm_of(cur.columns[k], arms)
        r = ResultDraft(ep, arm.id, cur.time, stats, line.sentence(), line.start + a, line.start + b, n, None, 0.85,
                        ["read from a register results table, by column"])
        cur.results[k] = r
        results.append(r)


def _close(cur: _EndPoint | None, arms: list[ArmDraft], results: list[ResultDraft]) -> None:
    if cur is not None:
        _close_analysis(cur, arms, results)


def _close_analysis(cur: _EndPoint, arms: list[ArmDraft], results: list[ResultDraft]) -> None:
    """The analysis read so far, as statistics of the experimental column's result (compared with the comparator)."""
    got, cur.analysis = cur.analysis, {}
    cells = {a.id for a in arms if a.role == "experimental"}
    r = next((x for x in cur.results.values() if x.population in cells), None)
    if r is None or not got:
        return
    number = re.compile(r"-?\d+(?:\.\d+)?")

    def value(key: str, default: str = "") -> str:
        return got[key][0] if key in got else default

    def stat(kind: str, key: str, number: Decimal, relation: str | None = None) -> Stat:
        """A statistic against the comparator, quoting the analysis row's value (offsets relative to the result)."""
        text, line = got[key]
        a = line.start - r.sentence.start + line.text.rfind(text)
        return Stat(kind, a, a + len(text), text, value=number, relation=relation, comparison="comparator")

    if (m := _P.match(value("p-value"))) and "p-value" not in {x.kind for x in r.stats}:
        rel = RELATION.get(m["rel"] or "")
        r.stats.append(stat("p-value", "p-value", Decimal(m["v"]), rel))
    if number.fullmatch(value("point estimate")):
        kind = "effect-size" if "ratio" in value("parameter estimate", "difference").lower() else "difference"
        st = stat(kind, "point estimate", Decimal(value("point estimate")))
        if number.fullmatch(value("lower limit")) and number.fullmatch(value("upper limit")):
            level = re.match(r"\s*(\d{2}(?:\.\d)?)", value("level", "95"))
            st.ci = (Decimal(value("lower limit")), Decimal(value("upper limit")),
                     Decimal(level.group(1) if level else "95") / 100)
        r.stats.append(st)


def _ae_line(line: Line, lines: list[Line], i: int, ae: _Events, registry: Registry, arms: list[ArmDraft],
             results: list[ResultDraft]) -> None:
    text = line.text
    if m := _TIMEFRAME.match(text):
        # "Timeframe for reporting adverse events:" then "From randomisation to month 12.": the window's end is the
        # events' timepoint, as every curator of a register page recorded it (like "28-day mortality")
        value, at = (m["v"], line.start + m.start("v")) if m["v"].strip() else (
            (lines[i + 1].text, lines[i + 1].start) if i + 1 < len(lines) else ("", line.start))
        ae.time = time_frame_end(value, at)
        return
    if m := _THRESHOLD.search(text):
        ae.threshold = m["t"]
        return
    if m := _AE_TABLE.match(text):  # "Serious adverse events  BM-MSC  Placebo"
        ae.section, ae.columns, ae.term = m["s"].lower(), [c[2] for c in _cells(line)], None
        return
    columns = ae.columns
    if columns is None:
        return
    if m := _TOTAL.match(text):
        ae.term = f"subjects affected by {m['what'].lower()}"
        return
    section = ae.section
    if _DEATHS.match(text):
        _ae_result(line, "number of deaths (all causes)", "count", columns, registry, arms, results, ae.time)
        return
    if _AFFECTED.match(text) and ae.term:
        label = ae.term
        if not label.startswith("subjects affected"):
            label = f"{section} adverse event - {label.lower()}"
        elif section == "non-serious" and ae.threshold:
            label = f"{label} (frequency threshold {ae.threshold}%)"
        ae.last = _ae_result(line, label, "proportion", columns, registry, arms, results, ae.time)
        return
    if _OCCURRENCES.match(text):
        for r, (a, b, cell) in zip(ae.last, _cells(line)):
            if cell.isdigit():
                r.stats.append(Stat("count", a + line.start - r.sentence.start, b + line.start - r.sentence.start, cell,
                                    value=Decimal(cell)))
        return
    if "\t" not in text and text.strip() and not re.search(r"(?i:\bdisorders\b|\binfestations\b|\bconditions\b|"
                                                            r"\binjuries\b|\bneoplasms\b|\binvestigations\b)", text):
        ae.term = text.strip()  # a term under its system organ class ("Nervous system disorders", "Syncope")


def _ae_result(line: Line, label: str, kind: str, columns: list[str], registry: Registry, arms: list[ArmDraft],
               results: list[ResultDraft], time: Item | None = None) -> list[ResultDraft]:
    cells = _cells(line)
    if len(cells) != len(columns):
        return []
    hits = find_instruments(label)
    ep = registry.add(label, hits[0][2][0] if hits else "adverse-events", "safety", line.sentence(), line.start,
                      line.end, confidence=0.8)
    out = []
    for k, (a, b, cell) in enumerate(cells):
        if kind == "count" and cell.isdigit():
            st = Stat("count", a, b, cell, value=Decimal(cell))
        elif (f := _FRACTION.match(cell)) is not None:
            st = Stat("proportion", a, b, cell, numerator=int(f["num"]), denominator=int(f["den"]),
                      percentage=Decimal(f["pct"]) if f["pct"] else None, unit="%" if f["pct"] else None)
        else:
            continue
        r = ResultDraft(ep, arm_of(columns[k], arms).id, time, [st], line.sentence(), line.start + a, line.start + b,
                        None, None, 0.85, ["read from a register adverse-event table, by column"])
        results.append(r)
        out.append(r)
    return out
