"""`msckg export neo4j`: the CSVs load into a real embedded Cypher database (Ladybug) and answer
as SPARQL does over the same build."""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from pathlib import Path

import pytest
import real_ladybug as lb
from click.testing import CliRunner

from msckg.cli import main
from msckg.errors import MsckgError
from msckg.export import export
from msckg.export._subjects import SubjectGroups
from msckg.export.ladybug import load_ladybug
from msckg.export.property_graph import mapping_query
from msckg.queries import get_query
from msckg.store import load_graph, run_named


@pytest.fixture(scope="module")
def neo4j_dir(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("neo4j") / "neo4j"
    report = export("neo4j", built / "kg.nq", out)
    assert report.outputs == [out] and report.statements > 3000
    return out


@pytest.fixture(scope="module")
def cypher(neo4j_dir: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A Ladybug database loaded from the export's own CSVs; returns a query function."""
    db = load_ladybug(neo4j_dir, tmp_path_factory.mktemp("ladybug") / "kg.lbug")
    conn = lb.Connection(db)

    def run(query: str, **params: object) -> list[list[object]]:
        result = conn.execute(query, params)
        rows = []
        while result.has_next():
            rows.append(result.get_next())
        return rows

    return run


@pytest.fixture(scope="module")
def store(built: Path):  # type: ignore[no-untyped-def]
    return load_graph(built / "kg.nq")


def test_node_counts_per_label_equal_sparql(cypher, store, neo4j_dir: Path) -> None:  # type: ignore[no-untyped-def]
    expected = {label: int(n) for label, n in run_named(mapping_query("node-types"), store).rows}
    schema = json.loads((neo4j_dir / "schema.json").read_text(encoding="utf-8"))
    assert set(schema["labels"]) == set(expected) and len(expected) > 30
    got = {label: cypher(f"MATCH (n:`{label}`) RETURN count(n)")[0][0] for label in expected}
    assert got == expected
    assert expected["ClinicalStudy"] == 4 and expected["Term"] > 50
    # and the CSVs hold exactly those rows (header + one line per node, multi-line cells aside)
    assert cypher("MATCH (n) RETURN count(n)")[0][0] == sum(expected.values()) == schema["nodes"]


def test_relationship_counts_per_type_equal_sparql(cypher, store, neo4j_dir: Path) -> None:  # type: ignore[no-untyped-def]
    by_predicate = {p: int(n) for p, n in run_named(mapping_query("edge-types"), store).rows}
    schema = json.loads((neo4j_dir / "schema.json").read_text(encoding="utf-8"))
    types = schema["relationship_types"]
    assert {t["predicate"]: t["count"] for t in types.values()} == by_predicate
    got = {name: cypher(f"MATCH ()-[r:`{name}`]->() RETURN count(r)")[0][0] for name in types}
    assert got == {name: by_predicate[t["predicate"]] for name, t in types.items()}
    assert got["HAS_ARM"] == 5 and got["INSTANCE_OF"] > 10
    # a type named like a label gets HAS_ (Ladybug's catalog is case-insensitive)
    assert "HAS_INSTRUMENT" in types and "INSTRUMENT" not in types


def test_mrss_trajectory_in_cypher_equals_sparql(cypher, store) -> None:  # type: ignore[no-untyped-def]
    sparql = run_named(get_query("endpoint-trajectory"), store, {"study": "NCT00962923", "endpoint": "mRSS"})
    rows = [dict(zip(sparql.columns, r, strict=True)) for r in sparql.rows]
    expected = [(r["value"], int(r["n"])) for r in rows if r["statistic"] == "mean"]
    assert expected == [("18.68", 41), ("13.95", 41), ("13.29", 38), ("12.39", 38)]
    got = cypher(
        "MATCH (s:ClinicalStudy)-[:HAS_REGISTRATION]->(:Registration {registryId: $nct}), "
        "(s)-[:HAS_RESULT]->(r:Result)-[:FOR_ENDPOINT]->(:Endpoint)-[:HAS_INSTRUMENT]->(:Instrument {abbreviation: $abbr}), "
        "(r)-[:HAS_STATISTIC]->(m:Mean) "
        "RETURN m.value, r.sampleSize, m.value_double ORDER BY r.timepointDays_double",
        nct="NCT00962923", abbr="mRSS")
    assert [(value, n) for value, n, _ in got] == expected
    assert [d for _, _, d in got] == [18.68, 13.95, 13.29, 12.39]  # the double twin of the exact text


def test_products_per_disease_in_cypher_equal_sparql(cypher, store) -> None:  # type: ignore[no-untyped-def]
    diseases = {r[0] for r in run_named(get_query("top-diseases"), store).rows}
    assert len(diseases) == 4
    for disease in sorted(diseases):
        sparql = run_named(get_query("products-for-disease"), store, {"disease": disease})
        expected = sorted({(r[sparql.columns.index("product")], r[sparql.columns.index("study")]) for r in sparql.rows})
        got = cypher(
            "MATCH (s:ClinicalStudy)-[:STUDIES_CONDITION]->(:Condition)-[:INSTANCE_OF]->(:Term {curie: $d}), "
            "(s)-[:HAS_ARM]->(:StudyArm)-[:RECEIVES]->(p:CellProduct) "
            "RETURN DISTINCT p.label, s.identifier ORDER BY p.label, s.identifier", d=disease)
        assert sorted(tuple(r) for r in got) == expected and expected, disease


def test_graph_provenance_and_arrays(cypher) -> None:  # type: ignore[no-untyped-def]
    graphs = cypher("MATCH (s:ClinicalStudy {identifier: 'ssc-umsct-5y'})-[r:HAS_ARM]->(a) RETURN s.graphs, r.graphs")
    assert graphs == [[["https://w3id.org/msckg/graph/study/ssc-umsct-5y"]] * 2]
    timepoints = cypher("MATCH (e:Endpoint {identifier: 'mrss'}) RETURN e.plannedTimepoint")
    assert timepoints == [[["P0D", "P1Y", "P3Y", "P5Y"]]]


def test_csv_headers_use_neo4j_syntax_and_keep_decimals_exact(neo4j_dir: Path) -> None:
    mean = (neo4j_dir / "nodes" / "Mean.csv").read_text(encoding="utf-8").splitlines()
    assert mean[0] == "iri:ID,:LABEL,graphs:string[],value:string,value_double:double"
    assert any(line.endswith(",Mean,https://w3id.org/msckg/graph/study/ssc-umsct-5y,18.68,18.68") for line in mean)
    result = (neo4j_dir / "nodes" / "Result.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "sampleSize:long" in result and "timepointDays:string,timepointDays_double:double" in result
    endpoint = (neo4j_dir / "nodes" / "Endpoint.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "plannedTimepoint:string[]" in endpoint
    rel = (neo4j_dir / "relationships" / "HAS_ARM.csv").read_text(encoding="utf-8").splitlines()
    assert rel[0] == ":START_ID,:END_ID,:TYPE,graphs:string[]" and len(rel) == 6
    assert rel[1:] == sorted(rel[1:])


def test_import_script_and_cypher_alternatives(neo4j_dir: Path) -> None:
    script = (neo4j_dir / "import.sh").read_text(encoding="utf-8")
    assert 'database import full "${1:-neo4j}"' in script and "--array-delimiter=';'" in script
    files = sorted(str(p.relative_to(neo4j_dir)) for p in neo4j_dir.glob("*/*.csv"))
    listed = sorted(line.strip().split("=", 1)[1].rstrip(" \\") for line in script.splitlines()
                    if line.strip().startswith(("--nodes=", "--relationships=")))
    assert listed == files
    assert subprocess.run(["sh", "-n", str(neo4j_dir / "import.sh")], check=False).returncode == 0
    schema = (neo4j_dir / "schema.cypher").read_text(encoding="utf-8")
    assert "CREATE CONSTRAINT clinicalstudy_iri IF NOT EXISTS FOR (n:ClinicalStudy) REQUIRE n.iri IS UNIQUE;" in schema
    load = (neo4j_dir / "load-csv.cypher").read_text(encoding="utf-8")
    assert load.count("LOAD CSV WITH HEADERS") == len(list((neo4j_dir / "nodes").glob("*.csv"))) + sum(
        len(t["pairs"]) for t in json.loads((neo4j_dir / "schema.json").read_text())["relationship_types"].values())
    assert "n.value_double = toFloat(row.`value_double:double`)" in load


def test_output_is_deterministic_and_independent_of_input_order(
        built: Path, neo4j_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = (built / "kg.nq").read_text(encoding="utf-8").splitlines(keepends=True)
    line_sorted, shuffled = tmp_path / "sorted.nq", tmp_path / "shuffled.nq"
    line_sorted.write_text("".join(sorted(lines)), encoding="utf-8")  # streamed straight from the file
    shuffled.write_text("".join(reversed(lines)), encoding="utf-8")  # through the external sort
    groups = SubjectGroups(line_sorted)
    assert sum(1 for _ in groups) > 300 and not groups.sorted_copy
    groups = SubjectGroups(shuffled)
    assert sum(1 for _ in groups) > 300 and groups.sorted_copy

    def tree(root: Path) -> dict[str, bytes]:
        return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    export("neo4j", line_sorted, tmp_path / "a")
    monkeypatch.setattr("msckg.export._subjects.RUN_BYTES", 20_000)  # many runs to merge
    export("neo4j", shuffled, tmp_path / "b")
    assert tree(tmp_path / "a") == tree(tmp_path / "b") == tree(neo4j_dir)


def test_failed_export_leaves_previous_output(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "neo4j"
    export("neo4j", built / "kg.nq", out)
    before = sorted(p.name for p in out.rglob("*"))
    bad = tmp_path / "bad.nq"
    bad.write_text("<https://example.org/a> <https://example.org/b> .\n", encoding="utf-8")
    with pytest.raises(MsckgError, match="bad.nq"):
        export("neo4j", bad, out)
    assert sorted(p.name for p in out.rglob("*")) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_cli_export_neo4j(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "neo4j"
    result = CliRunner().invoke(main, ["export", "neo4j", "--graph", str(built / "kg.nq"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "import.sh").is_file() and (out / "nodes" / "ClinicalStudy.csv").is_file()
    counts = Counter(p.parent.name for p in out.glob("*/*.csv"))
    assert counts["nodes"] > 30 and counts["relationships"] > 30
