"""Tables whose rows are tab-separated lines (as pasted, or as `tables.join_cell_lines` rebuilt them).

The header names the columns: each arm ("MSC-allograft (n = 30)", with its n), a between-group
column ("Difference, percentage points (95% CI)", "HR (95% CI)") and a p-value column. Each row
gives one cell per column, so a value belongs to the arm of its column, not to the arm named
nearest in running text. A row's label names its measure and may carry its time and its
statistic ("Fusion at 12 months, n (%)"); a label line with no cells names the measure of the
rows under it ("Oswestry Disability Index" then "Baseline", "24 months"). A table of baseline
characteristics gives no results.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from msckg.extract.endpoints import UNMAPPED, find_instruments, key_tokens, mentions
from msckg.extract.results import CELL_COLUMN, Context, ResultDraft
from msckg.extract.sentences import Sentence
from msckg.extract.statistics import RELATION, Stat, find_groups
from msckg.extract.tables import TIME_HEAD
from msckg.extract.timepoints import Item, find_timepoints

_HEAD = re.compile(r"(?i:^\s*(?:outcomes?|variables?|characteristics?|measures?|end\s?points?|parameters?|adverse\s+events?|"
                   r"events?)\b)")
# "P value", "P valuea" (its footnote's mark run into it), "P (month 12 vs baseline)"
_P_HEAD = re.compile(r"(?i:^\s*p(?:\s*-?\s*values?(?-i:[a-e])?)?\s*[*†‡§¶]?\s*$|^\s*p\s*\()")
_DIFF_HEAD = re.compile(r"(?i:\bdifference\b|\bratio\b|\b(?:HR|OR|RR|IRR)\b|\beffect\b|\bestimate\b)")
_RATIO_HEAD = re.compile(r"(?i:\bratio\b|\b(?:HR|OR|RR|IRR)\b)")
# a table of the participants at entry; not "Outcomes at period baseline and at the end of each period"
_SKIP_CAPTION = re.compile(r"(?i:\b(?:baseline\s+(?:characteristics|data|demographics|features|variables)|demographics?|"
                           r"characteristics)\b|^\W*table\s+\d+\W+baseline\b)")
_NUM = r"[-−–]?\d+(?:[.,]\d+)?"
_COUNT_PCT = re.compile(rf"^\s*(?P<num>\d+)(?:\s*/\s*(?P<den>\d+))?\s*\(\s*(?P<pct>{_NUM})\s*%?\s*\)\s*$")
# "Combined remissiona", "Relapse by week 52d": a footnote's letter, its superscript lost in the copy (not "HbA1c")
_LETTER_MARK = re.compile(r"(?:(?<=\s\d\d)|(?<=\s\d)|(?<=ion)|(?<=ment)|(?<=ity)|(?<=ness)|(?<=ure)|(?<=ence)|(?<=ance)|(?<=score)|(?<=rate)|"
                          r"(?<=ing)|(?<=events))[a-f](?=\s*(?:\(|,|$))")
_COUNT_PCT_LABEL = re.compile(r"(?i:\b(?:n|no\.)\s*(?:/\s*N\s*)?\(\s*%\s*\))")  # "n (%)", JAMA's "No. (%)"
_ADVERSE = re.compile(r"(?i:\badverse\b|\bevents?\b|\btoxicit)")
_EST_CI = re.compile(rf"^\s*(?:(?P<name>OR|HR|RR|IRR|MD|difference|odds ratio|hazard ratio|risk ratio|mean difference)\s*[:=]?\s*)?"
                     rf"(?P<v>{_NUM})\s*[(\[]\s*(?P<lo>{_NUM})\s*(?:to|–|—|-|,|;)\s*(?P<hi>{_NUM})\s*[)\]]\s*$", re.IGNORECASE)
_P_CELL = re.compile(r"^\s*(?P<rel>[<>≤≥])?\s*(?P<v>0?\.\d+|[01](?:\.0+)?)\s*$")
_LABEL_STAT = re.compile(r"(?i:[\s,;]*(?:n\s*\(\s*%\s*\)|n/N\s*\(\s*%\s*\)|n/N\b|mean\s*(?:\(\s*SD\s*\)|±\s*SD)|"
                         r"median\s*[(\[]\s*(?:IQR|range)\s*[)\]]|%)\s*$"
                         # the NEJM's "Death by day 28 — no. (%)", "Change in Pao2:Fio2 — mm Hg": a dash, then the row's statistic or unit
                         r"|\s+[—–]\s+(?:no\.\s*\(\s*%\s*\)|no\.|%|(?:mean|median)\b[^—–]*|[a-zµμ%/.² ]{1,12}(?:\s*\([^()]*\))?)\s*$)")
# "0.41c", "OR 5.74 (1.66 to 19.9)b", "<0.001†": a footnote's mark after the value is not part of it
_FOOTNOTE_MARK = re.compile(r"(?:(?<=[\d)\]])[a-e]|\s*[†‡§¶*#]+)\s*$")
_MEAN_SD_LABEL = re.compile(r"(?i:\bmean\s*[(\[]\s*SD\s*[)\]])")


@dataclass
class TableState:
    """The columns of the table being read: ("arm", id) | ("diff", "") | ("p", "") | ("other", "")."""

    columns: list[tuple[str, str]]
    n: list[int | None]
    skip: bool = False
    ratio: bool = False
    either: bool = False  # "Difference or Hazard Ratio (95% CI)": each row's own kind
    mean_either: bool = False  # "RR or mean difference (95% CI)": the difference only of means, counts have the ratio
    level: Decimal = Decimal("0.95")
    time: Item | None = None
    group: str | None = None  # the label line naming the rows under it
    count_pct: bool = False  # "n (%)" said once, in the caption, the header or a row, holds for the rows below
    adverse: bool = False  # a table of adverse events: each row is an event
    measures: list[str] | None = None  # a single-arm table whose rows are times and whose columns are measures
    arm_rows: bool = False  # ... or a table whose rows are the arms ("Cohort 1 (n = 5)  4 (80)  0 (0)")
    times: list[Item | None] | None = None  # a single-arm table whose columns are visits ("Baseline (n = 12)", "Month 6")
    counts: list[tuple[str, str]] | None = None  # a single-arm table whose columns are counts: (name, "n" | "count" | "pct")
    last: dict[int, ResultDraft] | None = None  # the previous row's result in each column, for a "P vs baseline" row


_MARK = r"[†‡§¶]|\*{1,3}"  # a footnote mark that may stand for a p-value
_MARK_P = re.compile(rf"(?P<mark>{_MARK})\s*(?:P|p)(?:\s*-?\s*value)?\s*(?P<rel>[<>≤≥=])\s*(?P<v>0?\.\d+)")


def _offsets(cells: list[str]) -> list[int]:
    """Each tab-separated cell's offset in its row."""
    out, at = [], 0
    for cell in cells:
        out.append(at)
        at += len(cell) + 1
    return out


