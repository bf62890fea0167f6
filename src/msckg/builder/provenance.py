"""Source documents and the prov:wasDerivedFrom link every fact carries."""

from __future__ import annotations

from rdflib import Literal, URIRef

from msckg.builder.iris import StudyIris
from msckg.builder.schema import Fact, Study
from msckg.builder.triples import FactGraph
from msckg.namespaces import MSCKG, PROV, RDF, RDFS, XSD


def add_documents(g: FactGraph, iris: StudyIris, study: Study) -> None:
    for doc in study.documents:
        node = iris.part("source", doc.id)
        g.add((node, RDF.type, MSCKG.SourceDocument))
        g.add((iris.study, MSCKG.hasSource, node))
        g.add((node, MSCKG.identifier, Literal(doc.id)))
        g.add((node, MSCKG.documentKind, Literal(doc.kind)))
        g.add((node, RDFS.label, Literal(doc.title or doc.id)))
        if doc.file:
            g.add((node, MSCKG.fileName, Literal(doc.file)))
        if doc.sha256:
            g.add((node, MSCKG.sha256, Literal(doc.sha256)))
        if doc.url:
            g.add((node, MSCKG.url, Literal(doc.url, datatype=XSD.anyURI)))


def attribute(g: FactGraph, iris: StudyIris, node: URIRef, fact: Fact) -> None:
    """Tie a node to the documents it was curated from, with its quotation and note."""
    for src in fact.sources:
        g.add((node, PROV.wasDerivedFrom, iris.part("source", src)))
    if fact.evidence:
        g.add((node, MSCKG.evidence, Literal(fact.evidence)))
    if fact.note:
        g.add((node, MSCKG.note, Literal(fact.note)))
