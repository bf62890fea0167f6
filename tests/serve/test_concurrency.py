"""Bounded load on 127.0.0.1: 8 clients x 200 queries, no errors, p95 latency reported."""

from __future__ import annotations

import http.client
import json
import statistics
import threading
import time
from urllib.parse import urlencode

from tests.serve.conftest import Endpoint

CLIENTS = 8
QUERIES_EACH = 200
SELECT = urlencode({"query": "PREFIX msckg: <https://w3id.org/msckg/ontology/> "
                             "SELECT ?s ?id WHERE { ?s a msckg:ClinicalStudy ; msckg:identifier ?id } ORDER BY ?id"})
NAMED = [("/queries/endpoint-trajectory?" + urlencode({"study": "NCT00962923", "endpoint": "mRSS"}), 8),
         ("/queries/study-by-registration?" + urlencode({"nct": "NCT00962923"}), 1)]


def _client(server: Endpoint, latencies: list[float], errors: list[str]) -> None:
    conn = http.client.HTTPConnection(server.host, server.port, timeout=30)  # one keep-alive connection
    try:
        for i in range(QUERIES_EACH):
            started = time.perf_counter()
            if i % 2:  # half named queries (two kinds), half SPARQL text by POST
                path, expected = NAMED[(i // 2) % 2]
                conn.request("GET", path, headers={"Accept": "application/sparql-results+json"})
            else:
                expected = 4
                conn.request("POST", "/sparql", SELECT, {"Content-Type": "application/x-www-form-urlencoded",
                                                         "Accept": "application/sparql-results+json"})
            response = conn.getresponse()
            body = response.read()
            latencies.append(time.perf_counter() - started)
            rows = json.loads(body)["results"]["bindings"] if response.status == 200 else []
            if response.status != 200 or len(rows) != expected:
                errors.append(f"{response.status}: {body[:200]!r}")
    except Exception as exc:  # noqa: BLE001 - collected and asserted on below
        errors.append(repr(exc))
    finally:
        conn.close()


def test_eight_clients_two_hundred_queries_each(server: Endpoint) -> None:
    latencies: list[float] = []
    errors: list[str] = []
    threads = [threading.Thread(target=_client, args=(server, latencies, errors)) for _ in range(CLIENTS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    wall = time.perf_counter() - started
    assert not any(t.is_alive() for t in threads)
    assert errors == []
    assert len(latencies) == CLIENTS * QUERIES_EACH
    p50 = statistics.median(latencies) * 1000
    p95 = statistics.quantiles(latencies, n=100)[94] * 1000
    print(f"\nserve load: {CLIENTS} clients x {QUERIES_EACH} queries = {len(latencies)} in {wall:.1f} s "
          f"({len(latencies) / wall:.0f} q/s); p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {max(latencies) * 1000:.1f} ms")
    assert wall < 30
