"""The SPARQL 1.1 Protocol through real clients: SPARQLWrapper, curl and http.client."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import urllib.error
from decimal import Decimal
from urllib.parse import quote, urlencode

import pyoxigraph as ox
import pytest
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from msckg.queries import get_query
from msckg.store import bind_parameters, parameter_terms
from tests.serve.conftest import MAX_ROWS, Endpoint

TRAJECTORY = {"study": "NCT00962923", "endpoint": "mRSS"}
MEANS = [(Decimal("18.68"), 41), (Decimal("13.95"), 41), (Decimal("13.29"), 38), (Decimal("12.39"), 38)]
STUDIES = ("PREFIX msckg: <https://w3id.org/msckg/ontology/> "
           "SELECT ?id WHERE { ?s a msckg:ClinicalStudy ; msckg:identifier ?id } ORDER BY ?id")
SD = "http://www.w3.org/ns/sparql-service-description#"


def _means(bindings: list[dict]) -> list[tuple[Decimal, int]]:
    return [(Decimal(b["value"]["value"]), int(b["n"]["value"])) for b in bindings if b["statistic"]["value"] == "mean"]


def test_sparqlwrapper_gets_the_mrss_trajectory_and_update_is_refused(server: Endpoint) -> None:
    text = bind_parameters(get_query("endpoint-trajectory").text,
                       parameter_terms(get_query("endpoint-trajectory"), TRAJECTORY))
    client = SPARQLWrapper(f"{server.url}/sparql")
    client.setQuery(text)
    client.setReturnFormat(JSON)
    result = client.query().convert()
    bindings = result["results"]["bindings"]
    assert _means(bindings) == MEANS
    assert bindings[0]["value"]["datatype"] == "http://www.w3.org/2001/XMLSchema#decimal"

    # The same through the named-query URL, as a plain GET.
    status, headers, body = server.request("GET", "/queries/endpoint-trajectory?" + urlencode(TRAJECTORY))
    assert status == 200 and headers["content-type"] == "application/sparql-results+json"
    assert _means(json.loads(body)["results"]["bindings"]) == MEANS

    update = SPARQLWrapper(f"{server.url}/sparql")
    update.setMethod(POST)
    update.setQuery("PREFIX ex: <http://example.org/> INSERT DATA { ex:a ex:b ex:c }")
    with pytest.raises(urllib.error.HTTPError) as refused:
        update.query()
    assert refused.value.code == 403
    assert b"read-only" in refused.value.read()
    status, _, body = server.select("ASK { <http://example.org/a> ?p ?o }")
    assert json.loads(body)["boolean"] is False


@pytest.mark.parametrize(("accept", "fmt"), [
    ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
])
def test_select_in_each_results_format(server: Endpoint, accept: str, fmt: ox.QueryResultsFormat) -> None:
    status, headers, body = server.select(STUDIES, accept)
    assert status == 200 and headers["content-type"].startswith(accept)
    ids = [str(row["id"].value) for row in ox.parse_query_results(body, fmt)]
    assert "ssc-umsct-5y" in ids and ids == sorted(ids) and len(ids) == 4


def test_csv_get_and_ask(server: Endpoint) -> None:
    status, headers, body = server.request("GET", "/sparql?query=" + quote(STUDIES), headers={"Accept": "text/csv"})
    assert status == 200 and headers["content-type"] == "text/csv; charset=utf-8"
    assert body.decode().splitlines()[0] == "id" and "ssc-umsct-5y" in body.decode()
    ask = "PREFIX msckg: <https://w3id.org/msckg/ontology/> ASK { ?s msckg:identifier 'ssc-umsct-5y' }"
    for accept, expected in [("application/sparql-results+json", b'"boolean":true'),
                             ("application/sparql-results+xml", b"<boolean>true</boolean>")]:
        status, _, body = server.select(ask, accept)
        assert status == 200 and expected in body


@pytest.mark.parametrize(("accept", "fmt"), [
    ("text/turtle", ox.RdfFormat.TURTLE),
    ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("application/ld+json", ox.RdfFormat.JSON_LD),
])
def test_construct_and_describe_in_each_rdf_format(server: Endpoint, accept: str, fmt: ox.RdfFormat) -> None:
    construct = ("PREFIX msckg: <https://w3id.org/msckg/ontology/> "
                 "CONSTRUCT { ?s msckg:identifier ?id } WHERE { ?s a msckg:ClinicalStudy ; msckg:identifier ?id }")
    status, headers, body = server.select(construct, accept)
    assert status == 200 and headers["content-type"].split(";")[0] == accept
    ids = sorted(t.object.value for t in ox.parse(body, format=fmt))
    assert len(ids) == 4 and "ssc-umsct-5y" in ids
    describe = "DESCRIBE <https://w3id.org/msckg/study/ssc-umsct-5y>"
    status, _, body = server.select(describe, accept)
    assert status == 200
    assert any(t.object == ox.Literal("ssc-umsct-5y") for t in ox.parse(body, format=fmt))


def test_unacceptable_media_type_is_406(server: Endpoint) -> None:
    status, _, body = server.select(STUDIES, "image/png")
    assert status == 406 and b"application/sparql-results+json" in body


def test_service_description(server: Endpoint) -> None:
    status, headers, body = server.request("GET", "/sparql", headers={"Accept": "text/turtle"})
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    triples = list(ox.parse(body, format=ox.RdfFormat.TURTLE))
    services = [t.subject for t in triples if t.predicate.value.endswith("#type") and t.object.value == SD + "Service"]
    assert len(services) == 1
    values = {(t.predicate.value, t.object.value) for t in triples if t.subject == services[0]}
    assert (SD + "endpoint", f"{server.url}/sparql") in values
    assert (SD + "feature", SD + "UnionDefaultGraph") in values
    assert (SD + "supportedLanguage", SD + "SPARQL11Query") in values
    assert (SD + "resultFormat", "http://www.w3.org/ns/formats/SPARQL_Results_CSV") in values


def test_post_sparql_query_body_and_dataset_parameters(server: Endpoint) -> None:
    status, _, body = server.request("POST", "/sparql", STUDIES, {"Content-Type": "application/sparql-query"})
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 4
    graph = "https://w3id.org/msckg/graph/study/ssc-umsct-5y"
    status, _, body = server.request("POST", "/sparql?" + urlencode({"default-graph-uri": graph}), STUDIES,
                                     {"Content-Type": "application/sparql-query"})
    assert status == 200
    assert [b["id"]["value"] for b in json.loads(body)["results"]["bindings"]] == ["ssc-umsct-5y"]
    status, _, body = server.request("POST", "/sparql", "query=x", {"Content-Type": "text/plain"})
    assert status == 415
    status, _, body = server.select("SELECT * WHERE { ?s ?p }")
    assert status == 400 and b"syntax error" in body


def test_named_queries_listing_and_errors(server: Endpoint) -> None:
    status, _, body = server.request("GET", "/queries")
    listing = {q["name"]: q for q in json.loads(body)}
    assert status == 200
    assert [p["name"] for p in listing["endpoint-trajectory"]["params"]] == ["study", "endpoint"]
    assert listing["studies-overview"]["url"] == "/queries/studies-overview"
    status, _, body = server.request("GET", "/queries/endpoint-trajectory?study=NCT00962923")
    assert status == 400 and b"missing parameter(s) endpoint" in body
    status, _, body = server.request("GET", "/queries/no-such-query")
    assert status == 404 and b"studies-overview" in body
    status, _, body = server.request("GET", "/queries/..%2F..%2Fetc%2Fpasswd.rq")
    assert status == 404
    status, headers, body = server.request("GET", "/queries/studies-overview", headers={"Accept": "text/csv"})
    assert status == 200 and headers["content-type"].startswith("text/csv") and body.decode().count("\n") >= 5


def test_row_cap_truncates_with_a_header(server: Endpoint) -> None:
    status, headers, body = server.select("SELECT * WHERE { ?s ?p ?o }", "text/tab-separated-values")
    assert status == 200 and headers["x-sparql-maxrows"] == str(MAX_ROWS)
    assert len(body.decode().splitlines()) == MAX_ROWS + 1
    status, headers, _ = server.select("SELECT * WHERE { ?s ?p ?o } LIMIT 10")
    assert "x-sparql-maxrows" not in headers


def test_cors_is_off_and_log_has_one_line_per_request_with_duration(server: Endpoint) -> None:
    status, headers, _ = server.request("GET", "/queries/studies-overview", headers={"Origin": "http://evil.example"})
    assert status == 200 and "access-control-allow-origin" not in headers
    lines = server.log.read_text().splitlines()
    assert re.search(r'"GET /queries/studies-overview HTTP/1.1" 200 \d+\.\dms \d+B$', "\n".join(lines), re.MULTILINE)
    assert lines[0].startswith(f"serving {server.url}/")


def test_curl(server: Endpoint, tmp_path) -> None:  # type: ignore[no-untyped-def]
    curl = shutil.which("curl")
    assert curl, "curl is needed for this test (apt-get install curl)"
    out = subprocess.run([curl, "-sS", "-H", "Accept: text/csv",
                          f"{server.url}/queries/endpoint-trajectory?study=NCT00962923&endpoint=mRSS"],
                         capture_output=True, text=True, check=True).stdout
    means = [line.split(",")[3] for line in out.splitlines() if ",mean," in line]
    assert means == ["18.68", "13.95", "13.29", "12.39"]
    out = subprocess.run([curl, "-sS", "-H", "Accept: text/tab-separated-values", "--data-urlencode",
                          f"query={STUDIES}", f"{server.url}/sparql"], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[0] == "?id" and len(out.splitlines()) == 5
    big = tmp_path / "big.rq"
    big.write_bytes(b"SELECT * WHERE { ?s ?p ?o } #" + b"x" * 10_000_000)
    code = subprocess.run([curl, "-sS", "-o", "/dev/null", "-w", "%{http_code}", "-H",
                           "Content-Type: application/sparql-query", "--data-binary", f"@{big}", f"{server.url}/sparql"],
                          capture_output=True, text=True, check=False).stdout
    assert code == "413"
    out = subprocess.run([curl, "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--data-urlencode",
                          "update=DROP ALL", f"{server.url}/sparql"], capture_output=True, text=True,
                         check=False).stdout
    assert out == "403"
