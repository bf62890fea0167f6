"""A real Virtuoso 7 for the tests: a fresh database under tmp_path, free ports, torn down after.

Started in the foreground (`+foreground`) from a temporary virtuoso.ini (virtuoso.ini.in beside
this file) and waited for until its SPARQL endpoint answers. Its default graph is the union of all
graphs, so named queries run unchanged. Writes go through /sparql-graph-crud-auth with HTTP
digest authentication as dba (a fresh database's dba password is dba).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from string import Template

import pytest
import requests

HERE = Path(__file__).resolve().parent
STARTUP_SECONDS = 90


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class Virtuoso:
    root: Path
    http_port: int
    isql_port: int
    bundles: Path  # listed in DirsAllowed: bulk-load bundles go here

    @property
    def sparql_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    @property
    def gsp_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql-graph-crud-auth"

    def select(self, query: str) -> list[dict[str, dict[str, str]]]:
        """SPARQL JSON result bindings of a query over the default (union) graph."""
        answer = requests.post(self.sparql_url, data={"query": query}, timeout=60,
                               headers={"Accept": "application/sparql-results+json"})
        assert answer.status_code == 200, f"Virtuoso answered {answer.status_code}: {answer.text[:500]}"
        return answer.json()["results"]["bindings"]  # type: ignore[no-any-return]

    def isql(self, script: Path) -> str:
        """Run an SQL script as dba with isql-vt; any '*** Error' in its output fails the test."""
        done = subprocess.run([isql_binary(), f"127.0.0.1:{self.isql_port}", "dba", "dba", str(script)],
                              capture_output=True, text=True, timeout=120, check=False)
        output = done.stdout + done.stderr
        assert done.returncode == 0 and "*** Error" not in output, output
        return output

    def log(self) -> str:
        path = self.root / "virtuoso.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else "(no virtuoso.log)"


def server_binary() -> str:
    return shutil.which("virtuoso-t") or "/usr/bin/virtuoso-t"


def isql_binary() -> str:
    return shutil.which("isql-vt") or "/usr/bin/isql-vt"


def _answers(url: str) -> bool:
    try:
        return requests.get(url, params={"query": "ASK {}"}, timeout=2).status_code == 200
    except requests.RequestException:
        return False


def run_virtuoso(root: Path) -> Iterator[Virtuoso]:
    """Start Virtuoso in `root`, yield it once /sparql answers, stop it afterwards."""
    if not Path(server_binary()).exists():
        pytest.fail("virtuoso-t not found: install Debian's virtuoso-opensource-7-bin (.ci/run does)")
    root.mkdir(parents=True, exist_ok=True)
    (root / "www").mkdir(exist_ok=True)
    bundles = root / "bundles"
    bundles.mkdir(exist_ok=True)
    http_port = free_port()
    isql_port = free_port()
    while isql_port == http_port:
        isql_port = free_port()
    server = Virtuoso(root, http_port, isql_port, bundles)
    template = Template((HERE / "virtuoso.ini.in").read_text(encoding="utf-8"))
    ini = root / "virtuoso.ini"
    ini.write_text(template.substitute(root=root, isql_port=server.isql_port, http_port=server.http_port,
                                       dirs_allowed=bundles), encoding="utf-8")
    with (root / "stdout.log").open("wb") as out:
        process = subprocess.Popen([server_binary(), "+foreground", "+configfile", str(ini)],
                                   cwd=root, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not _answers(server.sparql_url):
            if process.poll() is not None or time.monotonic() > deadline:
                why = f"exited with {process.returncode}" if process.poll() is not None else \
                    f"did not answer within {STARTUP_SECONDS}s"
                pytest.fail(f"Virtuoso {why}.\nvirtuoso.log:\n{server.log()}\n"
                            f"stdout:\n{(root / 'stdout.log').read_text(errors='replace')}")
            time.sleep(0.25)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
