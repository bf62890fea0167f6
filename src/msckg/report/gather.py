"""Read what a report shows from the query store, with a few whole-graph SPARQL queries.

Each query (`report/queries/*.rq`) returns one kind of fact for every study at once, so a
1,100-study graph costs a dozen queries rather than a dozen per study; rows are grouped here.
A study described by a paper and by its registry record has two sets of facts (two design nodes,
two enrollment statements); both are kept, each with its own sources, and the page shows both.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

from msckg.errors import MsckgError
from msckg.namespaces import MSCKG
from msckg.queries import NamedQuery, parse_header
from msckg.report.lexical import Lexical, as_reported, duration_as_written
from msckg.report.model import (
    Cited,
    Condition,
    DesignFact,
    Endpoint,
    Population,
    Product,
    Publication,
    Registration,
    ReportData,
    Result,
    SourceDoc,
    Statistic,
    Study,
)
from msckg.resources import report_queries_dir
from msckg.store import execute

Row = dict[str, str | None]

# Design aspects in the order a reader expects them; anything else follows alphabetically.
DESIGN_ORDER = (
    "study type", "phase", "phase as reported", "allocation", "masking", "masked role", "control",
    "intervention model", "primary purpose", "centre setting", "number of sites", "time orientation",
    "design feature", "study period start", "study period end", "start date", "primary completion date",
    "completion date", "follow-up duration", "assessment interval",
)
# The aspects the index shows in its one-line design summary.
SUMMARY_ASPECTS = ("phase", "study type", "allocation", "masking", "control")


class ReportDataError(MsckgError):
    """The graph lacks something a report needs, or states it in a form the report cannot read."""


def report_query(name: str) -> NamedQuery:
    """One of the report's own queries, its header parsed like any named query's."""
    entry = report_queries_dir() / f"{name}.rq"
    return parse_header(entry.read_text(encoding="utf-8"), entry.name)


def _rows(store: ox.Store, name: str) -> list[Row]:
    result = execute(store, report_query(name).text)
    if not isinstance(result, ox.QuerySolutions):
        raise ReportDataError(f"report query {name} is not a SELECT")
    names = [v.value for v in result.variables]
    # Positional reads of each solution are twice as fast as by-name ones on 30k-row answers.
    return [dict(zip(names, [None if t is None else t.value for t in solution], strict=True)) for solution in result]


def _dec(text: str | None, where: str) -> Decimal | None:
    if text is None:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ReportDataError(f"{where}: {text!r} is not a number") from None


def _int(text: str | None, where: str) -> int | None:
    if text is None:
        return None
    try:
        return int(text)
    except ValueError:
        raise ReportDataError(f"{where}: {text!r} is not a whole number") from None


def page_name(study_id: str) -> str:
    """A file-name-safe page stem for a study id (ids are slugs already; this only guards)."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", study_id).strip(".-") or "study"


class _Provenance:
    """Which documents each node was derived from, and its evidence quotes."""

    def __init__(self, rows: Iterable[Row]) -> None:
        self.sources: dict[str, set[str]] = defaultdict(set)
        self.evidence: dict[str, list[str]] = defaultdict(list)
        for row in rows:
            node = row["node"] or ""
            if row["source"]:
                self.sources[node].add(row["source"])
            if row["evidence"]:
                self.evidence[node].append(row["evidence"])
        for node, quotes in self.evidence.items():
            self.evidence[node] = sorted(set(quotes))


class _StudyContext:
    """Source keys of one study: turns a node's source IRIs into the page's anchor keys."""

    def __init__(self, docs: list[SourceDoc], prov: _Provenance, lexical: Lexical | None = None) -> None:
        self.docs = docs
        self.lexical = lexical
        self.order = {d.iri: i for i, d in enumerate(docs)}
        self.keys = {d.iri: d.key for d in docs}
        self.prov = prov

    def sources(self, node: str | None) -> tuple[str, ...]:
        if node is None:
            return ()
        iris = [i for i in self.prov.sources.get(node, ()) if i in self.keys]
        return tuple(self.keys[i] for i in sorted(iris, key=self.order.__getitem__))

    def rank(self, keys: tuple[str, ...]) -> tuple[int, ...]:
        """Sort key: facts from curated documents before registry records (the source list's order)."""
        index = {d.key: i for i, d in enumerate(self.docs)}
        return tuple(index.get(k, len(index)) for k in keys) or (len(index),)

    def decimal(self, text: str | None, node: str, prop: str) -> Decimal | None:
        """A decimal of `node` with the digits the graph file has for it (see report/lexical.py)."""
        value = _dec(text, node)
        return None if value is None else as_reported(value, node, str(MSCKG[prop]), self.lexical)

    def cited(self, text: str, node: str | None) -> Cited:
        return Cited(text, self.sources(node), tuple(self.prov.evidence.get(node or "", ())))


def _group(rows: list[Row], key: str = "study") -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        out[row[key] or ""].append(row)
    return out


