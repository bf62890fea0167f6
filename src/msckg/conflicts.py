"""Where sources disagree about a study.

The facts come from the `facts-by-source` query, run once per study and source graph (binding
the graph keeps the query from scanning every graph of a registry-sized dataset). For a study described by two or more sources, an aspect is reported when the sources do
not state the same set of values — including when one states a value and another states none,
which is how "allogeneic MSC" (registry) and "umbilical cord MSC" (paper) show up side by side.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rdflib import Dataset, URIRef

from msckg.namespaces import MSCKG, RDF
from msckg.queries import get_query, run_query


@dataclass(frozen=True)
class Conflict:
    study: str
    aspect: str
    values: dict[str, tuple[str, ...]]  # source graph -> values it states ("" = states none)

    @property
    def kind(self) -> str:
        stated = [v for v in self.values.values() if v]
        return "different values" if len(stated) > 1 else "stated by one source only"


def sources_of(dataset: Dataset) -> dict[str, list[URIRef]]:
    """Study id -> the named graphs (sources) that describe it."""
    out: dict[str, set[URIRef]] = defaultdict(set)
    for study, _p, sid, graph in dataset.quads((None, MSCKG.identifier, None, None)):
        if (study, RDF.type, MSCKG.ClinicalStudy) in dataset:
            out[str(sid)].add(getattr(graph, "identifier", graph))
    return {sid: sorted(graphs) for sid, graphs in out.items()}


def find_conflicts(dataset: Dataset, study: str | None = None) -> list[Conflict]:
    """Aspects on which the sources of a study (or of every multi-source study) differ."""
    query = get_query("facts-by-source")
    out = []
    for sid, graphs in sorted(sources_of(dataset).items()):
        if len(graphs) < 2 or (study and study.lower() != sid.lower()):
            continue
        facts: dict[str, dict[URIRef, set[str]]] = defaultdict(lambda: defaultdict(set))
        for graph in graphs:
            for aspect, value in run_query(query, dataset, {"study": sid, "source": str(graph)}).rows:
                if aspect and value:
                    facts[aspect][graph].add(value)
        for aspect, by_source in sorted(facts.items()):
            values = {str(g): tuple(sorted(by_source.get(g, ()))) for g in graphs}
            if len(set(values.values())) > 1:
                out.append(Conflict(sid, aspect, values))
    return out
