"""The digits a source reported, for decimals the query store has put in canonical form.

Oxigraph stores `xsd:decimal` values canonically, so `"0.030"` comes back from a query as `0.03`
and `"35.0"` as `35`; durations likewise (`"P0D"` comes back as `"PT0S"`). The graph file still holds the curated lexical forms, and a report prints
exactly what was reported, so the report reads them back from the file in one streaming pass
(about a second for the 250k-quad registry build). From an on-disk store alone they cannot be
recovered; the numbers are then equal in value but may lose trailing zeros.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox

from msckg.store import StoreError, rdf_format

XSD_DECIMAL = ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
XSD_DURATION = ox.NamedNode("http://www.w3.org/2001/XMLSchema#duration")
KEPT = (XSD_DECIMAL, XSD_DURATION)  # the datatypes whose written form the store changes (P0D -> PT0S)

Lexical = Mapping[tuple[str, str], tuple[str, ...]]


def lexical_forms(path: Path) -> dict[tuple[str, str], tuple[str, ...]]:
    """Every xsd:decimal and xsd:duration literal of a graph file as written, by (subject IRI, predicate IRI)."""
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    try:
        for quad in ox.parse(path=str(path), format=rdf_format(path)):
            obj = quad.object
            if isinstance(obj, ox.Literal) and obj.datatype in KEPT:
                found[(quad.subject.value, quad.predicate.value)].append(obj.value)  # type: ignore[union-attr]
    except (SyntaxError, ValueError, OSError) as exc:
        raise StoreError(f"{path}: cannot be read as {rdf_format(path).name}: {exc}") from exc
    return {key: tuple(values) for key, values in found.items()}


def as_reported(canonical: Decimal, subject: str, predicate: str, lexical: Lexical | None) -> Decimal:
    """`canonical` with the reported digits (0.03 -> 0.030) when the file has them, else as is."""
    for text in (lexical or {}).get((subject, predicate), ()):
        try:
            reported = Decimal(text)
        except InvalidOperation:
            continue
        if reported == canonical:
            return reported
    return canonical


def duration_as_written(canonical: str, subject: str, predicate: str, lexical: Lexical | None) -> str:
    """The duration as the graph file writes it (P0D rather than PT0S) when the subject has just one."""
    written = (lexical or {}).get((subject, predicate), ())
    return written[0] if len(written) == 1 else canonical
