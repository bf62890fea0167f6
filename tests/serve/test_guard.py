"""The query guard and content negotiation, on their own (no server)."""

from __future__ import annotations

import pytest

from msckg.serve.guard import Refused, check_query, shape
from msckg.serve.negotiate import (
    GRAPH_FORMATS,
    RESULT_FORMATS,
    negotiate,
    parse_accept,
    pick,
)

ALLOWED = [
    'SELECT * WHERE { ?s ?p ?o FILTER(CONTAINS(?o, "SERVICE")) }',
    "SELECT * WHERE { ?s ?p 'a service desk' }",
    'SELECT * WHERE { ?s ?p """multi\nline SERVICE <http://x/> {}\n""" }',
    "SELECT ?service WHERE { ?service ?p ?o }",
    "PREFIX service: <http://example.org/> SELECT * WHERE { ?s service:x ?o }",
    "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:SERVICE ?o . ?s ex:a.service ?o }",
    "SELECT * WHERE { ?s <http://example.org/SERVICE> ?o }",
    "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://example.org/sparql> { }",
    "SELECT * WHERE { _:service ?p ?o . ?s ?p 'x'@service }",
    'SELECT * WHERE { ?s ?p "escaped \\" SERVICE quote" }',
]
SERVICE = [
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "select * where { service silent <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?x ?y 'a' . SERVICE?endpoint{ ?s ?p ?o } }",
    "SELECT * WHERE { FILTER(?a<?b)SERVICE<http://example.org/>{} }",
    "SELECT * WHERE { \\u0053ERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:a. SERVICE <http://e/> {} }",
]
UPDATES = [
    "INSERT DATA { <http://a> <http://b> 1 }",
    "PREFIX ex: <http://example.org/>\ndelete where { ?s ?p ?o }",
    "# comment\nDROP ALL",
    "BASE <http://example.org/> LOAD <http://example.org/data.ttl>",
    "WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
]


@pytest.mark.parametrize("text", ALLOWED)
def test_words_in_literals_iris_names_and_comments_are_not_service(text: str) -> None:
    check_query(text, 64)
    assert not shape(text).service


@pytest.mark.parametrize("text", SERVICE)
def test_service_keyword_is_refused(text: str) -> None:
    with pytest.raises(Refused) as refused:
        check_query(text, 64)
    assert refused.value.status == 403
    assert "SERVICE" in refused.value.message


@pytest.mark.parametrize("text", UPDATES)
def test_updates_are_named_and_refused(text: str) -> None:
    with pytest.raises(Refused) as refused:
        check_query(text, 64)
    assert refused.value.status == 403
    assert "read-only" in refused.value.message


def test_depth_is_counted_outside_literals() -> None:
    deep = "SELECT * WHERE " + "{" * 200 + " ?s ?p ?o " + "}" * 200
    assert shape(deep).depth == 200
    with pytest.raises(Refused) as refused:
        check_query(deep, 128)
    assert refused.value.status == 400 and "200 deep" in refused.value.message
    assert shape('SELECT * WHERE { ?s ?p "((((((((((" }').depth == 1


def test_accept_quality_and_specificity() -> None:
    assert negotiate(None).results.name == "JSON"
    assert negotiate(None).graph.name == "TURTLE"
    assert negotiate("text/csv").results.name == "CSV"
    assert negotiate("text/csv").graph is None
    assert negotiate("text/*;q=0.5, application/sparql-results+xml").results.name == "XML"
    assert negotiate("text/*").results.name == "CSV"
    assert negotiate("application/json").results.name == "JSON"
    assert negotiate("application/json").graph.name == "JSON_LD"
    assert negotiate("application/n-triples, */*;q=0.1").graph.name == "N_TRIPLES"
    assert pick(parse_accept("image/png"), RESULT_FORMATS) is None
    assert pick(parse_accept("text/turtle;q=0, */*"), GRAPH_FORMATS).name == "N_TRIPLES"


def test_brackets_inside_an_iri_shaped_token_count_toward_depth() -> None:
    """Regression: `?a<((...))&&?a>0` lexes as one IRI token, but Oxigraph parses the brackets
    (60,000 of them crashed a worker) — the nesting guard must see them."""
    deep = "(" * 5000 + ")" * 5000
    with pytest.raises(Refused) as caught:
        check_query(f"SELECT * WHERE {{ ?a ?b ?c FILTER(?a<{deep}&&?a>0) }}", max_depth=128)
    assert caught.value.status == 400
