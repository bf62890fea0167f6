"""The Oxigraph query store answers the named queries as rdflib does, and stays read-only."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest

from msckg.errors import QueryError
from msckg.queries import get_query, list_queries, run_query
from msckg.store import (
    StoreError,
    bind_parameters,
    create_store,
    load_graph,
    open_store,
    run_named,
)
from tests.conftest import NAMED_QUERY_PARAMS as PARAMS

DURATIONS = {"PT0S": "P0D"}  # Oxigraph writes a zero duration in its canonical form


def _canonical(cell: str | None) -> str | None:
    """Compare by value where engines write the same number or duration differently."""
    if cell is None:
        return None
    cell = DURATIONS.get(cell, cell)
    try:
        return str(Decimal(cell).normalize())
    except InvalidOperation:
        return cell


def _rows(result) -> list[tuple]:  # type: ignore[no-untyped-def]
    return sorted(tuple(_canonical(c) for c in row) for row in result.rows)


@pytest.mark.parametrize("name", [q.name for q in list_queries()])
def test_every_named_query_answers_as_rdflib_does(name: str, built: Path, dataset) -> None:  # type: ignore[no-untyped-def]
    query = get_query(name)
    store = load_graph(built / "kg.nq")
    ours = run_named(query, store, PARAMS.get(name, {}))
    reference = run_query(query, dataset, PARAMS.get(name, {}))
    assert ours.columns == reference.columns
    assert _rows(ours) == _rows(reference)


def test_named_queries_are_all_exercised() -> None:
    names = {q.name for q in list_queries()}
    assert {n for n in names if get_query(n).params} == set(PARAMS)
    assert len(names) >= 10


def test_trajectory_values_are_exact(built: Path) -> None:
    rows = run_named(get_query("endpoint-trajectory"), load_graph(built / "kg.nq"),
                     {"study": "NCT00962923", "endpoint": "mRSS"}).rows
    means = [(r[3], r[6]) for r in rows if r[2] == "mean"]
    assert means == [("18.68", "41"), ("13.95", "41"), ("13.29", "38"), ("12.39", "38")]


def test_a_parameter_value_never_becomes_query_syntax(built: Path) -> None:
    store = load_graph(built / "kg.nq")
    hostile = '"} } DELETE WHERE { ?s ?p ?o } #'
    result = run_named(get_query("study-by-registration"), store, {"nct": hostile})
    assert result.rows == []
    assert len(store) > 3000  # nothing was deleted
    text = bind_parameters("SELECT ?x WHERE { ?x ?p ?o }", {"o": __import__("pyoxigraph").Literal(hostile)})
    assert text == 'SELECT ?x WHERE { ?x ?p "\\"} } DELETE WHERE { ?s ?p ?o } #" }'


def test_only_variable_tokens_are_substituted() -> None:
    import pyoxigraph as ox

    text = 'SELECT ?a WHERE { ?a <http://x/?b> "?b" . ?a ?p ?b . ?a ?q ?bc } # ?b'
    bound = bind_parameters(text, {"b": ox.Literal("v")})
    assert bound == 'SELECT ?a WHERE { ?a <http://x/?b> "?b" . ?a ?p "v" . ?a ?q ?bc } # ?b'


def test_a_bad_iri_parameter_is_refused(built: Path) -> None:
    with pytest.raises(QueryError):
        run_named(get_query("facts-by-source"), load_graph(built / "kg.nq"),
                  {"study": "x", "source": "not an iri> <x"})


def test_on_disk_store_round_trip_and_replacement(built: Path, tmp_path: Path) -> None:
    target = tmp_path / "store"
    count = create_store(built / "kg.nq", target)
    assert count == sum(1 for line in (built / "kg.nq").open() if line.strip())
    again = create_store(built / "kg.nq", target)  # replaces the old store in place
    assert again == count
    store = open_store(target)
    assert run_named(get_query("studies-overview"), store).rows
    assert not (tmp_path / "store.partial").exists() and not (tmp_path / "store.old").exists()


def test_store_errors_name_the_path(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such graph file"):
        load_graph(tmp_path / "missing.nq")
    bad = tmp_path / "bad.nq"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(StoreError, match="bad.nq"):
        load_graph(bad)
    with pytest.raises(StoreError, match="not an msckg store"):
        open_store(tmp_path)
