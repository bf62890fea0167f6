"""Round-3 readers: a registry results view read by column, registry outcome blocks, and prose forms
met in the dev3/dev4/blind2/blind3 fixtures. Every text here is invented for these tests."""

from __future__ import annotations

from decimal import Decimal

import pytest

from msckg.extract import extract_text
from msckg.extract.statistics import find_groups

RESULTS_VIEW = """ClinicalTrials.gov ID NCT09999999
Study Overview
Brief Summary
The purpose of this study is to learn whether umbilical cord MSCs added to physiotherapy help knee osteoarthritis.
Arms and Interventions
Experimental: UC-MSC + Physiotherapy
Active Comparator: Physiotherapy Alone
Study Results
Participant Flow
Arm/Group Title\tUC-MSC + Physiotherapy\tPhysiotherapy Alone
Started\t30\t30
Completed\t28\t27
Outcome Measures
1. Primary Outcome
Title: Change From Baseline in WOMAC Pain Score at Month 6
Time Frame: Baseline, Month 6
Arm/Group Title\tUC-MSC + Physiotherapy\tPhysiotherapy Alone
Overall Number of Participants Analyzed\t28\t27
Mean (Standard Deviation)
Unit of Measure: score on a scale
\t-5.6 (3.1)\t-2.2 (2.9)
Statistical Analysis 1
Comparison Group Selection\tUC-MSC + Physiotherapy, Physiotherapy Alone
P-Value\t0.004
Method of Estimation\tEstimation Parameter\tMean Difference
Estimated Value\t-3.4
Confidence Interval\t(2-Sided) 95%
-5.0 to -1.8
2. Secondary Outcome
Title: Number of Participants With a WOMAC Pain Response at Month 6
Time Frame: Month 6
Arm/Group Title\tUC-MSC + Physiotherapy\tPhysiotherapy Alone
Overall Number of Participants Analyzed\t28\t27
Count of Participants
Unit of Measure: Participants
\t15  53.6%\t6  22.2%
Adverse Events
Time Frame: 12 months
Arm/Group Title\tUC-MSC + Physiotherapy\tPhysiotherapy Alone
All-Cause Mortality
Total\t0/30 (0.00%)\t0/30 (0.00%)
Serious Adverse Events
Total\t1/30 (3.33%)\t2/30 (6.67%)
Other (Not Including Serious) Adverse Events
Knee effusion\t6/30 (20.00%)\t1/30 (3.33%)
Limitations and Caveats
Participants knew which treatment they received.
"""


def _facts(data: dict) -> set[tuple]:
    arms = {a["id"]: a["role"] for a in data["arms"]}
    eps = {e["id"]: e["label"] for e in data["endpoints"]}
    out = set()
    for r in data["results"]:
        for st in r["statistics"]:
            value = st.get("value", (st.get("numerator"), st.get("denominator"), st.get("percentage")))
            out.add((eps[r["endpoint"]], arms.get(r["population"], "?"), r.get("timepoint"), st["kind"], value, r.get("n")))
    return out


def test_registry_results_view_is_read_by_column() -> None:
    data = extract_text(RESULTS_VIEW, "view").data
    facts = _facts(data)
    pain = "Change From Baseline in WOMAC Pain Score"  # the title's trailing time is the timepoint
    # a results table names its statistic ("Mean (Standard Deviation)"), a change's too
    assert (pain, "experimental", "P6M", "mean", Decimal("-5.6"), 28) in facts
    assert (pain, "experimental", "P6M", "sd", Decimal("3.1"), 28) in facts
    assert (pain, "active-comparator", "P6M", "mean", Decimal("-2.2"), 27) in facts
    assert (pain, "experimental", "P6M", "p-value", Decimal("0.004"), 28) in facts
    # the between-group estimate goes with the cell arm's result, compared with the comparator
    between = [st for r in data["results"] for st in r["statistics"] if st.get("ci")]
    assert [(st["kind"], st["value"], st["ci"]["lower"], st["ci"]["upper"], st.get("comparison")) for st in between] == [
        ("difference", Decimal("-3.4"), Decimal("-5.0"), Decimal("-1.8"), "comparator")]
    response = "WOMAC Pain Response"
    assert (response, "experimental", "P6M", "proportion", (15, 28, Decimal("53.6")), 28) in facts
    assert (response, "active-comparator", "P6M", "proportion", (6, 27, Decimal("22.2")), 27) in facts
    ae = {(f[0], f[1], f[4]) for f in facts if f[2] == "P12M"}
    assert ("serious adverse events", "experimental", (1, 30, Decimal("3.33"))) in ae
    assert ("knee effusion (other adverse event)", "active-comparator", (1, 30, Decimal("3.33"))) in ae
    assert ("all-cause mortality", "experimental", (0, 30, Decimal("0.00"))) in ae
    # the participant flow is not a result
    assert not any(st.get("value") in (Decimal(28), Decimal(27)) for r in data["results"] for st in r["statistics"])


