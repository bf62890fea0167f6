"""What an extraction returns: the draft mapping and what the curator must look at."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from msckg.errors import MsckgError

REVIEW_BELOW = 0.7  # facts with a lower confidence are marked review: true


class ExtractError(MsckgError):
    """A document cannot be read for extraction."""


@dataclass
class Draft:
    """A draft study: the YAML-ready mapping plus what the curator must look at."""

    data: dict[str, Any]
    source: str
    document: str
    review: list[str] = field(default_factory=list)
    leftovers: list[str] = field(default_factory=list)

    @property
    def facts(self) -> int:
        return sum(1 for _ in walk_extractions(self.data))

    @property
    def flagged(self) -> int:
        return sum(1 for e in walk_extractions(self.data) if e.get("review"))


def walk_extractions(node: Any) -> Iterable[dict[str, Any]]:
    if isinstance(node, dict):
        if "extraction" in node:
            yield node["extraction"]
        for v in node.values():
            yield from walk_extractions(v)
    elif isinstance(node, list):
        for v in node:
            yield from walk_extractions(v)
