"""Measure the ClinicalTrials.gov import: coverage of parsed product fields, time, and an audit sample.

    python scripts/measure_ctgov.py ../shared/ctgov/ctgov-msc-studyfields-dev.jsonl.gz [--audit 30] [--seed 11]

Coverage counts imported records (after de-duplication) whose graph holds at least one cell
product with the field; timepoints count records with at least one endpoint with a parsed planned
timepoint. The audit sample prints, per record, the parsed values with the words they came from,
for a person to check against the record.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from rdflib import Graph

from msckg.ctgov.importer import import_ctgov
from msckg.namespaces import MSCKG, RDF

FIELDS = {
    "cell product": (MSCKG.CellProduct, None),
    "tissue source": (MSCKG.CellProduct, MSCKG.tissueSource),
    "donor relation": (MSCKG.CellProduct, MSCKG.donorRelation),
    "dose": (MSCKG.Dose, MSCKG.value),
    "route": (MSCKG.Administration, MSCKG.route),
    "administrations": (MSCKG.Administration, MSCKG.administrationCount),
    "planned timepoints": (MSCKG.Endpoint, MSCKG.plannedTimepoint),
    "condition linked to MONDO": (MSCKG.Condition, None),
}


def has(graph: Graph, rdf_type, prop) -> bool:  # type: ignore[no-untyped-def]
    for node in graph.subjects(RDF.type, rdf_type):
        if prop is None or graph.value(node, prop) is not None:
            return True
    return False


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path", type=Path)
    ap.add_argument("--audit", type=int, default=30)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    start = time.perf_counter()
    summary = import_ctgov([args.path])
    seconds = time.perf_counter() - start
    graphs = summary.graphs
    n = len(graphs)
    print(f"records read: {summary.records}, imported: {n}, duplicates dropped: {len(summary.duplicates)}, "
          f"errors: {len(summary.errors)}, mapping time: {seconds:.1f} s, "
          f"triples: {sum(len(g) for g in graphs.values())}")
    print("\n| field | records | share |\n|---|---|---|")
    for name, (rdf_type, prop) in FIELDS.items():
        k = sum(has(g, rdf_type, prop) for g in graphs.values())
        print(f"| {name} | {k} | {100 * k / n:.1f}% |")
    rng = random.Random(args.seed)
    print(f"\naudit sample ({args.audit} records, seed {args.seed}):")
    for iri in rng.sample(sorted(graphs), args.audit):
        g = graphs[iri]
        print(f"\n## {str(iri).rsplit('/', 1)[1]}")
        for prod in sorted(g.subjects(RDF.type, MSCKG.CellProduct)):
            print(f"  product: {g.value(prod, MSCKG.reportedAs)}")
            for ev in sorted(g.objects(prod, MSCKG.evidence)):
                print(f"    {ev}")
            for note in g.objects(prod, MSCKG.note):
                print(f"    note: {note}")
            adm = g.value(prod, MSCKG.hasAdministration)
            if adm is not None:
                for ev in sorted(g.objects(adm, MSCKG.evidence)):
                    print(f"    {ev}")
                count = g.value(adm, MSCKG.administrationCount)
                days = sorted(int(d) for d in g.objects(adm, MSCKG.administrationDay))
                if count is not None or days:
                    print(f"    administrations: count={count} days={days}")
                for dose in g.objects(adm, MSCKG.hasDose):
                    print(f"    dose: {g.value(dose, MSCKG.value)} {g.value(dose, MSCKG.unit)}"
                          f" (upper {g.value(dose, MSCKG.upperValue)}) <- {g.value(dose, MSCKG.evidence)}")


if __name__ == "__main__":
    main()