OUTCOME_BLOCKS = """ClinicalTrials.gov ID: NCT09999998
Brief Summary
Whether repeated infusions of bone marrow stromal cells are safe in children with a rare bone disease.
Study Design
Study Type: Interventional. Phase: Phase 1. Intervention Model: Single Group Assignment. Enrollment: 8 (Actual).
Results Summary
Participant Flow: Eight children were enrolled and all completed the study.
Primary Outcome Measure: Number of participants with infusion reactions [Time Frame: 12 months]. Count of Participants: 2/8 (25.0%).
Secondary Outcome Measure: Change from baseline in bone density Z-score [Time Frame: 6 and 12 months]. Mean (Standard Deviation): 0.21 (0.30) and 0.45 (0.38) at 6 and 12 months, respectively. Overall Number of Participants Analyzed: 8.
"""


def test_registry_outcome_blocks() -> None:
    facts = _facts(extract_text(OUTCOME_BLOCKS, "blocks").data)
    assert ("infusion reactions", "experimental", "P12M", "proportion", (2, 8, Decimal("25.0")), None) in facts
    z = "Change from baseline in bone density Z-score"
    assert (z, "experimental", "P6M", "difference", Decimal("0.21"), 8) in facts
    assert (z, "experimental", "P12M", "sd", Decimal("0.38"), 8) in facts


def _kinds(text: str) -> list[tuple[str, object]]:
    return [(st.kind, st.value if st.value is not None else (st.numerator, st.denominator, st.percentage))
            for g in find_groups(text) if not g.characteristic for st in g.stats]


@pytest.mark.parametrize(("text", "expected"), [
    ("Median NT-proBNP fell from 1,240 pg/mL (IQR 780-2,150) to 865 pg/mL",
     [("median", Decimal(1240)), ("median", Decimal(865))]),
    ("a change from baseline of -1.5 and -6.7 mL/min/1.73 m2, respectively",
     [("difference", Decimal("-1.5")), ("difference", Decimal("-6.7"))]),
    ("the between-group difference was 4.5 percentage points (95% CI 1.2 to 7.8)", [("difference", Decimal("4.5"))]),
    ("patients with an LVEF of 40% or less were enrolled", []),
    ("at 6 × 10^6 cells (low dose) or 1.8 × 10^7 cells (high dose)", []),
    ("There were no infusion-related adverse events.", [("count", Decimal(0))]),
    ("one serious adverse event (pneumonia) was judged unrelated", [("count", Decimal(1))]),
    ("(2 [4.7%] vs 8 [18.6%])", [("proportion", (2, None, Decimal("4.7"))), ("proportion", (8, None, Decimal("18.6")))]),
    ("Thirty-one of the 32 patients completed follow-up", []),
    ("the daily insulin dose had fallen by 37.2%", [("difference", Decimal("-37.2"))]),
    ("changed by -0.22 ± 0.41 in the IT group, +0.03 ± 0.38 in the IV group",
     [("difference", Decimal("-0.22")), ("plus-minus", Decimal("0.41")), ("difference", Decimal("0.03")),
      ("plus-minus", Decimal("0.38"))]),
])
def test_round3_statistic_forms(text: str, expected: list[tuple[str, object]]) -> None:
    assert _kinds(text) == expected


def test_zero_counts_per_listed_event_and_arms_in_design_order() -> None:
    text = ("Methods: Adults were randomly assigned to 1 × 10^6 cells/kg (n=10) or 2 × 10^6 cells/kg (n=10) of "
            "umbilical cord MSCs, or to placebo (n=10). Results: ACR20 was achieved by 4/10 (40.0%), 6/10 (60.0%) "
            "and 2/10 (20.0%) patients. No infusion reaction, thrombosis or death was recorded.")
    data = extract_text(text, "dose").data
    assert [(a["id"], a["role"], a.get("size")) for a in data["arms"]] == [
        ("dose-1e6", "experimental", 10), ("dose-2e6", "experimental", 10), ("placebo", "placebo-comparator", 10)]
    props = [(r["population"], st["numerator"]) for r in data["results"] for st in r["statistics"]
             if st["kind"] == "proportion"]
    assert props == [("dose-1e6", 4), ("dose-2e6", 6), ("placebo", 2)]
    eps = {e["id"]: e["label"] for e in data["endpoints"]}
    zeros = sorted(eps[r["endpoint"]] for r in data["results"] for st in r["statistics"]
                   if st["kind"] == "count" and r["population"] == "dose-1e6")
    assert zeros == ["death", "infusion reaction", "thrombosis"]