def _marked_p(raw: str, offset: int, ctx: Context, comparison: str) -> list[Stat]:
    """The p-value a cell's footnote mark stands for ("35.1 (18.4)‡" with "‡ P < 0.01"), if the notes define it."""
    mark = re.search(rf"({_MARK})\s*$", raw)
    if not mark or mark.group(1) not in ctx.marks:
        return []
    rel, value = ctx.marks[mark.group(1)]
    return [Stat("p-value", offset + mark.start(1), offset + mark.end(1), mark.group(1), value=value, relation=rel,
                 comparison=comparison)]


_MARK_STATS = re.compile(r"(?im:^\s*(?P<mark>[*†‡§¶#]+)\s*(?:the\s+)?(?:values?|data)\s+(?:are|is|were)\s+(?:given|presented|"
                         r"expressed|shown|reported)\s+as\s+(?:the\s+)?(?P<what>mean|median))")


def stat_marks(text: str) -> dict[str, str]:
    """The marks a table's footnotes define as the statistics of a row ("§The values are given as the mean and
    standard deviation", "‡The values are given as the median, with the IQR in parentheses"): mark -> "mean" or
    "median"."""
    return {m["mark"]: m["what"].lower() for m in _MARK_STATS.finditer(text)}


def footnote_marks(text: str) -> dict[str, tuple[str | None, Decimal]]:
    """The marks a table's footnotes define as p-values ("† P < 0.05 and ‡ P < 0.01 versus corticosteroid",
    "*p < 0.05 vs control"): mark -> (relation, value)."""
    return {m["mark"]: (RELATION.get(m["rel"]), Decimal(m["v"])) for m in _MARK_P.finditer(text)}


def _rounds_to(exact: Decimal, reported: Decimal) -> bool:
    """Whether `exact` rounded to the places `reported` gives is `reported`: 92.157 -> 92.2."""
    places = max(0, -reported.as_tuple().exponent)  # type: ignore[operator]
    return abs(round(exact, places) - reported) < Decimal(1).scaleb(-places) / 2


def _d(text: str) -> Decimal:
    return Decimal(text.replace("−", "-").replace("–", "-").replace(",", "."))


def _transposed(cells: list[str], ctx: Context) -> TableState | None:
    """"Time point  WOMAC total  VAS pain (0-10)  Knee flexion arc": one arm's measures, one row per visit;
    "Cohort  Any AE  Infusion-related reaction": the arms' rows, one column per measure."""
    if re.fullmatch(r"(?i:\s*(?:cohorts?|groups?|arms?|dose\s+(?:level|cohort|group)s?)\s*)", cells[0]) and len(ctx.arms) >= 2 \
            and len(cells) >= 3 and not any(a.pattern.search(c) for c in cells[1:] for a in ctx.arms):
        state = TableState([("arm", "")] * (len(cells) - 1), [None] * (len(cells) - 1), arm_rows=True)
        state.measures = [c.strip() for c in cells[1:]]
        return state
    if not TIME_HEAD.match(cells[0]) or len(ctx.arms) != 1 or len(cells) < 2:
        return None
    if any(re.search(r"(?i:\(\s*n\s*=|\bgroup\b|\barm\b|\bp\s*-?\s*value)", c) for c in cells[1:]):
        return None
    state = TableState([("arm", ctx.arms[0].id)] * (len(cells) - 1), [None] * (len(cells) - 1))
    state.measures = [c.strip() for c in cells[1:]]
    return state


def _visit(cell: str, s: Sentence) -> Item | None:
    """The visit a column heads: "Baseline (n = 12)", "Month 6 (n = 12)", "12 months"."""
    words = re.sub(r"\s*\(\s*n\s*=\s*\d+\s*\)\s*$", "", cell).strip()
    if re.fullmatch(r"(?i:baseline|pre-?treatment|before\s+treatment|screening|day\s+0|week\s+0|month\s+0)", words):
        return Item(s.start, s.start + len(words), "P0D", "baseline")
    tls = find_timepoints(words)
    if len(tls) == 1 and len(tls[0].items) == 1 and tls[0].end - tls[0].start >= len(words) - 2:
        return tls[0].items[0]
    return None


# "Cohort (WJ-MSC dose)", "Group", "Arm": a column naming each row's arm; "n": its number
_ARM_HEAD = re.compile(r"(?i:^\s*(?:cohorts?|groups?|arms?|treatment|dose(?:\s+level)?)\b)")
_N_HEAD = re.compile(r"(?i:^\s*(?:n|no\.?|number)\s*$)")


