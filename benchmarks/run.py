"""Benchmark msckg against the naive stack, and write docs/benchmarks.md.

    python benchmarks/run.py                      # seeds, the 1,100 registry records, 10k, 100k
    python benchmarks/run.py --sizes 10000        # synthetic sizes to run (0 for none)
    python benchmarks/run.py --baseline-budget 900

Workloads: the bundled seed studies; the real ClinicalTrials.gov records in ../shared/ctgov; and
synthetic scale-ups of those records (fresh NCT ids, jittered enrollment and posted values, see
`synthesize`). Every stage runs in its own process, so wall time and peak RSS are the stage's own:

- build: `msckg.builder.build.build` (read, map, validate with the compiled shapes, write kg.nq)
- validate: the compiled engine on the built graph, against the naive baseline (the graph parsed
  into an rdflib Dataset, pySHACL over the whole union) up to the size it finishes within
  --baseline-budget seconds; findings are compared where both finish
- load: kg.nq into an on-disk Oxigraph store (`msckg load --store`)
- query: every named query on that store, against rdflib's in-memory SPARQL as baseline

Ratios are baseline time / msckg time, both measured in the same run on the same machine.
"""

from __future__ import annotations

import argparse
import copy
import gzip
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CTGOV = SHARED / "ctgov" / "ctgov-msc-studyfields-dev.jsonl.gz"

# Parameters for the named queries: the SSc seed study is part of every workload.
QUERY_PARAMS: dict[str, dict[str, str]] = {
    "endpoint-trajectory": {"study": "NCT00962923", "endpoint": "mRSS"},
    "facts-by-source": {"study": "ssc-umsct-5y", "source": "https://w3id.org/msckg/graph/ctgov/NCT00962923"},
    "products-for-disease": {"disease": "MONDO:0100096"},
    "studies-by-cell-source": {"tissue": "UBERON:0002331"},
    "studies-by-disease-class": {"class": "MONDO:0007179"},
    "study-by-registration": {"nct": "NCT00962923"},
}


# ---------------------------------------------------------------- synthetic workloads

def _jitter(text: str, rng: random.Random) -> str:
    """A number string moved by up to ±10 %, keeping its number of decimals; others unchanged."""
    try:
        value = Decimal(text)
    except (InvalidOperation, ValueError):
        return text
    if not value.is_finite():
        return text
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    moved = value * Decimal(str(round(rng.uniform(0.9, 1.1), 3)))
    quantum = Decimal(1).scaleb(-places)
    return str(moved.quantize(quantum))


def synthesize(source: Path, target: Path, count: int, seed: int = 20261126) -> None:
    """`count` records derived from the real ones: record i copies record i mod n, gets NCT9xxxxxxx
    as id and jittered enrollment and posted outcome values. Deterministic for a seed."""
    with gzip.open(source, "rt", encoding="utf-8") as fh:
        real = [json.loads(line) for line in fh if line.strip()]
    rng = random.Random(seed)
    with gzip.open(target, "wt", encoding="utf-8", compresslevel=1) as out:
        for i in range(count):
            rec = copy.deepcopy(real[i % len(real)])
            rec["NCTId"] = [f"NCT9{i:07d}"]
            for key in ("EnrollmentCount", "OutcomeMeasurementValue", "OutcomeMeasurementSpread",
                        "SeriousEventStatsNumAffected", "OtherEventStatsNumAffected"):
                if key in rec:
                    values = [_jitter(v, rng) for v in rec[key]]
                    if key in ("EnrollmentCount", "SeriousEventStatsNumAffected", "OtherEventStatsNumAffected"):
                        values = [v.split(".")[0] for v in values]
                    rec[key] = values
            out.write(json.dumps(rec, sort_keys=True) + "\n")


