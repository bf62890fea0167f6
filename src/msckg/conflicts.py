"""Where sources disagree about a study.

The facts come from the `facts-by-source` query (one row per study, aspect, source graph and
value). For a study described by two or more sources, an aspect is reported when the sources do
not state the same set of values — including when one states a value and another states none,
which is how "allogeneic MSC" (registry) and "umbilical cord MSC" (paper) show up side by side.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rdflib import Dataset

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


def find_conflicts(dataset: Dataset, study: str | None = None) -> list[Conflict]:
    rows = run_query(get_query("facts-by-source"), dataset).rows
    sources: dict[str, set[str]] = defaultdict(set)
    facts: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for sid, aspect, source, value in rows:
        assert sid and aspect and source
        sources[sid].add(source)
        if value:
            facts[(sid, aspect)][source].add(value)
    out = []
    for (sid, aspect), by_source in sorted(facts.items()):
        if len(sources[sid]) < 2 or (study and study.lower() not in (sid.lower(),)):
            continue
        values = {src: tuple(sorted(by_source.get(src, ()))) for src in sorted(sources[sid])}
        if len(set(values.values())) > 1:
            out.append(Conflict(sid, aspect, values))
    return out