def _visit_columns(cells: list[str], s: Sentence, ctx: Context) -> TableState | None:
    """"Variable  Baseline (n = 12)  Month 6 (n = 12)  Month 12 (n = 11)  P (month 12 vs baseline)": one arm at
    each visit, the p-value of the last against the first. "Outcome  Cohort (dose)  n  Baseline  Month 1  Month 6  P":
    the same for several arms, each row naming its own in the arm column."""
    if len(cells) < 3 or not (_HEAD.match(cells[0]) or not cells[0].strip()):
        return None
    by_row = [bool(_ARM_HEAD.match(c)) for c in cells[1:]]
    if len(ctx.arms) != 1 and not any(by_row):
        return None
    counted = [bool(_N_HEAD.match(c)) for c in cells[1:]]
    times = [None if r or n else _visit(c, s) for c, r, n in zip(cells[1:], by_row, counted, strict=True)]
    ps = [bool(_P_HEAD.match(c) or re.match(r"(?i:\s*p\s*(?:-?\s*value)?\s*\()", c)) for c in cells[1:]]
    if sum(1 for t in times if t) < 2 or not all(t or p or r or n for t, p, r, n in zip(times, ps, by_row, counted, strict=True)):
        return None
    cols = [("row-arm", "") if r else ("row-n", "") if n else ("arm", ctx.arms[0].id) if t else ("p", "")
            for t, r, n in zip(times, by_row, counted, strict=True)]
    ns = [int(m.group(1)) if (m := re.search(r"\(\s*n\s*=\s*(\d+)\s*\)", c)) else None for c in cells[1:]]
    state = TableState(cols, ns)
    state.times = times
    return state


_P_ROW = re.compile(r"(?i:\s*p(?:\s*-?\s*values?)?\s*(?:\(\s*)?(?:vs\.?|versus|compared\s+(?:with|to))\s+(?:baseline|control|placebo)\s*\)?\s*)")
_COUNT_HEAD = re.compile(r"(?i:^\s*(?P<name>[^\t]*?)[\s,]*\b(?P<kind>n\s*\(\s*%\s*\)|n)\s*$)")


def _count_columns(cells: list[str], ctx: Context, caption: str) -> TableState | None:
    """"Organ  Evaluable, n  CR, n  PR, n  Overall response, n (%)": one arm, each row a measure (an organ), its columns
    the number assessed, counts of each category and the proportion responding."""
    if len(ctx.arms) != 1 or len(cells) < 3 or TIME_HEAD.match(cells[0]):
        return None
    heads = [_COUNT_HEAD.match(c) for c in cells[1:]]
    if not all(heads):
        return None
    kinds = [("pct" if "%" in h["kind"] else "count", h["name"].strip()) for h in heads if h]
    first = kinds[0]
    if first[0] != "count" or not re.fullmatch(r"(?i:|evaluable|assessed|evaluated|patients|participants|total|no\.?)", first[1]) \
            or not any(k == "pct" for k, _ in kinds):
        return None
    state = TableState([("arm", ctx.arms[0].id)] * (len(cells) - 1), [None] * (len(cells) - 1))
    state.counts = [("n", first[1]), *[(k, name) for k, name in kinds[1:]]]
    tls = [t for t in find_timepoints(caption) if not t.is_baseline]
    state.time = tls[0].items[0] if tls else None
    state.skip = bool(_SKIP_CAPTION.search(caption))
    return state


def _count_row(s: Sentence, ctx: Context, state: TableState, cells: list[str], raw_cells: list[str]) -> list[ResultDraft]:
    """'Skin  27  5  9  14 (51.9)': the row's measure with its n, a count per category and the proportion responding."""
    assert state.counts is not None
    n_cell = cells[1].strip()
    if not n_cell.isdigit():
        return []
    n = int(n_cell)
    label = cells[0].strip()
    pct_name = next((name for kind, name in state.counts if kind == "pct"), "")
    topic = re.sub(r"(?i:^overall\s+)", "", pct_name)  # "Skin" under "Overall response, n (%)": "Skin response"
    measure = f"{label} {topic}".strip() if not re.match(r"(?i:overall|total|all)\b", label) else pct_name or label
    found = mentions(measure, ctx.registry)
    hits = find_instruments(measure)
    ep = found[0][2] if found else ctx.registry.add(measure, hits[0][2][0] if hits else UNMAPPED, "other", s, s.start,
                                                    s.start + len(cells[0]), confidence=0.6, loose=True)
    offsets = _offsets(raw_cells)
    arm = state.columns[0][1]
    out: list[ResultDraft] = []
    for k, ((kind, _), cell) in enumerate(zip(state.counts, cells[1:], strict=True)):
        off = offsets[k + 1]
        value = cell.strip()
        if kind == "count" and value.isdigit():
            st = Stat("count", off, off + len(cell), value, value=Decimal(value))
        elif kind == "pct" and (m := _COUNT_PCT.match(cell)):
            st = Stat("proportion", off + m.start(), off + m.end(), value, numerator=int(m["num"]), denominator=n,
                      percentage=_d(m["pct"]), unit="%")
        else:
            continue
        out.append(ResultDraft(ep, arm, state.time, [st], s, s.start + off, s.start + off + len(cell), n, None, 0.75,
                               ["a row of a table of counts per measure: check the columns"]))
    return out


def _names_arm(cell: str, ctx: Context) -> bool:
    """A column heading naming an arm, or the cells when one arm is given them ("UC-MSCs (n=36)")."""
    return any(a.pattern.search(cell) for a in ctx.arms) or \
        len([a for a in ctx.arms if a.role == "experimental"]) == 1 and bool(CELL_COLUMN.search(cell)) or \
        len([a for a in ctx.arms if a.role != "experimental"]) == 1 and bool(_CONTROL_COLUMN.fullmatch(cell))


# "Control", "Placebo (n = 18)", "Standard care": a column of the one arm that gets no cells
_CONTROL_COLUMN = re.compile(r"(?i:\s*(?:controls?|placebo|sham|vehicle|saline|standard\s+(?:care|therapy|treatment)|"
                             r"usual\s+care)\s*(?:\(\s*n\s*=\s*\d+\s*\))?\s*)")