def _local(iri: str) -> str:
    return re.split(r"[/#]", iri)[-1]


def gather(store: ox.Store, lexical: Lexical | None = None) -> ReportData:
    """Everything the report shows, for every study in the store.

    `lexical` (from `report.lexical.lexical_forms` of the graph file) restores reported
    digits that the store made canonical: 0.030 stays 0.030.
    """
    prov = _Provenance(_rows(store, "report-provenance"))
    studies = _group(_rows(store, "report-studies"))
    sources = _group(_rows(store, "report-sources"))
    tables = {
        name: _group(_rows(store, f"report-{name}"))
        for name in ("registrations", "conditions", "design", "enrollment", "populations", "products",
                     "endpoints", "results", "publications")
    }
    statistics = _group(_rows(store, "report-statistics"), key="result")

    data = ReportData()
    pages: dict[str, str] = {}
    for iri in sorted(studies, key=lambda s: (studies[s][0]["id"] or "", s)):
        rows = studies[iri]
        study_id = rows[0]["id"] or _local(iri)
        page = page_name(study_id)
        if page in pages:
            raise ReportDataError(f"studies {pages[page]} and {iri} would share the report page {page}.html")
        pages[page] = iri
        docs = _source_docs(sources.get(iri, []))
        ctx = _StudyContext(docs, prov, lexical)
        titles = _titles(rows)
        data.studies.append(Study(
            iri=iri, id=study_id, page=page, title=titles[0] if titles else study_id,
            other_titles=tuple(titles[1:]),
            acronym=next((r["acronym"] for r in rows if r["acronym"]), None),
            sources=tuple(docs),
            registrations=_registrations(tables["registrations"].get(iri, []), ctx),
            conditions=_conditions(tables["conditions"].get(iri, []), ctx),
            design=_design(tables["design"].get(iri, []), ctx),
            enrollment=tuple(sorted((ctx.cited(r["count"] or "", r["enrollment"])
                                     for r in tables["enrollment"].get(iri, [])),
                                    key=lambda c: (ctx.rank(c.sources), c.text))),
            populations=_populations(tables["populations"].get(iri, []), ctx),
            products=_products(tables["products"].get(iri, []), ctx),
            endpoints=_endpoints(tables["endpoints"].get(iri, []), tables["results"].get(iri, []),
                                 statistics, ctx),
            publications=tuple(
                Publication(r["title"] or r["publication"] or "", r["journal"], r["year"], r["doi"], r["pmid"],
                            ctx.sources(r["publication"]))
                for r in _first_per(tables["publications"].get(iri, []), "publication")
            ),
        ))
    return data


def _first_per(rows: list[Row], key: str) -> list[Row]:
    """The first row for each value of `key` (queries sort, so this is deterministic)."""
    seen: dict[str, Row] = {}
    for row in rows:
        seen.setdefault(row[key] or "", row)
    return list(seen.values())


def _titles(rows: list[Row]) -> list[str]:
    """Curated titles first (graph/study/...), then registry titles; each once."""
    ordered = sorted(rows, key=lambda r: ("/graph/study/" not in (r["graph"] or ""), r["graph"] or ""))
    out: list[str] = []
    for row in ordered:
        if row["title"] and row["title"] not in out:
            out.append(row["title"])
    return out


def _source_docs(rows: list[Row]) -> list[SourceDoc]:
    docs = [SourceDoc(iri=r["source"] or "", key=r["key"] or _local(r["source"] or ""),
                      label=r["label"] or r["key"] or "", kind=r["kind"], file=r["file"], url=r["url"],
                      sha256=r["sha256"])
            for r in _first_per(rows, "source")]
    # Curated documents before registry records, then by key.
    return sorted(docs, key=lambda d: (d.kind == "registry-record", d.key))


def _registrations(rows: list[Row], ctx: _StudyContext) -> tuple[Registration, ...]:
    out: dict[str, Registration] = {}
    for row in rows:
        rid = row["registry_id"] or ""
        if rid in out:
            continue
        registered = ctx.cited(row["registered"], row["registration"]) if row["registered"] else None
        out[rid] = Registration(rid, row["url"], registered, ctx.sources(row["registration"]))
    return tuple(out.values())


def _conditions(rows: list[Row], ctx: _StudyContext) -> tuple[Condition, ...]:
    seen: dict[tuple[str, str], Condition] = {}
    for row in rows:
        role = row["role"] or "primary"
        key = (row["disease_id"] or "", role)
        if key in seen:
            old = seen[key]
            merged = tuple(dict.fromkeys(old.sources + ctx.sources(row["condition"])))
            seen[key] = Condition(old.disease_id, old.label, role, old.reported_as, merged)
            continue
        seen[key] = Condition(row["disease_id"] or "", row["disease"] or "", role, row["reported_as"],
                              ctx.sources(row["condition"]))
    return tuple(sorted(seen.values(), key=lambda c: (c.role != "primary", c.label)))


