"""Deterministic IRIs: every node's IRI is a function of the base, the study id and curated ids.

No blank nodes and no counters, so the same study file always gives the same triples and a diff
of two builds shows only what changed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rdflib import URIRef


def slugify(text: str) -> str:
    """Lower-case ASCII slug; used where curated records have no id (grants, ethics)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


@dataclass(frozen=True)
class StudyIris:
    base: str
    study_id: str

    @property
    def study(self) -> URIRef:
        return URIRef(f"{self.base}study/{self.study_id}")

    @property
    def graph(self) -> URIRef:
        """The named graph holding this study's facts."""
        return URIRef(f"{self.base}graph/study/{self.study_id}")

    def part(self, *segments: str) -> URIRef:
        return URIRef("/".join([str(self.study), *segments]))
