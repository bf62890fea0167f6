"""Posted results of a registry record (`Outcome*`, `EventGroup*`) as result nodes.

The study-fields format flattens each outcome measure's groups and measurements into one list per
field. Group ids restart at OG000 for every measure, which splits the lists back into measures;
a measure is mapped only when that split is exact and it has no class or category rows (then each
group has exactly one measurement, in group order). Anything else is left out and counted, never
guessed. Adverse-event groups (`EventGroup*`) are one value per group and always align.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from rdflib import Literal, URIRef

from msckg.builder.schema import approximate_days, weeks_to_days
from msckg.ctgov.textparse import parse_time_frame
from msckg.namespaces import INST, MSCKG, RDFS, XSD

PARAM_KINDS = {"Mean": MSCKG.Mean, "Median": MSCKG.Median, "Count of Participants": MSCKG.Count,
               "Number": MSCKG.PostedNumber, "Least Squares Mean": MSCKG.Mean}
SPREAD_KINDS = {"Standard Deviation": MSCKG.StandardDeviation, "Standard Error": MSCKG.StandardError}
BOUNDED = re.compile(r"(?i)\bup to\b|\bwithin\b|\bthrough\b|\buntil\b|\baverage\b|\bover\b")  # a span, not a time
ROLES = {"Primary": MSCKG.PrimaryEndpoint, "Secondary": MSCKG.SecondaryEndpoint}
EVENTS = (("Serious", "serious adverse events (posted)"), ("Other", "other adverse events (posted)"),
          ("Deaths", "deaths (posted)"))


def _number(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _split_runs(ids: list[str], first: str) -> list[list[int]]:
    """Indexes of `ids` grouped into runs that each start at `first` (OG000, EG000)."""
    runs: list[list[int]] = []
    for i, gid in enumerate(ids):
        if gid == first or not runs:
            runs.append([])
        runs[-1].append(i)
    return runs


def add_posted_results(mapper) -> int:  # type: ignore[no-untyped-def]  # a RecordMapper
    """Add posted outcome and adverse-event results; returns the number of result nodes."""
    return _events(mapper) + _outcomes(mapper)


def _group(mapper, prefix: str, gid: str, title: str, description: str | None) -> URIRef:  # type: ignore[no-untyped-def]
    node = mapper.fact(mapper.node("result-group", f"{prefix}-{gid.lower()}"), MSCKG.ResultGroup)
    mapper.g.add((mapper.iris.study, MSCKG.hasResultGroup, node))
    mapper.g.add((node, RDFS.label, Literal(title)))
    if description:
        mapper.g.add((node, MSCKG.description, Literal(description)))
    return node


def _endpoint(mapper, slug: str, label: str, role: URIRef, instrument: URIRef | None = None) -> URIRef:  # type: ignore[no-untyped-def]
    e = mapper.fact(mapper.node("endpoint", slug), MSCKG.Endpoint)
    mapper.g.add((mapper.iris.study, MSCKG.hasEndpoint, e))
    mapper.g.add((e, MSCKG.identifier, Literal(f"ctgov-{slug}")))
    mapper.g.add((e, RDFS.label, Literal(label)))
    mapper.g.add((e, MSCKG.endpointRole, role))
    if instrument is not None:
        mapper.g.add((e, MSCKG.instrument, instrument))
    return e


def _result(mapper, slug: str, endpoint: URIRef, population: URIRef) -> URIRef:  # type: ignore[no-untyped-def]
    r = mapper.fact(mapper.node("result", slug), MSCKG.Result)
    mapper.g.add((mapper.iris.study, MSCKG.hasResult, r))
    mapper.g.add((r, MSCKG.forEndpoint, endpoint))
    mapper.g.add((r, MSCKG.population, population))
    return r


def _events(mapper) -> int:  # type: ignore[no-untyped-def]
    f = mapper.f
    ids = f.get("EventGroupId", [])
    titles, descs = mapper.paired("EventGroupId", "EventGroupTitle"), mapper.paired("EventGroupId", "EventGroupDescription")
    if not ids or None in titles:
        return 0
    groups = [_group(mapper, "events", gid, title, desc) for gid, title, desc in zip(ids, titles, descs, strict=True)]
    frame = mapper.one("EventsTimeFrame")
    count = 0
    for key, label in EVENTS:
        affected = mapper.paired("EventGroupId", f"EventGroup{key}NumAffected")
        at_risk = mapper.paired("EventGroupId", f"EventGroup{key}NumAtRisk")
        if not f.get(f"EventGroup{key}NumAffected"):
            continue
        endpoint = _endpoint(mapper, f"posted-{key.lower()}-events", label, MSCKG.SafetyEndpoint, INST["adverse-events"])
        for gid, group, a, n in zip(ids, groups, affected, at_risk, strict=True):
            num, den = _number(a), _number(n)
            if num is None or num != num.to_integral_value() or num < 0:
                continue
            r = _result(mapper, f"posted-{key.lower()}-events.{gid.lower()}", endpoint, group)
            if frame:
                mapper.g.add((r, MSCKG.timepointLabel, Literal(frame)))
            stat = mapper.fact(URIRef(f"{r}/proportion"), MSCKG.Proportion)
            mapper.g.add((r, MSCKG.hasStatistic, stat))
            mapper.g.add((stat, MSCKG.numerator, Literal(int(num))))
            if den is not None and den == den.to_integral_value() and den >= max(num, 1):
                mapper.g.add((stat, MSCKG.denominator, Literal(int(den))))
            mapper.g.add((stat, MSCKG.reportedAs, Literal(f"{a} affected / {n} at risk")))
            count += 1
    return count


def _outcomes(mapper) -> int:  # type: ignore[no-untyped-def]
    f = mapper.f
    titles = f.get("OutcomeMeasureTitle", [])
    gids, mgids = f.get("OutcomeGroupId", []), f.get("OutcomeMeasurementGroupId", [])
    values = f.get("OutcomeMeasurementValue", [])
    if not titles or f.get("OutcomeClassTitle") or f.get("OutcomeCategoryTitle"):
        return 0
    runs = _split_runs(gids, "OG000")
    if len(runs) != len(titles) or gids != mgids or len(values) != len(gids):
        return 0
    per_measure = {name: (f.get(name, []) if len(f.get(name, [])) == len(titles) else [None] * len(titles))
                   for name in ("OutcomeMeasureParamType", "OutcomeMeasureDispersionType", "OutcomeMeasureUnitOfMeasure",
                                "OutcomeMeasureTimeFrame", "OutcomeMeasureType", "OutcomeMeasureDescription")}
    per_value = {name: (f.get(name, []) if len(f.get(name, [])) == len(values) else [None] * len(values))
                 for name in ("OutcomeMeasurementSpread", "OutcomeMeasurementLowerLimit", "OutcomeMeasurementUpperLimit",
                              "OutcomeGroupTitle", "OutcomeGroupDescription")}
    denoms = f.get("OutcomeDenomCountValue", []) if f.get("OutcomeDenomCountGroupId") == gids else [None] * len(gids)
    raw_enrolled = mapper.one("EnrollmentCount")
    enrolled = int(raw_enrolled) if raw_enrolled and raw_enrolled.isdigit() else None
    count = 0
    for m, (title, run) in enumerate(zip(titles, runs, strict=True)):
        kind = PARAM_KINDS.get(per_measure["OutcomeMeasureParamType"][m] or "")
        if kind is None:
            continue
        role = ROLES.get(per_measure["OutcomeMeasureType"][m] or "", MSCKG.OtherEndpoint)
        endpoint = _endpoint(mapper, f"posted-outcome-{m + 1}", title, role)
        if desc := per_measure["OutcomeMeasureDescription"][m]:
            mapper.g.add((endpoint, MSCKG.description, Literal(desc)))
        frame = per_measure["OutcomeMeasureTimeFrame"][m]
        points = [t for t in parse_time_frame(frame)] if frame else []
        unit = per_measure["OutcomeMeasureUnitOfMeasure"][m]
        dispersion = per_measure["OutcomeMeasureDispersionType"][m]
        for i in run:
            value = _number(values[i])
            title_i = per_value["OutcomeGroupTitle"][i]
            if value is None or title_i is None:
                continue
            group = _group(mapper, f"outcome-{m + 1}", gids[i], title_i, per_value["OutcomeGroupDescription"][i])
            r = _result(mapper, f"posted-outcome-{m + 1}.{gids[i].lower()}", endpoint, group)
            if frame:
                mapper.g.add((r, MSCKG.timepointLabel, Literal(frame)))
            if len(points) == 1 and not BOUNDED.search(frame or "") and points[0].amount == points[0].amount.to_integral_value() and "T" not in points[0].value:
                iso = weeks_to_days(points[0].value)
                mapper.g.add((r, MSCKG.timepoint, Literal(iso, datatype=XSD.duration, normalize=False)))
                mapper.g.add((r, MSCKG.timepointDays, Literal(approximate_days(points[0].value))))
            if (n := _number(denoms[i])) is not None and n == n.to_integral_value() and n >= 0:
                if enrolled is not None and n > enrolled:  # e.g. a follow-up record posting its parent study's n
                    mapper.g.add((r, MSCKG.note, Literal(
                        f"posted analysis population {int(n)} exceeds this record's enrollment of {enrolled}")))
                else:
                    mapper.g.add((r, MSCKG.sampleSize, Literal(int(n))))
            stat = mapper.fact(URIRef(f"{r}/value"), kind)
            mapper.g.add((r, MSCKG.hasStatistic, stat))
            mapper.g.add((stat, MSCKG.value, Literal(value)))
            mapper.g.add((stat, MSCKG.reportedAs, Literal(values[i])))
            if unit:
                mapper.g.add((stat, MSCKG.unit, Literal(unit)))
            lower, upper = _number(per_value["OutcomeMeasurementLowerLimit"][i]), _number(per_value["OutcomeMeasurementUpperLimit"][i])
            if dispersion and "Confidence Interval" in dispersion and lower is not None and upper is not None:
                if lower <= value <= upper:
                    mapper.g.add((stat, MSCKG.ciLower, Literal(lower)))
                    mapper.g.add((stat, MSCKG.ciUpper, Literal(upper)))
                    level = _number(dispersion.split("%")[0]) if "%" in dispersion else None
                    if level is not None and 0 < level < 100:
                        mapper.g.add((stat, MSCKG.ciLevel, Literal(level / 100)))
                else:
                    mapper.g.add((stat, MSCKG.note, Literal(f"posted {dispersion} {lower} to {upper} does not contain the value")))
            spread = _number(per_value["OutcomeMeasurementSpread"][i])
            if dispersion in SPREAD_KINDS and spread is not None and spread >= 0:
                sp = mapper.fact(URIRef(f"{r}/spread"), SPREAD_KINDS[dispersion])
                mapper.g.add((r, MSCKG.hasStatistic, sp))
                mapper.g.add((sp, MSCKG.value, Literal(spread)))
            count += 1
    return count
