"""What a report shows, as plain typed records read from the graph.

Numbers stay `Decimal` (or `int` for counts) with their reported digits: a page prints exactly
what the graph holds. Every record that carries a number also carries the keys of the source
documents it was derived from, so a page can link each number back to where it was read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class SourceDoc:
    """A document facts were curated from; `key` is its identifier within the study (an anchor)."""

    iri: str
    key: str
    label: str
    kind: str | None = None
    file: str | None = None
    url: str | None = None
    sha256: str | None = None


@dataclass(frozen=True)
class Cited:
    """A displayed value with the source documents (keys) it is attributed to and their quotes."""

    text: str
    sources: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class Registration:
    registry_id: str
    url: str | None
    registered: Cited | None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Condition:
    disease_id: str
    label: str
    role: str
    reported_as: str | None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class DesignFact:
    aspect: str
    value: Cited


@dataclass(frozen=True)
class Population:
    """An arm or a subgroup."""

    label: str
    kind: str
    role: str | None
    size: Cited | None
    products: tuple[str, ...] = ()
    parent: str | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Product:
    label: str
    cell_id: str | None
    cell: str | None
    tissue_id: str | None
    tissue: str | None
    donor: str | None
    route: str | None
    administrations: Cited | None
    dose: Cited | None
    sources: tuple[str, ...] = ()

    @property
    def kind_label(self) -> str:
        """What the network picture calls the product: its Cell Ontology class, else its label."""
        return self.cell or self.label


@dataclass(frozen=True)
class Statistic:
    """One reported number of a result, exactly as the graph holds it."""

    iri: str
    kind: str  # local name of the statistic class: Mean, StandardDeviation, PlusMinus, ...
    label: str
    value: Decimal | None = None
    relation: str | None = None
    bound: Decimal | None = None
    unit: str | None = None
    numerator: int | None = None
    denominator: int | None = None
    percentage: Decimal | None = None
    ci_lower: Decimal | None = None
    ci_upper: Decimal | None = None
    ci_level: Decimal | None = None
    comparison: str | None = None
    comparator: str | None = None
    reported_as: str | None = None
    sources: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """The number as a page prints it: exact digits, a bound as a bound, a proportion whole.

        The unit is printed beside it by the page (registry units are phrases like "score on a scale").
        """
        if self.kind == "Proportion":
            parts = []
            if self.numerator is not None:
                parts.append(f"{self.numerator}" + (f"/{self.denominator}" if self.denominator is not None else ""))
            if self.percentage is not None:
                parts.append(f"{self.percentage}%" if not parts else f"({self.percentage}%)")
            return " ".join(parts) or (self.reported_as or "")
        if self.value is not None:
            core = f"{self.value}"
        elif self.bound is not None:
            core = f"{self.relation} {self.bound}"
        else:
            core = self.reported_as or ""
        if self.ci_lower is not None and self.ci_upper is not None:
            level = f"{(self.ci_level * 100).normalize():f}% " if self.ci_level is not None else ""
            core += f" ({level}CI {self.ci_lower} to {self.ci_upper})"
        return core


@dataclass(frozen=True)
class Result:
    iri: str
    endpoint: str
    population: str
    timepoint: str | None
    days: Decimal | None
    timepoint_label: str | None
    n: Cited | None
    finding: str | None
    direction: str | None
    note: str | None
    statistics: tuple[Statistic, ...] = ()
    sources: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()

    @property
    def when(self) -> str:
        """The timepoint in the source's words, else its duration, else 'timepoint not stated'."""
        return self.timepoint_label or self.timepoint or "timepoint not stated"


@dataclass(frozen=True)
class Endpoint:
    iri: str
    id: str
    label: str
    role: str | None
    instrument: str | None
    instrument_label: str | None
    abbreviation: str | None
    unit: str | None
    results: tuple[Result, ...] = ()

    @property
    def short(self) -> str:
        """The instrument's abbreviation (mRSS, SLEDAI) where it has one, else the endpoint label."""
        return self.abbreviation or self.label


@dataclass(frozen=True)
class Publication:
    title: str
    journal: str | None
    year: str | None
    doi: str | None
    pmid: str | None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Study:
    iri: str
    id: str
    page: str  # file name stem of the study page
    title: str
    other_titles: tuple[str, ...]
    acronym: str | None
    sources: tuple[SourceDoc, ...]
    registrations: tuple[Registration, ...] = ()
    conditions: tuple[Condition, ...] = ()
    design: tuple[DesignFact, ...] = ()
    enrollment: tuple[Cited, ...] = ()
    populations: tuple[Population, ...] = ()
    products: tuple[Product, ...] = ()
    endpoints: tuple[Endpoint, ...] = ()
    publications: tuple[Publication, ...] = ()

    @property
    def primary_conditions(self) -> tuple[Condition, ...]:
        return tuple(c for c in self.conditions if c.role == "primary") or self.conditions

    def source(self, key: str) -> SourceDoc | None:
        return next((s for s in self.sources if s.key == key), None)

    def source_number(self, key: str) -> int:
        """The 1-based number of a source in the page's source list (0 when unknown)."""
        return next((i for i, s in enumerate(self.sources, 1) if s.key == key), 0)


@dataclass
class ReportData:
    """Everything a report renders, gathered from one graph."""

    studies: list[Study] = field(default_factory=list)
