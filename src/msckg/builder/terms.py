"""External term references: CURIE to IRI through the shared converter, with a clear error."""

from __future__ import annotations

from rdflib import URIRef

from msckg.namespaces import converter


def term(curie: str) -> URIRef:
    iri = converter().expand(curie)
    if iri is None:
        raise ValueError(f"unknown CURIE prefix in {curie!r}")
    return URIRef(iri)
