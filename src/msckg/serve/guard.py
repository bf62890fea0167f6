"""What a query may not do here, read from its tokens before any engine sees it.

A substring test for "SERVICE" would refuse `FILTER(CONTAINS(?label, "service"))` and miss
nothing an attacker could hide, so the text is lexed the way the SPARQL grammar lexes it:
comments, string literals (short and long), IRIs, variables, prefixed names, blank-node labels
and language tags are tokens of their own, and only a bare word can be the SERVICE keyword.

The same pass finds the first keyword after the prologue (to name an UPDATE for what it is) and
the deepest bracket nesting: Oxigraph's recursive parser overflows its stack on a few thousand
nested groups, so deep queries are refused here instead of crashing a worker.

SPARQL 1.1 (section 19.2) lets an engine expand \\u and \\U escapes before parsing; Oxigraph does
not, but the checks run on the text both as sent and with escapes expanded, so neither reading
can smuggle a keyword past them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from msckg.sparql_lexer import tokens

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")

UPDATE_KEYWORDS = frozenset({"insert", "delete", "load", "clear", "drop", "create", "add", "move", "copy", "with"})
PROLOGUE_KEYWORDS = frozenset({"prefix", "base"})


class Refused(Exception):
    """A request the endpoint will not run; `status` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Shape:
    """What the guard learnt about a query's text."""

    first_keyword: str | None
    service: bool
    depth: int


def expand_escapes(text: str) -> str:
    """`text` with \\uXXXX and \\UXXXXXXXX replaced by their characters (SPARQL 1.1, 19.2)."""

    def char(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group()

    return _ESCAPE.sub(char, text)


def shape(text: str) -> Shape:
    """One pass over the tokens: first keyword after the prologue, SERVICE use, bracket depth."""
    first: str | None = None
    service = False
    depth = deepest = 0
    for token in tokens(text):
        kind = token.kind
        if kind == "word":
            word = token.text.lower()
            if first is None and word not in PROLOGUE_KEYWORDS:
                first = word
            if word == "service":
                service = True
        elif kind == "iri" and any(c in token.text for c in "({["):
            # `?a<((((...))))&&?a>0` lexes as one IRI token but Oxigraph parses it as brackets:
            # count what the engine may see, so the nesting guard cannot be walked around
            for char in token.text:
                if char in "({[":
                    depth += 1
                    deepest = max(deepest, depth)
                elif char in ")}]":
                    depth = max(depth - 1, 0)
        elif kind == "open":
            depth += 1
            deepest = max(deepest, depth)
        elif kind == "close":
            depth = max(depth - 1, 0)
    return Shape(first, service, deepest)


def check_query(text: str, max_depth: int) -> None:
    """Raise `Refused` for an UPDATE, a SERVICE call or nesting deeper than `max_depth`."""
    variants = [text]
    expanded = expand_escapes(text)
    if expanded != text:
        variants.append(expanded)
    for variant in variants:
        found = shape(variant)
        if found.first_keyword in UPDATE_KEYWORDS:
            raise Refused(403, f"SPARQL Update ({found.first_keyword.upper()}) is refused: "
                               "this endpoint is read-only")
        if found.service:
            raise Refused(403, "SERVICE (federated query) is refused: this endpoint only answers "
                               "from its own graph and never calls other endpoints")
        if found.depth > max_depth:
            raise Refused(400, f"the query nests brackets {found.depth} deep; the limit is {max_depth}")
