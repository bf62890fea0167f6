"""The RDF -> property graph rules on a small hand-made graph that has every corner case."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
import real_ladybug as lb

from msckg.export import export
from msckg.export.ladybug import load_ladybug
from msckg.export.property_graph import Column, PropertyGraph, mapping_query
from msckg.store import load_graph, run_named

M = "https://w3id.org/msckg/ontology/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
EX = "http://example.org/"
G1, G2, ONT = f"<{EX}graph/1>", f"<{EX}graph/2>", f"<{EX}graph/ontology>"

QUADS = f"""
<{M}Mean> <{RDF}type> <{OWL}Class> {ONT} .
<{M}Mean> <{RDFS}subClassOf> <{M}Statistic> {ONT} .
<{M}Statistic> <{RDF}type> <{OWL}Class> {ONT} .
<{M}hasArm> <{RDF}type> <{OWL}ObjectProperty> {ONT} .
<{M}Intravenous> <{RDF}type> <{M}Route> {ONT} .
<{M}Intravenous> <{RDF}type> <{OWL}NamedIndividual> {ONT} .
<{M}Intravenous> <{RDFS}label> "intravenous" {ONT} .
_:axiom <{RDF}type> <{OWL}Restriction> {ONT} .
<http://purl.obolibrary.org/obo/MONDO_0005100> <{RDF}type> <{OWL}Class> {ONT} .
<http://purl.obolibrary.org/obo/MONDO_0005100> <http://www.geneontology.org/formats/oboInOwl#id> "MONDO:0005100" {ONT} .
<{EX}s1> <{RDF}type> <{M}ClinicalStudy> {G1} .
<{EX}s1> <{M}identifier> "s1" {G1} .
<{EX}s1> <{M}identifier> "s1" {G2} .
<{EX}s1> <{M}note> "first; with a semicolon" {G1} .
<{EX}s1> <{M}note> "second" {G2} .
<{EX}s1> <{M}title> "T" {G1} .
<{EX}s1> <http://purl.org/dc/terms/title> "D" {G1} .
<{EX}s1> <{RDFS}seeAlso> <https://doi.org/10.1/x> {G1} .
<{EX}s1> <{M}hasArm> <{EX}a1> {G1} .
<{EX}s1> <{M}hasArm> <{EX}a1> {G2} .
<{EX}s1> <{M}odd> _:axiom {G1} .
<{EX}s1> <{M}registrationDate> "2020-01-02"^^<{XSD}date> {G1} .
<{EX}s1> <{M}retrospectivelyRegistered> "true"^^<{XSD}boolean> {G1} .
<{EX}a1> <{RDF}type> <{M}StudyArm> {G1} .
<{EX}a1> <{M}size> "41"^^<{XSD}integer> {G1} .
<{EX}a1> <{M}route> <{M}Intravenous> {G1} .
<{EX}c1> <{RDF}type> <{M}Condition> {G1} .
<{EX}c1> <{RDF}type> <http://purl.obolibrary.org/obo/MONDO_0005100> {G1} .
<{EX}m1> <{RDF}type> <{M}Mean> {G1} .
<{EX}m1> <{RDF}type> <{M}Statistic> {G1} .
<{EX}m1> <{M}value> "1826.2500"^^<{XSD}decimal> {G1} .
<{EX}m2> <{RDF}type> <{M}Mean> {G1} .
<{EX}m2> <{M}value> "7"^^<{XSD}integer> {G1} .
<{EX}u1> <{EX}p> "untyped" {G1} .
"""


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("mapping") / "corner.nq"
    path.write_text("".join(sorted(line.strip() + "\n" for line in QUADS.strip().splitlines())), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def pg(source: Path) -> PropertyGraph:
    return PropertyGraph.read(source)


def test_nodes_labels_and_what_is_schema(pg: PropertyGraph) -> None:
    labels = pg.index.labels
    assert labels[f"{EX}m1"] == ("Mean", "Statistic")  # the most specific class is the primary label
    assert labels["http://purl.obolibrary.org/obo/MONDO_0005100"] == ("Term",)
    assert labels[f"{M}Intravenous"] == ("Route",)
    assert labels[f"{EX}u1"] == ("Resource",)
    # msckg classes and properties, and the OWL restriction, are schema: no nodes
    assert not {f"{M}Mean", f"{M}Statistic", f"{M}hasArm", "_:axiom"} & set(labels)
    assert {name: label.count for name, label in pg.schema.labels.items()} == {
        "ClinicalStudy": 1, "Condition": 1, "Mean": 2, "Resource": 1, "Route": 1, "StudyArm": 1, "Term": 1}
    assert pg.schema.dropped == 1  # the triple pointing at the OWL axiom's blank node


def test_columns_types_arrays_and_names(pg: PropertyGraph) -> None:
    study = pg.schema.labels["ClinicalStudy"].columns
    assert study["note"] == Column("note", "string", True)
    assert study["identifier"] == Column("identifier", "string", False)  # one value stated in two graphs
    assert study["title"].kind == "string" and "dcterms_title" in study  # a clash: the msckg predicate keeps the name
    assert study["seeAlso"] == Column("seeAlso", "string", False)  # an IRI that is no node is text
    assert study["registrationDate"].kind == "date" and study["retrospectivelyRegistered"].kind == "boolean"
    assert pg.schema.labels["StudyArm"].columns["size"].kind == "long"
    assert pg.schema.labels["Mean"].columns["value"].kind == "decimal"  # an integer beside a decimal widens
    assert pg.schema.array_delimiter == "|"  # a multi-valued value contains ";"
    rels = pg.schema.relationships
    assert set(rels) == {"HAS_ARM", "HAS_ROUTE", "INSTANCE_OF"}  # route -> HAS_ROUTE beside the label Route
    assert rels["HAS_ROUTE"].pairs == {("StudyArm", "Route"): 1}


def test_records_values_and_provenance(pg: PropertyGraph) -> None:
    nodes = {node.id: (node, rels) for node, rels in pg.records()}
    study, rels = nodes[f"{EX}s1"]
    assert study.graphs == [f"{EX}graph/1", f"{EX}graph/2"]
    assert study.properties["note"] == ["first; with a semicolon", "second"]
    assert study.properties["registrationDate"] == dt.date(2020, 1, 2)
    assert study.properties["retrospectivelyRegistered"] is True
    assert [(r.type, r.end, r.graphs) for r in rels] == [("HAS_ARM", f"{EX}a1", [f"{EX}graph/1", f"{EX}graph/2"])]
    assert nodes[f"{EX}m1"][0].properties["value"] == Decimal("1826.2500")
    assert str(nodes[f"{EX}m1"][0].properties["value"]) == "1826.2500"  # exact text, trailing zeros kept
    assert nodes[f"{EX}m2"][0].properties["value"] == Decimal(7)
    assert [(r.type, r.end) for r in nodes[f"{EX}c1"][1]] == [("INSTANCE_OF", "http://purl.obolibrary.org/obo/MONDO_0005100")]


def test_sparql_statement_of_the_rules_agrees(pg: PropertyGraph, source: Path) -> None:
    store = load_graph(source)
    per_label = Counter(label for labels in pg.index.labels.values() for label in labels)  # Neo4j label counts
    assert {label: int(n) for label, n in run_named(mapping_query("node-types"), store).rows} == per_label
    assert {p: int(n) for p, n in run_named(mapping_query("edge-types"), store).rows} == {
        r.predicate: r.count for r in pg.schema.relationships.values()}


def test_corner_cases_survive_neo4j_csvs_into_ladybug(source: Path, tmp_path: Path) -> None:
    out = tmp_path / "neo4j"
    export("neo4j", source, out)
    mean = (out / "nodes" / "Mean.csv").read_text(encoding="utf-8").splitlines()
    assert mean[1].startswith(f"{EX}m1,Mean|Statistic,") and mean[1].endswith(",1826.2500,1826.25")
    assert "--array-delimiter='|'" in (out / "import.sh").read_text(encoding="utf-8")
    assert "SET n:$(split(row.`:LABEL`, '|'))" in (out / "load-csv.cypher").read_text(encoding="utf-8")
    conn = lb.Connection(load_ladybug(out, tmp_path / "db.lbug"))
    rows = conn.execute(f"MATCH (s:ClinicalStudy {{iri: '{EX}s1'}}) RETURN s.note, s.graphs, s.registrationDate")
    assert rows.get_next() == [["first; with a semicolon", "second"], [f"{EX}graph/1", f"{EX}graph/2"],
                               dt.date(2020, 1, 2)]
    rows = conn.execute("MATCH (a:StudyArm)-[:HAS_ROUTE]->(r:Route) RETURN a.size, r.label")
    assert rows.get_next() == [41, "intravenous"]
