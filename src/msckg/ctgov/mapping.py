"""One ClinicalTrials.gov record to RDF, in the same model as the curated studies.

A record's facts go into its own named graph (`graph/ctgov/{NCT}`) and hang from the study node;
when a curated study has the same NCT id, the study node is the curated one, so the two sources
describe one study side by side and each fact stays attributed to its source.

Flattened "study fields" lists are parallel only when their lengths agree (the classic format
drops empty values), so descriptions, time frames, cities and PMIDs are paired with their
measure, facility or citation only then; otherwise they are left out rather than mispaired.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from rdflib import Graph, Literal, URIRef

from msckg.builder.iris import StudyIris, slugify
from msckg.builder.schema import weeks_to_days
from msckg.builder.terms import term
from msckg.builder.triples import FactGraph
from msckg.ctgov.design import (
    ALLOCATION, ARM_ROLE, INTERVENTION_MODEL, MASKING, PHASES, ROUTES, STUDY_TYPE, TIME_PERSPECTIVE,
)
from msckg.ctgov.products import CELL_THERAPY, ParsedProduct, is_cell_product, parse_product
from msckg.ctgov.reader import CtgovRecord
from msckg.ctgov.results import add_posted_results
from msckg.ctgov.textparse import parse_date, parse_time_frame
from msckg.errors import MsckgError
from msckg.linking.normalise import Normaliser, mesh_curie, normalise
from msckg.namespaces import MSCKG, PROV, RDF, RDFS, XSD, converter

DONORS = {"autologous": MSCKG.Autologous, "allogeneic": MSCKG.Allogeneic}


class CtgovMappingError(MsckgError):
    """A registry record that cannot be mapped; names the NCT id and the field."""

    def __init__(self, nct_id: str, source: str, field: str, message: str) -> None:
        self.nct_id, self.source, self.field, self.message = nct_id, source, field, message
        super().__init__(f"{source} ({nct_id}): field {field}: {message}")

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        # rebuilt from its fields when it crosses a process boundary (build workers)
        return (type(self), (self.nct_id, self.source, self.field, self.message,))


def registry_graph_iri(base: str, nct_id: str) -> URIRef:
    return URIRef(f"{base}graph/ctgov/{nct_id}")


class RecordMapper:
    """Maps one record; `study_id` is the curated study's id when one has the same NCT id."""

    def __init__(self, record: CtgovRecord, study_id: str, base: str, normaliser: Normaliser | None = None) -> None:
        self.rec, self.f = record, record.fields
        self.iris = StudyIris(base, study_id)
        self.g = FactGraph(registry_graph_iri(base, record.nct_id))
        self.source = self.iris.part("source", f"ctgov-{record.nct_id.lower()}")
        self.normaliser = normaliser

    # ---------------------------------------------------------------- helpers
    def node(self, *segments: str) -> URIRef:
        return self.iris.part("ctgov", *segments)

    def fail(self, field: str, message: str) -> CtgovMappingError:
        return CtgovMappingError(self.rec.nct_id, self.rec.source, field, message)

    def one(self, field: str) -> str | None:
        values = self.f.get(field) or []
        return values[0] if values else None

    def fact(self, node: URIRef, rdf_type: URIRef) -> URIRef:
        self.g.add((node, RDF.type, rdf_type))
        self.g.add((node, PROV.wasDerivedFrom, self.source))
        return node

    def coded(self, field: str, table: dict[str, URIRef | None], value: str) -> URIRef | None:
        if value not in table:
            raise self.fail(field, f"unknown value {value!r} (known: {', '.join(sorted(table))})")
        return table[value]

    def date(self, node: URIRef, prop: URIRef, field: str) -> None:
        raw = self.one(field)
        if raw is None:
            return
        parsed = parse_date(raw)
        if parsed is None:
            raise self.fail(field, f"cannot read date {raw!r} (expected e.g. 'March 5, 2020' or 'August 2020')")
        datatype = XSD.date if parsed.kind == "date" else XSD.gYearMonth
        self.g.add((node, prop, Literal(parsed.value, datatype=datatype)))

    def paired(self, field: str, other: str) -> list[str | None]:
        """`other` values aligned with `field` values, or None each when the lists differ in length."""
        a, b = self.f.get(field, []), self.f.get(other, [])
        return list(b) if len(a) == len(b) else [None] * len(a)

    # ---------------------------------------------------------------- the record
    def map(self) -> Graph:
        """The record as an rdflib graph named after it."""
        return self.map_triples().to_graph()

    def map_triples(self) -> FactGraph:
        """The record's triples without rdflib's store (what the build's workers use)."""
        steps: list[Callable[[], None]] = [self.study, self.registration, self.design, self.enrollment,
                                           self.eligibility, self.organizations, self.conditions,
                                           self.products_and_arms, self.endpoints, self.references,
                                           self.posted_results]
        for step in steps:
            step()
        return self.g

    def study(self) -> None:
        s, nct = self.iris.study, self.rec.nct_id
        self.g.add((s, RDF.type, MSCKG.ClinicalStudy))
        self.g.add((s, MSCKG.identifier, Literal(self.iris.study_id)))
        self.g.add((s, PROV.wasDerivedFrom, self.source))
        self.g.add((s, MSCKG.hasSource, self.source))
        self.g.add((self.source, RDF.type, MSCKG.SourceDocument))
        self.g.add((self.source, MSCKG.identifier, Literal(f"ctgov-{nct.lower()}")))
        self.g.add((self.source, MSCKG.documentKind, Literal("registry-record")))
        self.g.add((self.source, RDFS.label, Literal(f"ClinicalTrials.gov record {nct}")))
        self.g.add((self.source, MSCKG.fileName, Literal(self.rec.source)))
        self.g.add((self.source, MSCKG.url, Literal(converter().expand(f"clinicaltrials:{nct}"), datatype=XSD.anyURI)))
        title = self.one("BriefTitle") or self.one("OfficialTitle")
        if title is None:
            raise self.fail("BriefTitle", "record has no title")
        self.g.add((s, MSCKG["title"], Literal(title)))
        self.g.add((s, RDFS.label, Literal(title)))
        for field, prop in (("OfficialTitle", MSCKG.officialTitle), ("Acronym", MSCKG.acronym),
                            ("OrgStudyId", MSCKG.orgStudyId), ("OverallStatus", MSCKG.overallStatus)):
            if (value := self.one(field)) is not None:
                self.g.add((s, prop, Literal(value)))

    def registration(self) -> None:
        reg = self.fact(self.iris.part("registration", "clinicaltrials", self.rec.nct_id), MSCKG.Registration)
        self.g.add((self.iris.study, MSCKG.hasRegistration, reg))
        self.g.add((reg, MSCKG.registry, MSCKG.ClinicalTrialsGov))
        self.g.add((reg, MSCKG.registryId, Literal(self.rec.nct_id)))
        self.g.add((reg, RDFS.label, Literal(self.rec.nct_id)))
        self.g.add((reg, RDFS.seeAlso, URIRef(converter().expand(f"clinicaltrials:{self.rec.nct_id}") or "")))
        self.date(reg, MSCKG.firstPostedDate, "StudyFirstPostDate")
        self.date(reg, MSCKG.lastUpdatePostedDate, "LastUpdatePostDate")

    def design(self) -> None:
        d = self.fact(self.node("design"), MSCKG.StudyDesign)
        self.g.add((self.iris.study, MSCKG.hasDesign, d))
        if (value := self.one("StudyType")) is not None:
            self.g.add((d, MSCKG.studyType, self.coded("StudyType", STUDY_TYPE, value)))  # type: ignore[arg-type]
        phases = self.f.get("Phase", [])
        if phases:
            self.g.add((d, MSCKG.phaseText, Literal("|".join(phases))))
        for phase in phases:
            if (iri := self.coded("Phase", PHASES, phase)) is not None:
                self.g.add((d, MSCKG.phase, iri))
        for field, table, prop in (("DesignAllocation", ALLOCATION, MSCKG.allocation),
                                   ("DesignInterventionModel", INTERVENTION_MODEL, MSCKG.interventionModel),
                                   ("DesignMasking", MASKING, MSCKG.masking),
                                   ("DesignTimePerspective", TIME_PERSPECTIVE, MSCKG.timeOrientation)):
            if (value := self.one(field)) is not None and (iri := self.coded(field, table, value)) is not None:  # type: ignore[arg-type]
                self.g.add((d, prop, iri))
        for role in self.f.get("DesignWhoMasked", []):
            self.g.add((d, MSCKG.maskedRole, Literal(role)))
        if (value := self.one("DesignPrimaryPurpose")) is not None:
            self.g.add((d, MSCKG.primaryPurpose, Literal(value)))
        for field, prop in (("StartDate", MSCKG.startDate), ("PrimaryCompletionDate", MSCKG.primaryCompletionDate),
                            ("CompletionDate", MSCKG.completionDate)):
            self.date(d, prop, field)
        facilities = {(f or "").strip().lower() for f in self.f.get("LocationFacility", []) if f}
        if facilities:
            self.g.add((d, MSCKG.siteCount, Literal(len(facilities))))
            self.g.add((d, MSCKG.centres, MSCKG.MultiCentre if len(facilities) > 1 else MSCKG.SingleCentre))

    def enrollment(self) -> None:
        raw = self.one("EnrollmentCount")
        if raw is None:
            return
        if not raw.strip().isdigit():
            raise self.fail("EnrollmentCount", f"expected a whole number, got {raw!r}")
        e = self.fact(self.node("enrollment"), MSCKG.Enrollment)
        self.g.add((self.iris.study, MSCKG.hasEnrollment, e))
        self.g.add((e, MSCKG["count"], Literal(int(raw))))
        if (kind := self.one("EnrollmentType")) is not None:
            self.g.add((e, MSCKG.enrollmentType, Literal(kind)))

    def eligibility(self) -> None:
        fields = ("MinimumAge", "MaximumAge", "Gender", "HealthyVolunteers")
        if not any(self.f.get(f) for f in fields):
            return
        e = self.fact(self.node("eligibility"), MSCKG.EligibilityCriterion)
        self.g.add((self.iris.study, MSCKG.hasEligibilityCriterion, e))
        parts = []
        for field, prop in (("MinimumAge", MSCKG.minAge), ("MaximumAge", MSCKG.maxAge)):
            if (raw := self.one(field)) is None:
                continue
            parts.append(f"{field}: {raw}")
            self.g.add((e, MSCKG.ageText, Literal(raw)))
            number, _, unit = raw.partition(" ")
            if unit.lower() in ("year", "years") and number.isdigit():
                self.g.add((e, prop, Literal(int(number))))
        if (sex := self.one("Gender")) is not None:
            self.g.add((e, MSCKG.sex, Literal(sex)))
            parts.append(f"Sex: {sex}")
        if (healthy := self.one("HealthyVolunteers")) is not None:
            self.g.add((e, MSCKG.healthyVolunteers, Literal(healthy.lower() in ("accepts healthy volunteers", "yes", "true"))))
            parts.append(f"Healthy volunteers: {healthy}")
        self.g.add((e, RDFS.label, Literal("; ".join(parts))))

    def _org(self, role: str, name: str, city: str | None = None, country: str | None = None) -> URIRef:
        org = self.fact(self.node("organization", f"{role}-{slugify(' '.join(filter(None, (name, city))))}"),
                        MSCKG.Organization)
        self.g.add((org, MSCKG.name, Literal(name)))
        self.g.add((org, RDFS.label, Literal(name)))
        if city:
            self.g.add((org, MSCKG.city, Literal(city)))
        if country:
            self.g.add((org, MSCKG.country, Literal(country)))
        return org

    def organizations(self) -> None:
        if (sponsor := self.one("LeadSponsorName")) is not None:
            self.g.add((self.iris.study, MSCKG.sponsor, self._org("sponsor", sponsor)))
        for name in self.f.get("CollaboratorName", []):
            self.g.add((self.iris.study, MSCKG.collaborator, self._org("collaborator", name)))
        cities, countries = self.paired("LocationFacility", "LocationCity"), self.paired("LocationFacility", "LocationCountry")
        for facility, city, country in zip(self.f.get("LocationFacility", []), cities, countries, strict=True):
            self.g.add((self.iris.study, MSCKG.site, self._org("site", facility, city, country)))

    def conditions(self) -> None:
        s = self.iris.study
        context = " ".join(self.f.get("BriefTitle", []) + self.f.get("OfficialTitle", []))
        linked: dict[str, URIRef] = {}

        def add(curie: str, label: str, reported: str, how: str, score: float) -> None:
            if curie in linked:
                return
            cond = self.fact(self.node("condition", slugify(curie)), MSCKG.Condition)
            linked[curie] = cond
            self.g.add((s, MSCKG.studiesCondition, cond))
            self.g.add((cond, RDF.type, term(curie)))
            self.g.add((cond, RDFS.label, Literal(label)))
            self.g.add((cond, MSCKG.conditionRole, Literal("primary")))
            self.g.add((cond, MSCKG.reportedAs, Literal(reported)))
            self.g.add((cond, MSCKG.linkMatchType, Literal(how)))
            self.g.add((cond, MSCKG.linkScore, Literal(Decimal(str(score)))))

        for text in self.f.get("Condition", []):
            self.g.add((s, MSCKG.conditionText, Literal(text)))
            result = normalise(text, "disease", context, self.normaliser)
            if result.best is not None:
                add(result.best.curie, result.best.label, text, result.best.match_type, result.best.score)
        terms = self.paired("ConditionMeshId", "ConditionMeshTerm")
        for mesh, mesh_term in zip(self.f.get("ConditionMeshId", []), terms, strict=True):
            curie = mesh_curie(mesh)
            result = normalise(curie, "disease", context, self.normaliser)
            if result.best is not None:
                reported = f"{curie}" + (f" ({mesh_term})" if mesh_term else "")
                add(result.best.curie, result.best.label, reported, result.best.match_type, result.best.score)

    def products_and_arms(self) -> None:
        names = self.f.get("InterventionName", [])
        types = self.paired("InterventionName", "InterventionType")
        descriptions = self.paired("InterventionName", "InterventionDescription")
        arm_labels = self.f.get("ArmGroupLabel", [])
        arm_types = self.paired("ArmGroupLabel", "ArmGroupType")
        arm_descs = self.paired("ArmGroupLabel", "ArmGroupDescription")
        general = [(f, v) for f in ("BriefTitle", "OfficialTitle", "BriefSummary") for v in self.f.get(f, [])[:1]]
        products: list[tuple[URIRef, ParsedProduct]] = []
        arm_texts = [d for d in arm_descs if d]
        cell = [i for i, (n, d, t) in enumerate(zip(names, descriptions, types, strict=True))
                if is_cell_product(n, d, arm_texts, t or "")]
        for i in cell:
            name, itype, desc = names[i], types[i], descriptions[i]
            texts = [(f"InterventionName[{i}]", name)]
            if desc:
                texts.append((f"InterventionDescription[{i}]", desc))
            # arm descriptions that name it; with a single cell product, every arm text about cells
            texts += [(f"ArmGroupDescription[{j}]", d) for j, d in enumerate(arm_descs)
                      if d and (name.lower() in d.lower() or (len(cell) == 1 and CELL_THERAPY.search(d)))]
            parsed = parse_product(name, itype or "", desc, texts + general)
            node = self.node("product", slugify(name) + f"-{i + 1}")
            self._product(node, parsed)
            products.append((node, parsed))
        for j, label in enumerate(arm_labels):
            arm = self.fact(self.node("arm", f"{j + 1}-{slugify(label)[:60]}"), MSCKG.StudyArm)
            self.g.add((self.iris.study, MSCKG.hasArm, arm))
            self.g.add((arm, MSCKG.identifier, Literal(f"ctgov-arm-{j + 1}")))
            self.g.add((arm, RDFS.label, Literal(label)))
            role = ARM_ROLE.get(arm_types[j] or "Other")
            if role is None:
                raise self.fail(f"ArmGroupType[{j}]", f"unknown value {arm_types[j]!r}")
            self.g.add((arm, MSCKG.armRole, Literal(role)))
            if arm_descs[j]:
                self.g.add((arm, MSCKG.description, Literal(arm_descs[j])))
            text = f"{label} {arm_descs[j] or ''}".lower()
            for node, parsed in products:
                named = parsed.name.lower() in text
                if named or (len(products) == 1 and role == "experimental"):
                    self.g.add((arm, MSCKG.receives, node))

    def _product(self, node: URIRef, p: ParsedProduct) -> None:
        self.fact(node, MSCKG.CellProduct)
        self.g.add((self.iris.study, MSCKG.hasProduct, node))
        self.g.add((node, RDFS.label, Literal(p.name)))
        self.g.add((node, MSCKG.reportedAs, Literal(p.name)))
        self.g.add((node, MSCKG.interventionType, Literal(p.intervention_type or "unknown")))
        if p.description:
            self.g.add((node, MSCKG.description, Literal(p.description)))
        cells = URIRef(f"{node}/cells")
        self.g.add((node, MSCKG.hasCellPopulation, cells))
        self.g.add((cells, RDF.type, MSCKG.CellPopulation))
        self.g.add((cells, RDF.type, term(p.cell_type)))
        self.g.add((cells, RDFS.label, Literal(f"cells of {p.name}")))
        if p.tissue:
            tissue = URIRef(f"{node}/tissue")
            self.g.add((node, MSCKG.tissueSource, tissue))
            self.g.add((tissue, RDF.type, MSCKG.TissueSample))
            self.g.add((tissue, RDF.type, term(p.tissue[0])))
            self.g.add((tissue, RDFS.label, Literal(f"source tissue of {p.name}")))
            self.g.add((node, MSCKG.evidence, Literal(f"tissue source <- {p.tissue[2]}")))
        if p.donor:
            self.g.add((node, MSCKG.donorRelation, DONORS[p.donor[0]]))
            self.g.add((node, MSCKG.evidence, Literal(f"donor relation <- {p.donor[1]}")))
        for note in p.notes:
            self.g.add((node, MSCKG.note, Literal(note)))
        route = ROUTES.get(p.route[0]) if p.route else None
        if route is None and not p.doses and p.administrations is None:
            return
        adm = self.fact(URIRef(f"{node}/administration"), MSCKG.Administration)
        self.g.add((node, MSCKG.hasAdministration, adm))
        if route is not None and p.route:
            self.g.add((adm, MSCKG.route, route))
            self.g.add((adm, MSCKG.evidence, Literal(f"route <- {p.route[1]}")))
        if p.administrations:
            a, ev = p.administrations
            if a.count is not None and a.count >= 1:
                self.g.add((adm, MSCKG.administrationCount, Literal(a.count)))
            for day in a.days:
                if day >= 0:
                    self.g.add((adm, MSCKG.administrationDay, Literal(day)))
            self.g.add((adm, MSCKG.evidence, Literal(f"schedule <- {ev}")))
        for k, (dose, ev) in enumerate(p.doses):
            d = self.fact(URIRef(f"{node}/dose/{k + 1}"), MSCKG.Dose)
            self.g.add((adm, MSCKG.hasDose, d))
            self.g.add((d, MSCKG.value, Literal(dose.value)))
            if dose.upper is not None:
                self.g.add((d, MSCKG.upperValue, Literal(dose.upper)))
            self.g.add((d, MSCKG.unit, Literal(dose.unit)))
            self.g.add((d, MSCKG.reportedAs, Literal(dose.text)))
            self.g.add((d, MSCKG.evidence, Literal(str(ev))))

    def endpoints(self) -> None:
        for kind, role in (("Primary", MSCKG.PrimaryEndpoint), ("Secondary", MSCKG.SecondaryEndpoint),
                           ("Other", MSCKG.OtherEndpoint)):
            measures = self.f.get(f"{kind}OutcomeMeasure", [])
            frames = self.paired(f"{kind}OutcomeMeasure", f"{kind}OutcomeTimeFrame")
            descs = self.paired(f"{kind}OutcomeMeasure", f"{kind}OutcomeDescription")
            for i, (measure, frame, desc) in enumerate(zip(measures, frames, descs, strict=True)):
                e = self.fact(self.node("endpoint", f"{kind.lower()}-{i + 1}"), MSCKG.Endpoint)
                self.g.add((self.iris.study, MSCKG.hasEndpoint, e))
                self.g.add((e, MSCKG.identifier, Literal(f"ctgov-{kind.lower()}-{i + 1}")))
                self.g.add((e, RDFS.label, Literal(measure)))
                self.g.add((e, MSCKG.endpointRole, role))
                if desc:
                    self.g.add((e, MSCKG.description, Literal(desc)))
                if frame:
                    self.g.add((e, MSCKG.timeFrame, Literal(frame)))
                    for tp in parse_time_frame(frame):
                        if tp.amount == tp.amount.to_integral_value():
                            value = weeks_to_days(tp.value) if "T" not in tp.value else tp.value
                            self.g.add((e, MSCKG.plannedTimepoint, Literal(value, datatype=XSD.duration, normalize=False)))

    def posted_results(self) -> None:
        add_posted_results(self)

    def references(self) -> None:
        citations = self.f.get("ReferenceCitation", [])
        pmids = self.paired("ReferenceCitation", "ReferencePMID")
        for i, (citation, pmid) in enumerate(zip(citations, pmids, strict=True)):
            pub = self.fact(self.node("publication", f"pmid-{pmid}" if pmid else f"ref-{i + 1}"), MSCKG.Publication)
            self.g.add((self.iris.study, MSCKG.describedBy, pub))
            self.g.add((pub, MSCKG.documentKind, Literal("journal-article")))
            self.g.add((pub, MSCKG.citation, Literal(citation)))
            self.g.add((pub, RDFS.label, Literal(citation[:200])))
            if pmid and pmid.isdigit():
                self.g.add((pub, MSCKG.pmid, Literal(pmid)))
                self.g.add((pub, RDFS.seeAlso, URIRef(converter().expand(f"pubmed:{pmid}") or "")))
