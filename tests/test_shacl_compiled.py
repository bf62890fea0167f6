"""The compiled SHACL engine finds exactly what pySHACL finds, for every constraint our shapes use.

The seed studies are built, then broken on purpose so that each constraint component in
src/msckg/shapes/msckg-shapes.ttl fires at least once (and each of the ten SPARQL constraints),
including the literals where engines usually part ways: ill-typed literals, plain versus
xsd:string versus language-tagged strings, integers against decimal bounds, a decimal percentage
with trailing zeros, blank nodes against a pattern, values typed with a subclass. pySHACL over
the whole graph (`validate_whole`) is the reference; the compiled engine must report the same
(focus node, result path, constraint component, graph) set.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.term import Node

from msckg.builder.build import build_dataset
from msckg.builder.loader import load_studies
from msckg.namespaces import MSCKG, SH
from msckg.resources import bundled_studies_dir
from msckg.shacl_compiled import ShapesCompiler, UnsupportedShape
from msckg.validate import (
    ValidationReport,
    shapes_graph,
    validate_dataset,
    validate_whole,
)

PROV_DERIVED = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
OBO = "http://purl.obolibrary.org/obo/"
STUDY = "https://w3id.org/msckg/study/"
GRAPH = "https://w3id.org/msckg/graph/study/"
SOURCE = {"ssc-umsct-5y": "source/abstract", "sle-ucmsc-multicentre": "source/acr-abstract",
          "ra-admsc-phase1-2a": "source/mirror-abstract", "covid19-ucmsc-1y": "source/abstract"}

COMPONENTS = {  # every component the shapes can report (sh:nodeKind only sits inside a qualified shape)
    "MinCountConstraintComponent", "MaxCountConstraintComponent", "DatatypeConstraintComponent",
    "ClassConstraintComponent", "InConstraintComponent", "PatternConstraintComponent",
    "MinInclusiveConstraintComponent", "MaxInclusiveConstraintComponent", "MinExclusiveConstraintComponent",
    "MaxExclusiveConstraintComponent", "OrConstraintComponent", "XoneConstraintComponent",
    "LessThanOrEqualsConstraintComponent", "QualifiedMinCountConstraintComponent",
    "SPARQLConstraintComponent",
}
SPARQL_MESSAGES = {
    "a single-centre study cannot have more than one site",
    "more administration days than administrations",
    "arm size exceeds the study's enrollment",
    "subgroup is larger than its arm",
    "n exceeds the study's enrollment",
    "timepoint is later than the study's follow-up",
    "CI upper bound must be >= the estimate",
    "a bound needs its relation (<, <=, >, >=) and a relation needs its bound",
    "comparison against a comparator needs msckg:comparator",
    "the reported percentage does not agree with count/total within rounding",
}

Key = tuple[str, str, str, str | None]


def dec(text: str) -> Literal:
    return Literal(text, datatype=XSD.decimal, normalize=False)


def integer(text: str) -> Literal:
    return Literal(text, datatype=XSD.integer, normalize=False)


class Breaker:
    """Edits study graphs in place and records the findings each edit must cause (or must not)."""

    def __init__(self, ds: Dataset) -> None:
        self.ds = ds
        self.expected: set[Key] = set()
        self.unexpected: set[Key] = set()

    def graph(self, study: str) -> Graph:
        return self.ds.graph(URIRef(GRAPH + study))

    def iri(self, study: str, local: str) -> URIRef:
        return URIRef(f"{STUDY}{study}/{local}")

    def new(self, study: str, local: str, *types: URIRef, **props: Node | list[Node]) -> URIRef:
        """A fresh node in the study's graph, typed and derived from the study's source document."""
        node = self.iri(study, "test/" + local)
        g = self.graph(study)
        for t in types:
            g.add((node, RDF.type, t))
        g.add((node, PROV_DERIVED, self.iri(study, SOURCE[study])))
        for name, value in props.items():
            for v in value if isinstance(value, list) else [value]:
                g.add((node, RDFS.label if name == "label" else MSCKG[name], v))
        return node

    def add(self, study: str, s: Node, p: Node, o: Node) -> None:
        assert (s, None, None) in self.graph(study), f"{s} is not in {study}"
        self.graph(study).add((s, p, o))

    def remove(self, study: str, s: Node, p: Node) -> None:
        assert (s, p, None) in self.graph(study), f"{s} has no {p} in {study}"
        self.graph(study).remove((s, p, None))

    def expect(self, study: str, focus: Node, path: Node | None, component: str) -> None:
        self.expected.add((str(focus), "" if path is None else str(path), component + "ConstraintComponent",
                           GRAPH + study))

    def expect_not(self, study: str, focus: Node, path: Node | None, component: str) -> None:
        self.unexpected.add((str(focus), "" if path is None else str(path), component + "ConstraintComponent",
                             GRAPH + study))


def corrupt(ds: Dataset) -> Breaker:
    b = Breaker(ds)
    ssc, sle, ra, cov = "ssc-umsct-5y", "sle-ucmsc-multicentre", "ra-admsc-phase1-2a", "covid19-ucmsc-1y"
    m = MSCKG
    ssc_study, sle_study, ssc_arm = URIRef(STUDY + ssc), URIRef(STUDY + sle), b.iri(ssc, "arm/umsct")
    endpoint = b.iri(ssc, "endpoint/mrss")

    # -- MinCount: a label removed; a new endpoint without label and role
    b.remove(ssc, ssc_arm, RDFS.label)
    b.expect(ssc, ssc_arm, RDFS.label, "MinCount")
    bare = b.new(ssc, "bare-endpoint", m.Endpoint)
    b.expect(ssc, bare, RDFS.label, "MinCount")
    b.expect(ssc, bare, m.endpointRole, "MinCount")
    orphan = b.new(sle, "no-provenance", m.Enrollment, count=Literal(40))
    b.graph(sle).remove((orphan, PROV_DERIVED, None))
    b.expect(sle, orphan, PROV_DERIVED, "MinCount")

    # -- MaxCount: a second enrollment count (41 and 40); a proportion with a value (maxCount 0)
    b.add(ssc, b.iri(ssc, "enrollment"), m["count"], Literal(40))
    b.expect(ssc, b.iri(ssc, "enrollment"), m["count"], "MaxCount")
    prop_with_value = b.new(ssc, "proportion-with-value", m.Proportion, numerator=Literal(1),
                            denominator=Literal(2), value=dec("0.5"))
    b.expect(ssc, prop_with_value, m.value, "MaxCount")

    # -- Datatype: ill-typed integer; language-tagged and plain strings; integer where decimal is due
    ill = b.new(ssc, "ill-typed-design", m.StudyDesign, siteCount=Literal("abc", datatype=XSD.integer, normalize=False))
    b.expect(ssc, ill, m.siteCount, "Datatype")
    b.add(ssc, ssc_study, m["title"], Literal("Titre", lang="fr"))
    b.expect(ssc, ssc_study, m["title"], "Datatype")
    plain = b.new(ssc, "plain-name-org", m.Organization, name=Literal("Plain name"))
    typed = b.new(ssc, "typed-name-org", m.Organization, name=Literal("Typed name", datatype=XSD.string))
    for org in (plain, typed):
        b.expect_not(ssc, org, m.name, "Datatype")
    tagged = b.new(ssc, "tagged-name-org", m.Organization, name=Literal("Nom", lang="fr"))
    b.expect(ssc, tagged, m.name, "Datatype")
    int_dose = b.new(ra, "integer-dose", m.Dose, value=Literal(3), unit=Literal("cells"), reportedAs=Literal("3"))
    b.expect(ra, int_dose, m.value, "Datatype")
    reg = b.iri(ra, "registration/clinicaltrials/NCT03691909")
    b.add(ra, reg, m.retrospectivelyRegistered, Literal("yes", datatype=XSD.boolean))  # ill-typed boolean
    b.expect(ra, reg, m.retrospectivelyRegistered, "Datatype")
    doc = b.iri(ra, "source/mirror-abstract")
    b.graph(ra).set((doc, m.fileName, URIRef("urn:example:file")))  # an IRI where a string is due
    b.expect(ra, doc, m.fileName, "Datatype")
    # A Python int held as xsd:decimal: right lexical form, wrong value type in memory.
    crit = b.new(sle, "python-int-threshold", m.EligibilityCriterion, label=Literal("SLEDAI above 6"),
                 threshold=Literal(6, datatype=XSD.decimal))
    b.expect(sle, crit, m.threshold, "Datatype")

    # -- Class: a literal, an untyped IRI, a sibling subclass; a subclass of the class conforms
    b.add(ssc, ssc_study, m.sponsor, Literal("Drum Tower Hospital"))
    b.expect(ssc, ssc_study, m.sponsor, "Class")
    sg = b.iri(ssc, "subgroup/pah-patients")
    b.add(ssc, ssc_study, m.hasArm, sg)  # a Subgroup is a StudyPopulation, not a StudyArm
    b.expect(ssc, ssc_study, m.hasArm, "Class")
    b.add(ssc, ssc_study, m.site, b.iri(ssc, "test/nowhere"))
    b.expect(ssc, ssc_study, m.site, "Class")
    stat = b.new(ssc, "versus-subgroup", m.Difference, value=dec("-1.5"), comparison=m.VersusComparator,
                 comparator=sg)  # sh:class StudyPopulation, typed with its subclass Subgroup
    b.expect_not(ssc, stat, m.comparator, "Class")
    b.expect_not(ssc, stat, None, "SPARQL")

    # -- In: case, xsd:string-typed twin of a listed plain literal, a language tag
    src = b.new(cov, "odd-source", m.SourceDocument, documentKind=Literal("Abstract"))
    b.expect(cov, src, m.documentKind, "In")
    src2 = b.new(cov, "typed-kind-source", m.SourceDocument, documentKind=Literal("abstract", datatype=XSD.string))
    src3 = b.new(cov, "tagged-kind-source", m.SourceDocument, documentKind=Literal("abstract", lang="en"))
    b.expect(cov, src3, m.documentKind, "In")
    b.add(cov, b.iri(cov, "enrollment"), m.enrollmentType, Literal("Actual", lang="en"))
    b.expect(cov, b.iri(cov, "enrollment"), m.enrollmentType, "In")
    for s in (src, src2, src3):
        b.graph(cov).add((s, m.sha256, Literal("ab" * 32)))

    # -- Pattern: a short registry id, a blank node, an upper-case identifier and hash, an IRI DOI
    b.graph(ssc).set((b.iri(ssc, "registration/clinicaltrials/NCT00962923"), m.registryId, Literal("NCT0096292")))
    b.expect(ssc, b.iri(ssc, "registration/clinicaltrials/NCT00962923"), m.registryId, "Pattern")
    pub = b.new(ssc, "publication", m.Publication, pmid=BNode(), doi=URIRef("https://doi.org/10.1000/xyz"))
    b.expect(ssc, pub, m.pmid, "Pattern")
    b.expect(ssc, pub, m.pmid, "Datatype")
    b.expect(ssc, pub, m.doi, "Pattern")
    b.graph(sle).set((sle_study, m.identifier, Literal("SLE_Multicentre")))
    b.expect(sle, sle_study, m.identifier, "Pattern")
    b.graph(cov).add((src2, m.sha256, Literal("AB" * 32)))
    b.expect(cov, src2, m.sha256, "Pattern")
    b.expect(cov, src2, m.sha256, "MaxCount")

    # -- MinInclusive / MaxInclusive: negatives, strings against number bounds, integer vs decimal
    neg_arm = b.new(ssc, "negative-arm", m.StudyArm, label=Literal("neg"), armRole=Literal("other"),
                    size=Literal(-1))
    b.expect(ssc, neg_arm, m.size, "MinInclusive")
    str_arm = b.new(ssc, "string-size-arm", m.StudyArm, label=Literal("str"), armRole=Literal("other"),
                    size=Literal("5"))  # a plain string: Datatype and not comparable with 0
    b.expect(ssc, str_arm, m.size, "Datatype")
    b.expect(ssc, str_arm, m.size, "MinInclusive")
    adm = b.new(sle, "tagged-day-administration", m.Administration, administrationDay=Literal("7", lang="en"))
    b.expect(sle, adm, m.administrationDay, "MinInclusive")
    count = b.new(ra, "negative-count", m.Count, value=integer("-1"))
    b.expect(ra, count, m.value, "MinInclusive")
    pval_low = b.new(ra, "negative-p", m.PValue, value=dec("-0.1"))
    b.expect(ra, pval_low, m.value, "MinInclusive")
    pval_high = b.new(ra, "high-p", m.PValue, value=dec("1.5"))
    b.expect(ra, pval_high, m.value, "MaxInclusive")
    pval_one = b.new(ra, "p-one", m.PValue, value=dec("1.000"))  # equal to the integer bound 1: conforms
    b.expect_not(ra, pval_one, m.value, "MaxInclusive")
    pval_bound = b.new(ra, "high-p-bound", m.PValue, bound=dec("1.0001"), boundRelation=Literal("<"))
    b.expect(ra, pval_bound, m.bound, "MaxInclusive")
    ill_p = b.new(ra, "ill-typed-p", m.PValue, value=Literal("abc", datatype=XSD.decimal, normalize=False))
    b.expect(ra, ill_p, m.value, "Datatype")
    over = b.new(sle, "over-100", m.Proportion, percentage=dec("100.5"))
    b.expect(sle, over, m.percentage, "MaxInclusive")
    dur = b.new(ssc, "duration-days", m.StudyDesign, followUpDays=Literal("P1Y", datatype=XSD.duration))
    b.expect(ssc, dur, m.followUpDays, "Datatype")

    # -- MinExclusive / MaxExclusive: a decimal zero against the integer bound 0; 1.00 against 1
    zero_dose = b.new(ra, "zero-dose", m.Dose, value=dec("0.0"), unit=Literal("cells"), reportedAs=Literal("0"))
    b.expect(ra, zero_dose, m.value, "MinExclusive")
    ci_zero = b.new(cov, "ci-level-zero", m.Median, value=dec("1"), ciLevel=Literal(0))
    b.expect(cov, ci_zero, m.ciLevel, "MinExclusive")
    b.expect(cov, ci_zero, m.ciLevel, "Datatype")
    ci_one = b.new(cov, "ci-level-one", m.Median, value=dec("1"), ciLevel=dec("1.00"))
    b.expect(cov, ci_one, m.ciLevel, "MaxExclusive")
    ci_ok = b.new(cov, "ci-level-ok", m.Median, value=dec("1"), ciLevel=dec("0.999"))
    b.expect_not(cov, ci_ok, m.ciLevel, "MaxExclusive")

    # -- Or: a result with neither statistic nor finding; a plain-literal date; an empty proportion
    arm_pop = b.iri(ssc, "arm/umsct")
    empty_result = b.new(ssc, "empty-result", m.Result, forEndpoint=endpoint, population=arm_pop)
    b.expect(ssc, empty_result, None, "Or")
    b.add(ssc, b.iri(ssc, "design"), m.startDate, Literal("2009"))
    b.expect(ssc, b.iri(ssc, "design"), m.startDate, "Or")
    empty_prop = b.new(sle, "empty-proportion", m.Proportion, denominator=Literal(40))
    b.expect(sle, empty_prop, None, "Or")

    # -- Xone: a mean with both value and bound (and no relation), a mean with neither
    both = b.new(cov, "mean-both", m.Mean, value=dec("2.5"), bound=dec("3"))
    b.expect(cov, both, None, "Xone")
    b.expect(cov, both, None, "SPARQL")  # a bound without its relation
    neither = b.new(cov, "mean-neither", m.Mean, unit=Literal("mg"))
    b.expect(cov, neither, None, "Xone")

    # -- LessThanOrEquals: ages, decimal vs integer, a string against a decimal
    b.graph(ra).set((b.iri(ra, "eligibility/age"), m.minAge, Literal(70)))
    b.expect(ra, b.iri(ra, "eligibility/age"), m.minAge, "LessThanOrEquals")
    range_dose = b.new(ra, "range-dose", m.Dose, value=dec("3.0"), upperValue=Literal(2), unit=Literal("cells"),
                       reportedAs=Literal("3"))  # integer upper value: Datatype, and 3.0 > 2
    b.expect(ra, range_dose, m.value, "LessThanOrEquals")
    b.expect(ra, range_dose, m.upperValue, "Datatype")
    fine_dose = b.new(ra, "fine-dose", m.Dose, value=dec("2.0"), upperValue=dec("2"), unit=Literal("cells"),
                      reportedAs=Literal("2"))
    b.expect_not(ra, fine_dose, m.value, "LessThanOrEquals")
    frac = b.new(sle, "num-over-den", m.Proportion, numerator=Literal(5), denominator=dec("4.0"))
    b.expect(sle, frac, m.numerator, "LessThanOrEquals")
    ci_str = b.new(cov, "ci-lower-string", m.Median, value=dec("1.5"), ciLower=Literal("0.5"))
    b.expect(cov, ci_str, m.ciLower, "LessThanOrEquals")
    # pySHACL compares IRIs and strings as text: no finding for these (only the datatypes are wrong)
    iri_ages = b.new(ra, "iri-ages", m.EligibilityCriterion, label=Literal("ages"), minAge=URIRef("urn:age:a"),
                     maxAge=URIRef("urn:age:b"))
    b.expect_not(ra, iri_ages, m.minAge, "LessThanOrEquals")
    b.expect(ra, iri_ages, m.minAge, "Datatype")
    tagged_ci = b.new(cov, "ci-lower-tagged", m.Median, value=Literal("0.3", lang="en"),
                      ciLower=Literal("0.2", lang="en"))
    b.expect_not(cov, tagged_ci, m.ciLower, "LessThanOrEquals")
    b.expect(cov, tagged_ci, m.ciLower, "Datatype")

    # -- QualifiedMinCount: a condition without a MONDO class, cells typed with a malformed CL IRI
    cond = b.new(ssc, "unmapped-condition", m.Condition, URIRef(OBO + "MONDO_123"), label=Literal("x"),
                 conditionRole=Literal("primary"))
    b.expect(ssc, cond, RDF.type, "QualifiedMinCount")
    cells = b.new(ssc, "cells", m.CellPopulation)
    b.graph(ssc).add((cells, RDF.type, Literal(OBO + "CL_0000001")))  # a literal cannot be an IRI
    b.expect(ssc, cells, RDF.type, "QualifiedMinCount")

    # -- the ten SPARQL constraints
    single = b.new(ssc, "single-centre", m.StudyDesign, centres=m.SingleCentre, siteCount=Literal(3))
    b.expect(ssc, single, m.siteCount, "SPARQL")
    days = b.new(sle, "days-over-count", m.Administration, administrationCount=Literal(1),
                 administrationDay=[Literal(0), Literal(7)])
    b.expect(sle, days, m.administrationDay, "SPARQL")
    big_arm = b.new(ssc, "big-arm", m.StudyArm, label=Literal("big"), armRole=Literal("other"), size=Literal(1000))
    b.add(ssc, ssc_study, m.hasArm, big_arm)
    b.expect(ssc, big_arm, m.size, "SPARQL")
    big_sg = b.new(ra, "big-subgroup", m.Subgroup, label=Literal("big"), subsetOf=b.iri(ra, "arm/admsc-arm"),
                   size=Literal(20))
    b.expect(ra, big_sg, m.size, "SPARQL")
    big_n = b.new(ssc, "big-n", m.Result, forEndpoint=endpoint, population=arm_pop, finding=Literal("x"),
                  sampleSize=dec("41.5"))  # a decimal n against integer enrollments 41 and 40
    b.add(ssc, ssc_study, m.hasResult, big_n)
    b.expect(ssc, big_n, m.sampleSize, "SPARQL")
    b.expect(ssc, big_n, m.sampleSize, "Datatype")
    late = b.new(ssc, "late", m.Result, forEndpoint=endpoint, population=arm_pop, finding=Literal("x"),
                 timepoint=Literal("P10Y", datatype=XSD.duration), timepointDays=dec("3652.5"))
    b.add(ssc, ssc_study, m.hasResult, late)
    b.expect(ssc, late, m.timepoint, "SPARQL")
    on_time = b.new(ssc, "on-time", m.Result, forEndpoint=endpoint, population=arm_pop, finding=Literal("x"),
                    timepoint=Literal("P5Y", datatype=XSD.duration), timepointDays=Literal(1826))
    b.add(ssc, ssc_study, m.hasResult, on_time)
    b.expect_not(ssc, on_time, m.timepoint, "SPARQL")
    ci = b.new(cov, "ci-upper-below", m.Median, value=Literal(2), ciUpper=dec("1.5"))
    b.expect(cov, ci, m.ciUpper, "SPARQL")
    b.expect(cov, ci, m.value, "Datatype")
    rel = b.new(sle, "relation-without-bound", m.PValue, boundRelation=Literal("<"))
    b.expect(sle, rel, None, "SPARQL")
    b.expect(sle, rel, None, "Xone")
    versus = b.new(cov, "versus-nobody", m.Difference, value=dec("1"), comparison=m.VersusComparator)
    b.expect(cov, versus, m.comparator, "SPARQL")
    pct = b.new(sle, "pct-off", m.Proportion, numerator=Literal(14), denominator=Literal(40), percentage=dec("40.0"))
    b.expect(sle, pct, m.percentage, "SPARQL")
    for name, text in (("pct-35.0", "35.0"), ("pct-35", "35"), ("pct-35.000", "35.000")):
        ok = b.new(sle, name, m.Proportion, numerator=Literal(14), denominator=Literal(40), percentage=dec(text))
        b.expect_not(sle, ok, m.percentage, "SPARQL")
    third_ok = b.new(sle, "third-ok", m.Proportion, numerator=Literal(1), denominator=Literal(3),
                     percentage=dec("33.33"))
    b.expect_not(sle, third_ok, m.percentage, "SPARQL")
    third_off = b.new(sle, "third-off", m.Proportion, numerator=Literal(1), denominator=Literal(3),
                      percentage=dec("33.4"))
    b.expect(sle, third_off, m.percentage, "SPARQL")
    literal_matrix(b)
    return b


LITERAL_FORMS: dict[str, Node] = {
    "plain": Literal("0.5"), "string": Literal("0.5", datatype=XSD.string), "tagged": Literal("0.5", lang="en"),
    "int-0": Literal(0), "int-1": Literal(1), "int-2": Literal(2), "negative": dec("-0.5"),
    "dec-0.50": dec("0.50"), "dec-0.0": dec("0.0"), "dec-1.0": dec("1.0"), "dec-exp": dec("5E-1"),
    "double": Literal("0.5", datatype=XSD.double), "float": Literal("0.5", datatype=XSD.float),
    "py-float-decimal": Literal(0.5, datatype=XSD.decimal), "py-int-decimal": Literal(1, datatype=XSD.decimal),
    "py-bool-integer": Literal(True, datatype=XSD.integer), "non-negative": Literal("3", datatype=XSD.nonNegativeInteger),
    "boolean": Literal(True), "date": Literal(datetime.date(2020, 1, 1)), "year-month": Literal("2020-01", datatype=XSD.gYearMonth),
    "duration": Literal("P1D", datatype=XSD.duration), "year": Literal("2020", datatype=XSD.gYear),
    "own-datatype": Literal("0.5", datatype=URIRef("urn:example:datatype")), "iri": URIRef("urn:example:0.5"),
    "ill-integer": Literal("x", datatype=XSD.integer, normalize=False),
    "ill-decimal": Literal("1.2.3", datatype=XSD.decimal, normalize=False),
    "ill-date": Literal("2020-13-45", datatype=XSD.date, normalize=False), "blank": BNode("matrix"),
}
# pySHACL itself stops with a TypeError when sh:lessThanOrEquals meets a blank node or an ill-typed
# number, and so does rdflib's SPARQL arithmetic in the percentage check: those slots skip them.
NOT_COMPARABLE = {"ill-integer", "ill-decimal", "ill-date", "blank"}


def literal_matrix(b: Breaker) -> None:
    """Every kind of term in every slot where kinds matter (datatype, ranges, pairs, in, pattern,
    or, SPARQL filters). No expectations: pySHACL's verdict is the reference, whatever it is."""
    s, m, half = "sle-ucmsc-multicentre", MSCKG, dec("0.5")
    for name, x in LITERAL_FORMS.items():
        comparable = name not in NOT_COMPARABLE
        b.new(s, f"matrix/{name}/p-value", m.PValue, value=x, ciLevel=x, bound=x)
        b.new(s, f"matrix/{name}/design", m.StudyDesign, startDate=x, periodStart=x, siteCount=x,
              followUpDays=x, centres=m.SingleCentre)
        b.new(s, f"matrix/{name}/organization", m.Organization, name=x, city=x)
        b.new(s, f"matrix/{name}/condition", m.Condition, label=x, conditionRole=x)
        b.new(s, f"matrix/{name}/registration", m.Registration, registry=m.ClinicalTrialsGov, registryId=x,
              retrospectivelyRegistered=x, registrationDate=x)
        b.new(s, f"matrix/{name}/arm", m.StudyArm, label=x, armRole=Literal("other"), size=x, receives=x)
        if comparable:
            b.new(s, f"matrix/{name}/ci", m.Median, value=half, ciLower=x, ciUpper=x)
            b.new(s, f"matrix/{name}/ci-self", m.Median, value=x, ciLower=x)
            b.new(s, f"matrix/{name}/proportion", m.Proportion, numerator=x, denominator=Literal(1), percentage=x)
            b.new(s, f"matrix/{name}/total", m.Proportion, numerator=Literal(0), denominator=x, percentage=Literal(0))
            b.new(s, f"matrix/{name}/ages", m.EligibilityCriterion, label=x, minAge=Literal(10), maxAge=x, sex=x)
            b.new(s, f"matrix/{name}/dose", m.Dose, value=half, upperValue=x, unit=x, reportedAs=x)


