"""Hostile requests are refused or cut off cleanly, and the server keeps serving after each."""

from __future__ import annotations

import json
import socket
import time
from urllib.parse import quote

import pytest

from tests.serve.conftest import TIMEOUT_S, Endpoint

NORMAL = "PREFIX msckg: <https://w3id.org/msckg/ontology/> SELECT (COUNT(?s) AS ?n) WHERE { ?s a msckg:ClinicalStudy }"


def assert_still_serving(server: Endpoint) -> None:
    status, _, body = server.select(NORMAL)
    assert status == 200, body
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "4"


def test_ten_megabyte_query_is_413_without_reading_it(server: Endpoint) -> None:
    query = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 10_000_000
    started = time.monotonic()
    status, headers, body = server.request("POST", "/sparql", query, {"Content-Type": "application/sparql-query"})
    assert status == 413 and b"--max-body" in body and headers["connection"] == "close"
    assert time.monotonic() - started < 10
    assert_still_serving(server)


def test_query_string_over_64k_is_414(server: Endpoint) -> None:
    status, _, _ = server.request("GET", "/sparql?query=" + quote("SELECT * WHERE { ?s ?p ?o } #" + "x" * 70_000))
    assert status == 414
    assert_still_serving(server)


def test_deeply_nested_groups_are_refused_before_parsing(server: Endpoint) -> None:
    deep = "SELECT * WHERE " + "{" * 20_000 + " ?s ?p ?o " + "}" * 20_000
    status, _, body = server.select(deep)
    assert status == 400 and b"20000 deep" in body
    assert_still_serving(server)


def test_engine_crash_is_contained_and_the_worker_restarted(server: Endpoint) -> None:
    # 100k nested NOTs overflow Oxigraph's recursive parser even on the worker's 64 MiB stack.
    status, _, body = server.request("POST", "/sparql", "SELECT * WHERE { FILTER(" + "!" * 100_000 + "true) }",
                                     {"Content-Type": "application/sparql-query"})
    assert status == 500 and b"crashed" in body
    assert_still_serving(server)


def test_cartesian_product_times_out(server: Endpoint) -> None:
    cartesian = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?i ?f ?c"
    started = time.monotonic()
    status, _, body = server.select(cartesian)
    elapsed = time.monotonic() - started
    assert status == 503 and b"--timeout" in body
    assert TIMEOUT_S <= elapsed < TIMEOUT_S + 3
    assert_still_serving(server)


@pytest.mark.parametrize("request_kind", ["query-field", "update-field", "update-body"])
def test_update_is_refused(server: Endpoint, request_kind: str) -> None:
    update = "INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }"
    if request_kind == "query-field":
        status, _, body = server.select(update)
    elif request_kind == "update-field":
        status, _, body = server.request("POST", "/sparql", "update=" + quote(update),
                                         {"Content-Type": "application/x-www-form-urlencoded"})
    else:
        status, _, body = server.request("POST", "/sparql", update, {"Content-Type": "application/sparql-update"})
    assert status == 403 and b"read-only" in body
    status, _, body = server.select("ASK { <http://example.org/a> ?p ?o }")
    assert json.loads(body)["boolean"] is False
    assert_still_serving(server)


def test_service_call_is_refused_but_the_word_in_a_literal_is_not(server: Endpoint) -> None:
    status, _, body = server.select("SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }")
    assert status == 403 and b"SERVICE" in body
    status, _, body = server.select('SELECT ?service WHERE { BIND("SERVICE <http://x/> {}" AS ?service) }')
    assert status == 200 and json.loads(body)["results"]["bindings"][0]["service"]["value"].startswith("SERVICE")
    assert_still_serving(server)


def test_slow_and_garbage_clients(server: Endpoint) -> None:
    with socket.create_connection((server.host, server.port), timeout=5) as sock:
        sock.sendall(b"GET / HTTP/1.1 junk\r\n\r\n")
        assert sock.recv(200).startswith(b"HTTP/1.1 400")
    with socket.create_connection((server.host, server.port), timeout=5) as sock:
        # Promises a body it never sends; the other clients are not held up meanwhile.
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                     b"Content-Length: 100\r\n\r\nSELECT")
        assert_still_serving(server)
    status, _, _ = server.request("POST", "/sparql", None, {"Content-Type": "application/sparql-query"})
    assert status in (400, 411)
    assert_still_serving(server)
