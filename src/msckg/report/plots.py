"""Trajectory plots as SVG: one line per arm, error bars only where the source gives a spread.

Lean matplotlib: a bare `Figure` (no pyplot state, no GUI backend), SVG written straight to bytes.
Deterministic: a fixed `svg.hashsalt` for element ids, no creation date in the metadata, glyphs as
paths in the bundled DejaVu font, so two runs give byte-identical files. Floats appear only here,
as drawing coordinates; every number a reader sees as text is printed from its exact Decimal.
"""

from __future__ import annotations

import io
from decimal import Decimal

import matplotlib
from matplotlib.figure import Figure

from msckg.report.series import Point, Series, Trajectory, missing_spread_label

SVG_RC = {
    "svg.hashsalt": "msckg-report",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
# Colour-blind-safe palette (Okabe-Ito) and markers, cycled per series.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
MARKERS = ("o", "s", "D", "^", "P", "X", "v", "*")
BOUND_MARKERS = {"<": "v", "<=": "v", ">": "^", ">=": "^"}


def svg_bytes(fig: Figure) -> bytes:
    """A figure as deterministic SVG."""
    buffer = io.BytesIO()
    with matplotlib.rc_context(SVG_RC):
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "msckg report"})
    return buffer.getvalue()


def _f(value: Decimal) -> float:
    return float(value)


def trajectory_svg(plan: Trajectory) -> bytes:
    """Mean/median (or other central value) against time since first administration, per series."""
    with matplotlib.rc_context(SVG_RC):
        # The legend sits under the axes (never over a point): one line of height per series.
        legend_inches = 0.22 * len(plan.series) + 0.1
        fig = Figure(figsize=(6.4, 3.6 + legend_inches))
        ax = fig.add_subplot()
        xs_all = sorted({plan.x(p.days) for s in plan.series for p in s.points})
        span = _f(xs_all[-1] - xs_all[0]) or 1.0
        count = len(plan.series)
        y_top = max((_f(p.high if p.high is not None else (p.value if p.value is not None else p.bound or 0)))
                    for s in plan.series for p in s.points)
        y_bottom = min((_f(p.low if p.low is not None else (p.value if p.value is not None else p.bound or 0)))
                       for s in plan.series for p in s.points)
        y_floor = min(0.0, y_bottom)
        pad = (y_top - y_floor) * 0.06 or 1.0
        for index, series in enumerate(plan.series):
            # Series at the same timepoints are nudged apart by a hair so their bars do not hide each other.
            dodge = (index - (count - 1) / 2) * span * 0.012 if count > 1 else 0.0
            _draw_series(ax, plan, series, index, dodge, pad)
        ax.set_xticks([_f(x) for x in xs_all], [f"{x.normalize():f}" for x in xs_all])
        ax.set_xlabel(plan.x_label)
        ax.set_ylabel(plan.y_label)
        ax.set_title(plan.title, fontsize=10, loc="left")
        ax.margins(x=0.06)
        ax.set_ylim(y_floor if y_floor == 0 else y_floor - pad, y_top + 2 * pad)
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        fig.legend(*ax.get_legend_handles_labels(), loc="lower left", bbox_to_anchor=(0.01, 0.005), fontsize=7.5,
                   frameon=False)
        fig.tight_layout(rect=(0, legend_inches / (3.6 + legend_inches), 1, 1))
    return svg_bytes(fig)


def _draw_series(ax, plan: Trajectory, series: Series, index: int, dodge: float, pad: float) -> None:  # type: ignore[no-untyped-def]
    colour, marker = COLOURS[index % len(COLOURS)], MARKERS[index % len(MARKERS)]
    valued = [p for p in series.points if p.value is not None]
    xs = [_f(plan.x(p.days)) + dodge for p in valued]
    ys = [_f(p.value) for p in valued]  # type: ignore[arg-type]
    ax.plot(xs, ys, color=colour, marker=marker, markersize=5, linewidth=1.4, label=series.legend)
    for p, x, y in zip(valued, xs, ys, strict=True):
        if p.spread is not None and p.low is not None and p.high is not None:
            bars = ax.errorbar([x], [y], yerr=[[y - _f(p.low)], [_f(p.high) - y]], fmt="none", ecolor=colour,
                               elinewidth=1.1, capsize=3.5)
            if p.spread == "±":
                bars.lines[2][0].set_linestyle((0, (3, 2)))  # dashed: an unnamed ±, not an SD
        elif (text := missing_spread_label(p, series)) is not None:
            ax.annotate(text, (x, y), xytext=(0, -12), textcoords="offset points", ha="center", fontsize=6.5,
                        color="#555555", style="italic")
        _annotate_p(ax, p, x, _f(p.high) if p.high is not None else y)
    for p in series.points:
        if p.value is None and p.bound is not None:
            x, y = _f(plan.x(p.days)) + dodge, _f(p.bound)
            ax.plot([x], [y], linestyle="none", marker=BOUND_MARKERS.get(p.relation or "", "o"), markersize=7,
                    markerfacecolor="none", markeredgecolor=colour)
            ax.annotate(f"{p.relation} {p.bound}", (x, y), xytext=(6, 0), textcoords="offset points",
                        fontsize=7, color=colour, va="center")


def _annotate_p(ax, point: Point, x: float, top: float) -> None:  # type: ignore[no-untyped-def]
    texts = [f"p {pv.text}" if pv.value is None else f"p = {pv.text}" for pv in point.pvalues]
    if texts:
        ax.annotate("; ".join(texts), (x, top), xytext=(0, 4), textcoords="offset points", ha="center",
                    fontsize=6.5, color="#333333")