# a group line naming how the caption's measure was taken, not a measure of its own
_MODALITY = re.compile(r"(?i:\s*(?:(?:two-dimensional\s+|2D\s+|3D\s+|transthoracic\s+)?echocardiography|echo|CMR|"
                       r"(?:cardiac\s+)?MRI|cardiac\s+magnetic\s+resonance(?:\s+imaging)?|ultrasound|CT|DXA|SPECT|PET|"
                       r"radiographs?|X-rays?)\s*(?:\([^()]*\))?\s*:?\s*)")


def _caption_measure(caption: str) -> str:
    """The one measure a caption names ("Table 3 NT-proBNP (pg/mL), median (interquartile range)": NT-proBNP), or ""
    when it names several or none."""
    words = re.sub(r"(?i:^\s*table\s+\w+\s*[.:]?\s*)", "", caption)
    words = re.split(r"(?i:,\s*|\s+(?:by|in|at|over|during|according|among|for)\s|\s*[;:])", words)[0]
    words = re.sub(r"\s*\([^()]*\)", "", words).strip()
    if not words or re.search(r"(?i:\band\b|\boutcomes?\b|\bresults?\b|\bcharacteristics?\b|\bevents?\b|"
                              r"\bvariables?\b|\bparameters?\b|\bmeasures?\b|\bendpoints?\b)", words) or len(words.split()) > 6:
        return ""
    return words


def _header(s: Sentence, ctx: Context, caption: str) -> TableState | None:
    cells = s.text.split("\t")
    if len(cells) >= 2 and all(any(a.pattern.search(c) for a in ctx.arms) for c in cells):
        cells = ["", *cells]  # "<tab>Cohort 1 (n=3)<tab>Cohort 2 (n=3)": the blank corner cell lost with the line's indent
    elif len(cells) >= 3 and sum(_names_arm(c, ctx) for c in cells) >= 2 and _names_arm(cells[0], ctx) and \
            all(_names_arm(c, ctx) or _P_HEAD.match(c) or _DIFF_HEAD.search(c) for c in cells):
        cells = ["", *cells]  # "<tab>UC-MSCs (n=36)<tab>Placebo (n=18)<tab>Difference (95% CI)<tab>p value": likewise
    elif len(cells) >= 2 and _visit(cells[0], s) is not None and _visit(cells[1], s) is not None:
        cells = ["", *cells]  # "<tab>Baseline<tab>1 month<tab>6 months<tab>p*": likewise over visit columns
    if (visits := _visit_columns(cells, s, ctx)) is not None:
        visits.skip = bool(_SKIP_CAPTION.search(caption))
        one_n = re.findall(r"\bn\s*=\s*(\d+)\b", caption)
        if len(one_n) == 1 and not any(visits.n):  # "Liver biochemistry during follow-up (n = 20)": every visit's n
            visits.n = [int(one_n[0]) if kind == "arm" else None for kind, _ in visits.columns]
        return visits
    if (counted := _count_columns(cells, ctx, caption)) is not None:
        return counted
    if (flipped := _transposed(cells, ctx)) is not None:
        flipped.skip = bool(_SKIP_CAPTION.search(caption))
        one_n = re.findall(r"\bn\s*=\s*(\d+)\b", caption)
        if len(one_n) == 1:  # "Clinical outcomes after injection (n = 12)": the one arm's n, every cell's
            flipped.n = [int(one_n[0])] * len(flipped.n)
        return flipped
    if len(cells) >= 2 and re.match(r"(?i:\s*(?:baseline\s+)?characteristics?\s*$)", cells[0]) and \
            (_SKIP_CAPTION.search(caption) or len(cells) == 2):
        # "Characteristic  Value" under "Baseline characteristics of the patients": who was enrolled, no results
        return TableState([("other", "")] * (len(cells) - 1), [None] * (len(cells) - 1), skip=True)
    if len(cells) >= 3 and re.fullmatch(r"(?i:\s*(?:patient|case|subject|participant|child)s?\s*(?:no\.?|#|id|number)?\s*)", cells[0]):
        # "Patient  Age  Sex  Healing, treated (days)  ...": one row per patient, individual data, no population's results
        return TableState([("other", "")] * (len(cells) - 1), [None] * (len(cells) - 1), skip=True)
    # "Score | Time point | BMAC + debridement (n = 28) | Debridement alone (n = 31) | p": each row's visit in a column
    timed = len(cells) >= 4 and bool(TIME_HEAD.match(cells[1])) and bool(re.match(r"(?i:\s*(?:scores?|scales?|instruments?)\s*$)",
                                                                                   cells[0]) or _HEAD.match(cells[0]))
    if len(cells) < 3 or not (_HEAD.match(cells[0]) or not cells[0].strip() or timed):  # a header whose first cell is blank
        return None
    cols: list[tuple[str, str]] = [("time", "")] if timed else []
    ns: list[int | None] = [None] if timed else []
    cell_arms = [a for a in ctx.arms if a.role == "experimental"]
    for cell in cells[2 if timed else 1:]:
        arm = next((a for a in ctx.arms if a.pattern.search(cell)), None)
        if arm is not None and arm.role != "experimental" and len(cell_arms) == 1 and \
                re.search(r"(?i:[\w-]*MSCs?\b|[\w-]*ASCs?\b|stem cells?|stromal cells?)", cell):
            arm = cell_arms[0]  # "BM-MSC + fibrin (n = 49)": the cells name the column, not the vehicle both arms get
        if _P_HEAD.match(cell):
            cols.append(("p", ""))
        elif _DIFF_HEAD.search(cell) and arm is None:
            cols.append(("diff", ""))
        elif arm is not None:
            cols.append(("arm", arm.id))
        elif len(cell_arms) == 1 and CELL_COLUMN.search(cell):
            cols.append(("arm", cell_arms[0].id))
        else:
            cols.append(("other", ""))
        ns.append(int(m.group(1)) if (m := re.search(r"(?i:\(\s*n\s*=\s*(\d+)\s*\))", cell)) else None)
    # "Standard dressing (n = 29)": a column with its n that names no arm is the arm not yet given a column
    # "UC-MSC | Saline | Treatment effect": as many unnamed columns as arms without one are those arms
    left = [a.id for a in ctx.arms if a.id not in {x for k, x in cols if k == "arm"}]
    others = [j for j, (kind, _) in enumerate(cols) if kind == "other"]
    for j in others:
        if left and (len(others) == len(left) or re.search(r"\(\s*n\s*=\s*\d+\s*\)", cells[j + 1])):
            cols[j] = ("arm", left.pop(0))
    if sum(1 for k, _ in cols if k == "arm") < 1 or len({a for k, a in cols if k == "arm"}) < min(2, len(ctx.arms)):
        return None
    one_n = re.findall(r"\bn\s*=\s*(\d+)\b", caption)
    if ctx.crossover and len(one_n) == 1 and not any(ns):  # "(per-protocol population, n = 26)" in a crossover
        ns = [int(one_n[0]) if kind == "arm" else None for kind, _ in cols]
    state = TableState(cols, ns)
    state.skip = bool(_SKIP_CAPTION.search(caption) or re.match(r"(?i:\s*characteristics?\b)", cells[0]))
    diff = next((c for (k, _), c in zip(cols, cells[1:], strict=True) if k == "diff"), "")
    named_ratio, named_difference = bool(_RATIO_HEAD.search(diff)), bool(re.search(r"(?i:\bdifference\b)", diff))
    state.ratio = named_ratio and not named_difference
    state.either = named_ratio and named_difference  # "Difference or HR": a ratio or a difference by row
    state.mean_either = state.either and bool(re.search(r"(?i:\bmean\s+difference\b)", diff))
    if m := re.search(r"(\d{2}(?:\.\d)?)\s*%\s*CI", diff):
        state.level = Decimal(m.group(1)) / 100
    state.count_pct = bool(_COUNT_PCT_LABEL.search(caption) or _COUNT_PCT_LABEL.search(s.text))
    state.adverse = bool(_ADVERSE.search(caption) or re.match(r"(?i:\s*(?:adverse\s+)?events?\b)", cells[0]))
    tls = [t for t in find_timepoints(caption) if not t.is_baseline]
    state.time = tls[0].items[0] if tls else None
    return state


