"""The report's own SPARQL files follow the named-query contract and answer on the seed graph."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox

from msckg.report.gather import report_query
from msckg.resources import report_queries_dir
from msckg.store import execute, load_graph

EXPECTED = 13  # a stray filter must not silently drop files


def _files() -> list[str]:
    return sorted(e.name for e in report_queries_dir().iterdir() if e.name.endswith(".rq"))


def test_every_report_query_has_a_header_and_uses_its_params() -> None:
    names = _files()
    assert len(names) == EXPECTED, names
    for file_name in names:
        query = report_query(file_name.removesuffix(".rq"))
        assert query.name == file_name.removesuffix(".rq"), file_name
        assert query.answers and query.returns, file_name
        body = "\n".join(line for line in query.text.splitlines() if not line.startswith("#"))
        for param in query.params:
            assert re.search(rf"\?{param.name}\b", body), f"{file_name}: declared param {param.name} unused"


def test_every_report_query_answers_on_the_seed_graph(built: Path) -> None:
    store = load_graph(built / "kg.nq")
    for file_name in _files():
        result = execute(store, report_query(file_name.removesuffix(".rq")).text)
        assert isinstance(result, ox.QuerySolutions), file_name
        assert list(result), f"{file_name}: no rows on the seed graph"
