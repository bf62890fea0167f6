"""Namespaces and the CURIE converter used across msckg.

CURIE handling goes through the `curies` library with a prefix map derived from Bioregistry
(shipped as data/prefixes.json), rather than hand-written string splitting.
"""

from __future__ import annotations

import json
from functools import cache

import curies
from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from msckg.resources import prefixes_file

MSCKG = Namespace("https://w3id.org/msckg/ontology/")
INST = Namespace("https://w3id.org/msckg/ontology/instrument/")
OBO = Namespace("http://purl.obolibrary.org/obo/")
OBOINOWL = Namespace("http://www.geneontology.org/formats/oboInOwl#")
SH = Namespace("http://www.w3.org/ns/shacl#")
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
