"""Who was treated with what: conditions, cell products, arms and subgroups."""

from __future__ import annotations

from rdflib import Literal

from msckg.builder.iris import StudyIris
from msckg.builder.provenance import attribute
from msckg.builder.schema import Study
from msckg.builder.terms import term
from msckg.builder.triples import FactGraph
from msckg.namespaces import MSCKG, RDF, RDFS

DONORS = {"autologous": MSCKG.Autologous, "allogeneic": MSCKG.Allogeneic}
ROUTES = {"intravenous": MSCKG.Intravenous, "intramuscular": MSCKG.Intramuscular,
          "subcutaneous": MSCKG.Subcutaneous, "intra-articular": MSCKG.Intraarticular,
          "intrathecal": MSCKG.Intrathecal, "local": MSCKG.Local}


def add_population(g: FactGraph, iris: StudyIris, study: Study) -> None:
    _add_conditions(g, iris, study)
    _add_products(g, iris, study)
    for arm in study.arms:
        node = iris.part("arm", arm.id)
        g.add((iris.study, MSCKG.hasArm, node))
        g.add((node, RDF.type, MSCKG.StudyArm))
        g.add((node, MSCKG.identifier, Literal(arm.id)))
        g.add((node, RDFS.label, Literal(arm.label)))
        g.add((node, MSCKG.armRole, Literal(arm.role)))
        if arm.size is not None:
            g.add((node, MSCKG.size, Literal(arm.size)))
        if arm.product:
            g.add((node, MSCKG.receives, iris.part("product", arm.product)))
        attribute(g, iris, node, arm)
    for grp in study.subgroups:
        node = iris.part("subgroup", grp.id)
        g.add((iris.study, MSCKG.hasSubgroup, node))
        g.add((node, RDF.type, MSCKG.Subgroup))
        g.add((node, MSCKG.identifier, Literal(grp.id)))
        g.add((node, RDFS.label, Literal(grp.label)))
        g.add((node, MSCKG.subsetOf, iris.part("arm", grp.arm)))
        if grp.condition:
            g.add((node, MSCKG.definedByCondition, iris.part("condition", grp.condition)))
        if grp.size is not None:
            g.add((node, MSCKG.size, Literal(grp.size)))
        attribute(g, iris, node, grp)


def _add_conditions(g: FactGraph, iris: StudyIris, study: Study) -> None:
    for cond in study.conditions:
        node = iris.part("condition", cond.id)
        g.add((iris.study, MSCKG.studiesCondition, node))
        g.add((node, RDF.type, MSCKG.Condition))
        g.add((node, RDF.type, term(cond.term)))
        g.add((node, RDFS.label, Literal(cond.label)))
        g.add((node, MSCKG.conditionRole, Literal(cond.role)))
        if cond.reported_as:
            g.add((node, MSCKG.reportedAs, Literal(cond.reported_as)))
        if cond.severity:
            g.add((node, MSCKG.severity, Literal(cond.severity)))
        attribute(g, iris, node, cond)


def _add_products(g: FactGraph, iris: StudyIris, study: Study) -> None:
    for prod in study.products:
        node = iris.part("product", prod.id)
        g.add((iris.study, MSCKG.hasProduct, node))
        g.add((node, RDF.type, MSCKG.CellProduct))
        g.add((node, MSCKG.identifier, Literal(prod.id)))
        g.add((node, RDFS.label, Literal(prod.label)))
        if prod.reported_as:
            g.add((node, MSCKG.reportedAs, Literal(prod.reported_as)))
        cells = iris.part("product", prod.id, "cells")
        g.add((node, MSCKG.hasCellPopulation, cells))
        g.add((cells, RDF.type, MSCKG.CellPopulation))
        g.add((cells, RDF.type, term(prod.cell_type)))
        g.add((cells, RDFS.label, Literal(f"cells of {prod.label}")))
        if prod.tissue:
            tissue = iris.part("product", prod.id, "tissue")
            g.add((node, MSCKG.tissueSource, tissue))
            g.add((tissue, RDF.type, MSCKG.TissueSample))
            g.add((tissue, RDF.type, term(prod.tissue)))
            g.add((tissue, RDFS.label, Literal(f"source tissue of {prod.label}")))
        if prod.donor:
            g.add((node, MSCKG.donorRelation, DONORS[prod.donor]))
        attribute(g, iris, node, prod)
        if prod.route or prod.dose or prod.administrations is not None or prod.days:
            adm = iris.part("product", prod.id, "administration")
            g.add((node, MSCKG.hasAdministration, adm))
            g.add((adm, RDF.type, MSCKG.Administration))
            if prod.route:
                g.add((adm, MSCKG.route, ROUTES[prod.route]))
            if prod.administrations is not None:
                g.add((adm, MSCKG.administrationCount, Literal(prod.administrations)))
            for day in prod.days:
                g.add((adm, MSCKG.administrationDay, Literal(day)))
            attribute(g, iris, adm, prod)
            if prod.dose:
                dose = iris.part("product", prod.id, "dose")
                g.add((adm, MSCKG.hasDose, dose))
                g.add((dose, RDF.type, MSCKG.Dose))
                g.add((dose, MSCKG.value, Literal(prod.dose.value)))
                g.add((dose, MSCKG.unit, Literal(prod.dose.unit)))
                g.add((dose, MSCKG.reportedAs, Literal(prod.dose.reported_as)))
                attribute(g, iris, dose, prod)
