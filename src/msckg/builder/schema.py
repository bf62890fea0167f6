"""The curated study file format (one YAML file per study), as typed models.

The models are strict on purpose: an unknown field, a quoted number or a dangling reference is a
curation mistake, and it is cheaper to stop it here, with the file and the field named, than to
find it later as a wrong triple. Value *ranges* (SD >= 0, count <= total, ...) are left to the
SHACL shapes, so that one rule set covers curated files and graphs from anywhere else alike.
The format is documented in docs/study-format.md.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

SLUG = r"^[a-z0-9][a-z0-9-]*$"
DURATION = r"^P(?=\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$"
NCT = r"^NCT\d{8}$"
DOI = r"^10\.\d{4,9}/\S+$"
PMID = r"^\d{1,9}$"
CURIE = r"^[A-Za-z][A-Za-z0-9_.]*:[A-Za-z0-9_.\-]+$"


def _exact_number(value: Any) -> Decimal:
    """Accept only numbers the YAML loader produced exactly (int or Decimal), never text or float."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise ValueError(f"expected a number, got {type(value).__name__} {value!r}")
    return Decimal(value)


def _duration(value: str) -> str:
    if not re.fullmatch(DURATION, value):
        raise ValueError(f"expected an ISO 8601 duration such as P0D, P3M, P52W or P1Y, got {value!r}")
    return value


def _exact_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"expected a whole number, got {type(value).__name__} {value!r}")
    return value


Number = Annotated[Decimal, BeforeValidator(_exact_number)]
Count = Annotated[int, BeforeValidator(_exact_int), Field(ge=0)]
Slug = Annotated[str, Field(pattern=SLUG)]
Duration = Annotated[str, AfterValidator(_duration)]
Curie = Annotated[str, Field(pattern=CURIE)]
Sources = Annotated[list[Slug], Field(min_length=1)]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Extraction(Record):
    """Where a machine-drafted fact was read (`msckg extract`), so a curator can check it.

    `start`/`end` are character offsets into the document's text (decoded UTF-8); `review`
    marks facts whose `confidence` fell below the extractor's threshold. Optional everywhere,
    and not mapped to RDF: a curated file simply leaves it out.
    """

    document: Slug
    start: Count
    end: Count
    confidence: Number
    review: bool = False
    reason: str | None = None


class Fact(Record):
    """A record that states something: it names its source documents and may quote them."""

    sources: Sources
    evidence: str | None = None
    note: str | None = None
    extraction: Extraction | None = None


class SourceDocument(Record):
    id: Slug
    kind: Literal["abstract", "journal-page", "meeting-abstract", "mirror-page", "registry-record"]
    title: str | None = None
    file: str | None = None
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None = None
    url: str | None = None


class Registration(Fact):
    registry: Literal["clinicaltrials"] = "clinicaltrials"
    id: Annotated[str, Field(pattern=NCT)]
    registered: dt.date | None = None
    retrospective: bool | None = None


class Publication(Fact):
    id: Slug
    kind: Literal["journal-article", "meeting-abstract"]
    title: str | None = None
    journal: str | None = None
    year: Annotated[int, BeforeValidator(_exact_int)] | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: Annotated[str, Field(pattern=DOI)] | None = None
    pmid: Annotated[str, Field(pattern=PMID)] | None = None
    epub: dt.date | None = None
    url: str | None = None


Phase = Literal["phase-1", "phase-2", "phase-2a", "phase-3", "phase-4"]


