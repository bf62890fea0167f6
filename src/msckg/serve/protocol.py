"""The SPARQL 1.1 Protocol's query operation: where a request keeps its query and dataset.

    GET  /sparql?query=...&default-graph-uri=...&named-graph-uri=...
    POST /sparql  application/x-www-form-urlencoded  query=...&default-graph-uri=...
    POST /sparql  application/sparql-query           (body = query; graphs in the URL)

The update operation (`update=`, application/sparql-update) is refused: the endpoint is read-only.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs

import pyoxigraph as ox

from msckg.serve.guard import Refused

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
READ_ONLY = "SPARQL Update is refused: this endpoint is read-only"
MAX_FIELDS = 100


@dataclass(frozen=True)
class QueryRequest:
    query: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


def parse_fields(text: str) -> dict[str, list[str]]:
    """URL-encoded fields (a URL's query string or a form body)."""
    try:
        return parse_qs(text, keep_blank_values=True, strict_parsing=False, max_num_fields=MAX_FIELDS,
                        errors="strict")
    except UnicodeDecodeError:
        raise Refused(400, "the request's parameters are not valid UTF-8") from None
    except ValueError as exc:
        raise Refused(400, f"cannot read the request's parameters: {exc}") from None


def _graphs(fields: dict[str, list[str]], name: str) -> tuple[str, ...]:
    iris = tuple(fields.get(name, []))
    for iri in iris:
        try:
            ox.NamedNode(iri)
        except ValueError as exc:
            raise Refused(400, f"{name}: {iri!r} is not an IRI ({exc})") from None
    return iris


def _one_query(fields: dict[str, list[str]], body_query: str | None = None) -> str | None:
    queries = fields.get("query", [])
    if body_query is not None:
        queries = [body_query, *queries]
    if len(queries) > 1:
        raise Refused(400, "give one query, not several")
    return queries[0] if queries else None


def _request(query: str, fields: dict[str, list[str]]) -> QueryRequest:
    if not query.strip():
        raise Refused(400, "the query is empty")
    return QueryRequest(query, _graphs(fields, "default-graph-uri"), _graphs(fields, "named-graph-uri"))


def from_get(url_query: str) -> QueryRequest | None:
    """The query of a GET request, or None when it has none (then the service description is due)."""
    fields = parse_fields(url_query)
    if "update" in fields:
        raise Refused(403, READ_ONLY)
    query = _one_query(fields)
    return None if query is None else _request(query, fields)


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip().lower()


def from_post(content_type: str | None, body: bytes, url_query: str) -> QueryRequest:
    """The query of a POST request, by its content type."""
    kind = media_type(content_type)
    url_fields = parse_fields(url_query)
    if kind == SPARQL_UPDATE or "update" in url_fields:
        raise Refused(403, READ_ONLY)
    if kind == FORM:
        try:
            fields = parse_fields(body.decode("utf-8"))
        except UnicodeDecodeError:
            raise Refused(400, "the form body is not valid UTF-8") from None
        if "update" in fields:
            raise Refused(403, READ_ONLY)
        query = _one_query(fields)
        if query is None:
            raise Refused(400, "the form has no query field")
        return _request(query, fields)
    if kind == SPARQL_QUERY:
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise Refused(400, "the query is not valid UTF-8") from None
        return _request(_one_query(url_fields, text) or "", url_fields)
    raise Refused(415, f"POST a query as {SPARQL_QUERY} or {FORM}, not {kind or 'no content type'}")
