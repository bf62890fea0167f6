"""Round 11 rules (docs/extract.md, "Round 11"): each test drafts a short invented report and checks the facts."""

from __future__ import annotations

from decimal import Decimal

from msckg.extract.draft import extract_text

from .test_round10 import _by_label

PAIRED_COUNTS = (
    "Stromal cells for chronic hand eczema: a randomised trial\n"
    "Methods: Forty adults were randomly assigned to umbilical cord MSCs (n = 20) or placebo (n = 20).\n"
    "Results: Transient fever within 24 h of infusion occurred in 2 and 3 patients. The most frequent local event "
    "was transient erythema at the injection site (n = 5 vs n = 1). A joint effusion was registered in 3 patients "
    "of the MSC group and 2 patients of the placebo group. Among patients with a palmar lesion at baseline "
    "(12 and 11 patients, respectively), the lesion cleared in most.\n"
)


def test_counts_paired_by_arm_order() -> None:
    """'occurred in 2 and 3 patients', '(n = 5 vs n = 1)': one count per arm in the order the design gave them;
    'and 2 patients of the placebo group': the same event in the other arm; a parenthesis sizing a subgroup
    ('Among patients with ... (12 and 11 patients, respectively)') counts no event."""
    facts = _by_label(extract_text(PAIRED_COUNTS, "eczema").data)
    assert ("transient fever within 24 h of infusion", "msc", None, "count", Decimal("2")) in facts
    assert ("transient fever within 24 h of infusion", "placebo", None, "count", Decimal("3")) in facts
    assert ("transient erythema at the injection site", "msc", None, "count", Decimal("5")) in facts
    assert ("transient erythema at the injection site", "placebo", None, "count", Decimal("1")) in facts
    assert ("joint effusion", "msc", None, "count", Decimal("3")) in facts
    assert ("joint effusion", "placebo", None, "count", Decimal("2")) in facts
    assert not any(value in (Decimal("12"), Decimal("11")) for *_, value in facts)


ORDERED = (
    "Two infusion schedules of stromal cells in children: a randomised trial\n"
    "Methods: Twenty-four children were randomised to Schedule A (one infusion) or Schedule B (three infusions), "
    "twelve to each schedule.\n"
    "Results: Adverse events were reported in 7 of 12 children in Schedule A and 9 of 12 in Schedule B; the most "
    "common were headache on the day of infusion (3 and 5 children, respectively).\n"
)


def test_respective_counts_follow_the_sentence_order_of_arms() -> None:
    """'(3 and 5 children, respectively)' after 'in Schedule A ... in Schedule B': the arms in the order the sentence
    named them, and the event the phrase before the parenthesis names."""
    facts = _by_label(extract_text(ORDERED, "sched").data)
    assert ("headache on the day of infusion", "schedule-a", None, "count", Decimal("3")) in facts
    assert ("headache on the day of infusion", "schedule-b", None, "count", Decimal("5")) in facts


PAGE = (
    "Stromal cells in dilated cardiomyopathy: a randomised trial\n"
    "Methods and results\n"
    "Ninety patients were randomized 2:1 to allogeneic MSCs (n = 60) or placebo (n = 30). The median ratio of 12-month "
    "to baseline NT-proBNP was 0.62 (IQR 0.41–0.95) in the MSC group and 0.88 (IQR 0.60–1.31) in the placebo group "
    "(ratio of geometric means 0.71, 95% CI 0.53–0.95; P = 0.022). Major adverse cardiac events occurred in 9 (15.0%) "
    "MSC-treated and 9 (30.0%) placebo-treated patients [hazard ratio 0.46, 95% CI 0.18–1.16; P = 0.10], including "
    "heart failure hospitalization in 7 (11.7%) and 8 (26.7%) and death in 2 (3.3%) and 1 (3.3%), respectively. "
    "Serious adverse events were reported in 30.0% and 40.0% of patients.\n"
    "\n"
    "Graphical Abstract\n"
    "At 12 months, NT-proBNP fell to 62% vs. 88% of baseline, and MACE occurred in 15.0% vs. 30.0% of patients.\n"
)


def test_ratio_to_baseline_pairs_and_page_restatements() -> None:
    """'ratio of 12-month to baseline' is at 12 months; 'ratio of geometric means' is an effect size; 'including X in
    a and b and Y in c and d, respectively' gives each event its own measure, arms in the sentence's order; a pair
    with no arm named takes the design's order; a graphical abstract restates and adds nothing."""
    data = extract_text(PAGE, "dcm").data
    facts = _by_label(data)
    assert ("nt-probnp", "msc", "P12M", "median", Decimal("0.62")) in facts
    assert ("nt-probnp", "msc", "P12M", "effect-size", Decimal("0.71")) in facts
    assert ("heart failure hospitalization", "msc", None, "proportion", 7) in facts
    assert ("heart failure hospitalization", "placebo", None, "proportion", 8) in facts
    assert ("death", "placebo", None, "proportion", 1) in facts
    assert {("serious adverse events", arm, None, "proportion", None) for arm in ("msc", "placebo")} <= facts
    assert not any(value == Decimal("62") for *_, value in facts)


