"""Round 12 rules (docs/extract.md, "Round 12"): each test drafts a short invented report and checks the facts."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from msckg.extract.draft import extract_text

from .test_round10 import _by_label


def _stats(data: dict[str, Any], label: str) -> list[tuple[str, str | None, dict[str, Any]]]:
    """(population, timepoint, statistic) of every result of the endpoint whose label starts with `label`."""
    eps = {e["id"] for e in data["endpoints"] if e["label"].lower().startswith(label.lower())}
    return [(r["population"], r.get("timepoint"), st) for r in data["results"] if r["endpoint"] in eps
            for st in r.get("statistics", [])]


RATES = (
    "Umbilical cord stromal cells for refractory lupus: a single-arm phase 2 trial\n"
    "Methods: Forty adults received allogeneic umbilical cord MSCs (1 × 10^6 cells/kg) intravenously. Values are "
    "median (IQR).\n"
    "Results: At 12 months, 22 of 38 evaluable patients responded (rate 57.9%; 95% CI 40.8%-73.7%). Complete "
    "remission was reached by 9 patients (23.7%; 95% CI, 11.4%-40.2%). Proteinuria fell from 2.4 (1.6–3.9) g/24 h "
    "at baseline to 0.9 (0.5–1.7) g/24 h at 12 months. Median follow-up was 26 months (range 14–40).\n"
)


def test_count_rate_and_interval_are_one_proportion() -> None:
    """'22 of 38 ... (rate 57.9%; 95% CI ...)' and '9 patients (23.7%; 95% CI ...)': one proportion each, with
    its interval; 'Values are median (IQR)' said once makes the prose's 'x (a–b)' medians; a follow-up time alone
    is no result."""
    data = extract_text(RATES, "rates").data
    response = [st for _, _, st in _stats(data, "respon") if st["kind"] == "proportion"]
    assert len(response) == 1
    assert (response[0]["numerator"], response[0]["denominator"], response[0]["percentage"]) == (22, 38, Decimal("57.9"))
    assert response[0]["ci"]["lower"] == Decimal("40.8") and response[0]["ci"]["upper"] == Decimal("73.7")
    remission = [st for _, _, st in _stats(data, "complete remission") if st["kind"] == "proportion"]
    assert [(st.get("numerator"), st["percentage"]) for st in remission] == [(9, Decimal("23.7"))]
    facts = _by_label(data)
    assert ("proteinuria", "msc", "P0D", "median", Decimal("2.4")) in facts
    assert ("proteinuria", "msc", "P12M", "median", Decimal("0.9")) in facts
    assert not any(value == Decimal("26") for *_, value in facts)


VISIT_TABLE = (
    "Intravitreal stromal cells for macular oedema: a dose-escalation study\n"
    "Methods: Eighteen eyes received a single injection in three sequential dose cohorts: Cohort 1 (1 × 10^5 cells), "
    "Cohort 2 (5 × 10^5 cells) and Cohort 3 (1 × 10^6 cells), six eyes each.\n"
    "Results: No dose-limiting toxicity occurred (Table 2).\n"
    "\n"
    "Table 2. Visual acuity by dose cohort\n"
    "Outcome | Cohort (dose) | n | Baseline | Month 3 | Month 6 | P*\n"
    "BCVA, letters | Cohort 1 (1 × 10^5) | 6 | 58.1 ± 7.0 | 59.0 ± 7.2 | 59.4 ± 7.5 | 0.30\n"
    "BCVA, letters | Cohort 3 (1 × 10^6) | 6 | 55.2 ± 8.8 | 59.9 ± 9.1 | 61.3 ± 9.4 | 0.011\n"
    "Values are mean ± SD.\n"
    "*Month 6 versus baseline.\n"
)


def test_rows_name_their_arm_and_columns_their_visit() -> None:
    """'Outcome | Cohort (dose) | n | Baseline | Month 3 | Month 6 | P*': each row's arm at each visit, with the
    row's n, and the last visit's p-value against baseline."""
    data = extract_text(VISIT_TABLE, "visits").data
    got = {(pop, tp, st["kind"], st.get("value")) for pop, tp, st in _stats(data, "bcva")}
    assert ("cohort-1", "P0D", "mean", Decimal("58.1")) in got
    assert ("cohort-1", "P3M", "mean", Decimal("59.0")) in got
    assert ("cohort-3", "P6M", "mean", Decimal("61.3")) in got
    assert ("cohort-3", "P6M", "p-value", Decimal("0.011")) in got
    p = next(st for pop, tp, st in _stats(data, "bcva") if st["kind"] == "p-value" and pop == "cohort-3")
    assert p["comparison"] == "baseline"
    assert all(r.get("n") == 6 for r in data["results"] if r["population"] in ("cohort-1", "cohort-3")
               and r.get("timepoint") in ("P0D", "P3M", "P6M"))


POSTER = (
    "Stromal cells for chronic radiation enteritis: a single-arm phase 2 trial\n"
    "METHODS\n"
    "Single-arm, open-label trial; adults received allogeneic bone marrow MSCs on days 0, 7 and 14.\n"
    "RESULTS\n"
    "All 12 patients received three infusions.\n"
    "\n"
    "Table 1. Symptom scores, mean (SD)\n"
    "                        Baseline      3 months      6 months      p*\n"
    "                        (n=12)        (n=12)        (n=11)\n"
    "Total symptom score     52.3 (8.1)    44.0 (9.2)    40.8 (9.9)    0.003\n"
    "Stools per day          6.1 (2.0)     5.2 (1.9)     4.7 (1.7)     0.01\n"
    "*Paired t-test, 6 months vs baseline\n"
    "\n"
    "SAFETY\n"
    "No infusion reactions\n"
)


def test_aligned_table_with_a_blank_corner() -> None:
    """A space-aligned table whose header's corner is blank and whose '(n=12)' line sits under the visits only;
    the caption's 'mean (SD)' names the cells; a heading ends the table, so 'No infusion reactions' is a finding."""
    data = extract_text(POSTER, "poster").data
    got = {(tp, st["kind"], st.get("value")) for _, tp, st in _stats(data, "total symptom")}
    assert ("P0D", "mean", Decimal("52.3")) in got and ("P0D", "sd", Decimal("8.1")) in got
    assert ("P6M", "mean", Decimal("40.8")) in got and ("P6M", "p-value", Decimal("0.003")) in got
    total = {e["id"] for e in data["endpoints"] if e["label"].lower().startswith("total symptom")}
    n = {r.get("timepoint"): r.get("n") for r in data["results"] if r["endpoint"] in total}
    assert n == {"P0D": 12, "P3M": 12, "P6M": 11}
    assert any(st["kind"] == "count" and st["value"] == 0 for _, _, st in _stats(data, "infusion reactions"))