def _label_time(label: str, table_time: Item | None, s: Sentence) -> tuple[str, Item | None]:
    """The row label without its time, and the time ("Fusion at 12 months" -> "Fusion", 12 months)."""
    if re.fullmatch(r"(?i:\s*(?:(?:period|study)\s+)?(?:baseline|pre-?treatment|before treatment)\s*)", label):
        return "", Item(s.start, s.start + len(label), "P0D", "baseline")
    # "Recurrence within 6 months of closure": a window that is part of the measure, not the row's time
    tls = [t for t in find_timepoints(label) if not re.search(r"(?i:\bwithin\s+(?:the\s+)?$)", label[:t.start])]
    if not tls:
        return label, table_time
    # "Change in Wexner score from baseline, week 24": the row's time is the one that is not the baseline;
    # "Recurrence by week 52 after closure at week 24": the first is the measure's, the rest qualify it
    if all(t.is_baseline for t in tls) and re.search(r"(?i:\b(?:change|difference|reduction|improvement)\b)", label):
        # "Change in DAS28-CRP from baseline": the change's start, not the row's time
        return re.sub(r"(?i:\s*\bfrom\s+(?:the\s+)?baseline\b)", "", label).strip(" ,;:"), table_time
    t = next((t for t in tls if not t.is_baseline), tls[0])
    rest = label
    for u in sorted(tls, key=lambda u: -u.start):  # every time phrase out of the name, with its preposition
        head = re.sub(r"(?i:\s*\b(?:at|after|on|by|in|from|to|until|through)\s*$)", "", rest[:u.start])
        rest = head + " " + rest[u.end:]
    rest = re.sub(r"\s*,(?:\s*,)+", ",", re.sub(r"\s{2,}", " ", rest)).strip(" ,;:")
    return rest, t.items[-1]