REGISTRY_PIPES = (
    "ClinicalTrials.gov\n"
    "Stromal Cells in Refractory Colitis\n"
    "ClinicalTrials.gov ID NCT09999925\n"
    "\n"
    "Study Results\n"
    "Participant Flow\n"
    "The high-dose cohort opened after the low-dose cohort had been reviewed.\n"
    "Outcome Measures\n"
    "1. Primary Outcome\n"
    "Title: Number of Participants With Clinical Response at Week 6\n"
    "Time Frame: Week 6\n"
    "Arm/Group Title: Low-Dose Cohort | High-Dose Cohort\n"
    "Overall Number of Participants Analyzed: 12 | 12\n"
    "Measure Type: Count of Participants\n"
    "Unit of Measure: Participants\n"
    "Low-Dose Cohort — Count of Participants: 5 / 12 (41.7%)\n"
    "High-Dose Cohort — Count of Participants: 8 / 12 (66.7%)\n"
    "Statistical Analysis 1\n"
    "Comparison Group Selection: Low-Dose Cohort, High-Dose Cohort\n"
    "P-Value: 0.41\n"
    "2. Secondary Outcome\n"
    "Title: Change From Baseline in Disease Activity Score at Week 6\n"
    "Time Frame: Baseline, Week 6\n"
    "Arm/Group Title: Low-Dose Cohort | High-Dose Cohort\n"
    "Overall Number of Participants Analyzed: 12 | 11\n"
    "Measure Type: Mean (Standard Deviation)\n"
    "Low-Dose Cohort: -60.2 (80.1)\n"
    "High-Dose Cohort: -95.4 (88.0)\n"
    "Statistical Analysis 1\n"
    "Comparison Group Selection: High-Dose Cohort\n"
    "P-Value: <0.001\n"
    "Limitations and Caveats\n"
    "Small sample.\n"
)


def test_registry_view_written_with_labels_and_pipes() -> None:
    """'Arm/Group Title: A | B', 'A — Count of Participants: 5 / 12 (41.7%)', 'B: -95.4 (88.0)': each value on its
    column's arm, time and n; a two-dose comparison on the later column; a one-column analysis against baseline."""
    data = extract_text(REGISTRY_PIPES, "colitis").data
    by_pop = {(r["population"], r.get("timepoint"), st["kind"], st.get("numerator", st.get("value")),
               st.get("comparison")) for r in data["results"] for st in r["statistics"]}
    arms = {a["id"] for a in data["arms"]}
    low = next(a for a in arms if "low" in a)
    high = next(a for a in arms if "high" in a)
    assert {(low, "P6W", "proportion", 5, None), (high, "P6W", "proportion", 8, None)} <= by_pop
    assert any(k[:4] == (high, "P6W", "p-value", Decimal("0.41")) and k[4] != "baseline" for k in by_pop)
    assert (high, "P6W", "mean", Decimal("-95.4"), None) in by_pop
    assert any(k[0] == high and k[2] == "p-value" and k[4] == "baseline" for k in by_pop)


JRCT = (
    "Japan Registry of Clinical Trials\n"
    "jRCT2039999925\n"
    "\n"
    "Intervention(s)\n"
    "Group A (MSC group): allogeneic mesenchymal stem cells, 2 x 10^6 cells/kg, on Day 1 and Day 29.\n"
    "Group B (control group): standard therapy alone.\n"
    "\n"
    "Result\n"
    "Outcome measures\n"
    "Primary outcome: CRR at Week 52 - MSC group 9/22 (40.9%); control group 4/22 (18.2%).\n"
    "Overall renal response at Week 52 - MSC group 16/22 (72.7%); control group 10/22 (45.5%), P=0.066.\n"
    "24-hour urinary protein, g/day, median (interquartile range) - Baseline: MSC 3.42 (2.18-5.06), control 3.15 "
    "(2.02-4.87); Week 52: MSC 0.48 (0.21-1.36), control 1.02 (0.43-2.21).\n"
)


def test_registry_lines_with_a_label_before_a_dash() -> None:
    """'Overall renal response at Week 52 - MSC group 16/22 (72.7%); control group 10/22 (45.5%), P=0.066.': the
    label names the measure and time of both arms' values; a sentence-final 'P=0.066.' is read; 'MSC 3.42 (...)'
    names its arm by a bare word; a results line is no outcome header."""
    facts = _by_label(extract_text(JRCT, "jrct").data)
    assert any(f[0] == "crr" and f[1] != "control" and f[2] == "P52W" and f[4] == 9 for f in facts)
    control = {f for f in facts if f[1] == "control"}
    assert ("overall renal response", "control", "P52W", "proportion", 10) in control
    assert any(f[0] == "overall renal response" and f[3] == "p-value" and f[4] == Decimal("0.066") for f in facts)
    assert ("24-hour urinary protein", "control", "P0D", "median", Decimal("3.15")) in control
    assert ("24-hour urinary protein", "control", "P52W", "median", Decimal("1.02")) in control


