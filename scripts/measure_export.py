"""Time and peak memory of `msckg export FORMAT` for each format, as a Markdown table.

Run from the project root on a built graph (the 1,100-record registry build for docs/export.md):

    python scripts/measure_export.py --graph build-registry/kg.nq --out /tmp/exports
    python scripts/measure_export.py --graph build/kg.nq --out /tmp/exports turtle jsonld

Each export runs as its own `msckg` process under GNU time (`/usr/bin/time -v`), so the peak RSS
is that of the whole command, interpreter and imports included.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

from msckg.export import WRITERS

SUFFIX = {"nquads": ".nq", "trig": ".trig", "turtle": ".ttl", "ntriples": ".nt", "rdfxml": ".rdf",
          "jsonld": ".jsonld", "graphml": ".graphml", "gexf": ".gexf"}


def measure(fmt: str, graph: Path, out_dir: Path) -> tuple[float, int, int]:
    """(wall seconds, peak RSS in KiB, bytes written) of one export."""
    out = out_dir / f"kg{SUFFIX.get(fmt, '')}" if fmt in SUFFIX else out_dir / f"kg-{fmt}"
    msckg = str(Path(sys.executable).parent / "msckg")
    run = subprocess.run(["/usr/bin/time", "-v", msckg, "export", fmt, "--graph", str(graph), "--out", str(out)],
                         capture_output=True, text=True, check=False)
    if run.returncode != 0:
        raise SystemExit(f"{fmt}: failed\n{run.stderr}")
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", run.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr)
    assert wall and rss, run.stderr
    seconds = int(wall[1] or 0) * 3600 + int(wall[2]) * 60 + float(wall[3])
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) if out.is_dir() else out.stat().st_size
    return seconds, int(rss[1]), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("formats", nargs="*", help="formats to measure (default: every registered one)")
    parser.add_argument("--graph", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True, help="scratch directory for the outputs")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    print("| format | wall time | peak RSS | output size |\n|---|---:|---:|---:|")
    for fmt in args.formats or sorted(WRITERS):
        seconds, rss, size = measure(fmt, args.graph, args.out)
        print(f"| {fmt} | {seconds:.1f} s | {rss / 1024:.0f} MiB | {size / 2**20:.1f} MiB |", flush=True)


if __name__ == "__main__":
    main()
