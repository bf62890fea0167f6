"""Round 8 rules (docs/extract.md, "Round 8"): each test drafts a short invented report and checks the facts."""

from __future__ import annotations

from decimal import Decimal

from msckg.extract.draft import extract_text
from msckg.extract.tables import aligned_cells
from msckg.extract.timepoints import find_timepoints

from .test_round6 import _facts

FIXED_WIDTH = (
    "Stromal cells for heel pain: a randomized trial\n\n"
    "METHODS\n"
    "Patients were randomized to ADMSC or corticosteroid injection.\n\n"
    "Outcome measures\n"
    "The primary outcome was morning pain on the VAS at 12 months.\n\n"
    "Statistical analysis\n"
    "Assuming an SD of 2.0 points, 17 patients per group were needed to detect a 2-point difference with 80% power. "
    "P < 0.05 was considered significant.\n\n"
    "RESULTS\n"
    "The groups were comparable at baseline: mean age was 46.8 ± 8.7 years in the ADMSC group and 48.1 ± 9.2 years "
    "in the corticosteroid group.\n\n"
    "Table 2. Pain by group (mean ± SD)\n\n"
    "Outcome / visit            ADMSC (n = 20)    Corticosteroid (n = 20)    P value\n"
    "--------------------------------------------------------------------------\n"
    "VAS pain (0-10)\n"
    "  Baseline                  7.6 ± 1.1         7.4 ± 1.2                  0.59\n"
    "  12 months                 1.9 ± 1.4         4.8 ± 2.2                 <0.001\n"
    "--------------------------------------------------------------------------\n"
)


def test_a_fixed_width_table_is_read_by_its_columns() -> None:
    """Runs of spaces part a fixed-width table's cells (one character for one: the offsets hold); 'Outcome
    measures' under Methods is methods; the statistical plan and the baseline comparison give no results."""
    assert len(aligned_cells(FIXED_WIDTH)) == len(FIXED_WIDTH)
    data = extract_text(FIXED_WIDTH, "heel").data
    facts = _facts(data)
    arms = {a["id"]: a for a in data["arms"]}
    cell, other = data["arms"][0]["id"], data["arms"][1]["id"]
    assert arms[cell]["size"] != 17  # the sample-size calculation is no arm size
    values = {(pop, tp, kind, value) for _, pop, tp, kind, value in facts}
    assert {(cell, "P0D", "mean", Decimal("7.6")), (other, "P0D", "mean", Decimal("7.4")),
            (cell, "P12M", "mean", Decimal("1.9")), (other, "P12M", "mean", Decimal("4.8")),
            (cell, "P0D", "p-value", Decimal("0.59"))} <= values
    assert any(pop == cell and tp == "P12M" and kind == "p-value" for pop, tp, kind, _ in values)  # the bound "<0.001"
    assert not any(value in (Decimal("46.8"), Decimal("48.1"), Decimal("2.0"), Decimal("80")) for *_, value in values)
    assert any(e["role"] == "primary" for e in data["endpoints"])


TRANSPOSED = (
    "Umbilical cord MSCs for haemophilic knees: a pilot study\n\n"
    "Methods\n"
    "Twelve adults received one intra-articular injection of UC-MSCs.\n\n"
    "Results\n"
    "Table 1. Baseline characteristics of the patients (n = 12)\n"
    "Characteristic                              Value\n"
    "Age, yr, median (range)                     38.5 (24-57)\n"
    "Body mass index, kg/m2, mean ± SD           23.6 ± 2.9\n\n"
    "Table 2. Clinical outcomes after injection (n = 12)\n"
    "Time point      WOMAC total       VAS pain (0-10)\n"
    "Baseline        54.3 ± 12.7       6.4 ± 1.5\n"
    "3 months        41.2 ± 12.4*      4.2 ± 1.6*\n"
    "Values are presented as mean ± standard deviation.\n"
    "*P < 0.05 compared with baseline (paired t-test).\n"
)


def test_a_single_arm_table_of_visits_by_measures() -> None:
    """A table whose rows are visits and whose columns are measures: each cell a result at the row's time, with
    the caption's n; a '*' mark is the footnote's p-value against baseline; 'Characteristic  Value' gives nothing."""
    data = extract_text(TRANSPOSED, "knees").data
    eps = {e["id"]: e["label"] for e in data["endpoints"]}
    got = {(eps[r["endpoint"]], r.get("timepoint"), r.get("n"), st["kind"], st.get("value"))
           for r in data["results"] for st in r["statistics"]}
    assert {("WOMAC total", "P0D", 12, "mean", Decimal("54.3")), ("WOMAC total", "P3M", 12, "mean", Decimal("41.2")),
            ("VAS pain", "P3M", 12, "sd", Decimal("1.6"))} <= got
    marks = [st for r in data["results"] for st in r["statistics"] if st["kind"] == "p-value"]
    assert len(marks) == 2 and all(st["comparison"] == "baseline" for st in marks)  # the two '*' cells, no footnote line
    assert not any(v in (Decimal("38.5"), Decimal("23.6")) for *_, v in got)