ORGAN_TABLE = (
    "Stromal cells for chronic graft-versus-host disease: a single-arm trial\n"
    "Methods: Thirty adults received stromal cells weekly for four doses.\n"
    "Results\n"
    "Table 1. Organ responses at 6 months.\n"
    "Organ\tEvaluable, n\tCR, n\tPR, n\tOverall response, n (%)\n"
    "Skin\t20\t4\t6\t10 (50.0)\n"
    "Mouth\t16\t5\t3\t8 (50.0)\n"
    "\n"
    "Table 2. Scores after infusion (mean ± SD)\n"
    "Outcome\tBaseline\tMonth 3\tMonth 6\n"
    "\t(n = 30)\t(n = 29)\t(n = 28)\n"
    "Symptom score\t7.0 ± 1.5\t5.2 ± 1.8\t4.9 ± 1.6\n"
    "  P vs baseline\t–\t0.002\t<0.001\n"
)


def test_single_arm_tables_of_counts_and_visits() -> None:
    """'Organ  Evaluable, n  CR, n  PR, n  Overall response, n (%)': per organ a measure with its n, counts and
    proportion; a header's '(n = 30)' line gives the visits' n and a 'P vs baseline' row the p-values."""
    facts = _by_label(extract_text(ORGAN_TABLE, "gvhd").data)
    assert ("skin response", "msc", "P6M", "proportion", 10) in facts
    assert ("skin response", "msc", "P6M", "count", Decimal("4")) in facts
    assert ("mouth response", "msc", "P6M", "count", Decimal("3")) in facts
    assert ("symptom score", "msc", "P3M", "mean", Decimal("5.2")) in facts
    assert ("symptom score", "msc", "P3M", "p-value", Decimal("0.002")) in facts
    assert ("symptom score", "msc", "P6M", "p-value", None) in facts  # "<0.001": a bound, no value


THREE_ARMS = (
    "Cord blood cells with erythropoietin in cerebral palsy: a three-arm trial\n"
    "Methods: Children were randomized 1:1:1 to cells plus EPO (UCB+EPO), placebo plus EPO (EPO), or placebo.\n"
    "Results: Ninety children were randomized (UCB+EPO, n = 30; EPO, n = 30; placebo, n = 30). At 6 months the "
    "mean (SD) gain was 5.2 (3.1), 3.6 (2.9), and 2.9 (2.7) points in the UCB+EPO, EPO, and placebo groups, "
    "respectively. At 12 months the corresponding gains were 8.9 (4.2), 6.8 (4.0), and 5.7 (3.8) points, a "
    "difference from placebo of 3.2 points (95% CI 1.3 to 5.1) for UCB+EPO. Serious adverse events occurred in 3 "
    "(10.0%), 2 (6.7%), and 2 (6.7%) children, respectively.\n"
)


def test_arms_listed_with_their_sizes() -> None:
    """'(UCB+EPO, n = 30; EPO, n = 30; placebo, n = 30)': three arms with roles and sizes; 'in the UCB+EPO, EPO,
    and placebo groups, respectively' and 'in 3 (10.0%), 2 (6.7%), and 2 (6.7%) children, respectively' in order."""
    data = extract_text(THREE_ARMS, "cp").data
    roles = {a["id"]: (a["role"], a.get("size")) for a in data["arms"]}
    assert roles == {"ucb-epo": ("experimental", 30), "epo": ("active-comparator", 30),
                     "placebo": ("placebo-comparator", 30)}
    facts = _by_label(data)
    assert {(p, v) for _, p, _, k, v in facts if k == "mean"} >= {
        ("ucb-epo", Decimal("5.2")), ("epo", Decimal("3.6")), ("placebo", Decimal("2.9"))}
    assert {(p, v) for label, p, _, k, v in facts if k == "proportion" and "adverse" in label} == {
        ("ucb-epo", 3), ("epo", 2), ("placebo", 2)}
    # "the corresponding gains were 8.9 (4.2), 6.8 (4.0), and 5.7 (3.8)": no arm named, the order just stated
    assert {(p, v) for _, p, t, k, v in facts if k == "mean" and t == "P12M"} == {
        ("ucb-epo", Decimal("8.9")), ("epo", Decimal("6.8")), ("placebo", Decimal("5.7"))}
    diffs = [st for r in data["results"] for st in r["statistics"] if st["kind"] == "difference"]
    assert diffs and all(st.get("comparator") == "placebo" for st in diffs)
