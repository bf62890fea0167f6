"""The product–disease–endpoint network: which cell products were given for which diseases, and
which instruments those studies measured.

Products are grouped by their Cell Ontology class (else their label), diseases by MONDO class
(primary conditions), endpoints by instrument. Edges count studies. The layout is networkx's
spring layout with a fixed seed over nodes and edges added in sorted order, so the picture is the
same on every run. A registry-sized graph keeps the most-studied nodes of each kind so that the
picture stays legible; the page's tables list every pair.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import matplotlib
import networkx as nx
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from msckg.report.model import ReportData, Study
from msckg.report.plots import SVG_RC, svg_bytes

LAYOUT_SEED = 20240611
KIND_COLOURS = {"product": "#009E73", "disease": "#D55E00", "endpoint": "#0072B2"}
LIMITS = {"product": 10, "disease": 20, "endpoint": 20}


@dataclass
class Network:
    """Nodes (kind, label) with the studies behind them, and edges with theirs."""

    nodes: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    edges: dict[tuple[tuple[str, str], tuple[str, str]], set[str]] = field(default_factory=lambda: defaultdict(set))
    shown: list[tuple[str, str]] = field(default_factory=list)

    def pairs(self, a: str, b: str) -> list[tuple[str, str, list[str]]]:
        """Every (a-label, b-label, study pages) pair of two kinds, most studies first."""
        rows = [(u[1], v[1], sorted(studies)) for (u, v), studies in self.edges.items() if u[0] == a and v[0] == b]
        return sorted(rows, key=lambda r: (-len(r[2]), r[0], r[1]))

    def count(self, kind: str) -> int:
        return sum(1 for k, _ in self.nodes if k == kind)

    def shown_count(self, kind: str) -> int:
        return sum(1 for k, _ in self.shown if k == kind)


def build_network(data: ReportData) -> Network:
    net = Network()
    for study in data.studies:
        _add_study(net, study)
    diseases = _top((n for n in net.nodes if n[0] == "disease"), lambda n: len(net.nodes[n]), LIMITS["disease"])
    kept = set(diseases)
    shown = list(diseases)
    for kind in ("product", "endpoint"):
        # Rank products and endpoints by their studies of the diseases shown, so none floats alone.
        linked: dict[tuple[str, str], set[str]] = defaultdict(set)
        for (u, v), studies in net.edges.items():
            for node, other in ((u, v), (v, u)):
                if node[0] == kind and other in kept:
                    linked[node] |= studies
        weights = {node: len(studies) for node, studies in linked.items()}
        shown.extend(_top(weights, weights.__getitem__, LIMITS[kind]))
    net.shown = sorted(shown)
    return net


def _top(nodes: Iterable[tuple[str, str]], weight: Callable[[tuple[str, str]], int], limit: int) -> list[tuple[str, str]]:
    return sorted(nodes, key=lambda n: (-weight(n), n[1]))[:limit]


def _add_study(net: Network, study: Study) -> None:
    products = sorted({("product", p.kind_label) for p in study.products})
    diseases = sorted({("disease", c.label) for c in study.primary_conditions})
    endpoints = sorted({("endpoint", e.instrument_label or e.label) for e in study.endpoints if e.instrument})
    for node in (*products, *diseases, *endpoints):
        net.nodes[node].add(study.page)
    for product in products:
        for disease in diseases:
            net.edges[(product, disease)].add(study.page)
    for disease in diseases:
        for endpoint in endpoints:
            net.edges[(disease, endpoint)].add(study.page)


def network_svg(net: Network) -> bytes:
    """The network picture (most-studied nodes of each kind), node size by number of studies."""
    graph = nx.Graph()
    keep = set(net.shown)
    for node in sorted(keep):
        graph.add_node(node)
    for (u, v), studies in sorted(net.edges.items()):
        if u in keep and v in keep:
            graph.add_edge(u, v, weight=len(studies))
    with matplotlib.rc_context(SVG_RC):
        fig = Figure(figsize=(10, 7.5))
        ax = fig.add_subplot()
        ax.set_axis_off()
        if graph.number_of_nodes():
            pos = nx.spring_layout(graph, seed=LAYOUT_SEED, k=2.4 / max(graph.number_of_nodes(), 1) ** 0.5,
                                   iterations=200, weight=None)
            edges = sorted(graph.edges(data="weight"))
            nx.draw_networkx_edges(graph, pos, ax=ax, edgelist=[(u, v) for u, v, _ in edges],
                                   width=[0.6 + 0.5 * min(w, 8) for _, _, w in edges], edge_color="#bbbbbb")
            for kind, colour in KIND_COLOURS.items():
                nodes = [n for n in graph.nodes if n[0] == kind]
                sizes = [80 + 60 * len(net.nodes[n]) ** 0.5 for n in nodes]
                nx.draw_networkx_nodes(graph, pos, nodelist=nodes, node_color=colour, node_size=sizes, ax=ax,
                                       alpha=0.9, linewidths=0.5, edgecolors="#ffffff")
            labels = {n: _wrap(n[1]) for n in graph.nodes}
            nx.draw_networkx_labels(graph, pos, labels=labels, font_size=6.5, ax=ax,
                                    verticalalignment="bottom")
        handles = [Line2D([], [], linestyle="none", marker="o", markersize=8, color=c, label=f"{k} ({_legend(net, k)})")
                   for k, c in KIND_COLOURS.items()]
        ax.legend(handles=handles, loc="lower left", fontsize=8, frameon=False)
        ax.set_title("Cell products – diseases – endpoints (node size: number of studies)", fontsize=10, loc="left")
        fig.tight_layout()
    return svg_bytes(fig)


def _legend(net: Network, kind: str) -> str:
    shown, total = net.shown_count(kind), net.count(kind)
    return f"{total}" if shown == total else f"{shown} most studied of {total}"


def _wrap(text: str, width: int = 28) -> str:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)