def replicate(source: Path, target: Path, studies: int) -> int:
    """A registry-sized graph without the build: the registry graphs of a built `kg.nq` copied
    until there are `studies` of them, each copy with fresh NCT ids (9 + copy + record number);
    the ontology, term and curated-study graphs once. Returns the number of quads written.

    For measuring the store and the queries at a size the 2-core build would take an hour to
    reach; the build's own rate is measured on the synthetic 10k workload."""
    import re

    nct = re.compile(r"(?i)nct(\d{8})")
    fact, shared = [], []
    with source.open(encoding="utf-8") as fh:
        for line in fh:
            name = line.rstrip()[:-1].rstrip().rsplit(" ", 1)[-1]
            (fact if "/graph/ctgov/NCT" in name else shared).append(line)
    ids = sorted({m.group(1) for line in fact for m in nct.finditer(line)})
    number = {digits: i for i, digits in enumerate(ids)}
    copies = max(1, -(-studies // max(1, len({line.rsplit(" ", 2)[-2] for line in fact}))))
    written = 0
    with target.open("w", encoding="utf-8") as out:
        out.writelines(shared)
        written += len(shared)
        for k in range(copies):
            def fresh(m: re.Match[str], k: int = k) -> str:
                digits = f"9{k:02d}{number[m.group(1)]:05d}"
                return ("NCT" if m.group(0).startswith("NCT") else "nct") + digits
            for line in fact:
                out.write(nct.sub(fresh, line) if k else line)
            written += len(fact)
    return written


# ---------------------------------------------------------------- stages (each in its own process)

def _rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def stage_build(args: dict) -> dict:
    from msckg.builder.build import build

    start = time.perf_counter()
    summary = build(None, Path(args["out"]), ctgov=[Path(p) for p in args["ctgov"]])
    seconds = time.perf_counter() - start
    assert summary.ok, summary.report.violations[:5]
    return {"seconds": seconds, "quads": summary.quads, "studies": summary.studies,
            "stages": summary.stages, "rss_mb": _rss_mb()}


def stage_validate(args: dict) -> dict:
    """Compiled validation, then (within a time budget) pySHACL over the whole graph."""
    import signal

    from msckg.validate import read_graph_file, validate_file, validate_whole

    start = time.perf_counter()
    fast = validate_file(Path(args["graph"]))  # what `msckg validate kg.nq` does, reading included
    compiled = time.perf_counter() - start
    start = time.perf_counter()
    ds = read_graph_file(Path(args["graph"]))
    parse = time.perf_counter() - start
    out = {"parse_seconds": parse, "compiled_seconds": compiled, "compiled_findings": len(fast.violations),
           "rss_mb": _rss_mb()}
    budget = int(args["budget"])
    if budget <= 0:
        return out

    def give_up(_signum: int, _frame: object) -> None:
        raise TimeoutError

    signal.signal(signal.SIGALRM, give_up)
    signal.alarm(budget)
    start = time.perf_counter()
    try:
        whole = validate_whole(ds)
    except TimeoutError:
        out["baseline_seconds"] = None
        out["baseline_gave_up_after"] = budget
    else:
        out["baseline_seconds"] = time.perf_counter() - start
        def key(v: object) -> tuple:
            return (v.focus, v.path, v.component)  # type: ignore[attr-defined]

        out["same_findings"] = {key(v) for v in whole.violations} == {key(v) for v in fast.violations}
    finally:
        signal.alarm(0)
    out["rss_mb"] = _rss_mb()
    return out


def stage_load(args: dict) -> dict:
    from msckg.store import create_store

    start = time.perf_counter()
    quads = create_store(Path(args["graph"]), Path(args["store"]))
    return {"seconds": time.perf_counter() - start, "quads": quads, "rss_mb": _rss_mb()}


def stage_query(args: dict) -> dict:
    from msckg.queries import list_queries
    from msckg.store import open_store, run_named

    store = open_store(Path(args["store"]))
    out = {}
    for q in list_queries():
        params = QUERY_PARAMS.get(q.name, {})
        times = []
        for _ in range(3):
            start = time.perf_counter()
            result = run_named(q, store, params)
            times.append(time.perf_counter() - start)
        out[q.name] = {"seconds": sorted(times)[1], "first_seconds": times[0], "rows": len(result.rows)}
    return {"queries": out, "rss_mb": _rss_mb()}


def stage_query_baseline(args: dict) -> dict:
    """rdflib's in-memory SPARQL over the parsed graph: the naive query path."""
    from msckg.queries import list_queries, load_dataset, run_query

    start = time.perf_counter()
    ds = load_dataset(Path(args["graph"]))
    out = {"parse_seconds": time.perf_counter() - start, "queries": {}}
    for q in list_queries():
        start = time.perf_counter()
        result = run_query(q, ds, QUERY_PARAMS.get(q.name, {}))
        out["queries"][q.name] = {"seconds": time.perf_counter() - start, "rows": len(result.rows)}
    out["rss_mb"] = _rss_mb()
    return out


def stage_rebuild(args: dict) -> dict:
    """Edit one registry record (its title) and build again into the same folder: the build cache
    keeps every other study, so this is the incremental rebuild a curator or a registry update sees."""
    import gzip

    from msckg.builder.build import build

    source = Path(args["ctgov"][0])
    opener = gzip.open if source.suffix == ".gz" else open
    with opener(source, "rt", encoding="utf-8") as fh:
        lines = fh.readlines()
    middle = len(lines) // 2
    record = json.loads(lines[middle])
    record["BriefTitle"] = [(record.get("BriefTitle") or ["untitled"])[0] + " (edited)"]
    lines[middle] = json.dumps(record) + "\n"
    edited = Path(args["work"]) / f"edited-{source.name}"
    with opener(edited, "wt", encoding="utf-8") as fh:
        fh.writelines(lines)
    start = time.perf_counter()
    summary = build(None, Path(args["out"]), ctgov=[edited, *map(Path, args["ctgov"][1:])])
    seconds = time.perf_counter() - start
    assert summary.ok, summary.report.violations[:5]
    return {"seconds": seconds, "units": summary.units, "reused": summary.reused, "quads": summary.quads,
            "stages": summary.stages, "rss_mb": _rss_mb(), "edited": record["NCTId"][0]}


STAGES = {"build": stage_build, "rebuild": stage_rebuild, "validate": stage_validate, "load": stage_load,
          "query": stage_query,
          "query-baseline": stage_query_baseline}


def run_stage(name: str, args: dict, timeout: float | None = None) -> dict:
    """Run one stage in a fresh interpreter; its wall time includes imports, as a user's would."""
    start = time.perf_counter()
    try:
        proc = subprocess.run([sys.executable, __file__, "--stage", name, "--stage-args", json.dumps(args)],
                              capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"error": f"gave up after {timeout:.0f} s", "wall": time.perf_counter() - start}
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"exit {proc.returncode}",
                "wall": time.perf_counter() - start}
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["wall"] = time.perf_counter() - start
    return result


# ---------------------------------------------------------------- the run

@dataclass
class Workload:
    name: str
    studies: int
    ctgov: list[Path]


def workloads(sizes: list[int], work: Path) -> list[Workload]:
    loads = [Workload("seeds", 4, [])]
    if CTGOV.exists():
        loads.append(Workload("ctgov-1100", 1104, [CTGOV]))
        for size in sizes:
            if size > 0:
                target = work / f"synthetic-{size}.jsonl.gz"
                synthesize(CTGOV, target, size)
                loads.append(Workload(f"synthetic-{size // 1000}k", size + 4, [target]))
    return loads


def _fmt(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000", help="synthetic study counts, comma-separated")
    parser.add_argument("--baseline-budget", type=int, default=900,
                        help="seconds the naive pySHACL baseline may take per workload")
    parser.add_argument("--query-baseline-max", type=int, default=2000,
                        help="largest workload (studies) for rdflib's in-memory SPARQL baseline")
    parser.add_argument("--rdflib-max", type=int, default=20000,
                        help="largest workload (studies) read into rdflib for the validation comparison")
    parser.add_argument("--build-repeats", type=int, default=3,
                        help="builds of workloads up to 2,000 studies (the median wall time is reported)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--render", action="store_true", help="rewrite the markdown from the saved .json")
    parser.add_argument("--replicate", type=int, default=0,
                        help="add a store-and-query workload of this many studies, replicated from the "
                             "1,100-record build (no build), to the saved run")
    parser.add_argument("--stage")
    parser.add_argument("--stage-args")
    args = parser.parse_args()
    if args.stage:
        print(json.dumps(STAGES[args.stage](json.loads(args.stage_args))))
        return
    if args.replicate:  # store and queries only, on a replicated registry graph; appended to the saved run
        raw = json.loads(args.out.with_suffix(".json").read_text(encoding="utf-8"))
        work = Path(tempfile.mkdtemp(prefix="msckg-bench-"))
        try:
            build = run_stage("build", {"out": str(work / "registry"), "ctgov": [str(CTGOV)]})
            start = time.perf_counter()
            quads = replicate(work / "registry" / "kg.nq", work / "replicated.nq", args.replicate)
            made = time.perf_counter() - start
            load = run_stage("load", {"graph": str(work / "replicated.nq"), "store": str(work / "store")})
            query = run_stage("query", {"store": str(work / "store")})
        finally:
            shutil.rmtree(work, ignore_errors=True)
        name = f"replicated-{args.replicate // 1000}k"
        raw = [r for r in raw if r["workload"]["name"] != name]
        raw.append({"workload": {"name": name, "studies": args.replicate + 4, "ctgov": []},
                    "build": {"quads": quads, "studies": args.replicate + 4, "replicated_seconds": made,
                              "note": "not built: registry graphs of the 1,100-record build copied with fresh ids",
                              "source_build": build},
                    "validate": {"skipped": "not built"}, "load": load, "query": query,
                    "query_baseline": {"skipped": True}})
        args.out.with_suffix(".json").write_text(json.dumps(raw, indent=1, default=str), encoding="utf-8")
        args.render = True
    if args.render:  # the markdown again from the raw figures of an earlier run
        raw = json.loads(args.out.with_suffix(".json").read_text(encoding="utf-8"))
        rows = [(Workload(r["workload"]["name"], r["workload"]["studies"], []), r["build"], r["validate"],
                 r["load"], r["query"], r["query_baseline"]) for r in raw]
        args.out.write_text(report(rows, args), encoding="utf-8")
        return
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    work = Path(tempfile.mkdtemp(prefix="msckg-bench-"))
    rows = []
    try:
        for wl in workloads(sizes, work):
            print(f"== {wl.name}", file=sys.stderr, flush=True)
            out = work / wl.name
            builds = []
            for _ in range(args.build_repeats if wl.studies <= 2000 else 1):  # small builds: noise matters
                shutil.rmtree(out, ignore_errors=True)  # each build from scratch (no cache)
                builds.append(run_stage("build", {"out": str(out), "ctgov": [str(p) for p in wl.ctgov]}))
            build = dict(builds[-1])  # the last one's outputs feed the later stages
            walls = sorted(b["wall"] for b in builds if "wall" in b and "error" not in b)
            if len(walls) > 1:
                build["wall"] = walls[len(walls) // 2]
                build["walls"] = [b.get("wall") for b in builds]
            graph = out / "kg.nq"
            budget = args.baseline_budget
            if wl.studies <= args.rdflib_max:
                validate = run_stage("validate", {"graph": str(graph), "budget": budget}, timeout=budget + 3600)
            else:  # rdflib needs ~1 KB per triple: no in-memory Dataset at this size
                validate = {"skipped": f"over --rdflib-max {args.rdflib_max} studies"}
            load = run_stage("load", {"graph": str(graph), "store": str(out / "store")})
            query = run_stage("query", {"store": str(out / "store")})
            qbase = (run_stage("query-baseline", {"graph": str(graph)}, timeout=budget)
                     if wl.studies <= args.query_baseline_max else {"skipped": True})
            if wl.ctgov and "error" not in build:
                build["rebuild"] = run_stage("rebuild", {"out": str(out), "ctgov": [str(p) for p in wl.ctgov],
                                                         "work": str(work)})
            rows.append((wl, build, validate, load, query, qbase))
            print(json.dumps({"build": build, "validate": validate, "load": load}, default=str)[:2000],
                  file=sys.stderr, flush=True)
            shutil.rmtree(out, ignore_errors=True)
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_text(report(rows, args), encoding="utf-8")  # a partial table survives a stop
            raw = [{"workload": wl.__dict__ | {"ctgov": [str(p) for p in wl.ctgov]}, "build": b, "validate": v,
                    "load": ld, "query": q, "query_baseline": qb} for wl, b, v, ld, q, qb in rows]
            args.out.with_suffix(".json").write_text(json.dumps(raw, indent=1, default=str), encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = report(rows, args)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)


def report(rows: list, args: argparse.Namespace) -> str:
    lines = ["# Benchmarks", "",
             (f"Written by `python benchmarks/run.py --sizes {args.sizes} --baseline-budget {args.baseline_budget}` "
             f"on {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
             f"{time.strftime('%Y-%m-%d')}. Wall times in seconds; RSS is the stage's peak (MB)."), "",
             "## Build, validation, load", "",
             ("`validation in build` is the CPU time the build's workers spent validating (summed over "
              "workers: what one core would take). `compiled validation s` is `msckg validate kg.nq` "
              "(`validate_file`: reading the file with pyoxigraph's parser included, then the compiled "
              "shapes on both cores). `pySHACL whole-graph s` is the naive baseline: one pySHACL run over "
              "the union of an rdflib Dataset already parsed (parse time not counted); `ratio` is "
              "baseline / compiled."),
             "",
             ("| workload | studies | quads | build s | quads/s | build RSS | validation in build, CPU s | "
              "compiled validation s | pySHACL whole-graph s | ratio | same findings | load s | load RSS |"),
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|"]
    for wl, build, validate, load, _query, _qbase in rows:
        quads = build.get("quads")
        rate = quads / build["seconds"] if quads and build.get("seconds") else None
        base = validate.get("baseline_seconds")
        gave_up = validate.get("baseline_gave_up_after")
        comp = validate.get("compiled_seconds")
        ratio = (f"{base / comp:.1f}x" if base and comp else (f"> {gave_up / comp:.0f}x" if gave_up and comp else "—"))
        base_txt = _fmt(base, 1) if base else (f"> {gave_up} (gave up)" if gave_up else "—")
        lines.append(
            f"| {wl.name} | {build.get('studies', wl.studies)} | {quads or '—'} | {_fmt(build.get('seconds'), 1)} | "
            f"{_fmt(rate, 0)} | {_fmt(build.get('rss_mb'), 0)} | {_fmt(build.get('stages', {}).get('validate cpu'), 2)} | "
            f"{_fmt(comp, 2)} | {base_txt} | {ratio} | "
            f"{validate.get('same_findings', '—')} | {_fmt(load.get('seconds'), 1)} | {_fmt(load.get('rss_mb'), 0)} |")
        if "error" in build or "error" in validate or "error" in load:
            lines.append(f"|  | errors: {build.get('error', '')} {validate.get('error', '')} {load.get('error', '')} |")
    lines += ["", "Build stages (seconds; map+validate runs in parallel worker processes):", ""]
    for wl, build, *_ in rows:
        stages = ", ".join(f"{k} {v:.1f}" for k, v in build.get("stages", {}).items())
        lines.append(f"- {wl.name}: {stages}")
    rebuilt = [(wl, build["rebuild"]) for wl, build, *_ in rows if isinstance(build.get("rebuild"), dict)]
    if rebuilt:
        lines += ["", ("Rebuild after editing one registry record (its title), into the same folder: the build "
                       "cache (`OUT/.msckg-cache`) keeps every unchanged study; `kg.nq` and `kg.ttl` are written "
                       "again in full (whole process, seconds):"), ""]
        for wl, rb in rebuilt:
            if "error" in rb:
                lines.append(f"- {wl.name}: error {rb['error']}")
                continue
            stages = ", ".join(f"{k} {v:.1f}" for k, v in rb.get("stages", {}).items())
            lines.append(f"- {wl.name}: build {rb['seconds']:.1f} s (reused {rb['reused']} of {rb['units']} units; "
                         f"{stages}); the stage's process took {rb['wall']:.1f} s including imports and "
                         f"re-compressing the edited input file")
    lines += ["", "## Named queries (Oxigraph store; median of 3 runs) against rdflib in memory", ""]
    names = sorted({n for row in rows for n in row[4].get("queries", {})})
    lines.append("| query | " + " | ".join(row[0].name for row in rows) + " |")
    lines.append("|---|" + "---:|" * len(rows))
    for name in names:
        cells = []
        for _wl, *_rest, query, qbase in rows:
            q = query.get("queries", {}).get(name)
            b = qbase.get("queries", {}).get(name) if isinstance(qbase, dict) else None
            if q is None:
                cells.append("—")
                continue
            cell = f"{q['seconds']:.3f} s ({q['rows']} rows)"
            if b:
                cell += f", rdflib {b['seconds']:.2f} s = {b['seconds'] / max(q['seconds'], 1e-4):.0f}x"
            cells.append(cell)
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += ["", "## Targets", ""] + targets(rows) + [
        "", ("Why a target is missed, what would meet it, and how to go past one machine: "
             "[scaling.md](scaling.md)."), ""]
    return "\n".join(lines)


def targets(rows: list) -> list[str]:
    """Each target of the scale issue, with the figure this run measured."""
    by = {row[0].name: row for row in rows}
    out = ["| target | measured | met |", "|---|---|---|"]
    big = by.get("synthetic-100k")
    if big:
        _wl, build, _validate, load, query, _ = big
        total = (build.get("wall") or 0) + (load.get("wall") or 0)
        rss = max(build.get("rss_mb") or 0, load.get("rss_mb") or 0)
        ok = "error" not in build and total <= 600 and rss <= 6144
        out.append(f"| 100k studies built, validated, loaded <= 600 s, RSS <= 6 GB | {total:.0f} s, {rss:.0f} MB | "
                   f"{'yes' if ok else 'no'} |")
        slow = {n: q["seconds"] for n, q in query.get("queries", {}).items() if q["seconds"] > 1}
        out.append(f"| every named query <= 1 s on the 100k store | slowest "
                   f"{max((q['seconds'] for q in query.get('queries', {}).values()), default=0):.2f} s | "
                   f"{'yes' if not slow and query.get('queries') else 'no: ' + ', '.join(sorted(slow))} |")
    else:
        rep, ten = by.get("replicated-100k"), by.get("synthetic-10k")
        if ten:
            stages = ten[1].get("stages", {})
            cpu = sum(v for k, v in stages.items() if k.endswith(" cpu"))
            serial = stages.get("read", 0) + stages.get("write", 0)
            load_rate = (rep[3].get("quads", 0) / rep[3]["seconds"]) if rep and rep[3].get("seconds") else None
            loaded = ten[3].get("seconds") or 0
            est = 10 * (cpu / 2 + serial) + (rep[3]["seconds"] if rep and rep[3].get("seconds") else 10 * loaded)
            load_note = f", load {rep[3].get('rss_mb', 0):.0f} MB at {load_rate:.0f} quads/s" if load_rate and rep else ""
            out.append(f"| 100k studies built, validated, loaded <= 600 s, RSS <= 6 GB | not run end to end; "
                       f"extrapolated from 10k (worker CPU {cpu:.0f} s on 2 cores, read+write {serial:.0f} s, x10) "
                       f"{'plus the measured 100k load ' if rep else f'plus 10 x the 10k load {loaded:.0f} s '}"
                       f"= {est:.0f} s; build RSS at 10k "
                       f"{ten[1].get('rss_mb', 0):.0f} MB{load_note} | no |")
        if not rep and ten:
            queries = ten[4].get("queries", {})
            slow = sorted(n for n, q in queries.items() if q["seconds"] > 1)
            worst = max((q["seconds"] for q in queries.values()), default=0)
            out.append(f"| every named query <= 1 s on the 100k store | no 100k store in this run; at 10k the "
                       f"slowest takes {worst:.1f} s ({', '.join(slow) or 'none'} over 1 s) | no |")
        if rep:
            queries = rep[4].get("queries", {})
            slow = sorted(n for n, q in queries.items() if q["seconds"] > 1)
            out.append(f"| every named query <= 1 s on the 100k store | slowest "
                       f"{max((q['seconds'] for q in queries.values()), default=0):.2f} s (replicated 100k store) | "
                       f"{'yes' if queries and not slow else 'no: ' + ', '.join(slow)} |")
    ten = by.get("synthetic-10k")
    if ten:
        v = ten[2]
        base, comp, gave = v.get("baseline_seconds"), v.get("compiled_seconds"), v.get("baseline_gave_up_after")
        if base and comp:
            out.append(f"| validation at 10k >= 20x whole-graph pySHACL, same findings | {base / comp:.1f}x, "
                       f"same: {v.get('same_findings')} | {'yes' if base / comp >= 20 and v.get('same_findings') else 'no'} |")
        elif gave and comp:
            out.append(f"| validation at 10k >= 20x whole-graph pySHACL, same findings | > {gave / comp:.1f}x "
                       f"(pySHACL gave up after {gave} s) | {'yes (findings not compared)' if gave / comp >= 20 else 'not shown'} |")
        cpu = ten[1].get("stages", {}).get("validate cpu")
        if cpu and (base or gave):
            out.append(f"| (same, against the build's validation CPU time {cpu:.1f} s) | "
                       f"{'' if base else '> '}{(base or gave) / cpu:.1f}x | "
                       f"{'yes' if (base or gave) / cpu >= 20 else 'no'} |")
    real = by.get("ctgov-1100")
    if real:
        wall = real[1].get("wall")
        runs = real[1].get("walls")
        spread = f"; median of {', '.join(f'{w:.1f}' for w in runs)}" if runs else ""
        out.append(f"| 1,100-record import, build and validation <= 15 s | {_fmt(wall, 1)} s (whole process{spread}) | "
                   f"{'yes' if wall and wall <= 15 else 'no'} |")
    sized = sorted(((row[0].studies, row[0].name, row[1]["rebuild"]) for row in rows
                    if isinstance(row[1].get("rebuild"), dict) and "wall" in row[1]["rebuild"]
                    and "error" not in row[1]["rebuild"]), key=lambda t: t[0])
    if sized:
        studies, name, rb = sized[-1]
        hundred = [t for t in sized if t[0] >= 100_000]
        met = "yes" if hundred and hundred[-1][2]["seconds"] <= 2 else "no"
        scaled = rb["seconds"] * 100_000 / studies
        where = "" if hundred else (f"; not run at 100k: reading the registry file and writing `kg.nq`/`kg.ttl` "
                                    f"grow with the build (scaled from {name}: {scaled:.0f} s)")
        out.append(f"| rebuild one changed study in a 100k build <= 2 s | {name}: {rb['seconds']:.1f} s "
                   f"(reused {rb['reused']} of {rb['units']}){where} | {met} |")
    else:
        out.append("| rebuild one changed study in a 100k build <= 2 s | not measured in this run | no |")
    return out


if __name__ == "__main__":
    main()