class Design(Fact):
    type: Literal["interventional", "observational"] | None = None
    phases: list[Phase] = []
    phase_text: str | None = None
    allocation: Literal["randomized", "non-randomized"] | None = None
    masking: Literal["open-label", "single-blind", "double-blind", "triple-blind"] | None = None
    control: Literal["placebo", "active", "single-arm"] | None = None
    centres: Literal["single", "multi"] | None = None
    site_count: Count | None = None
    timing: Literal["prospective", "retrospective"] | None = None
    features: list[Literal["longitudinal", "cohort", "pilot"]] = []
    period_start: Annotated[str, Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")] | None = None
    period_end: Annotated[str, Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")] | None = None
    follow_up: Duration | None = None
    assessment_interval: Duration | None = None


class Enrollment(Fact):
    count: Count


class Condition(Fact):
    id: Slug
    term: Curie
    label: str
    role: Literal["primary", "subgroup"]
    reported_as: str | None = None
    severity: str | None = None


class Organization(Fact):
    id: Slug
    name: str
    role: Literal["site", "affiliation"]


class Grant(Fact):
    funder: str
    number: str | None = None


class FundingStatement(Fact):
    statement: str


class EthicsApproval(Fact):
    committee: str
    number: str | None = None


class Eligibility(Fact):
    id: Slug
    text: str
    min_age: Count | None = None
    max_age: Count | None = None
    instrument: Slug | None = None
    relation: Literal[">", ">=", "<", "<="] | None = None
    threshold: Number | None = None


class Dose(Record):
    value: Number
    unit: Literal["cells", "cells/kg"]
    reported_as: str


class Product(Fact):
    id: Slug
    label: str
    reported_as: str | None = None
    cell_type: Curie
    tissue: Curie | None = None
    donor: Literal["autologous", "allogeneic"] | None = None
    route: Literal[
        "intravenous", "intramuscular", "subcutaneous", "intra-articular", "intrathecal", "local"
    ] | None = None
    dose: Dose | None = None
    administrations: Count | None = None
    days: list[Count] = []


class Arm(Fact):
    id: Slug
    label: str
    role: Literal["experimental", "placebo-comparator", "active-comparator", "no-intervention"]
    size: Count | None = None
    product: Slug | None = None


class Subgroup(Fact):
    id: Slug
    label: str
    arm: Slug
    condition: Slug | None = None
    size: Count | None = None


class Endpoint(Fact):
    id: Slug
    label: str
    instrument: Slug
    role: Literal["primary", "secondary", "safety", "other"]
    unit: str | None = None
    timepoints: list[Duration] = []


StatisticKind = Literal[
    "mean", "sd", "median", "central-value", "plus-minus", "proportion", "count",
    "difference", "p-value", "effect-size",
]


class Bound(Record):
    relation: Literal["<", "<=", ">", ">="]
    value: Number


class ConfidenceInterval(Record):
    lower: Number
    upper: Number
    level: Number


class Statistic(Record):
    kind: StatisticKind
    value: Number | None = None
    bound: Bound | None = None
    unit: str | None = None
    numerator: Count | None = None
    denominator: Count | None = None
    percentage: Number | None = None
    ci: ConfidenceInterval | None = None
    comparison: Literal["baseline", "comparator"] | None = None
    comparator: Slug | None = None
    reported_as: str | None = None
    extraction: Extraction | None = None

    @model_validator(mode="after")
    def _one_value(self) -> Statistic:
        if self.kind == "proportion":
            if self.numerator is None and self.percentage is None:
                raise ValueError("a proportion needs a numerator or a percentage")
            if self.value is not None or self.bound is not None:
                raise ValueError("a proportion takes numerator/denominator/percentage, not value")
        elif (self.value is None) == (self.bound is None):
            raise ValueError("give exactly one of 'value' or 'bound'")
        if self.comparison == "comparator" and self.comparator is None:
            raise ValueError("comparison 'comparator' needs 'comparator' (an arm id)")
        return self


class Result(Fact):
    id: Slug | None = None
    endpoint: Slug
    population: Slug
    timepoint: Duration | None = None
    timepoint_label: str | None = None
    n: Count | None = None
    statistics: list[Statistic] = []
    finding: str | None = None
    direction: Literal[
        "decreased", "increased", "improved", "stable", "unchanged", "no-difference"
    ] | None = None

    @model_validator(mode="after")
    def _says_something(self) -> Result:
        if not self.statistics and self.finding is None:
            raise ValueError("a result needs statistics or a finding")
        kinds = [s.kind for s in self.statistics]
        dup = sorted({k for k in kinds if kinds.count(k) > 1})
        if dup:
            raise ValueError(f"statistic kind repeated in one result: {', '.join(dup)}")
        return self

    @property
    def key(self) -> str:
        """The result's IRI segment: its id, or endpoint/population/timepoint."""
        if self.id:
            return self.id
        return f"{self.endpoint}.{self.population}.{(self.timepoint or 'na').lower()}"


class Study(Record):
    id: Slug
    title: str
    acronym: str | None = None
    documents: Annotated[list[SourceDocument], Field(min_length=1)]
    registrations: list[Registration] = []
    publications: list[Publication] = []
    design: Design
    enrollment: Enrollment | None = None
    conditions: Annotated[list[Condition], Field(min_length=1)]
    organizations: list[Organization] = []
    grants: list[Grant] = []
    funding_statements: list[FundingStatement] = []
    ethics: list[EthicsApproval] = []
    eligibility: list[Eligibility] = []
    products: list[Product] = []
    arms: Annotated[list[Arm], Field(min_length=1)]
    subgroups: list[Subgroup] = []
    endpoints: list[Endpoint] = []
    results: list[Result] = []


def weeks_to_days(duration: str) -> str:
    """xsd:duration has no weeks: P52W becomes P364D (exact), other forms pass unchanged."""
    m = re.fullmatch(DURATION, duration)
    assert m, duration
    if not m.group(3):
        return duration
    days = int(m.group(3)[:-1]) * 7 + (int(m.group(4)[:-1]) if m.group(4) else 0)
    return f"P{m.group(1) or ''}{m.group(2) or ''}{days}D"


def approximate_days(duration: str) -> Decimal:
    """A sort key only: 1 Y = 365.25 D, 1 M = 30.4375 D."""
    m = re.fullmatch(DURATION, duration)
    assert m, duration
    y, mo, w, d = (int(g[:-1]) if g else 0 for g in m.groups())
    return Decimal(y) * Decimal("365.25") + Decimal(mo) * Decimal("30.4375") + w * 7 + d
