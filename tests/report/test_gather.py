"""What the report reads from the seed graph: exact numbers, their sources, honest statistic kinds."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from msckg.report.gather import design_summary, gather
from msckg.report.model import ReportData, Study
from msckg.store import load_graph


@pytest.fixture(scope="module")
def data(built: Path) -> ReportData:
    return gather(load_graph(built / "kg.nq"))


def _study(data: ReportData, study_id: str) -> Study:
    return next(s for s in data.studies if s.id == study_id)


def test_four_seed_studies_with_index_facts(data: ReportData) -> None:
    assert [s.id for s in data.studies] == ["covid19-ucmsc-1y", "ra-admsc-phase1-2a", "sle-ucmsc-multicentre",
                                            "ssc-umsct-5y"]
    ssc = _study(data, "ssc-umsct-5y")
    assert [c.label for c in ssc.primary_conditions] == ["systemic sclerosis"]
    assert [(c.text, c.sources) for c in ssc.enrollment] == [("41", ("abstract", "journal-page"))]
    assert [r.registry_id for r in ssc.registrations] == ["NCT00962923"]
    assert [d.key for d in ssc.sources] == ["abstract", "journal-page"]
    assert ssc.source("journal-page").url == "https://doi.org/10.1007/s10067-024-06865-z"  # type: ignore[union-attr]
    assert "observational" in design_summary(ssc) and "single arm" in design_summary(ssc)


def test_mrss_keeps_exact_means_sds_and_evidence(data: ReportData) -> None:
    mrss = next(e for e in _study(data, "ssc-umsct-5y").endpoints if e.id == "mrss")
    assert mrss.abbreviation == "mRSS"
    timed = [r for r in mrss.results if r.statistics]
    assert [r.timepoint_label for r in timed] == ["baseline", "1 year", "3 years", "5 years"]
    means = [next(s.value for s in r.statistics if s.kind == "Mean") for r in timed]
    sds = [next(s.value for s in r.statistics if s.kind == "StandardDeviation") for r in timed]
    assert means == [Decimal("18.68"), Decimal("13.95"), Decimal("13.29"), Decimal("12.39")]
    assert sds == [Decimal("7.26"), Decimal("8.49"), Decimal("7.67"), Decimal("8.49")]
    assert all(isinstance(v, Decimal) for v in means + sds)
    assert [r.n.text for r in timed if r.n] == ["41", "41", "38", "38"]
    assert all(r.sources == ("abstract", "journal-page") and r.evidence for r in timed)


def test_sledai_plus_minus_stays_unnamed(data: ReportData) -> None:
    sledai = next(e for e in _study(data, "sle-ucmsc-multicentre").endpoints if e.id == "sledai")
    kinds = {s.kind for r in sledai.results for s in r.statistics}
    assert {"CentralValue", "PlusMinus"} <= kinds
    assert not kinds & {"Mean", "StandardDeviation"}
    baseline = sledai.results[0]
    assert baseline.timepoint_label == "baseline"
    assert sorted((s.kind, s.text) for s in baseline.statistics) == [("CentralValue", "10.83"), ("PlusMinus", "4.63")]


def test_a_bound_is_kept_as_a_bound(data: ReportData) -> None:
    sjc = next(e for e in _study(data, "ra-admsc-phase1-2a").endpoints if e.id == "sjc")
    pvalue = next(s for r in sjc.results for s in r.statistics if s.kind == "PValue")
    assert (pvalue.value, pvalue.relation, pvalue.bound, pvalue.text) == (None, "<", Decimal("0.01"), "< 0.01")
    assert pvalue.comparison
