"""The study node and what describes the study as a whole: design, enrollment, registrations,
publications, organizations, funding, ethics and eligibility."""

from __future__ import annotations

from rdflib import Literal, URIRef

from msckg.builder.iris import StudyIris, slugify
from msckg.builder.provenance import attribute
from msckg.builder.schema import Study, approximate_days, weeks_to_days
from msckg.builder.triples import FactGraph
from msckg.namespaces import INST, MSCKG, PROV, RDF, RDFS, XSD, converter

PHASES = {"phase-1": MSCKG.Phase1, "phase-2": MSCKG.Phase2, "phase-2a": MSCKG.Phase2a,
          "phase-3": MSCKG.Phase3, "phase-4": MSCKG.Phase4}
DESIGN_VALUES = {
    "allocation": {"randomized": MSCKG.Randomized, "non-randomized": MSCKG.NonRandomized},
    "masking": {"open-label": MSCKG.OpenLabel, "single-blind": MSCKG.SingleBlind,
                "double-blind": MSCKG.DoubleBlind, "triple-blind": MSCKG.TripleBlind},
    "control": {"placebo": MSCKG.PlaceboControlled, "active": MSCKG.ActiveControlled,
                "single-arm": MSCKG.SingleArm},
    "centres": {"single": MSCKG.SingleCentre, "multi": MSCKG.MultiCentre},
    "timing": {"prospective": MSCKG.Prospective, "retrospective": MSCKG.Retrospective},
    "type": {"interventional": MSCKG.Interventional, "observational": MSCKG.Observational},
}
DESIGN_PROPERTIES = {"allocation": MSCKG.allocation, "masking": MSCKG.masking,
                     "control": MSCKG.control, "centres": MSCKG.centres,
                     "timing": MSCKG.timeOrientation, "type": MSCKG.studyType}
FEATURES = {"longitudinal": MSCKG.Longitudinal, "cohort": MSCKG.Cohort, "pilot": MSCKG.Pilot}


def _period(value: str) -> Literal:
    datatype = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}[len(value)]
    return Literal(value, datatype=datatype)


def add_study(g: FactGraph, iris: StudyIris, study: Study) -> None:
    s = iris.study
    g.add((s, RDF.type, MSCKG.ClinicalStudy))
    g.add((s, MSCKG.identifier, Literal(study.id)))
    g.add((s, MSCKG["title"], Literal(study.title)))
    g.add((s, RDFS.label, Literal(study.title)))
    if study.acronym:
        g.add((s, MSCKG.acronym, Literal(study.acronym)))
    for doc in study.documents:
        g.add((s, PROV.wasDerivedFrom, iris.part("source", doc.id)))
    _add_design(g, iris, study)
    _add_registrations(g, iris, study)
    _add_publications(g, iris, study)
    _add_organizations(g, iris, study)
    _add_eligibility(g, iris, study)


def _add_design(g: FactGraph, iris: StudyIris, study: Study) -> None:
    d, node = study.design, iris.part("design")
    g.add((iris.study, MSCKG.hasDesign, node))
    g.add((node, RDF.type, MSCKG.StudyDesign))
    attribute(g, iris, node, d)
    for phase in d.phases:
        g.add((node, MSCKG.phase, PHASES[phase]))
    if d.phase_text:
        g.add((node, MSCKG.phaseText, Literal(d.phase_text)))
    for field, prop in DESIGN_PROPERTIES.items():
        value = getattr(d, field)
        if value is not None:
            g.add((node, prop, DESIGN_VALUES[field][value]))
    for feature in d.features:
        g.add((node, MSCKG.designFeature, FEATURES[feature]))
    if d.site_count is not None:
        g.add((node, MSCKG.siteCount, Literal(d.site_count)))
    if d.period_start:
        g.add((node, MSCKG.periodStart, _period(d.period_start)))
    if d.period_end:
        g.add((node, MSCKG.periodEnd, _period(d.period_end)))
    if d.follow_up:
        g.add((node, MSCKG.followUp, Literal(weeks_to_days(d.follow_up), datatype=XSD.duration, normalize=False)))
        g.add((node, MSCKG.followUpDays, Literal(approximate_days(d.follow_up))))
    if d.assessment_interval:
        g.add((node, MSCKG.assessmentInterval,
               Literal(weeks_to_days(d.assessment_interval), datatype=XSD.duration, normalize=False)))
    if study.enrollment:
        e = iris.part("enrollment")
        g.add((iris.study, MSCKG.hasEnrollment, e))
        g.add((e, RDF.type, MSCKG.Enrollment))
        g.add((e, MSCKG["count"], Literal(study.enrollment.count)))
        attribute(g, iris, e, study.enrollment)


def _add_registrations(g: FactGraph, iris: StudyIris, study: Study) -> None:
    for reg in study.registrations:
        node = iris.part("registration", reg.registry, reg.id)
        g.add((iris.study, MSCKG.hasRegistration, node))
        g.add((node, RDF.type, MSCKG.Registration))
        g.add((node, MSCKG.registry, MSCKG.ClinicalTrialsGov))
        g.add((node, MSCKG.registryId, Literal(reg.id)))
        g.add((node, RDFS.label, Literal(reg.id)))
        g.add((node, RDFS.seeAlso, URIRef(converter().expand(f"clinicaltrials:{reg.id}") or "")))
        if reg.registered:
            g.add((node, MSCKG.registrationDate, Literal(reg.registered)))
        if reg.retrospective is not None:
            g.add((node, MSCKG.retrospectivelyRegistered, Literal(reg.retrospective)))
        attribute(g, iris, node, reg)