def found(report: ValidationReport) -> set[Key]:
    return {(v.focus, v.path, v.component, v.graph) for v in report.violations}


@pytest.fixture(scope="module")
def broken() -> tuple[Dataset, Breaker]:
    ds = build_dataset(load_studies(bundled_studies_dir()))
    return ds, corrupt(ds)


@pytest.fixture(scope="module")
def reference(broken: tuple[Dataset, Breaker]) -> ValidationReport:
    return validate_whole(broken[0])


@pytest.fixture(scope="module")
def compiled(broken: tuple[Dataset, Breaker]) -> ValidationReport:
    return validate_dataset(broken[0], engine="compiled")


def test_the_seed_itself_conforms() -> None:
    report = validate_dataset(build_dataset(load_studies(bundled_studies_dir())))
    assert report.violations == []


def test_every_component_fires_and_the_engines_agree(broken: tuple[Dataset, Breaker], reference: ValidationReport,
                                                      compiled: ValidationReport) -> None:
    breaker = broken[1]
    whole, fast = found(reference), found(compiled)
    # The corruptions do what they are meant to, in pySHACL's own judgement ...
    assert breaker.expected - whole == set()
    assert breaker.unexpected & whole == set()
    # ... every component the shapes use shows up, and each of the ten SPARQL constraints ...
    assert {k[2] for k in whole} == COMPONENTS
    assert len({k[2] for k in whole}) == 15
    assert {v.message for v in reference.violations if v.component == "SPARQLConstraintComponent"} == SPARQL_MESSAGES
    # ... and the compiled engine reports exactly the same findings.
    assert fast - whole == set()
    assert whole - fast == set()
    assert len({k[2] for k in fast}) == 15

    def sparql(report: ValidationReport) -> set[tuple[str, str, str, str | None]]:
        return {(v.focus, v.path, v.message, v.graph) for v in report.violations
                if v.component == "SPARQLConstraintComponent"}

    assert sparql(compiled) == sparql(reference)
    assert all(v.graph is not None and v.graph.startswith(GRAPH) for v in compiled.violations)


