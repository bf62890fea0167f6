"""What was measured and what was found: endpoints, results and their statistics."""

from __future__ import annotations

from rdflib import Literal

from msckg.builder.iris import StudyIris
from msckg.builder.provenance import attribute
from msckg.builder.schema import Result, Statistic, Study, approximate_days, weeks_to_days
from msckg.builder.triples import FactGraph
from msckg.namespaces import INST, MSCKG, PROV, RDF, RDFS, XSD

ROLES = {"primary": MSCKG.PrimaryEndpoint, "secondary": MSCKG.SecondaryEndpoint,
         "safety": MSCKG.SafetyEndpoint, "other": MSCKG.OtherEndpoint}
KINDS = {"mean": MSCKG.Mean, "sd": MSCKG.StandardDeviation, "median": MSCKG.Median,
         "central-value": MSCKG.CentralValue, "plus-minus": MSCKG.PlusMinus,
         "proportion": MSCKG.Proportion, "count": MSCKG.Count, "difference": MSCKG.Difference,
         "p-value": MSCKG.PValue, "effect-size": MSCKG.EffectSize}


def add_outcomes(g: FactGraph, iris: StudyIris, study: Study) -> None:
    for ep in study.endpoints:
        node = iris.part("endpoint", ep.id)
        g.add((iris.study, MSCKG.hasEndpoint, node))
        g.add((node, RDF.type, MSCKG.Endpoint))
        g.add((node, MSCKG.identifier, Literal(ep.id)))
        g.add((node, RDFS.label, Literal(ep.label)))
        g.add((node, MSCKG.instrument, INST[ep.instrument]))
        g.add((node, MSCKG.endpointRole, ROLES[ep.role]))
        if ep.unit:
            g.add((node, MSCKG.unit, Literal(ep.unit)))
        for tp in ep.timepoints:
            g.add((node, MSCKG.plannedTimepoint, Literal(weeks_to_days(tp), datatype=XSD.duration, normalize=False)))
        attribute(g, iris, node, ep)
    arms = {a.id for a in study.arms}
    for res in study.results:
        _add_result(g, iris, res, arms)


def _population(iris: StudyIris, study_arms: set[str], pop: str):  # type: ignore[no-untyped-def]
    return iris.part("arm" if pop in study_arms else "subgroup", pop)


def _add_result(g: FactGraph, iris: StudyIris, res: Result, arms: set[str]) -> None:
    node = iris.part("result", res.key)
    g.add((iris.study, MSCKG.hasResult, node))
    g.add((node, RDF.type, MSCKG.Result))
    g.add((node, MSCKG.forEndpoint, iris.part("endpoint", res.endpoint)))
    g.add((node, MSCKG.population, _population(iris, arms, res.population)))
    if res.timepoint:
        g.add((node, MSCKG.timepoint, Literal(weeks_to_days(res.timepoint), datatype=XSD.duration, normalize=False)))
        g.add((node, MSCKG.timepointDays, Literal(approximate_days(res.timepoint))))
    if res.timepoint_label:
        g.add((node, MSCKG.timepointLabel, Literal(res.timepoint_label)))
    if res.n is not None:
        g.add((node, MSCKG.sampleSize, Literal(res.n)))
    if res.finding:
        g.add((node, MSCKG.finding, Literal(res.finding)))
    if res.direction:
        g.add((node, MSCKG.direction, Literal(res.direction)))
    attribute(g, iris, node, res)
    for stat in res.statistics:
        _add_statistic(g, iris, node, res, stat, arms)


def _add_statistic(g, iris, result, res: Result, stat: Statistic, arms: set[str]) -> None:  # type: ignore[no-untyped-def]
    node = iris.part("result", res.key, stat.kind)
    g.add((result, MSCKG.hasStatistic, node))
    g.add((node, RDF.type, KINDS[stat.kind]))
    for field, prop in (("value", MSCKG.value), ("unit", MSCKG.unit),
                        ("numerator", MSCKG.numerator), ("denominator", MSCKG.denominator),
                        ("percentage", MSCKG.percentage), ("reported_as", MSCKG.reportedAs)):
        value = getattr(stat, field)
        if value is not None:
            g.add((node, prop, Literal(value)))
    if stat.bound:
        g.add((node, MSCKG.bound, Literal(stat.bound.value)))
        g.add((node, MSCKG.boundRelation, Literal(stat.bound.relation)))
    if stat.ci:
        g.add((node, MSCKG.ciLower, Literal(stat.ci.lower)))
        g.add((node, MSCKG.ciUpper, Literal(stat.ci.upper)))
        g.add((node, MSCKG.ciLevel, Literal(stat.ci.level)))
    if stat.comparison:
        g.add((node, MSCKG.comparison,
               MSCKG.VersusBaseline if stat.comparison == "baseline" else MSCKG.VersusComparator))
    if stat.comparator:
        g.add((node, MSCKG.comparator, _population(iris, arms, stat.comparator)))
    for src in res.sources:  # quotation and note stay on the result, not on every number
        g.add((node, PROV.wasDerivedFrom, iris.part("source", src)))
