"""Namespaces and the CURIE converter used across msckg.

CURIE handling goes through the `curies` library with a prefix map derived from Bioregistry
(shipped as data/prefixes.json), rather than hand-written string splitting.
"""

from __future__ import annotations

import json
from functools import cache

import curies
from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from msckg.resources import prefixes_file



class _Namespace(Namespace):
    """An rdflib `Namespace` that makes each `NS.name` term once: the mappers read `MSCKG.x`
    hundreds of thousands of times per registry build, and rdflib builds (and checks) a new
    URIRef on every access."""

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("__"):
            raise AttributeError(name)
        value = self.term(name)
        self.__dict__[name] = value  # found by ordinary lookup from now on
        return value


MSCKG = _Namespace("https://w3id.org/msckg/ontology/")
INST = _Namespace("https://w3id.org/msckg/ontology/instrument/")
OBO = _Namespace("http://purl.obolibrary.org/obo/")
OBOINOWL = _Namespace("http://www.geneontology.org/formats/oboInOwl#")
SH = _Namespace("http://www.w3.org/ns/shacl#")
DEFAULT_BASE = "https://w3id.org/msckg/"

__all__ = [
    "DCTERMS", "DEFAULT_BASE", "INST", "MSCKG", "OBO", "OBOINOWL", "OWL", "PROV", "RDF", "RDFS",
    "SH", "SKOS", "XSD", "bind_prefixes", "converter",
]


@cache
def converter() -> curies.Converter:
    """CURIE <-> IRI for every prefix msckg writes (MONDO, CL, UBERON, NCIT, doi, ...)."""
    records = json.loads(prefixes_file().read_text(encoding="utf-8"))
    return curies.Converter.from_extended_prefix_map(
        [{k: v for k, v in r.items() if k != "pattern"} for r in records]
    )


def bind_prefixes(graph, base: str = DEFAULT_BASE) -> None:  # type: ignore[no-untyped-def]
    """Bind the prefixes used in serialisations, so Turtle output stays readable."""
    for prefix, ns in (
        ("msckg", MSCKG), ("inst", INST), ("obo", OBO), ("oboInOwl", OBOINOWL), ("prov", PROV),
        ("skos", SKOS), ("dcterms", DCTERMS), ("owl", OWL), ("xsd", XSD), ("rdfs", RDFS),
        ("kg", Namespace(base)),
    ):
        graph.bind(prefix, ns, override=True, replace=True)