NEJM_TABLE = (
    "Stromal cells in severe ARDS: a randomized trial\n"
    "Methods: Adults were randomly assigned to MSCs or placebo.\n"
    "Results: Death by day 60 did not differ between groups (Table 2).\n"
    "\n"
    "Table 2. Primary and Secondary Outcomes.\n"
    "Outcome | MSC (N=100) | Placebo (N=98) | Difference or Hazard Ratio (95% CI)\n"
    "Primary outcome\n"
    "Death by day 60 — no. (%) | 30 (30.0) | 33 (33.7) | 0.88 (0.54 to 1.44)\n"
    "Secondary outcomes\n"
    "Ventilator-free days to day 28 — median (IQR) | 10 (0 to 20) | 8 (0 to 18) | 2 (−1 to 5)\n"
)


def test_a_difference_or_ratio_column_and_label_lines_inside() -> None:
    """'Primary outcome' / 'Secondary outcomes' lines stay inside the '|' table; 'Difference or Hazard Ratio' gives a
    ratio on the row of deaths and a difference on the others; '— no. (%)' leaves the row's label."""
    data = extract_text(NEJM_TABLE, "nejm").data
    death = {(pop, st["kind"]) for pop, _, st in _stats(data, "death")}
    assert ("msc", "effect-size") in death and ("msc", "proportion") in death
    vfd = {(pop, st["kind"], st.get("value")) for pop, _, st in _stats(data, "ventilator-free days")}
    assert ("msc", "difference", Decimal("2")) in vfd and ("placebo", "median", Decimal("8")) in vfd
    assert not any("no." in e["label"] for e in data["endpoints"])


FULL_TEXT = (
    "Stromal cells plus tacrolimus in steroid-resistant nephrotic syndrome: a randomised trial\n"
    "Methods\n"
    "Adults were randomly assigned to UC-MSCs plus tacrolimus or tacrolimus alone. The primary outcome was "
    "remission. All outcomes were measured at the end of each 24-week period.\n"
    "Results\n"
    "Baseline characteristics\n"
    "Forty patients were randomised (20 per group); mean age was 38.2 years.\n"
    "Primary outcome\n"
    "Remission was reached by 14 of 20 patients (70.0%) in the UC-MSC group and 8 of 20 (40.0%) in the tacrolimus "
    "group.\n"
)


def test_outcome_subheading_resumes_results_and_one_time_for_all() -> None:
    """Under 'Results', 'Baseline characteristics' then 'Primary outcome' is results again; 'All outcomes were
    measured at the end of each 24-week period' times the responders."""
    data = extract_text(FULL_TEXT, "fsgs").data
    roles = {a["id"]: a["role"] for a in data["arms"]}
    got = {(roles[pop], tp, st.get("numerator")) for pop, tp, st in _stats(data, "remission") if st["kind"] == "proportion"}
    assert got == {("experimental", "P24W", 14), ("active-comparator", "P24W", 8)}


