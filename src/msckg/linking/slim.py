"""MIREOT-style slims: the external terms a graph uses, with their whole ancestor closure.

The closure travels with the graph (in its own named graph), so hierarchy questions such as
"every study of any autoimmune disease" are plain SPARQL property paths, without the ontology.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef

from msckg.builder.terms import term
from msckg.linking.index import TermIndex, term_index
from msckg.namespaces import MSCKG, OBOINOWL, OWL, RDF, RDFS, SKOS

EXACT = OBOINOWL.hasExactSynonym
RELATED = OBOINOWL.hasRelatedSynonym


def used_curies(graph: Graph) -> set[str]:
    """MONDO, CL and UBERON CURIEs that nodes of `graph` are typed with."""
    out = set()
    for _s, cls in graph.subject_objects(RDF.type):
        text = str(cls)
        for prefix in ("MONDO", "CL", "UBERON"):
            stem = f"http://purl.obolibrary.org/obo/{prefix}_"
            if text.startswith(stem):
                out.add(f"{prefix}:{text[len(stem):]}")
    return out


def terms_graph(curies: Iterable[str], index: TermIndex | None = None) -> Graph:
    """Labels, ids, synonyms and parent links of `curies` and all their ancestors, plus MONDO's
    exact mappings (DOID, MeSH, NCIt, EFO, ICD-10) for the terms themselves."""
    ix = index or term_index()
    used = set(curies)
    closure = ix.closure(used)
    g = Graph(store="SimpleMemory")  # adds only; no contexts needed
    for curie in sorted(closure):
        rec = ix.get(curie)
        assert rec is not None
        node = term(curie)
        g.add((node, RDF.type, OWL.Class))
        g.add((node, RDFS.label, Literal(rec.label)))
        g.add((node, OBOINOWL.id, Literal(curie)))
        for syn in rec.exact:
            g.add((node, EXACT, Literal(syn)))
        for syn in rec.related:
            g.add((node, RELATED, Literal(syn)))
        rel = MSCKG.broaderAnatomy if rec.prefix == "UBERON" else RDFS.subClassOf
        for parent in rec.parents:
            if parent in closure:
                g.add((node, rel, term(parent)))
        if curie in used:
            for m in ix.mappings.get(curie, []):
                g.add((node, SKOS.exactMatch, URIRef(term(m.object_id))))
    return g
