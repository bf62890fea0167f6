"""The `msckg` command: a thin layer over the library.

Exit codes: 0 ok; 1 validation or data errors (bad study file, SHACL violations, unknown query);
2 usage errors (click's own). Results go to stdout, errors and summaries to stderr.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from msckg.builder.build import BuildSummary
from msckg.builder.build import build as run_build
from msckg.errors import MsckgError
from msckg.namespaces import DEFAULT_BASE
from msckg.queries import QueryResult, get_query, list_queries, load_dataset, run_query
from msckg.validate import ValidationReport, validate_file

DEFAULT_GRAPH = Path("build") / "kg.nq"
err = Console(stderr=True, highlight=False)
QUIET_HELP = "No progress bar and no summary; errors still go to stderr. (No bar either when stderr is piped.)"
SUMMARY_JSON_HELP = "json prints the summary (counts, violations, outputs, seconds) on stdout."


def _fail(exc: MsckgError) -> None:
    err.print(f"[bold red]error:[/] {exc}", soft_wrap=True)
    sys.exit(1)


def _print_violations(report: ValidationReport) -> None:
    """A table on a terminal; one tab-separated line per violation when piped (grep-able)."""
    rows = [(v.focus, v.path, v.message or v.component, v.file or v.graph or "") for v in report.violations]
    if not err.is_terminal:
        click.echo(f"{len(rows)} SHACL violation(s)", err=True)
        for row in rows:
            click.echo("\t".join(row), err=True)
        return
    table = Table(title=f"{len(rows)} SHACL violation(s)", show_lines=False)
    for col in ("focus node", "path", "message", "study graph / file"):
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*row)
    err.print(table)


def _print_result(result: QueryResult, fmt: str) -> None:
    if fmt == "json":
        records = [dict(zip(result.columns, row, strict=True)) for row in result.rows]
        click.echo(json.dumps(records, indent=2, ensure_ascii=False))
    elif fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([["" if c is None else c for c in row] for row in result.rows])
        click.echo(buf.getvalue(), nl=False)
    else:
        table = Table(show_lines=False)
        for col in result.columns:
            table.add_column(col, overflow="fold")
        for row in result.rows:
            table.add_row(*("" if c is None else c for c in row))
        Console(highlight=False).print(table)
        err.print(f"{len(result.rows)} row(s)")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="msckg")
def main() -> None:
    """msckg: a knowledge graph of clinical studies of mesenchymal stem cell therapies.

    Results go to stdout, errors and summaries to stderr. Long work (build, import, validate,
    export, load) draws a progress bar on a terminal; piped or with --quiet it does not.
    Every command that prints a table also takes --format json.

    \b
    Exit codes:
      0  ok
      1  validation or data errors (bad study file, SHACL violations, unreadable graph,
         unknown query, records skipped, mentions left unresolved)
      2  usage errors (unknown command or option, bad option value)

    \b
    Examples:
      msckg build
      msckg query endpoint-trajectory --param study=NCT00962923 --param endpoint=mRSS
      msckg validate build/kg.nq
      msckg queries --format json | jq -r '.[].name'
      msckg COMMAND --help
    """


@main.command()
@click.option("--studies", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Folder of curated study YAML files (default: the bundled seed studies).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("build"),
              show_default=True, help="Where kg.nq and kg.ttl are written.")
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base IRI for instance data.")
@click.option("--ctgov", "ctgov", multiple=True, type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="ClinicalTrials.gov file to merge (study-fields JSON/JSONL or API v2 JSON, .gz or not); repeatable.")
@click.option("--strict", is_flag=True, help="Stop at the first registry record that cannot be mapped.")
@click.option("--quiet", "-q", is_flag=True, help=QUIET_HELP)
@click.option("--workers", type=int, help="Worker processes for mapping and validation (default: one per core).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help=SUMMARY_JSON_HELP)
@click.option("--no-cache", "no_cache", is_flag=True,
              help="Map and validate everything again instead of reusing unchanged studies from OUT/.msckg-cache.")
def build(studies: Path | None, out: Path, base: str, ctgov: tuple[Path, ...], strict: bool, quiet: bool,
          workers: int | None, fmt: str, no_cache: bool) -> None:
    """Build the knowledge graph from curated study files, validate it, write kg.nq and kg.ttl.

    The outputs are replaced only when the new graph is SHACL-valid; otherwise the previous
    build stays in place and the violations are printed. With --ctgov, registry records join the
    build: a record with a curated study's NCT id describes that study, in its own named graph.
    Studies and records that mapped and validated cleanly are kept in OUT/.msckg-cache; the next
    build reuses every one whose input (and msckg itself) is unchanged, so editing one study
    rebuilds one study. The outputs are the same bytes either way.

    \b
    Examples:
      msckg build
      msckg build --no-cache
      msckg build --studies my-studies/ --out out/ --base https://example.org/kg/
      msckg build --ctgov ../shared/ctgov/ctgov-msc-studyfields-dev.jsonl.gz
      msckg build --quiet --format json | jq .triples
    """
    try:
        with progress_bar("building", quiet) as advance:
            summary = run_build(studies, out, base, ctgov=ctgov, strict=strict, workers=workers, progress=advance,
                                cache=not no_cache)
    except MsckgError as exc:
        _fail(exc)
    _report_build(summary, out, quiet, fmt)


@contextmanager
def progress_bar(what: str, quiet: bool = False, unit: str = "") -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar on stderr (count, rate, time left), or nothing when piped or quiet.

    Yields the `progress(done, total)` callback the library functions take (total 0: not known
    yet, the bar pulses). `unit="bytes"` shows sizes and transfer speed instead of counts.
    """
    if quiet or not err.is_interactive:  # piped, or TERM=dumb
        yield None
        return
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    counts = (DownloadColumn(), TransferSpeedColumn()) if unit == "bytes" else (
        MofNCompleteColumn(), TextColumn("{task.fields[rate]}"))
    columns = (TextColumn(what), BarColumn(), *counts, TimeElapsedColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task(what, total=None, rate="")

        def advance(done: int, total: int) -> None:
            speed = bar.tasks[0].speed
            bar.update(task, completed=done, total=total or None,
                       rate=f"{speed:,.0f}{unit and ' ' + unit}/s" if speed else "")

        yield advance


def _seconds(value: float) -> float:
    return round(value, 3)  # a duration, to the millisecond


def _emit_json(data: object) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def _build_json(summary: BuildSummary) -> dict[str, object]:
    """A build's summary as plain data (for --format json)."""
    return {
        "ok": summary.ok and not summary.import_errors,
        "studies": summary.studies, "triples": summary.triples, "quads": summary.quads, "graphs": summary.graphs,
        "registry_records": summary.registry_records, "duplicates": summary.duplicates,
        "skipped": [str(exc) for exc in summary.import_errors],
        "violations": [asdict(v) for v in summary.report.violations],
        "outputs": [str(path) for path in summary.outputs],
        "seconds": _seconds(summary.seconds),
        "stages": {name: _seconds(secs) for name, secs in summary.stages.items()},
        "units": summary.units, "reused": summary.reused,
    }


def _report_build(summary: BuildSummary, out: Path, quiet: bool = False, fmt: str = "text") -> None:
    if fmt == "json":
        _emit_json(_build_json(summary))
    for exc in summary.import_errors:
        err.print(f"[yellow]skipped:[/] {exc}", soft_wrap=True)
    if not summary.ok:
        if fmt != "json":
            _print_violations(summary.report)
        err.print(f"[bold red]build failed:[/] {len(summary.report.violations)} violation(s); "
                  f"previous outputs in {out} left unchanged")
        sys.exit(1)
    registry = (f"  registry records: {summary.registry_records} read, {len(summary.duplicates)} duplicate(s) "
                f"dropped, {len(summary.import_errors)} skipped") if summary.registry_records else ""
    wall = ", ".join(f"{name} {secs:.1f}s" for name, secs in summary.stages.items() if not name.endswith(" cpu"))
    cpu = ", ".join(f"{name[:-4]} {secs:.1f}s" for name, secs in summary.stages.items() if name.endswith(" cpu"))
    if not quiet:
        err.print(f"studies: {summary.studies}  triples: {summary.triples}  named graphs: {summary.graphs}  "
                  f"violations: 0  time: {summary.seconds:.1f}s{registry}", soft_wrap=True)
        err.print(f"stages: {wall}; worker CPU: {cpu or 'none'}", soft_wrap=True)
        if summary.reused:
            err.print(f"reused {summary.reused} of {summary.units} studies/records from the build cache "
                      f"(unchanged); mapped and validated {summary.units - summary.reused}", soft_wrap=True)
        for path in summary.outputs:
            err.print(f"wrote {path}")
    if summary.import_errors:
        sys.exit(1)


@main.group("import")
def import_group() -> None:
    """Import records from external registries.

    \b
    Examples:
      msckg import ctgov ../shared/ctgov/ctgov-msc-studyfields-dev.jsonl.gz --out build/ctgov.nq
      msckg import ctgov --help
    """


@import_group.command("ctgov")
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="N-Quads file to write.")
@click.option("--studies", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Curated studies whose NCT ids the records should join (default: the bundled ones).")
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base IRI for instance data.")
@click.option("--strict", is_flag=True, help="Stop at the first record that cannot be mapped.")
@click.option("--quiet", "-q", is_flag=True, help=QUIET_HELP)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help=SUMMARY_JSON_HELP)
def import_ctgov_cmd(paths: tuple[Path, ...], out: Path, studies: Path | None, base: str, strict: bool,
                     quiet: bool, fmt: str) -> None:
    """Map ClinicalTrials.gov records to RDF, validate, and write them as N-Quads.

    Reads classic "study fields" JSON (one object or JSON Lines) and API v2 JSON (one study or a
    {"studies": [...]} page), gzipped or not. Each record becomes its own named graph. Records
    that cannot be mapped are reported with their NCT id and field and skipped (exit 1), unless
    --strict stops at the first.

    \b
    Examples:
      msckg import ctgov ../shared/ctgov/ctgov-msc-studyfields-dev.jsonl.gz --out build/ctgov.nq
      msckg import ctgov page1.json page2.json.gz --out build/ctgov.nq --strict
      msckg import ctgov records.jsonl --out build/ctgov.nq -q --format json | jq .skipped
    """
    try:
        with progress_bar("importing", quiet) as advance:
            summary = run_build(studies, out.parent, base, ctgov=paths, strict=strict, include_studies=False,
                                outputs={out: "nquads"}, progress=advance, cache=False)
    except MsckgError as exc:
        _fail(exc)
    _report_build(summary, out, quiet, fmt)