def _cell_stats(cell: str, offset: int, label: str, n: int | None, pm_sd: bool, count_pct: bool = False,
                paren_sd: bool = False, paren_median: bool = False) -> list[Stat]:
    """The statistics of one arm's cell, offsets relative to the row."""
    count_pct = count_pct or bool(_COUNT_PCT_LABEL.search(label))
    # "58/104 (55.8)": a count of a total with its share, whatever the table's note says
    shared = (m := _COUNT_PCT.match(cell)) is not None and m["den"] is not None and int(m["den"]) > 0 and \
        abs(Decimal(m["num"]) * 100 / Decimal(m["den"]) - _d(m["pct"])) <= Decimal("0.51")
    if (count_pct or shared) and (m := _COUNT_PCT.match(cell)):
        return [Stat("proportion", offset + m.start(), offset + m.end(), cell.strip(), numerator=int(m["num"]),
                     denominator=int(m["den"]) if m["den"] else n, percentage=_d(m["pct"]), unit="%")]
    if count_pct and n and (m := re.match(r"^\s*0\s*$", cell)):  # "0" in an n (%) column: none of the n
        return [Stat("proportion", offset + m.start(), offset + m.end(), cell.strip(), numerator=0, denominator=n)]
    if re.search(r"(?i:%\s*\(\s*95\s*%\s*CI\s*\))", label) and (m := re.fullmatch(
            rf"\s*(?P<v>{_NUM})\s*\(\s*(?P<lo>{_NUM})\s*(?:to|–|-|,)\s*(?P<hi>{_NUM})\s*\)\s*", cell)):
        # "Grade II-IV acute GVHD by day 100, % (95% CI)" then "24.5 (16.4 to 33.4)": a share with its interval
        return [Stat("proportion", offset + m.start(), offset + m.end(), cell.strip(), percentage=_d(m["v"]), unit="%",
                     ci=(_d(m["lo"]), _d(m["hi"]), Decimal("0.95")))]
    if (paren_median or re.search(r"(?i:\bmedian\b)", label)) and (m := _EST_CI.match(cell)):
        return [Stat("median", offset + m.start("v"), offset + m.end("v"), m["v"], value=_d(m["v"]))]
    if re.search(r"(?i:\bmeans?\s*\(\s*(?:SE|SEM|s\.e\.m?\.|standard\s+error)\s*\))", label) and (
            m := re.fullmatch(r"\s*(?P<v>[-−–]?\d+(?:[.·]\d+)?)\s*\(\s*\d+(?:[.·]\d+)?\s*\)\s*", cell)):
        # "Change at week 12, LS mean (SE)" then "−4.1 (0.9)": the mean; a standard error has no field of its own
        return [Stat("mean", offset + m.start("v"), offset + m.end("v"), m["v"], value=_d(m["v"]))]
    # "Bone fill at 12 months, %, mean (SD)" then "68.9 (13.8)": the label names the cell's statistics
    groups = [g for g in find_groups(cell, pm_is_sd=pm_sd, paren_is_sd=paren_sd or bool(_MEAN_SD_LABEL.search(label)))
              if g.is_value]
    if len(groups) != 1:
        return []
    out = []
    for st in groups[0].stats:
        copy = Stat(**st.__dict__)
        copy.start, copy.end = st.start + offset, st.end + offset
        out.append(copy)
    return out


