"""A real `msckg serve` subprocess on a free port over the seed build, shared by this folder's tests."""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pytest

TIMEOUT_S = 2
MAX_ROWS = 1000


@dataclass
class Endpoint:
    """A running server: its base URL, its process and the file its stderr goes to."""

    url: str
    host: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    def request(self, method: str, path: str, body: bytes | str | None = None,
                headers: dict[str, str] | None = None, timeout: float = 30) -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            conn.close()

    def select(self, query: str, accept: str = "application/sparql-results+json") -> tuple[int, dict[str, str], bytes]:
        return self.request("POST", "/sparql", urlencode({"query": query}),
                            {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept})


def msckg_command() -> list[str]:
    """The installed `msckg` script beside this interpreter, else the module."""
    script = Path(sys.executable).with_name("msckg")
    return [str(script)] if script.exists() else [sys.executable, "-m", "msckg.cli"]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(args: list[str], log: Path, wait: float = 60.0) -> Endpoint:
    """Start `msckg serve ARGS` on a free port and wait until it answers."""
    port = free_port()
    handle = log.open("wb")
    process = subprocess.Popen([*msckg_command(), "serve", "--port", str(port), *args],
                               stdout=handle, stderr=subprocess.STDOUT)
    handle.close()
    endpoint = Endpoint(f"http://127.0.0.1:{port}", "127.0.0.1", port, process, log)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"msckg serve exited with {process.returncode}:\n{log.read_text()}")
        try:
            status, _, _ = endpoint.request("GET", "/sparql", timeout=2)
            if status == 200:
                return endpoint
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise AssertionError(f"msckg serve did not answer within {wait} s:\n{log.read_text()}")


def stop_server(endpoint: Endpoint) -> None:
    endpoint.process.terminate()
    try:
        endpoint.process.wait(10)
    except subprocess.TimeoutExpired:
        endpoint.process.kill()
        endpoint.process.wait(5)


@pytest.fixture(scope="session")
def server(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Endpoint]:
    """`msckg serve` over the seed build with a short timeout and a small row cap."""
    log = tmp_path_factory.mktemp("serve") / "server.log"
    endpoint = start_server(["--graph", str(built / "kg.nq"), "--timeout", str(TIMEOUT_S),
                             "--max-rows", str(MAX_ROWS), "--workers", "2"], log)
    yield endpoint
    stop_server(endpoint)


def save_artifact(path: Path) -> Path | None:
    """Copy a test artefact (e.g. a screenshot) to $MSCKG_TEST_ARTIFACTS/serve/ when that is set."""
    target_dir = os.environ.get("MSCKG_TEST_ARTIFACTS")
    if not target_dir:
        return None
    target = Path(target_dir) / "serve" / path.name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, target)
    return target