REGISTRY = (
    "Study Results\n"
    "Outcome Measures\n"
    "1. Primary Outcome\n"
    "Change From Baseline in MELD Score at Week 48\n"
    "Time Frame\n\n"
    "Baseline and week 48\n"
    "Arm/Group Title\tUC-MSC + Standard Medical Therapy\tStandard Medical Therapy\n"
    "Overall Number of Participants Analyzed\t25\t26\n"
    "Mean (Standard Deviation)\n"
    "Unit of measure: Score on a scale\n"
    "\t-3.1 (2.9)\t-0.6 (3.4)\n"
    "2. Secondary Outcome\n"
    "Overall Survival at Week 48\n"
    "Time Frame\n\n"
    "Week 48\n"
    "Arm/Group Title\tUC-MSC + Standard Medical Therapy\tStandard Medical Therapy\n"
    "Overall Number of Participants Analyzed\t28\t28\n"
    "Number (95% Confidence Interval)\n"
    "Unit of measure: percentage of participants\n"
    "\t92.9\n"
    "(74.3 to 98.2)\t96.4\n"
    "(77.2 to 99.5)\n"
    "Adverse Events\n"
)


def test_the_newer_registry_results_layout() -> None:
    """The title on the line under '1. Primary Outcome'; 'UC-MSC + Standard Medical Therapy' is the cell arm though
    it names the therapy both arms get; a spread wrapped onto the next line; a percentage of participants with its
    interval is a proportion."""
    text = "Brief Summary: UC-MSCs for cirrhosis versus standard medical therapy alone.\n" + REGISTRY
    data = extract_text(text, "registry").data
    eps = {e["id"]: e["label"] for e in data["endpoints"]}
    cell = next(a["id"] for a in data["arms"] if a["role"] == "experimental")
    got = {(eps[r["endpoint"]], r["population"], r.get("n"), st["kind"], st.get("value", st.get("percentage")))
           for r in data["results"] for st in r["statistics"]}
    assert ("Change From Baseline in MELD Score", cell, 25, "mean", Decimal("-3.1")) in got
    survival = [st for r in data["results"] for st in r["statistics"] if st.get("percentage") == Decimal("92.9")]
    assert survival and survival[0]["kind"] == "proportion"
    assert (survival[0]["ci"]["lower"], survival[0]["ci"]["upper"]) == (Decimal("74.3"), Decimal("98.2"))


TRANSLATED = (
    "Objective To observe UC-MSCs in neuromyelitis optica. Methods Twenty-four patients received UC-MSCs (observation "
    "group) and 34 received immunotherapy only (control group). Results At 12 months after treatment, the EDSS score "
    "of the observation group was significantly decreased compared with before treatment [(3.2±1.4) vs (4.5±1.6) "
    "points, P=0.002], while there was no statistically significant difference in the control group [(3.9±1.7) vs "
    "(4.3±1.5) points, P=0.21]. Compared with before treatment, the serum IgG was decreased at 3 months and 6 months "
    "after treatment [(14.6±3.3) g/L vs (12.8±3.1) g/L vs (11.9±2.9) g/L] in the observation group.\n"
)


def test_translated_before_and_after_pairs() -> None:
    """'compared with before treatment [(after) vs (before)]': the second value is the baseline, for the later
    pair of the sentence too and in its own group; '[(a) vs (b) vs (c)]' after two times: baseline, then the times."""
    data = extract_text(TRANSLATED, "nmo").data
    cell, other = (next(a["id"] for a in data["arms"] if (a["role"] == "experimental") == want) for want in (True, False))
    facts = {(pop, tp, value) for _, pop, tp, kind, value in _facts(data) if kind in ("mean", "central-value")}
    assert {(cell, "P0D", Decimal("4.5")), (other, "P0D", Decimal("4.3")),
            (other, "P12M", Decimal("3.9")), (cell, "P12M", Decimal("3.2"))} <= facts
    assert {(cell, "P0D", Decimal("14.6")), (cell, "P3M", Decimal("12.8")), (cell, "P6M", Decimal("11.9"))} <= facts
    assert [[i.duration for i in t.items] for t in find_timepoints("at 3 months and 6 months after treatment")] == \
        [["P3M", "P6M"]]


