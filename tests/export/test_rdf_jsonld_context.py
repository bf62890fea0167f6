"""The shipped JSON-LD context agrees with the ontology and prefixes.json, and compacts for real."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib import namespace as ns

from msckg.export import export
from msckg.export.jsonld import context_text, derive_context, shipped_context
from msckg.namespaces import MSCKG
from msckg.resources import jsonld_context_file, ontology_files, prefixes_file

# the session's seed build serialises through rdflib's deprecated Dataset.contexts
pytestmark = pytest.mark.filterwarnings("ignore:.*is deprecated, use Dataset:DeprecationWarning")


def _ontology() -> Graph:
    graph = Graph()
    for entry in ontology_files():
        graph.parse(data=entry.read_text(encoding="utf-8"), format="turtle")
    return graph


def _expand(body: dict, curie: str) -> str:  # type: ignore[type-arg]
    prefix, _, local = curie.partition(":")
    entry = body[prefix]
    return (entry if isinstance(entry, str) else entry["@id"]) + local


def test_shipped_context_is_what_the_ontology_gives() -> None:
    """Regenerate with `python scripts/build_jsonld_context.py` when this fails."""
    assert jsonld_context_file().read_text(encoding="utf-8") == context_text(derive_context())


def test_every_msckg_property_has_a_term_with_its_kind() -> None:
    body = shipped_context()["@context"]
    assert body["@version"] == 1.1
    ontology = _ontology()
    kinds = {ns.OWL.ObjectProperty: "object", ns.OWL.DatatypeProperty: "datatype",
             ns.OWL.AnnotationProperty: "annotation"}
    properties = {s: kinds[t] for t in kinds for s in ontology.subjects(ns.RDF.type, t)
                  if isinstance(s, URIRef) and str(s).startswith(str(MSCKG))}
    assert len(properties) > 100
    for iri, kind in properties.items():
        name = str(iri).removeprefix(str(MSCKG))
        if name in {"doi"}:  # the doi: prefix wins; the property is written as msckg:doi
            assert isinstance(body[name], str) and body[name].startswith("https://doi.org/")
            continue
        entry = body[name]
        term_iri = entry if isinstance(entry, str) else entry["@id"]
        assert _expand(body, term_iri) == str(iri)
        coerce = None if isinstance(entry, str) else entry["@type"]
        ranges = set(ontology.objects(iri, ns.RDFS.range))
        if kind == "object":
            assert coerce == "@id", name
        elif kind == "datatype" and len(ranges) == 1 and str(next(iter(ranges))).startswith(str(ns.XSD)) \
                and next(iter(ranges)) != ns.XSD.string:
            assert coerce is not None and _expand(body, coerce) == str(next(iter(ranges))), name
        else:
            assert coerce is None, name
    terms = {k for k, v in body.items() if not k.startswith("@") and (isinstance(v, dict) and "@prefix" not in v
                                                                      or isinstance(v, str) and "://" not in v)}
    assert {str(iri).removeprefix(str(MSCKG)) for iri in properties} - {"doi"} == terms


def test_every_bioregistry_prefix_is_in_the_context() -> None:
    body = shipped_context()["@context"]
    for record in json.loads(prefixes_file().read_text(encoding="utf-8")):
        entry = body[record["prefix"]]
        namespace = entry if isinstance(entry, str) else entry["@id"]
        assert namespace == record["uri_prefix"]
        if not namespace.endswith(("/", "#", ":", "?", "[", "]", "@")):
            assert entry["@prefix"] is True, record["prefix"]  # JSON-LD 1.1 needs it for MONDO_ etc.


def test_jsonld_output_is_compacted_with_the_context(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "kg.jsonld"
    export("jsonld", built / "kg.nq", out)
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["@context"] == shipped_context()["@context"]
    graphs = {g["@id"]: g["@graph"] for g in document["@graph"]}
    assert "kg:graph/study/ssc-umsct-5y" in graphs
    study = next(n for n in graphs["kg:graph/study/ssc-umsct-5y"] if n["@id"] == "kg:study/ssc-umsct-5y")
    assert study["@type"] == "msckg:ClinicalStudy" and study["identifier"] == "ssc-umsct-5y"
    condition_types = [n.get("@type") for n in graphs["kg:graph/study/ssc-umsct-5y"]
                       if "conditionRole" in n]
    assert any("MONDO:0005100" in (t if isinstance(t, list) else [t]) for t in condition_types)
    # values stay strings, so no number is re-formatted by a JSON reader
    text = out.read_text(encoding="utf-8")
    assert '"365.2500"' in text or '"@value": "365.2500"' in text
