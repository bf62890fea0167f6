"""External term references: CURIE to IRI through the shared converter, with a clear error."""

from __future__ import annotations

from functools import lru_cache

from rdflib import URIRef

from msckg.namespaces import converter


@lru_cache(maxsize=65536)  # a build expands the same few thousand CURIEs again and again
def term(curie: str) -> URIRef:
    iri = converter().expand(curie)
    if iri is None:
        raise ValueError(f"unknown CURIE prefix in {curie!r}")
    return URIRef(iri)
