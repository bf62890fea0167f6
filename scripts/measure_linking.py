"""Measure the normaliser on the Condition and ConditionMeshId fields of registry records.

    python scripts/measure_linking.py ../shared/ctgov/ctgov-msc-studyfields-dev.jsonl.gz [--audit 50] [--seed 7]

Prints the share of trials with at least one condition resolved to MONDO, the share of condition
strings resolved, the unresolved strings by frequency, and a random sample of resolved strings
for a hand audit (written to docs/linking.md by hand, with the verdicts).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
from collections import Counter
from pathlib import Path

from msckg.linking.normalise import mesh_curie, normalise


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path", type=Path)
    ap.add_argument("--audit", type=int, default=50)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    records = [json.loads(line) for line in gzip.open(args.path, "rt", encoding="utf-8") if line.strip()]
    trials_ok = 0
    strings: Counter[str] = Counter()
    resolved: dict[str, tuple[str, str, str, float]] = {}
    unresolved: Counter[str] = Counter()
    by_mesh_only = 0
    for rec in records:
        context = " ".join(rec.get("BriefTitle", []) + rec.get("Condition", []))
        text_hits = set()
        for cond in rec.get("Condition", []):
            strings[cond] += 1
            r = normalise(cond, kind="disease", context=context)
            if r.best:
                text_hits.add(r.best.curie)
                resolved[cond] = (r.best.curie, r.best.label, r.best.match_type, r.best.score)
            else:
                unresolved[cond] += 1
        mesh_hits = {c.curie for m in rec.get("ConditionMeshId", [])
                     for c in normalise(mesh_curie(m), kind="disease").candidates[:1]}
        if text_hits or mesh_hits:
            trials_ok += 1
            by_mesh_only += not text_hits
    n_strings = sum(strings.values())
    n_resolved = n_strings - sum(unresolved.values())
    print(f"records: {len(records)}")
    print(f"trials with >=1 condition resolved to MONDO: {trials_ok}/{len(records)} = {100 * trials_ok / len(records):.1f}%"
          f" ({by_mesh_only} only through ConditionMeshId)")
    print(f"condition strings resolved: {n_resolved}/{n_strings} = {100 * n_resolved / n_strings:.1f}%"
          f" (distinct: {len(resolved)}/{len(strings)})")
    print("\nmost frequent unresolved strings:")
    for text, n in unresolved.most_common(40):
        print(f"  {n:3d}  {text}")
    rng = random.Random(args.seed)
    sample = rng.sample(sorted(resolved), min(args.audit, len(resolved)))
    print(f"\naudit sample ({len(sample)} distinct resolved strings, seed {args.seed}):")
    for text in sample:
        curie, label, how, score = resolved[text]
        print(f"  {text!r} -> {curie} {label!r} [{how}, {score}]")


if __name__ == "__main__":
    main()
