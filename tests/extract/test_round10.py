"""Round 10 rules (docs/extract.md, "Round 10"): each test drafts a short invented report and checks the facts."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from msckg.extract.draft import extract_text

from .test_round6 import _facts


def _values(data: dict[str, Any]) -> set[tuple[str, str | None, str, object]]:
    return {(pop, tp, kind, value) for _, pop, tp, kind, value in _facts(data)}


def _by_label(data: dict[str, Any]) -> set[tuple[str, str, str | None, str, object]]:
    return {(label.lower(), pop, tp, kind, value) for label, pop, tp, kind, value in _facts(data)}


COHORTS = (
    "Intravenous stromal cells in moderate Parkinson's disease: a dose-escalation study\n"
    "Methods: In this open-label phase 1 study with three sequential dose cohorts, adults received a single infusion at "
    "1 × 10^6 (cohort 1), 3 × 10^6 (cohort 2) or 6 × 10^6 (cohort 3) cells/kg, five in each cohort. Continuous outcomes "
    "are summarised as mean (SD). The primary outcome was dose-limiting toxicity (DLT); secondary outcomes were the "
    "motor score and the PDQ-39 summary index.\n"
    "Results\n"
    "No DLT was observed in any cohort. Transient fever occurred in one, two and three participants of cohorts 1, 2 "
    "and 3, respectively. Two of the 15 participants (13.3%) had a fall.\n"
    "\n"
    "Cohort 2 (3 × 10^6 cells/kg)\n"
    "From a baseline of 36.0 (7.5), the score changed by −3.1 (3.3) points at month 6.\n"
    "\n"
    "Table 2. Change from baseline in the PDQ-39 summary index at 12 months, mean (SD)\n"
    "Cohort 1: −1.2 (6.0)\n"
    "Cohort 3: −5.9 (6.8)\n"
)


def test_numbered_dose_cohorts_are_arms() -> None:
    """'1 × 10^6 (cohort 1), ...': one arm per cohort with its dose and size; lists, headings, caption rows and pooled
    proportions go to the right cohort."""
    data = extract_text(COHORTS, "pd").data
    arms = {a["id"]: a for a in data["arms"]}
    assert {"cohort-1", "cohort-2", "cohort-3"} <= set(arms)
    assert arms["cohort-2"]["label"] == "cohort 2 (3 × 10^6 cells/kg)" and arms["cohort-2"]["size"] == 5
    assert data["design"]["control"] == "single-arm"
    facts = _values(data)
    assert {("cohort-1", None, "count", Decimal("1")), ("cohort-2", None, "count", Decimal("2")),
            ("cohort-3", None, "count", Decimal("3"))} <= facts
    assert {(c, None, "count", Decimal("0")) for c in ("cohort-1", "cohort-2", "cohort-3")} <= facts  # "in any cohort"
    assert ("cohort-2", "P6M", "mean", Decimal("-3.1")) in facts or ("cohort-2", "P6M", "difference", Decimal("-3.1")) in facts
    labelled = _by_label(data)
    assert any(label.startswith("pdq-39") or "pdq-39" in label for label, pop, tp, kind, value in labelled
               if pop == "cohort-3" and tp == "P12M" and value == Decimal("-5.9"))
    pooled = arms.get("all-cohorts")
    assert pooled is not None and pooled["size"] == 15
    assert ("all-cohorts", None, "proportion", 2) in facts


LETTERS = (
    "Two infusion schedules of cord stromal cells in autistic children: a randomised open-label trial\n"
    "Methods: Children were randomised to Schedule A: a single infusion of 2 x 10^6 cells/kg, or Schedule B: three "
    "infusions of 1 x 10^6 cells/kg. Schedule A is the comparator for Schedule B. There is no placebo group.\n"
    "Summary results\n"
    "CARS-2: the mean (SD) total score fell from 40.8 (4.4) at baseline to 37.6 (5.0) at week 24 in Schedule A and "
    "from 41.3 (4.9) to 36.9 (5.6) in Schedule B. Adverse events were reported in 2 patients in Schedule A and 4 in "
    "Schedule B.\n"
)


def test_lettered_arms_and_their_comparator() -> None:
    data = extract_text(LETTERS, "asd").data
    roles = {a["id"]: a["role"] for a in data["arms"]}
    assert roles == {"schedule-b": "experimental", "schedule-a": "active-comparator"}  # no placebo arm
    facts = _values(data)
    assert {("schedule-a", "P0D", "mean", Decimal("40.8")), ("schedule-a", "P24W", "mean", Decimal("37.6")),
            ("schedule-b", "P0D", "mean", Decimal("41.3"))} <= facts


DOSES = (
    "Stromal cells for Crohn's disease: a dose-ranging trial\n"
    "Methods: Patients were randomly assigned (1:1:1:1) to 0.5 × 10^6 (low dose), 1.0 × 10^6 (middle dose), or "
    "2.0 × 10^6 cells/kg (high dose) or placebo.\n"
    "Results: A response was achieved by 9 of 32 patients given placebo (28.1%), compared with 12 of 32 (37.5%; odds "
    "ratio [OR], 1.53; 95% CI, 0.54–4.39; P = .43), 17 of 32 (53.1%; OR, 2.90; 95% CI, 1.03–8.18; P = .044), and 15 "
    "of 32 (46.9%; OR, 2.25; 95% CI, 0.80–6.36; P = .12) given the low, middle, and high doses of MSCs, respectively. "
    "Rates of remission were 12.5%, 18.8%, 34.4%, and 25.0% in the placebo, low-dose, middle-dose, and high-dose groups "
    "(P = .49, P = .041, and P = .20 vs placebo).\n"
)


def test_dose_groups_listed_in_order() -> None:
    data = extract_text(DOSES, "cd").data
    assert [a["id"] for a in data["arms"]] == ["low-dose", "middle-dose", "high-dose", "placebo"]
    facts = _values(data)
    assert {("low-dose", None, "effect-size", Decimal("1.53")), ("middle-dose", None, "effect-size", Decimal("2.90")),
            ("high-dose", None, "effect-size", Decimal("2.25"))} <= {(p, None, k, v) for p, _, k, v in facts}
    assert {("middle-dose", "p-value", Decimal("0.041")), ("high-dose", "p-value", Decimal("0.20"))} <= \
        {(p, k, v) for p, _, k, v in facts}


TABLE = (
    "Marrow cells versus autograft for nonunion: a randomized trial\n"
    "Methods: Patients were randomized to BM-MSCs (BM-MSC group) or to iliac crest autograft (autograft group).\n"
    "Results\n"
    "TABLE II Outcomes at 12 Months*\n"
    "Outcome\tBM-MSC Group (N = 51)\tAutograft Group (N = 50)\tEffect Estimate (95% CI)\tP Value\n"
    "Radiographic union†\t47 (92.2%)\t45 (90.0%)\tRR 1.02 (0.90 to 1.16)\t0.72\n"
    "LEFS score§ (points)\t61.8 ± 12.1\t60.2 ± 13.4\tMD 1.6 (−3.5 to 6.7)\t0.54\n"
    "*Values are given as the number of patients, with the percentage in parentheses, unless otherwise indicated.\n"
    "†At least 3 of 4 cortices bridged on CT.\n"
    "§The values are given as the mean and standard deviation.\n"
)


def test_roman_caption_column_sizes_and_row_marks() -> None:
    """'TABLE II ... at 12 Months', '(N = 51)', '47 (92.2%)' is 47 of 51, '§' names the row's statistics, and the
    footnote '†At least 3 of 4 cortices' gives no result."""
    data = extract_text(TABLE, "nonunion").data
    union = [r for r in data["results"] for st in r["statistics"] if st["kind"] == "proportion" and st.get("numerator") == 47]
    assert union and union[0]["timepoint"] == "P12M" and union[0]["statistics"][0]["denominator"] == 51
    cell = next(a["id"] for a in data["arms"] if a["role"] == "experimental")
    facts = _values(data)
    assert {(cell, "P12M", "mean", Decimal("61.8")), (cell, "P12M", "sd", Decimal("12.1"))} <= facts
    assert not any(v == 3 for _, _, k, v in facts if k == "proportion")  # not "3 of 4 cortices"


LISTED = (
    "Cord stromal cells for poor graft function: a phase 2 study\n"
    "Results: Median ANC, platelet count, and hemoglobin rose from 0.62 × 10^9/L, 14 × 10^9/L, and 68 g/L at "
    "enrollment to 1.85 × 10^9/L, 51 × 10^9/L, and 97 g/L at day 90, respectively (P < .001 for each). Median serum "
    "AMH rose from 0.02 ng/ml (range <0.01–0.09) at baseline to 0.11 ng/ml (range <0.01–0.52) at 6 months.\n"
)


def test_listed_measures_and_small_l_units() -> None:
    facts = _by_label(LISTED and extract_text(LISTED, "pgf").data)
    assert {("anc", "P0D", Decimal("0.62")), ("platelet count", "P90D", Decimal("51")), ("hemoglobin", "P90D", Decimal("97"))} <= \
        {(label, tp, value) for label, _, tp, kind, value in facts if kind == "median"}
    assert sum(1 for label, _, tp, kind, value in facts if kind == "p-value" and tp == "P90D") == 3
    assert {("P0D", Decimal("0.02")), ("P6M", Decimal("0.11"))} <= \
        {(tp, value) for label, _, tp, kind, value in facts if "amh" in label and kind == "median"}


RELATIVE = (
    "Precursor cells in diabetic kidney disease: a randomised trial\n"
    "Methods: Participants were randomly assigned to 150 million MPCs, 300 million MPCs or placebo.\n"
    "Results: The annualised eGFR slope was -3.1 in the 150-million group, -2.3 in the 300-million group and -6.0 in "
    "the placebo group; differences "
    "from placebo were 2.9 (95% CI 0.1 to 5.7; p = 0.043) and 3.7 (95% "
    "CI 0.9 to 6.5; p = 0.010). Compared with placebo, UACR at week 24 was 18% lower with 150 million MPCs (ratio 0.82, "
    "95% CI 0.63 to 1.07) and 27% lower with 300 million MPCs (ratio 0.73, 95% CI 0.56 to 0.95). No infusion reaction "
    "occurred within 24 hours of the infusion in either group.\n"
)


def test_relative_differences_and_ratios_by_arm() -> None:
    data = extract_text(RELATIVE, "dkd").data
    facts = {(p, k, v) for p, _, k, v in _values(data)}
    assert {("150-million", "difference", Decimal("2.9")), ("300-million", "difference", Decimal("3.7"))} <= facts
    assert {("150-million", "difference", Decimal("-18")), ("300-million", "difference", Decimal("-27")),
            ("150-million", "effect-size", Decimal("0.82")), ("300-million", "effect-size", Decimal("0.73"))} <= facts
    assert {(p, "count", Decimal("0")) for p in ("150-million", "300-million", "placebo")} <= facts  # "in either group"


PAIRS = (
    "Marrow cells in a hydrogel versus microfracture for cartilage defects: a randomized trial\n"
    "Methods: Patients were randomized to BM-MSCs (MSC group; n = 36) or to microfracture (MF group; n = 36). The "
    "secondary outcomes included the Knee injury and Osteoarthritis Outcome Score (KOOS) subscales. MRI scans were "
    "scored by 2 musculoskeletal radiologists blinded to group allocation. Data are reported as mean ± SD.\n"
    "Results: Of the 72 randomized patients, 68 (94%) completed the 24-month visit. IKDC scores improved in both groups "
    "from baseline (MSC, 41.2 ± 12.6; MF, 42.0 ± 11.8) to 12 months (68.4 ± 15.1 vs 64.9 ± 16.3; P = .36). Serious "
    "adverse events occurred in 2 patients in the MSC group and 4 in the MF group.\n"
)


def test_labelled_and_parenthesised_pairs() -> None:
    data = extract_text(PAIRS, "knee").data
    labels = {e["label"] for e in data["endpoints"]}
    assert "Knee injury and Osteoarthritis Outcome Score (KOOS) subscales" in labels
    assert not any("radiologists" in label or "94" in label for label in labels)
    arms = {a["role"]: a["id"] for a in data["arms"]}
    cell, mf = arms["experimental"], arms["active-comparator"]
    facts = _values(data)
    assert {(cell, "P0D", "mean", Decimal("41.2")), (mf, "P0D", "mean", Decimal("42.0")),
            (cell, "P12M", "mean", Decimal("68.4")), (mf, "P12M", "mean", Decimal("64.9"))} <= facts
    p = [st for r in data["results"] for st in r["statistics"] if st["kind"] == "p-value" and st["value"] == Decimal("0.36")]
    assert p and p[0]["comparison"] == "comparator"
    assert {(cell, None, "count", Decimal("2")), (mf, None, "count", Decimal("4"))} <= facts
    assert not any(v == 68 for _, _, k, v in facts if k == "proportion")  # who completed a visit is no result