def read_table_row(s: Sentence, ctx: Context, state: TableState | None, caption: str) -> tuple[
        list[ResultDraft] | None, TableState | None]:
    """(results, table state after this line); results None when the line is not part of a table."""
    if "\t" in s.text and (head := _header(s, ctx, caption)) is not None:
        return [], head
    if state is None:
        return None, None
    raw_cells = s.text.split("\t")
    # "··", the Lancet's empty cell: nothing to read; its "0·19" a decimal
    cells = [re.sub(r"^\s*(?:··|\.\.|…)\s*$", "", _FOOTNOTE_MARK.sub("", c)).replace("·", ".") for c in raw_cells]
    if len(cells) > 1 and cells[0].strip() and not any(c.strip() for c in cells[1:]):
        cells = cells[:1]  # "Week 24<tab><tab><tab>": a visit's line with its empty cells, as a spreadsheet gives it
    if len(cells) == 1:
        line = s.text.strip()
        if (visit := _visit(re.sub(r"\s*:$", "", line), s)) is not None and visit.duration != "P0D":
            state.time, state.group = visit, None  # "Week 48": the visit of the rows below
            return [], state
        # "Responders (≥50% NRS reduction), n/N (%)": a threshold in a label is no value
        if len(line) < 80 and not line.endswith(".") and not re.search(
                r"\d\s*(?:±|\(|%)", re.sub(r"(?:[≥≤<>]|at\s+least\s)\s*\d+(?:\.\d+)?\s*%", "", line)) and \
                not re.match(r"(?i:(?:no|none|there)\b)", line):  # "No infusion reactions": a finding, not a label
            state.group = line  # "Oswestry Disability Index (0–100)": the measure of the rows below
            return [], state
        return None, None
    short = 1 + len(state.columns) - len(cells)
    if 0 < short < len(state.columns) and all(kind in ("p", "diff") for kind, _ in state.columns[-short:]):
        cells += [""] * short  # "Baseline  0.74 (0.38)  0.71 (0.41)": no p-value at baseline
        raw_cells = raw_cells + [""] * short
    ns = [re.fullmatch(r"\s*\(?\s*n\s*=\s*(\d+)\s*\)?\s*", c) for c in cells]
    arm_columns = [k for k, (kind, _) in enumerate(state.columns) if kind == "arm"]
    if all(ns) and len(ns) == len(arm_columns) < len(state.columns):
        # "(n=20)  (n=20)  (n=19)  (n=18)" under the visits, none under the p column: each visit's n
        visit_n = dict(zip(arm_columns, (int(m.group(1)) for m in ns if m), strict=True))
        state.n = [visit_n.get(k) for k in range(len(state.columns))]
        return [], state
    if len(cells) in (len(state.columns), len(state.columns) + 1) and all(ns[len(cells) - len(state.columns):]) and \
            (len(cells) == len(state.columns) or not cells[0].strip()):
        # a header's second line, "(n = 24)  (n = 24)  (n = 23)  (n = 22)": each column's n
        state.n = [int(m.group(1)) if m else None for m in ns[len(cells) - len(state.columns):]]
        return [], state
    if len(cells) != 1 + len(state.columns):
        return None, None
    if state.skip:
        return [], state
    if state.measures is not None:
        return _transposed_row(s, ctx, state, cells, raw_cells), state
    if state.counts is not None:
        return _count_row(s, ctx, state, cells, raw_cells), state
    if any(kind == "row-arm" for kind, _ in state.columns):
        # "BCVA, ETDRS letters  Cohort 2 (5 × 10^5)  6  56.8 ± 7.4  ...": the row's arm and n for its visit columns
        where = next(k for k, (kind, _) in enumerate(state.columns) if kind == "row-arm")
        arm = next((a for a in ctx.arms if a.pattern.search(cells[where + 1])), None)
        if arm is None:
            return [], state
        counted = next((k for k, (kind, _) in enumerate(state.columns) if kind == "row-n"), None)
        row_n = int(m.group()) if counted is not None and (m := re.fullmatch(r"\d+", cells[counted + 1].strip())) else None
        state.columns = [("arm", arm.id) if kind == "arm" else (kind, x) for kind, x in state.columns]
        state.n = [row_n if kind == "arm" else None for kind, _ in state.columns]
        if not cells[0].strip() and state.group:
            cells[0] = state.group  # a label given once for the rows of its arms
        elif cells[0].strip():
            state.group = cells[0]
    if state.columns and state.columns[0][0] == "time":
        state.time = _visit(cells[1], s)  # the row's own visit, from its time column
    # "LEFS score§ (points)" under "§The values are given as the mean and standard deviation": the mark says
    row_stat = next((what for mark, what in ctx.stat_marks.items() if mark in cells[0]), None)
    raw = _LETTER_MARK.sub("", re.sub(r"[*†‡§¶#]+", "", cells[0]))
    # "Patients assessed, n  52  51  50  47": the n of each column for the rows below, no result of its own
    if re.fullmatch(r"(?i:\s*(?:(?:no\.?\s+of\s+|number\s+of\s+)?(?:patients|participants|subjects)\s*(?:assessed|analy[sz]ed|"
                    r"evaluated|available|evaluable)?,?\s*(?:\(?n\)?)?|n)\s*)", raw) and \
            all(re.fullmatch(r"\s*\d+\s*", c) for c, (kind, _) in zip(cells[1:], state.columns, strict=True) if kind == "arm"):
        state.n = [int(c) if kind == "arm" and c.strip() else None for c, (kind, _) in zip(cells[1:], state.columns, strict=True)]
        return [], state
    if _P_ROW.fullmatch(raw):
        # "  P vs baseline  –  <0.001  <0.001  0.002" under a measure's row: each visit's against the baseline
        offsets = _offsets(raw_cells)
        for k, cell in enumerate(cells[1:]):
            target = (state.last or {}).get(k)
            if target is not None and target.sentence is not s and (m := _P_CELL.match(cell)):
                shift = s.start - target.sentence.start
                target.stats.append(Stat("p-value", shift + offsets[k + 1] + m.start(), shift + offsets[k + 1] + m.end(),
                                         cell.strip(), value=Decimal(m["v"]), relation=RELATION.get(m["rel"] or ""),
                                         comparison="baseline" if "baseline" in raw.lower() else "comparator"))
        return [], state
    state.count_pct = state.count_pct or bool(_COUNT_PCT_LABEL.search(raw) and not re.search(r"(?i:mean|median)", raw))
    label = _LABEL_STAT.sub("", raw).strip()
    label, time = _label_time(label, state.time, s)
    if not label and state.group and _MODALITY.fullmatch(state.group) and (measure := _caption_measure(caption)):
        # "Table 2 LVEF (%) by echocardiography and CMR" over "Echocardiography (n = 16/16)", "  Baseline ...": the
        # caption's measure, as the group's method took it
        method = re.sub(r"\s*\([^()]*\)|\s*:$", "", state.group).strip()
        label = f"{measure} by {method}"
        raw = f"{caption}\t{raw}"
    elif not label and state.group:
        label = _LABEL_STAT.sub("", state.group).strip()
        raw = f"{state.group}\t{raw}"  # "IPSS, median (IQR)" then "  Week 12": the group names the cells' statistics
    elif not label and time is not None and (measure := _caption_measure(caption)):
        # "Table 3 NT-proBNP (pg/mL), median (interquartile range)" over rows "Baseline", "6 months": the caption's measure
        label = measure
        raw = f"{caption}\t{raw}"
    elif state.group and re.fullmatch(r"(?i:\s*(?:change|difference|Δ)\b.*)", label):
        label = f"{state.group} {label}"
    if not re.fullmatch(r"(?i:(?:responders?|response|remission|responder\s+rate|response\s+rate)\s*\([^()]*[A-Za-z]{3}[^()]*\))", label):
        # "(0–100)", "(mm)": the scale or unit, not a name; "Responders (≥6-point decrease in NIH-CPSI total)" keeps it
        label = re.sub(r"\s*\([^()]*\)\s*$", "", label).strip(" ,;:")
    label = re.sub(r"(?i:,\s*(?:\d+\s*[–—-]\s*\d+\s*)?(?:mm|cm|kg|g|mL|%|points?|s|min|m|mmHg|[a-zµμ×^0-9]+/[a-z0-9.·²]+)?)$",
                   "", label).strip(" ,;:") or label  # "QuickDASH, 0–100", "Key pinch strength, kg"
    if not re.search(r"[A-Za-z]{2}", label):
        return [], state
    own = set(key_tokens(label))
    # a measure the methods listed, or one named before in as few words (not "improvements ... in ODI and VAS")
    found = [f for f in mentions(label, ctx.registry) if f[2].role != "other" or set(key_tokens(f[2].label)) <= own | {
        "score", "scale", "index", "total"}]
    hits = find_instruments(label)
    pos = s.text.index(cells[0]) if cells[0] in s.text else 0
    slug = hits[0][2][0] if hits else "adverse-events" if state.adverse else UNMAPPED
    ep = found[0][2] if found else ctx.registry.add(label, slug, "other", s, s.start + pos, s.start + pos + len(cells[0]),
                                                    confidence=0.6, loose=True)
    if not found and len(set(key_tokens(ep.label)) - own - {"score", "scale", "index", "total"}) > 1:
        # "VAS back pain" is not "the improvements from baseline to 24 months in ODI and VAS back pain"
        ep = ctx.registry.add(label, slug, "other", s, s.start + pos, s.start + pos + len(cells[0]), confidence=0.6)
    pm_sd = ctx.pm_is_sd or row_stat == "mean" or bool(re.search(r"(?i:\bmean\s*(?:±|\(\s*)\s*SD\b)", raw + " " + caption))
    offsets = _offsets(raw_cells)
    arm_results: list[ResultDraft] = []
    between: list[Stat] = []
    row_last: dict[int, ResultDraft] = {}
    state.last = row_last
    for k, ((kind, arm), cell) in enumerate(zip(state.columns, cells[1:], strict=True)):
        off = offsets[k + 1]
        if kind == "arm":
            own_stat = re.search(r"(?i:\b(?:mean|median)\b|\b(?:SD|IQR)\b)", raw)  # "6MWD, mean (SD), m" under "No. (%)" rows
            stats = _cell_stats(cell, off, raw, state.n[k], pm_sd, state.count_pct and row_stat is None and not own_stat,
                                ctx.paren_is_sd or row_stat == "mean" or bool(_MEAN_SD_LABEL.search(caption)),
                                ctx.paren_is_median or row_stat == "median")
            if stats and "p" not in {c for c, _ in state.columns}:
                stats += _marked_p(raw_cells[k + 1], off, ctx, "comparator")  # "35.1 (18.4)‡": against the other arm
            for st in stats:  # "47 (92.2%)" under "BM-MSC Group (N = 51)": 47 of 51, when the percentage says so
                if st.kind == "proportion" and st.denominator is None and st.numerator is not None and state.n[k] and \
                        st.percentage is not None and _rounds_to(Decimal(100 * st.numerator) / state.n[k], st.percentage):
                    st.denominator = state.n[k]
            if stats:
                own_n = next((st.denominator for st in stats if st.kind == "proportion" and st.denominator), None)
                at = state.times[k] if state.times and state.times[k] else time
                arm_results.append(ResultDraft(ep, arm, at, stats, s, s.start + off, s.start + off + len(cell), own_n or state.n[k],
                                               None, 0.8, ["a row of a table: check the columns"]))
                row_last[k] = arm_results[-1]
        elif kind == "diff" and (m := _EST_CI.match(cell)):
            ratio = state.ratio if not m["name"] else bool(re.search(r"(?i:ratio|^(?:OR|HR|RR|IRR)$)", m["name"]))
            if state.either and not m["name"]:  # "Difference or Hazard Ratio": a ratio for a row of deaths or events in time
                ratio = bool(re.search(r"(?i:\b(?:death|died|mortality|survival|time\s+to|relapse|hazard)\b)", raw)) or (
                    # "RR or mean difference": a row of counts ("CP, n/N (%)") has the ratio, a row of means the difference
                    state.mean_either and bool(re.search(r"(?i:\bn\s*(?:/\s*N\s*)?\(\s*%\s*\))", raw))
                    and not re.search(r"(?i:\b(?:mean|median)\b)", raw))
            between.append(Stat("effect-size" if ratio else "difference", off + m.start(), off + m.end(),
                                cell.strip(), value=_d(m["v"]), ci=(_d(m["lo"]), _d(m["hi"]), state.level),
                                comparison="comparator"))
        elif kind == "p" and (m := _P_CELL.match(cell)):
            rel = RELATION.get(m["rel"] or "")
            between.append(Stat("p-value", off + m.start(), off + m.end(), cell.strip(), value=Decimal(m["v"]),
                                relation=rel, comparison="comparator"))
    if arm_results and between and state.times:  # the last visit against the first
        for st in between:
            st.comparison = "baseline"
        arm_results[-1].stats += between
    elif arm_results and between:
        arm_results[0].stats += between
    return arm_results, state