@main.command()
@click.option("--graph", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_GRAPH, show_default=True)
@click.option("--study", help="Only this study (study id or NCT id).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def conflicts(graph: Path, study: str | None, fmt: str) -> None:
    """List where sources disagree about a study (paper vs registry record, ...).

    For every study described by two or more sources, shows each aspect (cell type, tissue
    source, donor relation, route, enrollment, phase, allocation, masking, condition) whose
    values differ between sources, with what each source states.

    \b
    Examples:
      msckg build --ctgov ../shared/ctgov/ctgov-msc-studyfields-dev.jsonl.gz
      msckg conflicts --study NCT00962923
    """
    from msckg.conflicts import find_conflicts

    try:
        ds = load_dataset(graph)
        if study and study.upper().startswith("NCT"):
            hits = run_query(get_query("study-by-registration"), ds, {"nct": study}).rows
            study = hits[0][0] if hits else study
        found = find_conflicts(ds, study)
    except MsckgError as exc:
        _fail(exc)
    rows = [[c.study, c.aspect, c.kind, src.rsplit("/graph/", 1)[-1], "; ".join(vals) or "(not stated)"]
            for c in found for src, vals in c.values.items()]
    _print_result(QueryResult(["study", "aspect", "kind", "source", "values"], rows), fmt)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="json prints the violations as a list of records on stdout.")