def _add_publications(g: FactGraph, iris: StudyIris, study: Study) -> None:
    for pub in study.publications:
        node = iris.part("publication", pub.id)
        g.add((iris.study, MSCKG.describedBy, node))
        g.add((node, RDF.type, MSCKG.Publication))
        g.add((node, MSCKG.documentKind, Literal(pub.kind)))
        g.add((node, RDFS.label, Literal(pub.title or pub.journal or pub.id)))
        for field, prop in (("title", MSCKG["title"]), ("journal", MSCKG.journal),
                            ("volume", MSCKG.volume), ("issue", MSCKG.issue),
                            ("pages", MSCKG.pages), ("doi", MSCKG.doi), ("pmid", MSCKG.pmid)):
            value = getattr(pub, field)
            if value is not None:
                g.add((node, prop, Literal(value)))
        if pub.year is not None:
            g.add((node, MSCKG.year, Literal(str(pub.year), datatype=XSD.gYear)))
        if pub.epub:
            g.add((node, MSCKG.epubDate, Literal(pub.epub)))
        if pub.doi:
            g.add((node, RDFS.seeAlso, URIRef(converter().expand(f"doi:{pub.doi}") or "")))
        if pub.pmid:
            g.add((node, RDFS.seeAlso, URIRef(converter().expand(f"pubmed:{pub.pmid}") or "")))
        if pub.url:
            g.add((node, MSCKG.url, Literal(pub.url, datatype=XSD.anyURI)))
        attribute(g, iris, node, pub)


def _organization(g: FactGraph, iris: StudyIris, slug: str, name: str) -> URIRef:
    node = iris.part("organization", slug)
    g.add((node, RDF.type, MSCKG.Organization))
    g.add((node, MSCKG.name, Literal(name)))
    g.add((node, RDFS.label, Literal(name)))
    return node


def _add_organizations(g: FactGraph, iris: StudyIris, study: Study) -> None:
    for org in study.organizations:
        node = _organization(g, iris, org.id, org.name)
        prop = MSCKG.site if org.role == "site" else MSCKG.authorAffiliation
        g.add((iris.study, prop, node))
        attribute(g, iris, node, org)
    for grant in study.grants:
        funder = _organization(g, iris, "funder-" + slugify(grant.funder), grant.funder)
        node = iris.part("grant", slugify(grant.funder + "-" + (grant.number or "")))
        g.add((iris.study, MSCKG.fundedBy, node))
        g.add((node, RDF.type, MSCKG.Grant))
        g.add((node, MSCKG.funder, funder))
        g.add((node, RDFS.label, Literal(grant.funder + (f" {grant.number}" if grant.number else ""))))
        if grant.number:
            g.add((node, MSCKG.grantNumber, Literal(grant.number)))
        attribute(g, iris, node, grant)
        attribute(g, iris, funder, grant)
    for i, fs in enumerate(study.funding_statements):
        node = iris.part("funding-statement", str(i + 1))
        g.add((iris.study, MSCKG.hasFundingStatement, node))
        g.add((node, RDF.type, MSCKG.FundingStatement))
        g.add((node, MSCKG.statement, Literal(fs.statement)))
        attribute(g, iris, node, fs)
    for eth in study.ethics:
        committee = _organization(g, iris, "ethics-" + slugify(eth.committee), eth.committee)
        node = iris.part("ethics", slugify(eth.number or eth.committee))
        g.add((iris.study, MSCKG.hasEthicsApproval, node))
        g.add((node, RDF.type, MSCKG.EthicsApproval))
        g.add((node, MSCKG.approvedBy, committee))
        if eth.number:
            g.add((node, MSCKG.approvalNumber, Literal(eth.number)))
        attribute(g, iris, node, eth)
        attribute(g, iris, committee, eth)


def _add_eligibility(g: FactGraph, iris: StudyIris, study: Study) -> None:
    for crit in study.eligibility:
        node = iris.part("eligibility", crit.id)
        g.add((iris.study, MSCKG.hasEligibilityCriterion, node))
        g.add((node, RDF.type, MSCKG.EligibilityCriterion))
        g.add((node, RDFS.label, Literal(crit.text)))
        if crit.min_age is not None:
            g.add((node, MSCKG.minAge, Literal(crit.min_age)))
        if crit.max_age is not None:
            g.add((node, MSCKG.maxAge, Literal(crit.max_age)))
        if crit.instrument:
            g.add((node, MSCKG.criterionInstrument, INST[crit.instrument]))
        if crit.threshold is not None:
            g.add((node, MSCKG.threshold, Literal(crit.threshold)))
        if crit.relation:
            g.add((node, MSCKG.boundRelation, Literal(crit.relation)))
        attribute(g, iris, node, crit)
