"""Trajectory SVGs: deterministic bytes, labelled axes, honest annotations."""

from __future__ import annotations

import html
import re
from decimal import Decimal

from msckg.report.model import Endpoint, Result, Statistic
from msckg.report.plots import trajectory_svg
from msckg.report.series import build_trajectory


def _texts(svg: bytes) -> list[str]:
    """matplotlib writes each text it draws as glyph paths preceded by the text in a comment."""
    return [html.unescape(t) for t in re.findall(r"<!-- (.*?) -->", svg.decode("utf-8"))]


def _plan():  # type: ignore[no-untyped-def]
    def stat(kind: str, value: str | None = None, **extra: object) -> Statistic:
        return Statistic(f"s/{kind}/{value}", kind, kind.lower(), Decimal(value) if value else None, **extra)  # type: ignore[arg-type]

    def result(days: str, label: str, *stats: Statistic) -> Result:
        return Result(f"r/{days}", "e", "UMSCT", f"P{days}D", Decimal(days), label, None, None, None, None, stats)

    endpoint = Endpoint("e", "mrss", "modified Rodnan Skin Score", "other", "i", "modified Rodnan Skin Score",
                        "mRSS", None, (
                            result("0", "baseline", stat("Mean", "18.68"), stat("StandardDeviation", "7.26")),
                            result("365.25", "1 year", stat("Mean", "13.95")),
                            result("1826.25", "5 years", stat("Mean", "12.39"), stat("StandardDeviation", "8.49"),
                                   stat("PValue", relation="<", bound=Decimal("0.01"), comparison="versus baseline")),
                        ))
    plan = build_trajectory("mrss", "modified Rodnan Skin Score", [("", endpoint)])
    assert plan is not None
    return plan


def test_svg_is_byte_identical_across_runs_and_undated() -> None:
    first, second = trajectory_svg(_plan()), trajectory_svg(_plan())
    assert first == second
    assert b"<dc:date>" not in first
    assert first.startswith(b"<?xml") and b"</svg>" in first


def test_axes_are_labelled_and_gaps_and_bounds_are_written() -> None:
    texts = _texts(trajectory_svg(_plan()))
    assert "Time since first administration (years)" in texts
    assert "mRSS (unit not reported)" in texts
    assert "UMSCT: mean ± SD" in texts
    assert "SD not reported" in texts  # the 1-year marker has no error bar
    assert "p < 0.01" in texts
    assert {"0", "1", "5"} <= set(texts)  # ticks at the reported timepoints