@click.option("--engine", type=click.Choice(["compiled", "pyshacl"]), default="compiled", show_default=True,
              help="compiled: msckg's shapes compiler (fast); pyshacl: pySHACL per batch (the reference).")
@click.option("--quiet", "-q", is_flag=True, help=QUIET_HELP)
def validate(file: Path, fmt: str, engine: str, quiet: bool) -> None:
    """Validate a graph file (N-Quads, TriG, Turtle, ...) against the msckg SHACL shapes.

    Prints each violation (focus node, path, message, study graph) and exits 1 if any.

    \b
    Examples:
      msckg validate build/kg.nq
      msckg validate my-graph.trig --format json
      msckg validate build/kg.nq --engine pyshacl
      msckg validate build/kg.nq -q && echo valid
    """
    import time

    started = time.perf_counter()
    try:
        with progress_bar("validating", quiet) as advance:
            report = validate_file(file, engine=engine, progress=advance)
    except MsckgError as exc:
        _fail(exc)
    if fmt == "json":
        click.echo(json.dumps([asdict(v) for v in report.violations], indent=2))
    elif not report.conforms:
        _print_violations(report)
    if not quiet:
        verdict = "conforms" if report.conforms else "does not conform"
        err.print(f"{file}: {verdict} ({len(report.violations)} violations) - {report.graphs} study and record "
                  f"graph(s) checked with the {engine} engine in {time.perf_counter() - started:.1f}s", soft_wrap=True)
    sys.exit(0 if report.conforms else 1)