DOSES = (
    "Mesenchymal precursor cells in LVAD recipients\n"
    "METHODS We randomly assigned patients, in a 1:1:1 ratio, to 150 million MPCs, 75 million MPCs, or sham.\n"
    "RESULTS A total of 90 patients underwent randomization (30 per group). Major bleeding occurred at rates of 24.6, "
    "31.9, and 41.8 events per 100 patient-years in the 150-million, 75-million, and sham groups, respectively. The "
    "median time to weaning was 16 weeks (IC 95%: 9.8-22.2) in the 150-million group.\n"
)


def test_dose_arms_named_by_millions_and_event_rates() -> None:
    """'the 150-million group' and 'the 75-million group' are two cell arms; 'at rates of a, b, and c events per
    100 patient-years' are three rates (the 100 no count); 'IC 95%' is an interval."""
    data = extract_text(DOSES, "lvad").data
    arms = [a["id"] for a in data["arms"]]
    assert len(arms) == 3 and sum(a["role"] == "experimental" for a in data["arms"]) == 2
    rates = {(pop, value) for _, pop, _, kind, value in _facts(data) if kind == "central-value"}
    assert {(arms[0], Decimal("24.6")), (arms[1], Decimal("31.9")), (arms[2], Decimal("41.8"))} <= rates
    assert not any(value == 100 for *_, value in _facts(data))
    median = [st for r in data["results"] for st in r["statistics"] if st.get("value") == Decimal("16")]
    assert median and median[0]["kind"] == "median" and median[0]["ci"]["lower"] == Decimal("9.8")


CLAUSES = (
    "Donor MSCs in liver transplantation\n"
    "Methods: Eighteen recipients received donor MSCs and 18 controls received standard immunosuppression. "
    "A randomized crossover trial design was not used.\n"
    "Results: The median tacrolimus trough level at month 6 was 3.1 ng/mL (IQR 2.4–4.0) with MSCs vs 5.6 ng/mL "
    "(IQR 4.8–6.9) in controls (P < 0.001), and eGFR at month 12 was 84 ± 15 vs 71 ± 18 mL/min/1.73 m² (mean ± SD; "
    "P = 0.024). Infections occurred in 5 MSC recipients (28%; CMV 2, bacterial 3) and in 9 controls (50%).\n"
)


def test_a_clause_that_names_its_own_measure() -> None:
    """', and eGFR at month 12 was 84 ± 15' opens a clause naming its own endpoint (mapped to the instrument list);
    '(28%; CMV 2, bacterial 3)' keeps the count with its percentage."""
    data = extract_text(CLAUSES, "ltx").data
    egfr = [e for e in data["endpoints"] if e["instrument"] == "egfr"]
    assert egfr
    on_egfr = {st.get("value") for r in data["results"] if r["endpoint"] == egfr[0]["id"] for st in r["statistics"]}
    assert {Decimal("84"), Decimal("71")} <= on_egfr
    infections = [st for r in data["results"] for st in r["statistics"] if st.get("percentage") == Decimal("28")]
    assert infections and infections[0]["numerator"] == 5


RATES = (
    "Stromal cells for steroid-dependent asthma\n"
    "Methods: Patients were randomly assigned to BM-MSCs or matching placebo.\n"
    "Results: The annualised rate of severe exacerbations over 48 weeks was 0.92 with BM-MSCs and 1.71 with placebo "
    "(rate ratio 0.54, 95% CI 0.33 to 0.88; p=0.013). A reduction of at least 50% in the daily prednisolone dose was "
    "achieved by 17 of 32 patients (53%) given BM-MSCs and 8 of 32 (25%) given placebo.\n"
)


def test_bare_rates_and_a_threshold_in_a_subject() -> None:
    """'was 0.92 with BM-MSCs and 1.71 with placebo' after a rate are the arms' rates; 'at least 50%' in a subject is
    a threshold, so the subject names its own measure rather than lending the rate's."""
    data = extract_text(RATES, "asthma").data
    facts = _facts(data)
    cell, other = data["arms"][0]["id"], data["arms"][1]["id"]
    rate = {(pop, value) for label, pop, _, kind, value in facts if kind == "central-value" and "rate" in label}
    assert rate == {(cell, Decimal("0.92")), (other, Decimal("1.71"))}
    reduction = {label for label, pop, _, kind, value in facts if kind == "proportion" and value == 17}
    assert reduction and not any("rate" in label for label in reduction)