DOSES = (
    "Placental stromal cells in insulin-treated type 2 diabetes: a randomized trial\n"
    "Methods: Adults were randomized 1:1:1 to PD-MSCs at 1.0 × 10^6 cells/kg (low dose) or 2.0 × 10^6 cells/kg "
    "(high dose), or placebo. The primary endpoint was change in HbA1c at week 24.\n"
    "Results: The change in HbA1c at week 24 was -0.6% with low dose, -0.9% with high dose and -0.2% with placebo; "
    "estimated treatment differences versus placebo were -0.4% (95% CI -0.8 to -0.1; P = .03) and -0.7% "
    "(95% CI -1.1 to -0.3; P < .001), respectively.\n"
)


def test_dose_arms_from_parentheses_and_both_differences() -> None:
    """'(low dose)' and '(high dose)' after each dose name two cell arms; 'differences versus placebo were a% (95% CI
    ...) and b% (95% CI ...), respectively' are both differences, one per dose."""
    data = extract_text(DOSES, "doses").data
    assert [a["id"] for a in data["arms"]] == ["low-dose", "high-dose", "placebo"]
    diffs = {(pop, st["value"]) for pop, _, st in _stats(data, "hba1c") if st["kind"] == "difference" and "ci" in st}
    assert diffs == {("low-dose", Decimal("-0.4")), ("high-dose", Decimal("-0.7"))}


LATER = (
    "Stromal cells for chronic low back pain: a randomized, vehicle-controlled trial\n"
    "Funding: Supported by the Nordhaven Spine Foundation (grant 2023/11840-7).\n"
    "Methods: In this randomized, double-blind, vehicle-controlled trial with an additional open-label conservative "
    "care arm, adults were randomized to a low dose or a high dose of disc-derived cells, vehicle, or conservative care.\n"
    "Results: Responders numbered 28 (46.7%) in the high-dose arm, 24 (40.0%) in the low-dose arm, 17 (28.3%) in the "
    "vehicle arm and 5 (16.7%) in the conservative care arm. Injection-site pain was reported in 20 (33.3%), "
    "18 (30.0%), and 15 (25.0%) patients in the high-dose, low-dose, and vehicle arms. The VAS score fell from 68.2 ± 9.1 at baseline to 40.3 ± 15.2 at 6 months "
    "and 35.1 ± 16.0 at 12 months in the high-dose arm. The ODI fell from 44.0 ± 8.2 to 30.2 ± 10.1 and 28.4 ± 11.3 "
    "at the same visits. Adverse events occurred in 12 patients, all mild (back pain, 7; headache, 3; nausea, 2). "
    "No deaths were considered related to treatment.\n"
)


def test_four_arms_same_visits_and_named_counts() -> None:
    """A vehicle-controlled trial with an open-label conservative care arm has four arms; '20 (33.3%), 18 (30.0%), and
    15 (25.0%) patients in the high-dose, low-dose, and vehicle arms' zips the list with the arms in the order named; 'at the same visits' takes the visits the sentence before listed; '(back pain, 7;
    headache, 3; nausea, 2)' is one count per event; 'No deaths were considered related to treatment' a zero count;
    an inline 'Funding:' line gives no values."""
    data = extract_text(LATER, "later").data
    roles = {a["id"]: a["role"] for a in data["arms"]}
    assert sorted(roles.values()) == ["experimental", "experimental", "no-intervention", "placebo-comparator"]
    responders = {(pop, st["numerator"]) for pop, _, st in _stats(data, "responders") if st["kind"] == "proportion"}
    assert responders == {("high-dose", 28), ("low-dose", 24), ("vehicle", 17), ("control", 5)}
    pain = {(pop, st["numerator"]) for pop, _, st in _stats(data, "injection-site pain") if st["kind"] == "proportion"}
    assert pain == {("high-dose", 20), ("low-dose", 18), ("vehicle", 15)}
    odi = {(tp, st.get("value")) for _, tp, st in _stats(data, "odi") if st["kind"] == "central-value"}
    assert odi == {("P0D", Decimal("44.0")), ("P6M", Decimal("30.2")), ("P12M", Decimal("28.4"))}
    facts = _by_label(data)
    assert any(label == "back pain" and kind == "count" and value == Decimal("7") for label, _, _, kind, value in facts)
    assert any(label == "headache" and value == Decimal("3") for label, _, _, _, value in facts)
    assert any("death" in label and kind == "count" and value == 0 for label, _, _, kind, value in facts)
    assert not any(value in (Decimal("2023"), Decimal("11840")) for *_, value in facts)