def _parse_params(values: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{item!r} is not key=value", param_hint="--param")
        params[key.strip()] = value
    return params


@main.command()
@click.argument("name")
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE",
              help="A query parameter; repeat for several.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True)
@click.option("--graph", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_GRAPH,
              show_default=True, help="Built graph file to query (loaded into an in-memory store).")
@click.option("--store", type=click.Path(file_okay=False, path_type=Path),
              help="Query an on-disk store made by `msckg load --store DIR` instead of --graph.")
@click.option("--engine", type=click.Choice(["oxigraph", "rdflib"]), default="oxigraph", show_default=True,
              help="rdflib is the slow reference engine; it keeps every literal's lexical form "
                   "(Oxigraph prints 0.030 as 0.03, P0D as PT0S).")
def query(name: str, params: tuple[str, ...], fmt: str, graph: Path, store: Path | None, engine: str) -> None:
    """Run a named query (see `msckg queries`) or a .rq file over a built graph.

    \b
    Examples:
      msckg query studies-overview
      msckg query endpoint-trajectory --param study=NCT00962923 --param endpoint=mRSS --format csv
      msckg query products-for-disease -p disease=MONDO:0005100 --format json
      msckg query studies-overview --store build/store
      msckg query my-question.rq
    """
    from msckg.store import open_source, run_named

    try:
        named = get_query(name)
        if engine == "rdflib":
            if store is not None:
                raise click.UsageError("--engine rdflib reads --graph, not --store")
            result = run_query(named, load_dataset(graph), _parse_params(params))
        else:
            result = run_named(named, open_source(graph=graph, store=store), _parse_params(params))
    except MsckgError as exc:
        _fail(exc)
    _print_result(result, fmt)


@main.command("queries")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def queries_cmd(fmt: str) -> None:
    """List the named queries with what they answer and their parameters.

    \b
    Examples:
      msckg queries
      msckg queries --format json | jq -r '.[].name'
    """
    named = list_queries()
    result = QueryResult(
        ["name", "answers", "params"],
        [[q.name, q.answers, "; ".join(f"{p.name} ({p.type}): {p.description}" for p in q.params)]
         for q in named],
    )
    _print_result(result, fmt)


@main.command()
@click.argument("mentions", nargs=-1, required=True)
@click.option("--kind", type=click.Choice(["disease", "cell", "tissue"]), help="Limit to MONDO, CL or UBERON.")
@click.option("--context", default="", help="Surrounding text that disambiguates abbreviations (e.g. a trial title).")
@click.option("--top", default=3, show_default=True, help="Candidates shown per mention.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def link(mentions: tuple[str, ...], kind: str | None, context: str, top: int, fmt: str) -> None:
    """Resolve free-text disease, cell or tissue mentions to MONDO, CL or UBERON ids.

    Each mention is resolved on its own, with the others and --context as context. Prints the
    ranked candidates with how they matched and a score; unresolved and ambiguous mentions say so,
    and make the command exit 1.

    \b
    Examples:
      msckg link "SSc" "umbilical cord MSC" "Wharton's jelly" "RA"
      msckg link RA --context "refractory anemia in myelodysplastic syndrome"
      msckg link "Arthritis, Rheumatoid" MESH:D001172 --kind disease --format json
    """
    from msckg.linking.normalise import normalise

    rows: list[list[str | None]] = []
    unresolved = 0
    for mention in mentions:
        ctx = " ".join([context, *(m for m in mentions if m != mention)])
        result = normalise(mention, kind, ctx)
        unresolved += result.status != "resolved"
        if not result.candidates:
            rows.append([mention, result.status, None, None, None, None, None])
        for c in result.candidates[:top]:
            rows.append([mention, result.status, c.curie, c.label, c.match_type, f"{c.score:.2f}", c.note or None])
    _print_result(QueryResult(["mention", "status", "id", "label", "match_type", "score", "note"], rows), fmt)
    sys.exit(1 if unresolved else 0)


@main.command()
@click.option("--graph", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_GRAPH, show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="SSSOM TSV file to write, e.g. build/msckg.sssom.tsv")
def mappings(graph: Path, out: Path) -> None:
    """Write every mapping the graph uses (MONDO cross-references, msckg's own term links) as SSSOM.

    \b
    Examples:
      msckg mappings --out build/msckg.sssom.tsv
      msckg mappings --graph /tmp/registry/kg.nq --out /tmp/registry/msckg.sssom.tsv
    """
    from msckg.linking.mappings_export import write_sssom

    try:
        count = write_sssom(load_dataset(graph), out)
    except MsckgError as exc:
        _fail(exc)
    err.print(f"wrote {count} mappings to {out}")


@main.command()
@click.option("--graph", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_GRAPH, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def reason(graph: Path, fmt: str) -> None:
    """Check the graph's consistency with HermiT (needs java) and print the inferred types.

    \b
    Examples:
      msckg reason
      msckg reason --graph build/kg.nq --format csv > inferred.csv
      msckg reason --format json
    """
    from msckg.reasoning import instance_data
    from msckg.reasoning import reason as run_reasoner
    from msckg.validate import read_graph_file

    try:
        ds = read_graph_file(graph)
    except MsckgError as exc:
        _fail(exc)
    result = run_reasoner(instance_data(ds))
    if not result.consistent:
        err.print(f"[bold red]inconsistent:[/] {result.error}")
        sys.exit(1)
    rows = [[iri, t] for iri, types in sorted(result.inferred_types.items()) for t in sorted(types)]
    _print_result(QueryResult(["individual", "inferred_type"], rows), fmt)
    err.print(f"consistent; {len(rows)} inferred type(s)")


# ---------------------------------------------------------------- export and load (msckg.export)
from msckg.export import WRITERS  # the registry the FORMAT choices come from


def _formats_epilog() -> str:
    lines = [f"  {name:<14} {WRITERS[name].description}" for name in sorted(WRITERS)]
    return "\b\nFormats:\n" + "\n".join(lines)


@main.command("export", epilog=_formats_epilog())
@click.argument("fmt", metavar="FORMAT", type=click.Choice(sorted(WRITERS)))
@click.option("--graph", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_GRAPH, show_default=True)
@click.option("--out", type=click.Path(path_type=Path), required=True,
              help="File to write (a directory for bundle formats such as virtuoso-bulk).")
@click.option("--quiet", "-q", is_flag=True, help=QUIET_HELP)
def export_cmd(fmt: str, graph: Path, out: Path, quiet: bool) -> None:
    """Write the built graph in another format (RDF syntaxes, bulk-load bundles, graph formats).

    Formats without named graphs merge them, and say so on stderr.

    \b
    Examples:
      msckg export turtle --out build/kg.ttl
      msckg export jsonld --graph build/kg.nq --out build/kg.jsonld
      msckg export virtuoso-bulk --out build/virtuoso
      msckg export neo4j --graph /tmp/registry/kg.nq --out /tmp/neo4j --quiet
    """
    from msckg.export import export

    try:
        with progress_bar(f"exporting {fmt}", quiet) as advance:
            report = export(fmt, graph, out, progress=advance)
    except MsckgError as exc:
        _fail(exc)
    for warning in report.warnings:
        err.print(f"[yellow]warning:[/] {warning}", soft_wrap=True)
    if quiet:
        return
    graphs = f", {report.graphs} named graph(s)" if report.graphs else ""
    err.print(f"wrote {', '.join(map(str, report.outputs))}: {report.statements} statement(s){graphs} "
              f"in {report.seconds:.1f}s", soft_wrap=True)


@main.command("load")
@click.option("--graph", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_GRAPH, show_default=True)
@click.option("--endpoint", metavar="URL", help="SPARQL 1.1 Graph Store HTTP Protocol endpoint to push the graph to.")
@click.option("--store", type=click.Path(file_okay=False, path_type=Path),
              help="Local Oxigraph store directory to (re)create instead.")
@click.option("--into", metavar="IRI", help="Put every triple into this one graph (default: keep the named graphs).")
@click.option("--user", help="User name for HTTP basic or digest authentication.")
@click.option("--password", envvar="MSCKG_SPARQL_PASSWORD", help="Password (or set MSCKG_SPARQL_PASSWORD).")
@click.option("--auth", type=click.Choice(["auto", "basic", "digest"]), default="auto", show_default=True,
              help="auto asks the endpoint which scheme it wants.")
@click.option("--quiet", "-q", is_flag=True, help=QUIET_HELP)
def load_cmd(graph: Path, endpoint: str | None, store: Path | None, into: str | None, user: str | None,
             password: str | None, auth: str, quiet: bool) -> None:
    """Load the built graph into a SPARQL triple store or a local Oxigraph store.

    With --endpoint, each named graph is replaced (PUT, then POSTs of bounded chunks) through the
    Graph Store Protocol that Virtuoso, Fuseki, GraphDB and Oxigraph server all speak.

    \b
    Examples:
      msckg load --store build/store
      msckg load --endpoint http://localhost:8890/sparql-graph-crud-auth --user dba --password dba
      msckg load --endpoint http://localhost:7878/store --into https://example.org/msckg
      msckg load --graph /tmp/registry/kg.nq --store /tmp/registry/store --quiet
    """
    if (endpoint is None) == (store is None):
        raise click.UsageError("give exactly one of --endpoint URL or --store DIR")
    if store is not None and (into or user or password):
        raise click.UsageError("--into, --user and --password go with --endpoint, not --store")
    try:
        if store is not None:
            import time

            from msckg.store import create_store

            started = time.perf_counter()
            with progress_bar("loading", quiet, unit="bytes") as advance:
                count = create_store(graph, store, progress=advance)
            if not quiet:
                err.print(f"loaded {count} quads into store {store} in {time.perf_counter() - started:.1f}s",
                          soft_wrap=True)
            return
        from msckg.export.sparql_load import GraphStore, load_graph_store

        target = GraphStore(endpoint, user=user, password=password, auth=auth)  # type: ignore[arg-type]
        with progress_bar("loading", quiet) as advance:
            report = load_graph_store(graph, target, into=into, progress=advance)
    except MsckgError as exc:
        _fail(exc)
    if not quiet:
        err.print(f"loaded {report.triples} triple(s) into {report.graphs} graph(s) at {endpoint} "
                  f"with {report.requests} request(s) in {report.seconds:.1f}s", soft_wrap=True)


# ---------------------------------------------------------------- msckg report (msckg.report)
@main.command("report")
@click.option("--graph", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_GRAPH, show_default=True,
              help="Built graph file to report on.")
@click.option("--store", type=click.Path(file_okay=False, path_type=Path),
              help="Read an on-disk store (made by msckg load --store) instead of --graph.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Report directory; replaced as a whole once the new report is complete.")
def report_cmd(graph: Path, store: Path | None, out: Path) -> None:
    """Write a static HTML report that works offline: a study index, a page per study with a
    trajectory plot for every endpoint measured at two or more timepoints, cross-study endpoint
    families and a product-disease-endpoint network. Every number links to its source document.

    \b
    Examples:
      msckg report --out build/report
      msckg report --graph build/kg.nq --out build/report   # then open build/report/index.html
      msckg report --store build/store --out /tmp/registry-report
    """
    from msckg.report import report

    try:
        summary = report(out, graph=graph, store=store)
    except MsckgError as exc:
        _fail(exc)
    err.print(f"studies: {summary.studies}  pages: {summary.pages}  plots: {summary.plots}  "
              f"endpoint families: {summary.families}  time: {summary.seconds:.1f}s")
    err.print(f"wrote {out / 'index.html'}")


# ---------------------------------------------------------------- msckg serve (msckg.serve)
@main.command("serve")
@click.option("--graph", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_GRAPH, show_default=True,
              help="Built graph file; each query worker loads it into memory.")
@click.option("--store", type=click.Path(file_okay=False, path_type=Path),
              help="Serve an on-disk store (msckg load --store DIR) instead, opened read-only by each worker.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (0.0.0.0 exposes it).")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535), help="0 picks a free port.")
@click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(min=0.01),
              help="Seconds a query may run before its worker is killed (503).")