def test_results_do_not_depend_on_batches_or_workers(broken: tuple[Dataset, Breaker],
                                                     compiled: ValidationReport) -> None:
    one_by_one = validate_dataset(broken[0], batch_size=1, workers=1)
    pairs_in_parallel = validate_dataset(broken[0], batch_size=2, workers=2)
    assert len(compiled.violations) > 1000
    assert one_by_one.violations == compiled.violations
    assert pairs_in_parallel.violations == compiled.violations


# ---------------------------------------------------------------- shapes the compiler refuses

PREFIXES = """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <https://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
"""


def _shapes(turtle: str) -> Graph:
    return Graph().parse(data=PREFIXES + turtle, format="turtle")


def test_the_project_shapes_compile() -> None:
    plans, sparql = ShapesCompiler(shapes_graph()).compile()
    assert len(sparql) == 10
    assert len(plans) == len(set(shapes_graph().subjects(RDF.type, SH.NodeShape)))


SHAPE = "ex:S a sh:NodeShape ; sh:targetClass ex:C ; "
PROPERTY = SHAPE + "sh:property [ sh:path ex:p ; %s ] ."
REFUSED = {  # id: (shapes, words of the error)
    "inverse path": (SHAPE + "sh:property [ sh:path [ sh:inversePath ex:p ] ; sh:minCount 1 ] .", "predicate paths"),
    "target node only": ("ex:S a sh:NodeShape ; sh:targetNode ex:n .", "targetClass"),
    "target node too": (SHAPE + "sh:targetNode ex:n .", "targetNode"),
    "min length": (PROPERTY % "sh:minLength 3", "minLength"),
    "node kind literal": (PROPERTY % "sh:nodeKind sh:Literal", "nodeKind"),
    "qualified max": (PROPERTY % "sh:qualifiedValueShape [ sh:datatype xsd:string ] ; sh:qualifiedMaxCount 1",
                      "qualifiedMaxCount"),
    "severity": (PROPERTY % "sh:severity sh:Warning ; sh:minCount 1", "severity"),
    "not inside or": (SHAPE + "sh:or ( [ sh:path ex:p ; sh:not [ sh:minCount 1 ] ] ) .", "not"),
    "sparql ask": (SHAPE + 'sh:sparql [ sh:ask "ASK {}" ] .', "sh:select"),
    # shapes pySHACL evaluates that the compiler used to skip or read differently
    "undeclared shape": ("ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:minLength 1 ] .", "minLength"),
    "subjects-of target": ("ex:S sh:targetSubjectsOf ex:p .", "targetClass"),
    "targeted property shape": ("ex:S a sh:PropertyShape ; sh:targetClass ex:C ; sh:path ex:p ; sh:minCount 1 .",
                                "property shapes"),
    "implicit class target": ("ex:S a sh:NodeShape, rdfs:Class ; sh:targetClass ex:C .", "implicit class targets"),
    "two patterns": (PROPERTY % 'sh:pattern "^a", "b$"', "several values"),
    "dotall flag": (PROPERTY % 'sh:pattern "^a.b$" ; sh:flags "s"', "flags"),
    "deactivated sparql": (SHAPE + 'sh:sparql [ sh:select "SELECT $this WHERE { }" ; sh:deactivated true ] .',
                           "deactivated"),
    "sparql path variable": (SHAPE + 'sh:sparql [ sh:select "SELECT $this WHERE { $this $PATH ?v }" ] .', "PATH"),
}


@pytest.mark.parametrize(("turtle", "words"), REFUSED.values(), ids=REFUSED.keys())
def test_the_compiler_refuses_what_it_does_not_know(turtle: str, words: str) -> None:
    with pytest.raises(UnsupportedShape, match=words):
        ShapesCompiler(_shapes(turtle)).compile()


def test_literal_value_kinds_are_what_the_corruptions_assume() -> None:
    """Guards the premises above: rdflib keeps these forms as written and flags the ill-typed ones."""
    assert Literal("abc", datatype=XSD.integer, normalize=False).ill_typed is True
    assert Literal("yes", datatype=XSD.boolean).ill_typed is True
    assert str(dec("35.0")) == "35.0" and dec("35.0").value == Decimal(35)
    assert Literal(6, datatype=XSD.decimal).value == 6 and not isinstance(Literal(6, datatype=XSD.decimal).value, Decimal)
