"""The ontology: OBO hygiene (label, definition) and consistency under HermiT."""

from __future__ import annotations

import shutil

from rdflib import BNode, Graph, URIRef

from msckg.builder.build import load_ontology
from msckg.linking.slim import terms_graph
from msckg.namespaces import MSCKG, OBO, OWL, RDF, RDFS
from msckg.reasoning import instance_data, reason
from msckg.validate import read_graph_file

DEFINITION = OBO.IAO_0000115
OWN = "https://w3id.org/msckg/ontology/"


def _own_terms(g: Graph) -> set[URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.NamedIndividual)
    return {s for k in kinds for s in g.subjects(RDF.type, k) if isinstance(s, URIRef) and str(s).startswith(OWN)}


def test_every_own_term_has_label_and_definition() -> None:
    onto = load_ontology()
    terms = _own_terms(onto)
    assert len(terms) > 150
    missing = sorted(str(t) for t in terms if onto.value(t, RDFS.label) is None or onto.value(t, DEFINITION) is None)
    assert missing == []


def test_external_links_exist_for_core_classes() -> None:
    onto = load_ontology()
    for cls in (MSCKG.ClinicalStudy, MSCKG.Mean, MSCKG.StandardDeviation, MSCKG.PValue, MSCKG.Median):
        assert list(onto.objects(cls, None)), cls
        linked = {str(o) for p in (URIRef("http://www.w3.org/2004/02/skos/core#exactMatch"),
                                   URIRef("http://www.w3.org/2004/02/skos/core#closeMatch"), RDFS.subClassOf)
                  for o in onto.objects(cls, p) if not isinstance(o, BNode)}
        assert any(x.startswith("http://purl.obolibrary.org/obo/") for x in linked), cls


def test_term_slim_has_labels_ids_and_hierarchy() -> None:
    terms = terms_graph({"MONDO:0005100", "MONDO:0100096"})
    ssc = OBO.MONDO_0005100
    assert str(terms.value(ssc, RDFS.label)) == "systemic sclerosis"
    # SSc reaches autoimmune disease through the shipped ancestor closure
    assert OBO.MONDO_0007179 in set(terms.transitive_objects(ssc, RDFS.subClassOf))
    assert OBO.MONDO_0007179 not in set(terms.transitive_objects(OBO.MONDO_0100096, RDFS.subClassOf))
    exact = {str(o) for o in terms.objects(ssc, URIRef("http://www.w3.org/2004/02/skos/core#exactMatch"))}
    assert "http://purl.obolibrary.org/obo/DOID_418" in exact




def test_ontology_is_consistent_under_hermit() -> None:
    assert shutil.which("java"), "HermiT needs a Java runtime (java 17 is on the machine)"
    result = reason()
    assert result.consistent, result.error


def test_hermit_infers_msc_products(built) -> None:  # type: ignore[no-untyped-def]
    result = reason(instance_data(read_graph_file(built / "kg.nq")))
    assert result.consistent, result.error
    products = {iri for iri, types in result.inferred_types.items() if str(MSCKG.MSCProduct) in types}
    assert products == {f"https://w3id.org/msckg/study/{s}" for s in (
        "covid19-ucmsc-1y/product/uc-msc", "ra-admsc-phase1-2a/product/admsc",
        "sle-ucmsc-multicentre/product/uc-msc", "ssc-umsct-5y/product/uc-msc")}