@click.option("--max-rows", default=10_000, show_default=True, type=click.IntRange(min=1),
              help="Rows (or triples) returned; more are cut off with an X-SPARQL-MaxRows header.")
@click.option("--max-body", default=1_048_576, show_default=True, type=click.IntRange(min=1),
              help="Largest request body in bytes (413 beyond).")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64),
              help="Query worker processes (each holds the graph).")
@click.option("--cors", metavar="ORIGIN", help="Allow browser pages from ORIGIN (or *) to query; off by default.")
def serve_cmd(graph: Path, store: Path | None, host: str, port: int, timeout: float, max_rows: int,
              max_body: int, workers: int, cors: str | None) -> None:
    """Serve a read-only SPARQL endpoint at /sparql and a query page at /.

    \b
    Examples:
      msckg serve                                  # build/kg.nq on http://127.0.0.1:7878/
      msckg serve --store build/store --workers 4 --timeout 30
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 3' \\
           http://127.0.0.1:7878/sparql
      curl 'http://127.0.0.1:7878/queries/endpoint-trajectory?study=NCT00962923&endpoint=mRSS'
    """
    from msckg.serve import Limits, ServeOptions, Source, serve

    options = ServeOptions(Source(graph=None if store else graph, store=store), host=host, port=port,
                           limits=Limits(timeout=timeout, max_rows=max_rows, max_body=max_body, workers=workers),
                           cors=cors)

    def ready(server) -> None:  # type: ignore[no-untyped-def]
        err.print(f"serving {server.url}/ (SPARQL endpoint {server.url}/sparql) from {store or graph}: "
                  f"{workers} worker(s), timeout {timeout:g}s, max rows {max_rows}, max body {max_body} B"
                  f"{', CORS ' + cors if cors else ''}; Ctrl-C stops", soft_wrap=True)

    try:
        serve(options, ready)
    except MsckgError as exc:
        _fail(exc)


