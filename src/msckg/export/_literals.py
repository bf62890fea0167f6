"""The type of a literal in the property graph, and its value as a Python object (exact for decimals)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Literal

import pyoxigraph as ox

Kind = Literal["string", "long", "double", "boolean", "date", "decimal"]
Value = str | int | float | bool | dt.date | Decimal

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = {_XSD + t for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")
_INT64 = (-(2**63), 2**63 - 1)


def literal_kind(literal: ox.Literal) -> Kind:
    """The property type of one literal, from its datatype and lexical form."""
    datatype = literal.datatype.value if literal.datatype is not None else ""
    text = literal.value
    if datatype in _INTEGER_TYPES or (datatype == _XSD + "gYear" and _YEAR.match(text)):
        try:
            number = int(text)
        except ValueError:
            return "string"
        return "long" if _INT64[0] <= number <= _INT64[1] else "decimal"
    if datatype == _XSD + "decimal":
        try:
            Decimal(text)
        except InvalidOperation:
            return "string"
        return "decimal"
    if datatype in (_XSD + "double", _XSD + "float"):
        try:
            float(text)
        except ValueError:
            return "string"
        return "double"
    if datatype == _XSD + "boolean" and text in ("true", "false", "1", "0"):
        return "boolean"
    if datatype == _XSD + "date" and _DATE.match(text):
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            return "string"
        return "date"
    return "string"


def merge_kinds(kinds: set[Kind]) -> Kind:
    """One column type for values of several types: integers widen to decimal, else text."""
    if len(kinds) == 1:
        return next(iter(kinds))
    if kinds <= {"long", "decimal"}:
        return "decimal"
    return "string"


def convert(text: str, kind: Kind) -> Value:
    """A literal's lexical form as the Python value of its column's type (exact for decimals)."""
    if kind == "long":
        return int(text)
    if kind == "decimal":
        return Decimal(text)
    if kind == "double":
        return float(text.replace("INF", "inf"))
    if kind == "boolean":
        return text in ("true", "1")
    if kind == "date":
        return dt.date.fromisoformat(text)
    return text
