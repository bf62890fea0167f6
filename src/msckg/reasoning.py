"""OWL reasoning with owlready2's bundled HermiT (needs a Java runtime on PATH).

owlready2 reads N-Triples, RDF/XML and OWL/XML but not Turtle, so graphs are handed over as
N-Triples in a temporary folder. The result lists the types HermiT infers beyond the asserted
ones, for instance that a product of umbilical-cord MSCs is an MSC product.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import owlready2
from rdflib import Dataset, Graph, Literal
from rdflib.namespace import RDF, XSD

from msckg.builder.build import load_ontology
from msckg.linking.slim import terms_graph, used_curies


# xsd datatypes msckg uses that the OWL 2 datatype map lacks (SHACL checks them instead).
OUTSIDE_OWL2 = {XSD.duration, XSD.date, XSD.gYear, XSD.gYearMonth}


@dataclass
class ReasoningResult:
    consistent: bool
    inferred_types: dict[str, set[str]] = field(default_factory=dict)
    error: str | None = None


def instance_data(dataset: Dataset) -> Graph:
    """The instance triples of a built dataset: its study and registry graphs, without the
    ontology and term graphs (the reasoner loads those itself)."""
    data = Graph()
    for s, p, o, g in dataset.quads((None, None, None, None)):
        name = str(getattr(g, "identifier", g))
        if "/graph/study/" in name or "/graph/ctgov/" in name:
            data.add((s, p, o))
    return data


def reason(data: Graph | None = None) -> ReasoningResult:
    """Check the ontology (plus term slim and optional instance data) with HermiT."""
    onto_graph = load_ontology()
    terms = terms_graph(used_curies(data)) if data is not None else Graph()
    merged = Graph()
    for g in (onto_graph, terms, data or Graph()):
        for triple in g:
            obj = triple[2]
            if isinstance(obj, Literal) and obj.datatype in OUTSIDE_OWL2:
                continue  # HermiT refuses these datatypes; they carry no class inferences
            merged.add(triple)
    asserted: dict[str, set[str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "merged.nt"
        merged.serialize(path, format="nt", encoding="utf-8")
        world = owlready2.World()
        onto = world.get_ontology(path.as_uri()).load()
        # owlready2 lists only owl:NamedIndividual declarations, so look instances up by IRI
        individuals = [world[str(s)] for s in sorted(set((data or Graph()).subjects(RDF.type, None)))]
        individuals = [ind for ind in individuals if ind is not None and hasattr(ind, "is_a")
                       and not isinstance(ind, owlready2.ThingClass)]
        for ind in individuals:
            asserted[ind.iri] = {c.iri for c in ind.is_a if hasattr(c, "iri")}
        try:
            with onto:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError as exc:
            return ReasoningResult(False, error=str(exc))
        inferred: dict[str, set[str]] = {}
        for ind in individuals:
            now = {c.iri for c in ind.is_a if hasattr(c, "iri")}
            extra = now - asserted.get(ind.iri, set())
            if extra:
                inferred[ind.iri] = extra
    return ReasoningResult(True, inferred)