def _aspect_rank(aspect: str) -> tuple[int, str]:
    return (DESIGN_ORDER.index(aspect) if aspect in DESIGN_ORDER else len(DESIGN_ORDER), aspect)


def _design(rows: list[Row], ctx: _StudyContext) -> tuple[DesignFact, ...]:
    facts = [DesignFact(r["aspect"] or "", ctx.cited(r["value"] or "", r["design"])) for r in rows]
    return tuple(sorted(facts, key=lambda f: (_aspect_rank(f.aspect), ctx.rank(f.value.sources), f.value.text)))


def design_summary(study: Study) -> str:
    """A one-line design for the index: phase, type, allocation, masking, control (each once)."""
    values: list[str] = []
    for aspect in SUMMARY_ASPECTS:
        for fact in study.design:
            if fact.aspect == aspect and fact.value.text not in values:
                values.append(fact.value.text)
    return "; ".join(values)


def _populations(rows: list[Row], ctx: _StudyContext) -> tuple[Population, ...]:
    by_node: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_node[row["population"] or ""].append(row)
    out = []
    for node, group in by_node.items():
        first = group[0]
        size = ctx.cited(first["size"], node) if first["size"] else None
        products = tuple(dict.fromkeys(r["product"] for r in group if r["product"]))
        out.append(Population(first["label"] or "", first["kind"] or "arm", first["role"], size, products,
                              first["parent"], ctx.sources(node)))
    return tuple(sorted(out, key=lambda p: (p.kind, p.label)))


def _products(rows: list[Row], ctx: _StudyContext) -> tuple[Product, ...]:
    out = []
    for row in _first_per(rows, "product"):
        node = row["product"] or ""
        count = ctx.cited(row["count"], row["administration"]) if row["count"] else None
        dose = None
        if row["dose"]:
            amount = ctx.decimal(row["dose_value"], row["dose"], "value")
            text = row["dose_reported"] or " ".join(str(t) for t in (amount, row["dose_unit"]) if t is not None)
            dose = ctx.cited(text, row["dose"])
        out.append(Product(row["label"] or "", row["cell_id"], row["cell"], row["tissue_id"], row["tissue"],
                           row["donor"], row["route"], count, dose, ctx.sources(node)))
    return tuple(sorted(out, key=lambda p: p.label))


def _statistic(row: Row, ctx: _StudyContext) -> Statistic:
    where = row["statistic"] or ""
    return Statistic(
        iri=where, kind=_local(row["kind"] or ""), label=row["kind_label"] or "",
        value=ctx.decimal(row["value"], where, "value"), relation=row["relation"],
        bound=ctx.decimal(row["bound"], where, "bound"), unit=row["unit"],
        numerator=_int(row["numerator"], where), denominator=_int(row["denominator"], where),
        percentage=ctx.decimal(row["percentage"], where, "percentage"),
        ci_lower=ctx.decimal(row["ci_lower"], where, "ciLower"), ci_upper=ctx.decimal(row["ci_upper"], where, "ciUpper"),
        ci_level=ctx.decimal(row["ci_level"], where, "ciLevel"),
        comparison=row["comparison"], comparator=row["comparator"], reported_as=row["reported_as"],
        sources=ctx.sources(where) or ctx.sources(row["result"]),
    )


def _endpoints(rows: list[Row], result_rows: list[Row], statistics: dict[str, list[Row]],
               ctx: _StudyContext) -> tuple[Endpoint, ...]:
    results: dict[str, list[Result]] = defaultdict(list)
    for row in _first_per(result_rows, "result"):
        node = row["result"] or ""
        stats = tuple(_statistic(s, ctx) for s in _first_per(statistics.get(node, []), "statistic"))
        n = ctx.cited(row["n"], node) if row["n"] else None
        results[row["endpoint"] or ""].append(Result(
            iri=node, endpoint=row["endpoint"] or "", population=row["population_label"] or "",
            timepoint=(duration_as_written(row["timepoint"], node, str(MSCKG.timepoint), ctx.lexical)
                       if row["timepoint"] else None),
            days=_dec(row["days"], node), timepoint_label=row["timepoint_label"],
            n=n, finding=row["finding"], direction=row["direction"], note=row["note"], statistics=stats,
            sources=ctx.sources(node), evidence=tuple(ctx.prov.evidence.get(node, ())),
        ))
    out = []
    for row in _first_per(rows, "endpoint"):
        node = row["endpoint"] or ""
        ordered = sorted(results.get(node, []), key=lambda r: (r.days is None, r.days or 0, r.population, r.iri))
        out.append(Endpoint(node, row["id"] or _local(node), row["label"] or "", row["role"], row["instrument"],
                            row["instrument_label"], row["abbreviation"], row["unit"], tuple(ordered)))
    return tuple(sorted(out, key=lambda e: (not e.results, e.label.lower(), e.iri)))
