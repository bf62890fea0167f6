"""Every named query answers the seed question it is about; parameters are bound, not spliced."""

from __future__ import annotations

import re

import pytest

from msckg.errors import QueryError
from msckg.queries import get_query, list_queries, run_query

EXPECTED_QUERIES = {"endpoint-trajectory", "products-for-disease", "safety-summary",
                    "studies-overview", "study-by-registration"}


def rows(dataset, name: str, **params: str) -> list[dict[str, str | None]]:  # type: ignore[no-untyped-def]
    result = run_query(get_query(name), dataset, params)
    return [dict(zip(result.columns, r, strict=True)) for r in result.rows]


def test_all_named_queries_are_shipped_with_headers() -> None:
    queries = list_queries()
    assert {q.name for q in queries} >= EXPECTED_QUERIES
    assert len(queries) == len({q.name for q in queries})
    for q in queries:
        assert q.answers and q.returns
        body = "\n".join(line for line in q.text.splitlines() if not line.startswith("#"))
        for p in q.params:  # every declared parameter is used by its query
            assert re.search(rf"\?{p.name}\b", body), (q.name, p.name)


def test_mrss_trajectory(dataset) -> None:  # type: ignore[no-untyped-def]
    got = [(r["timepoint"], r["statistic"], r["value"], r["n"]) for r in
           rows(dataset, "endpoint-trajectory", study="NCT00962923", endpoint="mRSS")]
    assert got == [
        ("P0D", "mean", "18.68", "41"), ("P0D", "standard deviation", "7.26", "41"),
        ("P1Y", "mean", "13.95", "41"), ("P1Y", "standard deviation", "8.49", "41"),
        ("P3Y", "mean", "13.29", "38"), ("P3Y", "standard deviation", "7.67", "38"),
        ("P5Y", "mean", "12.39", "38"), ("P5Y", "standard deviation", "8.49", "38"),
    ]


def test_trajectory_by_study_id_and_label_is_case_insensitive(dataset) -> None:  # type: ignore[no-untyped-def]
    a = rows(dataset, "endpoint-trajectory", study="ssc-umsct-5y", endpoint="modified rodnan skin score")
    b = rows(dataset, "endpoint-trajectory", study="nct00962923", endpoint="MRSS")
    assert a == b and len(a) == 8


def test_sledai_trajectory_keeps_bounds_as_bounds(dataset) -> None:  # type: ignore[no-untyped-def]
    got = rows(dataset, "endpoint-trajectory", study="sle-ucmsc-multicentre", endpoint="SLEDAI")
    centre = [(r["timepoint"], r["value"]) for r in got if r["statistic"].startswith("central value")]
    assert centre == [("P0D", "10.83"), ("P3M", "7.43"), ("P6M", "6.30"), ("P9M", "6.40"), ("P12M", "6.48")]
    pvals = [r for r in got if r["statistic"] == "p-value"]
    assert len(pvals) == 4 and all(r["value"] is None and r["bound"] == "< 0.05" for r in pvals)


def test_ra_week_52_timepoints(dataset) -> None:  # type: ignore[no-untyped-def]
    got = rows(dataset, "endpoint-trajectory", study="NCT03691909", endpoint="crp")
    assert [(r["timepoint"], r["statistic"], r["value"]) for r in got] == [
        ("P28D", "effect size", "0.33"), ("P28D", "p-value", "0.229"),
        ("P364D", "effect size", "0.37"), ("P364D", "p-value", "0.183")]


def test_products_for_disease_by_curie_and_label(dataset) -> None:  # type: ignore[no-untyped-def]
    by_id = rows(dataset, "products-for-disease", disease="MONDO:0005100")
    assert [(r["study"], r["tissue_id"], r["registration"]) for r in by_id] == [
        ("ssc-umsct-5y", "UBERON:0002331", "NCT00962923")]
    assert rows(dataset, "products-for-disease", disease="Systemic Sclerosis") == by_id
    ra = rows(dataset, "products-for-disease", disease="rheumatoid arthritis")
    assert [(r["donor"], r["tissue"], r["cell_type_id"]) for r in ra] == [
        ("autologous", "adipose tissue", "CL:0002570")]
    ln = rows(dataset, "products-for-disease", disease="lupus nephritis")
    assert [(r["study"], r["condition_role"]) for r in ln] == [("sle-ucmsc-multicentre", "subgroup")]


def test_study_by_registration(dataset) -> None:  # type: ignore[no-untyped-def]
    got = rows(dataset, "study-by-registration", nct="NCT04288102")
    assert [(r["study"], r["doi"], r["journal"], r["year"]) for r in got] == [
        ("covid19-ucmsc-1y", "10.1016/j.ebiom.2021.103789", "EBioMedicine", "2022")]
    ra = rows(dataset, "study-by-registration", nct="NCT03691909")
    assert ra[0]["registered"] == "2018-09-27" and ra[0]["retrospective"] == "true"


def test_studies_overview(dataset) -> None:  # type: ignore[no-untyped-def]
    got = {r["study"]: r for r in rows(dataset, "studies-overview")}
    assert set(got) == {"ssc-umsct-5y", "sle-ucmsc-multicentre", "ra-admsc-phase1-2a", "covid19-ucmsc-1y"}
    assert got["ssc-umsct-5y"]["disease_id"] == "MONDO:0005100" and got["ssc-umsct-5y"]["enrollment"] == "41"
    assert got["ra-admsc-phase1-2a"]["phase"] in ("phase 1, phase 2a", "phase 2a, phase 1")
    assert "open label" in got["ra-admsc-phase1-2a"]["design"]
    assert got["sle-ucmsc-multicentre"]["donor"] == "allogeneic" and got["sle-ucmsc-multicentre"]["registration"] is None
    assert "placebo controlled" in got["covid19-ucmsc-1y"]["design"]


def test_safety_summary(dataset) -> None:  # type: ignore[no-untyped-def]
    got = rows(dataset, "safety-summary")
    zero_counts = sorted(r["study"] for r in got if r["count"] == "0")
    assert zero_counts == ["ra-admsc-phase1-2a", "sle-ucmsc-multicentre", "ssc-umsct-5y"]
    assert any(r["study"] == "covid19-ucmsc-1y" and "No difference in adverse events" in (r["finding"] or "") for r in got)
    assert any(r["p_value_bound"] == "> 0.05" for r in got)


def test_parameters_are_bound_not_spliced(dataset) -> None:  # type: ignore[no-untyped-def]
    hostile = 'x") } } SELECT * WHERE { ?s ?p ?o } #'
    assert rows(dataset, "products-for-disease", disease=hostile) == []


def test_parameter_errors(dataset) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(QueryError, match="missing parameter"):
        rows(dataset, "endpoint-trajectory", study="NCT00962923")
    with pytest.raises(QueryError, match="unknown parameter"):
        rows(dataset, "study-by-registration", nct="NCT00962923", bogus="1")
    with pytest.raises(QueryError, match="takes no parameters"):
        rows(dataset, "safety-summary", study="x")
    with pytest.raises(QueryError, match="unknown query"):
        get_query("no-such-query")