def _transposed_row(s: Sentence, ctx: Context, state: TableState, cells: list[str], raw_cells: list[str]) -> list[ResultDraft]:
    """One visit's row of a transposed table: a result per measure column, at the row's time (or one arm's row)."""
    arm_id, row_n, count_pct = None, None, state.count_pct
    if state.arm_rows:
        arm = next((a for a in ctx.arms if a.pattern.search(cells[0])), None)
        if arm is None:
            return []  # "Total (n = 15)": no arm's row
        arm_id, time = arm.id, state.time
        row_n = int(m[1]) if (m := re.search(r"\bn\s*=\s*(\d+)", cells[0])) else arm.size
        # "4 (80)  0 (0)  1 (20)": counts with their percentages
        count_pct = count_pct or all(re.fullmatch(r"\s*\d+\s*\(\s*\d+(?:\.\d+)?\s*%?\s*\)\s*", c) for c in cells[1:])
    else:
        _, time = _label_time(cells[0].strip(), None, s)
        if time is None:
            return []
    assert state.measures is not None
    offsets = _offsets(raw_cells)
    pm_sd = ctx.pm_is_sd or ctx.table_pm_sd
    out: list[ResultDraft] = []
    for k, (measure, cell) in enumerate(zip(state.measures, cells[1:], strict=True)):
        stats = _cell_stats(cell, offsets[k + 1], measure, row_n, pm_sd, count_pct, ctx.paren_is_sd, ctx.paren_is_median)
        if not stats:
            continue
        stats += _marked_p(raw_cells[k + 1], offsets[k + 1], ctx, "baseline")  # "*P < 0.05 compared with baseline"
        label = re.sub(r"\s*\([^()]*\)\s*$", "", _LABEL_STAT.sub("", measure)).strip(" ,;:") or measure
        found = mentions(label, ctx.registry)
        hits = find_instruments(label)
        pos = s.text.index(cells[0]) if cells[0] in s.text else 0
        ep = found[0][2] if found else ctx.registry.add(label, hits[0][2][0] if hits else UNMAPPED, "other", s,
                                                        s.start + pos, s.start + pos + len(cells[0]), confidence=0.6, loose=True)
        off = offsets[k + 1]
        out.append(ResultDraft(ep, arm_id or state.columns[k][1], time, stats, s, s.start + off, s.start + off + len(cell),
                               row_n if state.arm_rows else state.n[k],
                               None, 0.75, ["a row of a table whose columns are measures: check the columns"]))
    return out