# ---------------------------------------------------------------- msckg stats (msckg.stats)
@main.command("stats")
@click.option("--graph", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_GRAPH, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def stats_cmd(graph: Path, fmt: str) -> None:
    """Node and edge counts per type, degree distribution, connected components, and the diseases
    and cell products with the most studies.

    \b
    Examples:
      msckg stats
      msckg stats --graph build/kg.nq --format json
    """
    from msckg.stats import graph_stats, print_tables

    try:
        result = graph_stats(graph)
    except MsckgError as exc:
        _fail(exc)
    if fmt == "json":
        click.echo(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
    else:
        print_tables(result, Console(highlight=False))


# ---------------------------------------------------------------- msckg extract (msckg.extract)
@main.command("extract")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the draft study file here (default: print it to stdout).")
def extract_cmd(file: Path, out: Path | None) -> None:
    """Draft a study file (curated YAML format) from a trial abstract or article page.

    Every fact carries its sentence, offsets and a confidence; low-confidence facts are marked
    `review: true`, and numbers no rule could place are listed at the end of the draft.

    \b
    Examples:
      msckg extract abstract.txt --out studies/new-study.yaml
      msckg extract page.txt > draft.yaml
    """
    from msckg.extract import draft_yaml, extract_file, write_draft

    try:
        draft = extract_file(file)
    except MsckgError as exc:
        _fail(exc)
    if out is None:
        click.echo(draft_yaml(draft), nl=False)
    else:
        write_draft(draft, out)
    err.print(f"{draft.facts} facts extracted, {draft.flagged} marked for review"
              + (f", {len(draft.leftovers)} numbers left unplaced" if draft.leftovers else "")
              + (f" -> {out}" if out else ""))


if __name__ == "__main__":  # pragma: no cover
    main()
