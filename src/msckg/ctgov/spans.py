"""The values the free-text parsers return: each carries the exact text it was read from.

Why a module of its own: `msckg.ctgov.textparse` and `msckg.ctgov.schedule` both return these, and
callers import them from `msckg.ctgov.textparse`, which re-exports them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

__all__ = ["Administrations", "Dose", "Mention", "ParsedDate", "Span", "Timepoint"]


@dataclass(frozen=True)
class Span:
    """Where a value came from: `text == source[start:end]`."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class ParsedDate(Span):
    """A registry date as an XSD lexical value: "2020-03-05" (kind "date") or "2020-03" ("gYearMonth")."""

    value: str
    kind: Literal["date", "gYearMonth"]


@dataclass(frozen=True)
class Dose(Span):
    """A cell dose: `value` (and `upper` for ranges) in cells, or in cells per kg body weight."""

    value: Decimal
    unit: Literal["cells", "cells/kg"]
    upper: Decimal | None = None


@dataclass(frozen=True)
class Mention(Span):
    """A normalised key (tissue source, donor relation, route) and the words that stated it."""

    value: str


@dataclass(frozen=True)
class Administrations(Span):
    """How often a product is given: `count` and/or `days` (as written; day 0 = first dose).

    `text`/`start`/`end` cover the phrases used; `parts` lists each phrase on its own
    (value "count=2" or "days=0,7").
    """

    count: int | None
    days: list[int] = field(default_factory=list)
    parts: tuple[Mention, ...] = ()


@dataclass(frozen=True)
class Timepoint(Span):
    """An assessment time as an ISO 8601 duration from baseline ("P10D", "P52W", "PT24H")."""

    value: str
    amount: Decimal
    unit: Literal["minute", "hour", "day", "week", "month", "year"]
