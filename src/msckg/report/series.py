"""From reported results to what a trajectory plot may honestly draw.

A point is a central statistic (mean, median, an unnamed central value, a proportion's
percentage, a posted number) at a timepoint, with the spread the source gives for it: SD, SE, a
confidence interval, or the unnamed "±" of an "x ± y" (drawn as ±, never called SD). What cannot
be drawn as a value is said in a note: a missing spread, a value known only as a bound, a result
stated in words only, a result with no timepoint. Only endpoints with numbers at two or more
timepoints get a plot; this is also what keeps a 1,100-study report fast.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from msckg.report.model import Endpoint, Result, Statistic

# Central statistics, in the order a series prefers them when a result has several.
CENTRAL = ("Mean", "Median", "CentralValue", "Proportion", "PostedNumber")
CENTRAL_NAMES = {"Mean": "mean", "Median": "median", "CentralValue": "central value (statistic not named)",
                 "Proportion": "percentage", "PostedNumber": "number (posted)"}
# Spreads drawn as symmetric error bars, and what the legend calls them.
SPREAD = {"StandardDeviation": "SD", "StandardError": "SE", "PlusMinus": "±"}
LEGEND_CENTRAL = {"Mean": "mean", "Median": "median", "CentralValue": "central value",
                  "Proportion": "percentage", "PostedNumber": "number"}
LEGEND_SPREAD = {"SD": " ± SD", "SE": " ± SE", "±": " ± y (statistic not named)", "CI": " with CI"}
SPREAD_NAMES = {"SD": "SD", "SE": "SE", "±": "± (statistic not named)", "CI": "CI"}

_DAYS_ONLY = re.compile(r"^P(\d+)D$")
DAYS_PER = {"days": Decimal(1), "weeks": Decimal(7), "months": Decimal("30.4375"), "years": Decimal("365.25")}


@dataclass(frozen=True)
class Point:
    result: Result
    days: Decimal
    central: Statistic
    value: Decimal | None  # None when only a bound is reported
    relation: str | None = None
    bound: Decimal | None = None
    spread: str | None = None  # SD, SE, ±, CI
    low: Decimal | None = None  # error bar ends, absolute
    high: Decimal | None = None
    pvalues: tuple[Statistic, ...] = ()


@dataclass(frozen=True)
class Series:
    label: str
    central: str  # Mean, Median, ...
    points: tuple[Point, ...]

    @property
    def legend(self) -> str:
        spreads = sorted({p.spread for p in self.points if p.spread})
        return f"{self.label}: {LEGEND_CENTRAL[self.central]}" + "".join(LEGEND_SPREAD[s] for s in spreads)


@dataclass(frozen=True)
class Trajectory:
    key: str
    title: str
    y_label: str
    x_unit: str
    series: tuple[Series, ...]
    notes: tuple[str, ...]

    @property
    def x_label(self) -> str:
        return f"Time since first administration ({self.x_unit})"

    def x(self, days: Decimal) -> Decimal:
        return days / DAYS_PER[self.x_unit]


def _central(result: Result) -> Statistic | None:
    for kind in CENTRAL:
        for stat in result.statistics:
            if stat.kind != kind or stat.comparison:
                continue
            if kind == "Proportion" and stat.percentage is None:
                continue
            if stat.value is not None or stat.bound is not None or stat.percentage is not None:
                return stat
    return None


def _point(result: Result, central: Statistic) -> Point:
    assert result.days is not None
    value = central.percentage if central.kind == "Proportion" else central.value
    pvalues = tuple(s for s in result.statistics if s.kind == "PValue")
    spread, low, high = None, None, None
    if central.ci_lower is not None and central.ci_upper is not None:
        spread, low, high = "CI", central.ci_lower, central.ci_upper
    elif value is not None:
        for stat in result.statistics:
            if stat.kind in SPREAD and stat.value is not None:
                spread, low, high = SPREAD[stat.kind], value - stat.value, value + stat.value
                break
    return Point(result, result.days, central, value, central.relation if value is None else None,
                 central.bound if value is None else None, spread, low, high, pvalues)


def x_unit(days: Iterable[Decimal], durations: Iterable[str | None]) -> str:
    """Days up to 13 weeks, weeks where every timepoint is whole weeks written in days, else months/years."""
    span = max(days, default=Decimal(0))
    whole_weeks = all(d is not None and (m := _DAYS_ONLY.match(d)) is not None and int(m[1]) % 7 == 0
                      for d in durations if d not in (None, "P0D", "PT0S"))
    if span <= 91:
        return "weeks" if whole_weeks and span >= 28 else "days"
    if span <= Decimal("1095.75"):
        return "weeks" if whole_weeks else "months"
    return "years"


def _unit_text(endpoint_units: Sequence[str | None], points: Sequence[Point]) -> str:
    units: list[str] = []
    for p in points:
        unit = "%" if p.central.kind == "Proportion" else (p.central.unit or None)
        if unit and unit not in units:
            units.append(unit)
    for unit in endpoint_units:
        if not units and unit:
            units.append(unit)
    return " / ".join(units) if units else "unit not reported"


def _fmt_when(points: Sequence[Point] | Sequence[Result]) -> str:
    whens = [p.result.when if isinstance(p, Point) else p.when for p in points]
    return ", ".join(dict.fromkeys(whens))


def build_trajectory(key: str, title: str, parts: Sequence[tuple[str, Endpoint]]) -> Trajectory | None:
    """A plot plan for one endpoint, or one endpoint family across studies (`parts` = label prefix, endpoint).

    None when fewer than two distinct timepoints carry a plottable number.
    """
    series: list[Series] = []
    notes: list[str] = []
    all_points: list[Point] = []
    for prefix, endpoint in parts:
        grouped: dict[tuple[str, str], list[Point]] = defaultdict(list)
        words: list[Result] = []
        untimed: list[Result] = []
        for result in endpoint.results:
            central = _central(result)
            if result.days is None:
                if central is not None:
                    untimed.append(result)
                continue
            if central is None:
                if result.finding:
                    words.append(result)
                continue
            grouped[(result.population, central.kind)].append(_point(result, central))
        who = f"{prefix}: " if prefix else ""
        for (population, kind), points in sorted(grouped.items()):
            points.sort(key=lambda p: p.days)
            label = f"{prefix} · {population}" if prefix else population
            series.append(Series(label, kind, tuple(points)))
            all_points.extend(points)
            notes.extend(_spread_notes(label, points))
        for result in words:
            finding = result.finding or ""
            short = finding if len(finding) <= 160 else finding[:157] + "…"
            notes.append(f"{who}{result.population}, {result.when}: stated in words only, not plotted — “{short}”")
        if untimed:
            notes.append(f"{who}not plotted: {len(untimed)} result(s) without a timepoint "
                         f"({_fmt_when(untimed)}); see the table")
    if len({p.days for p in all_points}) < 2:
        return None
    if any(p.spread == "±" for p in all_points):
        notes.append("“±”: the source writes “x ± y” without naming the statistic; drawn as x ± y, "
                     "not as a standard deviation.")
    if any(p.central.kind == "CentralValue" for p in all_points):
        notes.append("Central value: the source does not say whether it is a mean or a median.")
    for p in all_points:
        for pv in p.pvalues:
            against = f" {pv.comparison}" if pv.comparison else ""
            against += f" ({pv.comparator})" if pv.comparator else ""
            notes.append(f"{p.result.population}, {p.result.when}: p {pv.text if pv.value is None else '= ' + pv.text}"
                         f"{against}")
    endpoint_units = [e.unit for _, e in parts]
    first = parts[0][1]
    name = first.abbreviation or first.instrument_label or first.label
    unit = _unit_text(endpoint_units, all_points)
    durations = [p.result.timepoint for p in all_points]
    return Trajectory(key, title, f"{name} ({unit})", x_unit([p.days for p in all_points], durations),
                      tuple(series), tuple(dict.fromkeys(notes)))


def _spread_notes(label: str, points: Sequence[Point]) -> list[str]:
    notes = []
    bounded = [p for p in points if p.value is None]
    for p in bounded:
        notes.append(f"{label}, {p.result.when}: only a bound is reported ({p.relation} {p.bound}); "
                     "drawn as an open triangle at the bound, not as a value.")
    valued = [p for p in points if p.value is not None]
    missing = [p for p in valued if p.spread is None]
    if not missing:
        return notes
    named = sorted({p.spread for p in valued if p.spread})
    if named:
        what = " or ".join(SPREAD_NAMES[s] for s in named)
        notes.append(f"{label}: {what} not reported at {_fmt_when(missing)}; marker without error bar.")
    elif all(p.central.kind in ("Proportion", "PostedNumber") for p in missing):
        notes.append(f"{label}: no confidence interval reported; markers without error bars.")
    else:
        notes.append(f"{label}: SD not reported (nor SE, CI or ±); markers without error bars.")
    return notes


def missing_spread_label(point: Point, series: Series) -> str | None:
    """The short text written beside a marker that has no error bar (None when it has one)."""
    if point.value is None or point.spread is not None:
        return None
    named = sorted({p.spread for p in series.points if p.spread})
    if point.central.kind in ("Proportion", "PostedNumber") and not named:
        return None
    return f"{' or '.join(named) if named else 'SD'} not reported"
