"""Round 7 rules (docs/extract.md, "Round 7"): each test drafts a short invented report and checks the facts."""

from __future__ import annotations

from decimal import Decimal

from msckg.extract.draft import extract_text
from msckg.extract.sections import segment
from msckg.extract.sentences import sentences
from msckg.extract.timepoints import find_timepoints

from .test_round6 import _facts


FULL_TEXT = (
    "Stromal cells for chronic pelvic pain: a crossover trial\n\n"
    "2. Methods\n"
    "Men received one infusion of UC-MSCs and one of placebo (saline with 1% albumin) in random order.\n\n"
    "3. Results\n"
    "The mean change was -7.4 points during UC-MSC periods and -2.4 points during saline periods.\n"
    "Table 2. Outcomes at period baseline and at the end of each 12-week period (n = 26)\n"
    "Outcome\tUC-MSC\tSaline\tTreatment effect (95% CI)a\tP value\n"
    "PSI total score, mean (SD)\n"
    "  Period baseline\t25.8 (4.9)\t25.3 (5.2)\t–\t–\n"
    "  Week 12\t18.4 (6.3)\t22.9 (5.8)\t−4.9 (−7.6 to −2.2)\t<0.001\n"
    "Pain score, median (IQR)\n"
    "  Week 12\t9 (6–13)\t10 (7–14)\t–\t0.41c\n"
    "a Linear mixed model.\n\n"
    "4. Discussion\n"
    "The cells lowered the score by about 5 points more than saline.\n"
)


def test_a_full_texts_numbered_sections_and_a_table_of_label_rows() -> None:
    """'3. Results' and '4. Discussion' are sections (the discussion gives nothing, the methods' 1% neither); the
    'Saline' column is the placebo arm; label rows name the measure and statistic of the time rows under them; a
    footnote letter is not part of the p-value; 'during saline periods' is the placebo arm."""
    data = extract_text(FULL_TEXT, "crossover").data
    arms = {a["id"]: a["role"] for a in data["arms"]}
    cell = data["arms"][0]["id"]
    assert arms["placebo"] == "placebo-comparator"
    facts = _facts(data)
    assert {("PSI total score", cell, "P0D", "mean", Decimal("25.8")), ("PSI total score", "placebo", "P0D", "sd", Decimal("5.2")),
            ("PSI total score", cell, "P12W", "difference", Decimal("-4.9")),
            ("Pain score", cell, "P12W", "median", Decimal("9")), ("Pain score", cell, "P12W", "p-value", Decimal("0.41")),
            ("Pain score", "placebo", "P12W", "median", Decimal("10"))} <= facts
    assert any(p == "placebo" and v == Decimal("-2.4") for _, p, _, _, v in facts)
    values = {v for *_, v in facts}
    assert Decimal("5") not in values and Decimal("1") not in values


ONE_CELL_PER_LINE = (
    "Results\n"
    "Forty patients were randomized to ADSC injection or corticosteroid injection (20 per group).\n"
    "Table 2 Clinical outcomes by treatment group\n"
    "Outcome\n"
    "ADSC (n = 20)\n"
    "Corticosteroid (n = 20)\n"
    "VAS pain, 0–100 mm\n"
    "Baseline\n"
    "64.2 (12.8)\n"
    "62.7 (13.5)\n"
    "6 months\n"
    "35.1 (18.4)‡\n"
    "52.9 (20.3)\n"
    "Key pinch strength, kg\n"
    "12 months§\n"
    "5.6 (1.5)†\n"
    "4.4 (1.6)\n"
    "Values are mean (SD) unless otherwise indicated\n"
    "† P < 0.05 and ‡ P < 0.01 versus corticosteroid\n"
)


def test_footnote_marks_give_their_p_values_and_values_are_mean_sd() -> None:
    """'Values are mean (SD)' makes the cells means and SDs; '‡' after a cell is the footnote's 'P < 0.01' against
    the other arm; ', 0–100 mm' and ', kg' are scale and unit, not the measure's name."""
    data = extract_text(ONE_CELL_PER_LINE, "marks").data
    cell = data["arms"][0]["id"]
    facts = _facts(data)
    assert {("VAS pain", cell, "P0D", "mean", Decimal("64.2")), ("VAS pain", cell, "P6M", "sd", Decimal("18.4")),
            ("Key pinch strength", cell, "P12M", "mean", Decimal("5.6"))} <= facts
    bounds = {(r["timepoint"], st["bound"]["value"]) for r in data["results"] for st in r["statistics"]
              if st["kind"] == "p-value" and "bound" in st and r["population"] == cell}
    assert bounds == {("P6M", Decimal("0.01")), ("P12M", Decimal("0.05"))}


