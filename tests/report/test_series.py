"""What a trajectory plot may draw: spreads as given, gaps and bounds said in words."""

from __future__ import annotations

from decimal import Decimal

from msckg.report.model import Endpoint, Result, Statistic
from msckg.report.series import build_trajectory, missing_spread_label, x_unit


def _result(key: str, days: str, label: str, *stats: Statistic, finding: str | None = None) -> Result:
    return Result(iri=f"r/{key}", endpoint="e", population="arm A", timepoint=f"P{days}D", days=Decimal(days),
                  timepoint_label=label, n=None, finding=finding, direction=None, note=None, statistics=stats)


def _stat(kind: str, value: str | None = None, **extra: object) -> Statistic:
    return Statistic(iri=f"s/{kind}/{value}", kind=kind, label=kind.lower(),
                     value=Decimal(value) if value is not None else None, **extra)  # type: ignore[arg-type]


def _endpoint(*results: Result, unit: str | None = None) -> Endpoint:
    return Endpoint("e", "score", "a score", "secondary", "i", "a score", "AS", unit, results)


def test_missing_sd_is_a_note_and_a_marker_label_not_a_bar() -> None:
    endpoint = _endpoint(
        _result("0", "0", "baseline", _stat("Mean", "10.5"), _stat("StandardDeviation", "2.25")),
        _result("1", "182.625", "6 months", _stat("Mean", "8.0")),
        _result("2", "365.25", "12 months", _stat("Mean", "7.25"), _stat("StandardDeviation", "1.5")),
    )
    plan = build_trajectory("score", "a score", [("", endpoint)])
    assert plan is not None
    assert plan.x_unit == "months" and [plan.x(p.days) for p in plan.series[0].points] == [0, 6, 12]
    assert plan.y_label == "AS (unit not reported)"
    points = plan.series[0].points
    assert [(p.spread, p.low, p.high) for p in points] == [
        ("SD", Decimal("8.25"), Decimal("12.75")), (None, None, None), ("SD", Decimal("5.75"), Decimal("8.75"))]
    assert "arm A: SD not reported at 6 months; marker without error bar." in plan.notes
    assert missing_spread_label(points[1], plan.series[0]) == "SD not reported"
    assert plan.series[0].legend == "arm A: mean ± SD"


def test_plus_minus_is_drawn_as_unnamed_plus_minus_not_sd() -> None:
    endpoint = _endpoint(
        _result("0", "0", "baseline", _stat("CentralValue", "2.24"), _stat("PlusMinus", "1.43")),
        _result("9", "273.9375", "9 months", _stat("CentralValue", "1.24"), _stat("PlusMinus", "1.09"),
                _stat("PValue", relation="<", bound=Decimal("0.05"), comparison="versus baseline")),
        unit="mg",
    )
    plan = build_trajectory("p", "proteinuria", [("", endpoint)])
    assert plan is not None
    assert plan.series[0].legend == "arm A: central value ± y (statistic not named)"
    assert "SD" not in plan.series[0].legend
    assert any("not as a standard deviation" in n for n in plan.notes)
    assert "arm A, 9 months: p < 0.05 versus baseline" in plan.notes
    assert plan.y_label == "AS (mg)"


def test_bound_only_value_is_not_drawn_as_a_value() -> None:
    endpoint = _endpoint(
        _result("0", "0", "baseline", _stat("Median", "40")),
        _result("1", "28", "day 28", _stat("Median", relation="<", bound=Decimal(5))),
    )
    plan = build_trajectory("m", "marker", [("", endpoint)])
    assert plan is not None
    bound = plan.series[0].points[1]
    assert (bound.value, bound.relation, bound.bound) == (None, "<", Decimal(5))
    assert any("only a bound is reported (< 5)" in n for n in plan.notes)


def test_findings_in_words_are_noted_and_one_timepoint_gives_no_plot() -> None:
    words = _result("w", "182.625", "6 months", finding="The score fell.")
    two = _endpoint(_result("0", "0", "baseline", _stat("Mean", "3")), words,
                    _result("1", "365.25", "1 year", _stat("Mean", "2")))
    plan = build_trajectory("x", "x", [("", two)])
    assert plan is not None
    assert any("6 months: stated in words only" in n and "The score fell." in n for n in plan.notes)
    assert build_trajectory("y", "y", [("", _endpoint(_result("0", "0", "baseline", _stat("Mean", "3")), words))]) is None


def test_time_axis_unit() -> None:
    assert x_unit([Decimal(0), Decimal(10), Decimal(28)], ["P0D", "P10D", "P28D"]) == "days"
    assert x_unit([Decimal(0), Decimal(364)], ["P0D", "P364D"]) == "weeks"
    assert x_unit([Decimal(0), Decimal("365.25")], ["P0D", "P12M"]) == "months"
    assert x_unit([Decimal(0), Decimal("1826.25")], ["P0D", "P5Y"]) == "years"
