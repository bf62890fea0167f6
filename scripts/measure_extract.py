"""Measure `msckg extract`: draft each document, compare with its curated study file, print a
precision/recall table per fact kind (Markdown, as recorded in docs/extract.md).

    .venv/bin/python scripts/measure_extract.py            # the seed documents in ../shared/seeds
    .venv/bin/python scripts/measure_extract.py --fixtures # the synthetic fixtures in tests/extract
    .venv/bin/python scripts/measure_extract.py --fixtures tests/extract/fixtures/tune   # one folder

Seeds are compared with src/msckg/data/studies/*.yaml (the study whose `documents` name the
file; only facts sourced from that document count); fixtures with their *.expected.yaml. A fixture
folder is measured on its own documents only (no sub-folders): `--fixtures` alone is the top-level
tests/extract/fixtures, `--fixtures DIR` any other folder (tune/, holdout/).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from msckg.extract.measure import measure_folder, render

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "extract" / "fixtures"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--fixtures", nargs="?", type=Path, const=FIXTURES, default=None, metavar="DIR",
                    help="measure a fixture folder (NAME.txt + NAME.expected.yaml; default tests/extract/fixtures, "
                         "top level only) instead of the seeds")
    ap.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    ap.add_argument("--per-document", action="store_true", help="also print one table per document")
    ap.add_argument("--misses", action="store_true",
                    help="also list each document's unmatched numeric facts (expected and not drafted, and the reverse)")
    args = ap.parse_args()
    misses: dict[str, tuple[list[str], list[str]]] | None = {} if args.misses else None
    if args.fixtures is not None:
        if not args.fixtures.is_dir():
            print(f"error: {args.fixtures} is not a folder", file=sys.stderr)
            return 1
        total, per_doc = measure_folder(args.fixtures, None, misses=misses)
    else:
        if not args.seeds.is_dir():
            print(f"error: {args.seeds} not found", file=sys.stderr)
            return 1
        total, per_doc = measure_folder(args.seeds, ROOT / "src" / "msckg" / "data" / "studies", misses=misses)
    if args.per_document:
        for name, tallies in per_doc.items():
            print(f"\n### {name}\n")
            print(render(tallies))
    for name, (lost, extra) in (misses or {}).items():
        print(f"\n### {name}: {len(lost)} expected facts not drafted, {len(extra)} drafted facts not expected")
        print("\n".join([f"- {x}" for x in lost] + [f"+ {x}" for x in extra]))
    print(render(total))
    return 0


if __name__ == "__main__":
    sys.exit(main())