REGISTRY = (
    "Outcome Measures\n"
    "1. Primary Outcome\n"
    "Title\tChange From Baseline in FVC Percent Predicted at Week 52\n"
    "Time Frame\tBaseline, Week 52\n"
    "Arm/Group Title\tUC-MSC\tPlacebo\n"
    "Overall Number of Participants Analyzed\t19\t18\n"
    "Mean (Standard Deviation)\n"
    "Unit of Measure:  percent predicted\t2.1  (4.6)\t-2.8  (5.1)\n"
    "Statistical Analysis 1\n"
    "Statistical Analysis Overview\tComparison Group Selection\tUC-MSC, Placebo\n"
    "Statistical Test of Hypothesis\tP-Value\t0.006\n"
    "2. Secondary Outcome\n"
    "Title\tTerminal Hair Density\n"
    "Time Frame\tWeek 12, week 24\n"
    "Arm/Group Title\tUC-MSC\tPlacebo\n"
    "Overall Number of Participants Analyzed\t19\t20\n"
    "Measure Type: Mean\n"
    "Dispersion: Standard Deviation\n"
    "Unit of Measure: hairs/cm^2\n"
    "Week 12\t38.2 (21.5)\t24.6 (17.9)\n"
    "Week 24\t61.7 (28.3)\t29.8 (20.4)\n"
    "Adverse Events\n"
)


def test_registry_rows_with_their_label_and_an_analysis_overview_on_one_line() -> None:
    data = extract_text(REGISTRY, "registry").data
    cell = data["arms"][0]["id"]
    facts = _facts(data)
    fvc = "Change From Baseline in FVC Percent Predicted"  # its time is the result's, not part of its name
    assert {(fvc, cell, "P52W", "mean", Decimal("2.1")), (fvc, "placebo", "P52W", "sd", Decimal("5.1")),
            (fvc, cell, "P52W", "p-value", Decimal("0.006")),
            ("Terminal Hair Density", cell, "P12W", "sd", Decimal("21.5")),
            ("Terminal Hair Density", "placebo", "P24W", "mean", Decimal("29.8"))} <= facts


CARRIED = (
    "Thirty-six athletes were randomized in two groups of 18: the MSC group received 10 × 10^6 AD-MSCs, while the PRP "
    "group received two injections of PRP. Data are expressed as mean ± standard deviation. Both groups improved, "
    "but significant differences in favour of the MSC group were found at 3 and 6 months. The VISA-P score was "
    "68.4 ± 11.2 and 79.6 ± 10.5 in the MSC group and 61.2 ± 12.8 and 66.9 ± 13.4 in the PRP group. Mean LVEF was "
    "26.4% (SD 5.8), 29.1% (7.2) and 30.2% (7.9) at baseline, 6 months and 12 months in the MSC group."
)


def test_a_sentence_of_no_values_lends_its_times_to_the_next() -> None:
    """'... were found at 3 and 6 months. The VISA-P score was A and B in the MSC group and C and D in the PRP group':
    each group's run takes the times in order; 'the PRP group' is the comparator though 'in the PRP group at' also
    occurs; 'at baseline, 6 months and 12 months' is one list of three."""
    data = extract_text(CARRIED, "carried").data
    cell = data["arms"][0]["id"]
    assert data["arms"][1]["role"] == "active-comparator"
    other = data["arms"][1]["id"]
    facts = _facts(data)
    assert {("VISA-P score", cell, "P3M", "mean", Decimal("68.4")), ("VISA-P score", cell, "P6M", "mean", Decimal("79.6")),
            ("VISA-P score", other, "P3M", "mean", Decimal("61.2")), ("VISA-P score", other, "P6M", "mean", Decimal("66.9"))} <= facts
    assert {(t, v) for ep, p, t, k, v in facts if ep == "LVEF" and k == "mean"} == {
        ("P0D", Decimal("26.4")), ("P6M", Decimal("29.1")), ("P12M", Decimal("30.2"))}
    [times] = [t for t in find_timepoints("at baseline, 6 months, and 12 months") if len(t.items) > 1]
    assert [i.duration for i in times.items] == ["P0D", "P6M", "P12M"]


def test_sd_ends_a_sentence_unless_a_number_follows() -> None:
    text = "The quantitative data are expressed in mean ± SD. At 6 months, healing was seen in 7 patients (SD. 3)."
    found = [s.text for s in sentences(text, segment(text))]
    assert found == ["The quantitative data are expressed in mean ± SD.",
                     "At 6 months, healing was seen in 7 patients (SD. 3)."]
