"""What linking puts into a built graph: ids, cross-references, the ancestor closure, hierarchy
queries, SSSOM export and OWL inferences."""

from __future__ import annotations

from pathlib import Path

from rdflib import URIRef

from msckg.linking.mappings_export import mapping_rows, write_sssom
from msckg.namespaces import MSCKG, OBO, RDFS, SKOS
from msckg.queries import get_query, run_query
from msckg.reasoning import instance_data, reason

TERMS = URIRef("https://w3id.org/msckg/graph/terms")


def _rows(dataset, name: str, **params: str) -> list[dict]:  # type: ignore[no-untyped-def]
    result = run_query(get_query(name), dataset, params)
    return [dict(zip(result.columns, r, strict=True)) for r in result.rows]


def test_terms_graph_carries_cross_references_and_closure(dataset) -> None:  # type: ignore[no-untyped-def]
    terms = dataset.graph(TERMS)
    exact = {str(o) for o in terms.objects(OBO.MONDO_0005100, SKOS.exactMatch)}
    assert {"http://purl.obolibrary.org/obo/DOID_418", "http://id.nlm.nih.gov/mesh/D012595",
            "http://purl.obolibrary.org/obo/NCIT_C72070"} <= exact
    assert any("M34" in x for x in exact)  # ICD-10
    # the closure reaches the MONDO root, and the CL subtypes reach mesenchymal stem cell
    assert OBO.MONDO_0000001 in set(terms.transitive_objects(OBO.MONDO_0005100, RDFS.subClassOf))
    assert OBO.CL_0000134 in set(terms.transitive_objects(OBO.CL_0002569, RDFS.subClassOf))
    assert str(terms.value(OBO.UBERON_0002331, RDFS.label)) == "umbilical cord"


def test_studies_by_disease_class(dataset) -> None:  # type: ignore[no-untyped-def]
    autoimmune = _rows(dataset, "studies-by-disease-class", **{"class": "MONDO:0007179"})
    assert sorted(r["study"] for r in autoimmune) == ["ra-admsc-phase1-2a", "sle-ucmsc-multicentre", "ssc-umsct-5y"]
    everything = _rows(dataset, "studies-by-disease-class", **{"class": "mondo:0000001"})
    assert len({r["study"] for r in everything}) == 4
    assert _rows(dataset, "studies-by-disease-class", **{"class": "MONDO:0005556"}) == []  # LN is a subgroup only


def test_studies_by_cell_source(dataset) -> None:  # type: ignore[no-untyped-def]
    cord = _rows(dataset, "studies-by-cell-source", tissue="UBERON:0002331")
    assert sorted(r["study"] for r in cord) == ["covid19-ucmsc-1y", "sle-ucmsc-multicentre", "ssc-umsct-5y"]
    fat = _rows(dataset, "studies-by-cell-source", tissue="UBERON:0001013")
    assert [(r["study"], r["donor"]) for r in fat] == [("ra-admsc-phase1-2a", "autologous")]


def test_parameters_are_not_output_columns() -> None:
    """Regression: a query that projected its own parameter variable matched nothing."""
    from msckg.queries import list_queries

    for q in list_queries():
        body = "\n".join(line for line in q.text.splitlines() if not line.startswith("#"))
        select = body[body.index("SELECT"): body.index("WHERE")]
        for p in q.params:
            assert f"?{p.name} " not in select + " ", (q.name, p.name)


def test_sssom_export_is_valid(dataset, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from sssom.constants import SchemaValidationType
    from sssom.parsers import parse_sssom_table
    from sssom.validators import validate

    out = tmp_path / "kg.sssom.tsv"
    count = write_sssom(dataset, out)
    rows = mapping_rows(dataset)
    assert count == len(rows) > 30
    msdf = parse_sssom_table(out)
    assert len(msdf.df) == count
    validate(msdf, [SchemaValidationType.JsonSchema])
    subjects = set(msdf.df["subject_id"])
    assert {"MONDO:0005100", "MONDO:0007915", "MONDO:0008383", "MONDO:0100096", "msckg:Mean"} <= subjects
    assert set(msdf.df["mapping_justification"]) == {"semapv:ManualMappingCuration"}
    assert msdf.df["comment"].str.len().min() > 0  # every row names its source


def test_hermit_classifies_autoimmune_studies(dataset) -> None:  # type: ignore[no-untyped-def]
    result = reason(instance_data(dataset))
    assert result.consistent, result.error
    autoimmune = sorted(i.rsplit("/", 1)[1] for i, t in result.inferred_types.items()
                        if str(MSCKG.AutoimmuneDiseaseStudy) in t)
    assert autoimmune == ["ra-admsc-phase1-2a", "sle-ucmsc-multicentre", "ssc-umsct-5y"]
