"""The endpoint over an on-disk store (opened read-only per worker), CORS, worker restarts, CLI errors."""

from __future__ import annotations

import http.client
import io
import json
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from click.testing import CliRunner

from msckg.cli import main
from msckg.serve import Limits, ServeOptions, Source
from msckg.serve.app import EndpointServer, close_server, make_server
from msckg.store import create_store

ORIGIN = "http://notebook.example:8888"


@pytest.fixture(scope="module")
def store_server(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[EndpointServer]:
    store = tmp_path_factory.mktemp("serve-store") / "store"
    create_store(built / "kg.nq", store)
    log = io.StringIO()
    server = make_server(ServeOptions(Source(store=store), port=0, cors=ORIGIN, log=log,
                                      limits=Limits(timeout=1, workers=1, max_rows=5)))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    close_server(server)


def _request(server: EndpointServer, method: str, path: str, body: str | None = None,
             headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    host, port = server.server_address[:2]
    conn = http.client.HTTPConnection(str(host), int(port), timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def test_store_source_named_query_and_cors(store_server: EndpointServer) -> None:
    status, headers, body = _request(store_server, "GET", "/queries/endpoint-trajectory?"
                                     + urlencode({"study": "ssc-umsct-5y", "endpoint": "mRSS"}),
                                     headers={"Origin": ORIGIN, "Accept": "text/csv"})
    assert status == 200 and headers["access-control-allow-origin"] == ORIGIN
    assert headers["x-sparql-maxrows"] == "5"  # 8 rows, capped at 5
    lines = body.decode().splitlines()
    assert len(lines) == 6 and lines[1].startswith("PT0S,baseline,mean,18.68,")
    status, headers, _ = _request(store_server, "OPTIONS", "/sparql",
                                  headers={"Origin": ORIGIN, "Access-Control-Request-Method": "POST"})
    assert status == 204 and "POST" in headers["access-control-allow-methods"]


def test_timed_out_worker_is_replaced(store_server: EndpointServer) -> None:
    pool = store_server.pool
    before = pool.restarts
    cartesian = urlencode({"query": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"})
    status, _, body = _request(store_server, "POST", "/sparql", cartesian,
                               {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 503 and b"1 s (--timeout)" in body
    assert pool.restarts == before + 1
    # With a single worker, the next query waits for the replacement and is answered by it.
    status, _, body = _request(store_server, "GET", "/queries/study-by-registration?nct=NCT00962923")
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 1
    assert pool.alive() == 1
    log = store_server.log.getvalue()  # type: ignore[attr-defined]
    assert '"POST /sparql HTTP/1.1" 503' in log and "--timeout" in log


def test_worker_killed_from_outside_is_replaced_without_failing_a_query(store_server: EndpointServer) -> None:
    pool = store_server.pool
    before = pool.restarts
    [pid] = pool.pids()
    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 5
    while pool.alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    status, _, body = _request(store_server, "GET", "/queries/study-by-registration?nct=NCT00962923")
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 1
    assert pool.restarts == before + 1 and pool.pids() != [pid]


def test_cli_reports_a_missing_graph(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--graph", str(tmp_path / "missing.nq"), "--port", "0"])
    assert result.exit_code == 1
    assert "missing.nq: no such graph file" in result.output
    result = CliRunner().invoke(main, ["serve", "--store", str(tmp_path)])
    assert result.exit_code == 1 and "not an msckg store" in result.output
