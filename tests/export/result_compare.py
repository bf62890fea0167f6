"""Compare a named query's answer from a remote SPARQL endpoint with the local Oxigraph answer.

Engines print the same values differently: Virtuoso returns 0.030 as 0.03, true as 1 and an
xsd:duration as a number (months for P1Y -> 12, seconds for P28D -> 2419200.0), Oxigraph P0D as
PT0S. Cells are compared by value, using the datatype the endpoint reports: numbers as Decimal,
durations as (months, seconds), booleans as truth values, everything else as text. Rows are
compared as sorted multisets (ORDER BY ties may be broken differently), and the order is checked
on the projected ORDER BY columns, which ties cannot reorder.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from msckg.queries import NamedQuery, QueryResult

XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC = {f"{XSD}{t}" for t in ("integer", "decimal", "double", "float", "int", "long", "short", "byte",
                                 "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger",
                                 "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
_DURATION = re.compile(r"^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$")


def duration_value(text: str) -> tuple[int, Decimal]:
    """(months, seconds) of an ISO 8601 duration, or of Virtuoso's number for one."""
    match = _DURATION.match(text)
    if match and text not in ("P", "-P"):
        sign = -1 if match[1] else 1
        years, months, days, hours, minutes = (int(g or 0) for g in match.groups()[1:6])
        seconds = Decimal(match[7] or 0) + days * 86400 + hours * 3600 + minutes * 60
        return sign * (years * 12 + months), sign * seconds
    if "." in text or "e" in text.lower():  # Virtuoso: a day-time duration as seconds
        return 0, Decimal(text)
    return int(text), Decimal(0)  # Virtuoso: a year-month duration as months


def cell_value(text: str | None, datatype: str | None) -> tuple[str, Any] | None:
    if text is None:
        return None
    if datatype in NUMERIC:
        return "number", Decimal(text).normalize()
    if datatype == f"{XSD}duration":
        months, seconds = duration_value(text)
        return "duration", (months, seconds.normalize())
    if datatype == f"{XSD}boolean":
        return "boolean", text in ("true", "1")
    return "text", text


def _datatype(binding: dict[str, str] | None) -> str | None:
    return None if binding is None else binding.get("datatype")


def remote_rows(columns: list[str], bindings: list[dict[str, dict[str, str]]]) -> list[list[Any]]:
    return [[cell_value(b[c]["value"], _datatype(b[c])) if c in b else None for c in columns] for b in bindings]


def local_rows(result: QueryResult, bindings: list[dict[str, dict[str, str]]]) -> list[list[Any]]:
    """Local cells read with the datatype the endpoint gave the same column (first non-empty)."""
    types = {}
    for column in result.columns:
        types[column] = next((_datatype(b[column]) for b in bindings if column in b), None)
    return [[cell_value(cell, types[c]) for c, cell in zip(result.columns, row, strict=True)] for row in result.rows]


def order_columns(query: NamedQuery, columns: list[str]) -> list[int]:
    """Indexes of the projected variables of the outer ORDER BY (the last one in the text)."""
    tail = query.text[query.text.rstrip().rfind("}"):]
    match = re.search(r"ORDER\s+BY(.*)$", tail, re.IGNORECASE | re.DOTALL)
    names = re.findall(r"\?(\w+)", match[1]) if match else []
    return [columns.index(n) for n in names if n in columns]


def differences(query: NamedQuery, local: QueryResult, bindings: list[dict[str, dict[str, str]]]) -> list[str]:
    """What differs between the local answer and the endpoint's (empty when they agree)."""
    ours, theirs = local_rows(local, bindings), remote_rows(local.columns, bindings)
    problems = []
    if sorted(map(repr, ours)) != sorted(map(repr, theirs)):
        only_ours = sorted(set(map(repr, ours)) - set(map(repr, theirs)))[:3]
        only_theirs = sorted(set(map(repr, theirs)) - set(map(repr, ours)))[:3]
        problems.append(f"{query.name}: {len(ours)} local row(s), {len(theirs)} remote; "
                        f"only local: {only_ours}; only remote: {only_theirs}")
    keys = order_columns(query, local.columns)
    if keys and [[r[i] for i in keys] for r in ours] != [[r[i] for i in keys] for r in theirs]:
        problems.append(f"{query.name}: rows come in a different ORDER BY order")
    return problems
