"""`msckg report`: gather, plan plots, render pages, and put the report directory in place at once.

The report is built in a staging directory beside `out` and renamed into place, so a failed run
leaves the previous report untouched. A directory that is not an msckg report is never replaced.
"""

from __future__ import annotations

import shutil
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from msckg.errors import MsckgError
from msckg.report.gather import gather
from msckg.report.lexical import Lexical, lexical_forms
from msckg.report.model import Endpoint, ReportData, Study
from msckg.report.network import build_network, network_svg
from msckg.report.plots import trajectory_svg
from msckg.report.render import anchor, render, stylesheet
from msckg.report.series import Trajectory, build_trajectory
from msckg.store import open_source

MARKER = "msckg-report.txt"


class ReportError(MsckgError):
    """The report cannot be written where asked."""


@dataclass(frozen=True)
class Plot:
    path: str  # relative to the report root
    plan: Trajectory


@dataclass(frozen=True)
class Family:
    """One instrument measured by several studies: the cross-study view."""

    slug: str
    label: str
    instrument: str
    entries: tuple[tuple[Study, Endpoint], ...]
    plot: Plot | None

    @property
    def studies(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.page for s, _ in self.entries))


@dataclass(frozen=True)
class ReportSummary:
    out: Path
    studies: int
    pages: int
    plots: int
    families: int
    seconds: float


def plan_plots(data: ReportData) -> dict[str, dict[str, Plot]]:
    """For each study page, the endpoints (by IRI) that get a trajectory plot."""
    plans: dict[str, dict[str, Plot]] = {}
    for study in data.studies:
        used: set[str] = set()
        plans[study.page] = {}
        for endpoint in study.endpoints:
            plan = build_trajectory(endpoint.id, endpoint.label, [("", endpoint)])
            if plan is None:
                continue
            stem = anchor(endpoint.id)
            while stem in used:
                stem += "-"
            used.add(stem)
            plans[study.page][endpoint.iri] = Plot(f"plots/{study.page}/{stem}.svg", plan)
    return plans


def plan_families(data: ReportData) -> list[Family]:
    """Instruments that endpoints of two or more studies use, with a combined plot where possible."""
    by_instrument: dict[str, list[tuple[Study, Endpoint]]] = defaultdict(list)
    for study in data.studies:
        for endpoint in study.endpoints:
            if endpoint.instrument:
                by_instrument[endpoint.instrument].append((study, endpoint))
    families: list[Family] = []
    slugs: set[str] = set()
    for instrument, entries in sorted(by_instrument.items()):
        if len({s.page for s, _ in entries}) < 2:
            continue
        first = entries[0][1]
        label = first.instrument_label or first.label
        if first.abbreviation and first.abbreviation not in label:
            label += f" ({first.abbreviation})"
        slug = anchor(instrument.rstrip("/").rsplit("/", 1)[-1])
        while slug in slugs:
            slug += "-"
        slugs.add(slug)
        plan = build_trajectory(slug, label, [(s.acronym or s.id, e) for s, e in entries])
        plot = Plot(f"plots/endpoints/{slug}.svg", plan) if plan else None
        families.append(Family(slug, label, instrument, tuple(entries), plot))
    return sorted(families, key=lambda f: (-len(f.studies), f.label.lower()))


def write_report(store: ox.Store, out: Path, graph_name: str = "", lexical: Lexical | None = None) -> ReportSummary:
    """Write the whole report for the graph in `store` to the directory `out` (replaced atomically).

    `lexical`: the graph file's decimal lexical forms, so numbers print with their reported digits.
    """
    started = time.perf_counter()
    _check_target(out)
    data = gather(store, lexical)
    plots = plan_plots(data)
    families = plan_families(data)
    family_pages = {f.instrument: f.slug for f in families}
    staging = out.with_name(out.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    pages = 0
    try:
        (staging / "assets").mkdir(parents=True)
        (staging / "studies").mkdir()
        (staging / "endpoints").mkdir()
        (staging / "plots" / "endpoints").mkdir(parents=True)
        (staging / "assets" / "report.css").write_text(stylesheet(), encoding="utf-8")
        common = {"graph_name": graph_name}
        for study in data.studies:
            for plot in plots[study.page].values():
                _write_bytes(staging / plot.path, trajectory_svg(plot.plan))
            (staging / "studies" / f"{study.page}.html").write_text(
                render("study.html", root="../", study=study, plots=plots[study.page],
                       family_pages=family_pages, **common), encoding="utf-8")
            pages += 1
        for family in families:
            if family.plot:
                _write_bytes(staging / family.plot.path, trajectory_svg(family.plot.plan))
            (staging / "endpoints" / f"{family.slug}.html").write_text(
                render("family.html", root="../", family=family, **common), encoding="utf-8")
            pages += 1
        net = build_network(data)
        _write_bytes(staging / "plots" / "network.svg", network_svg(net))
        (staging / "network.html").write_text(render("network.html", root="", net=net, **common), encoding="utf-8")
        plot_count = sum(len(p) for p in plots.values())
        (staging / "index.html").write_text(render(
            "index.html", root="", studies=data.studies, families=families, plot_count=plot_count,
            plots_per_study={page: len(p) for page, p in plots.items()}, **common), encoding="utf-8")
        pages += 2
        (staging / MARKER).write_text(
            f"msckg report\ngraph: {graph_name}\nstudies: {len(data.studies)}\nplots: {plot_count}\n", encoding="utf-8")
        _swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return ReportSummary(out, len(data.studies), pages, plot_count + sum(1 for f in families if f.plot),
                         len(families), time.perf_counter() - started)


def report(out: Path, graph: Path | None = None, store: Path | None = None) -> ReportSummary:
    """The report of a graph file (loaded in memory) or an on-disk store — what `msckg report` runs."""
    _check_target(out)  # before a registry-sized load, not after
    source = open_source(graph=graph, store=store)
    if store is not None:
        return write_report(source, out, graph_name=store.name)
    assert graph is not None
    return write_report(source, out, graph_name=graph.name, lexical=lexical_forms(graph))


def _write_bytes(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def _check_target(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise ReportError(f"{out}: exists and is not a directory")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise ReportError(f"{out}: a non-empty directory that is not an msckg report (no {MARKER}); "
                          "refusing to replace it — choose an empty or new --out directory")


def _swap_in(staging: Path, out: Path) -> None:
    old = out.with_name(out.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    staging.rename(out)
    shutil.rmtree(old, ignore_errors=True)
