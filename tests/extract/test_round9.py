"""Round 9 rules (docs/extract.md, "Round 9"): each test drafts a short invented report and checks the facts."""

from __future__ import annotations

from decimal import Decimal

from msckg.extract.draft import extract_text
from msckg.extract.markup import blank_markup
from msckg.extract.reflow import is_hard_wrapped, reflow
from msckg.extract.tables import spaced_cells

from .test_round6 import _facts


def _values(data: dict) -> set[tuple[str, str | None, str, object]]:
    return {(pop, tp, kind, value) for _, pop, tp, kind, value in _facts(data)}


REGISTER = (
    "Clinical trial results:\n"
    "A Randomised, Placebo-controlled Trial of Stromal Cells in Chronic Fatigue\n"
    "Summary\n"
    "EudraCT number\t2099-000111-22\n"
    "US NCT number\tNCT09990001\n"
    "Population of trial subjects\n"
    "Worldwide total number of subjects\t40\n"
    "End points\n"
    "End points reporting groups\n"
    "Reporting group title\tMSC\n"
    "Reporting group title\tPlacebo\n"
    "Primary: Change from baseline in fatigue score at Week 12\n"
    "End point title\tChange from baseline in fatigue score at Week 12\n"
    "End point type\tPrimary\n"
    "End point timeframe:\n"
    "Baseline to Week 12\n"
    "End point values\tMSC\tPlacebo\n"
    "Number of subjects analysed\t20\t19\n"
    "Units: score on a scale\n"
    "least squares mean (standard error)\t6.2 (± 1.1)\t2.9 (± 1.2)\n"
    "Statistical analyses\n"
    "Statistical analysis title\tFatigue Week 12\n"
    "Comparison groups\tMSC v Placebo\n"
    "P-value\t= 0.041\n"
    "Parameter estimate\tLS mean difference\n"
    "Point estimate\t3.3\n"
    "level\t95 %\n"
    "lower limit\t0.1\n"
    "upper limit\t6.5\n"
    "Secondary: Responders at Week 12\n"
    "End point title\tResponders at Week 12\n"
    "End point type\tSecondary\n"
    "End point timeframe:\n"
    "Week 12\n"
    "End point values\tMSC\tPlacebo\n"
    "Number of subjects analysed\t20\t19\n"
    "Units: Participants\n"
    "number (not applicable)\t11\t5\n"
    "Adverse events\n"
    "Adverse events information\n"
    "Timeframe for reporting adverse events:\n"
    "Day 1 to Week 12.\n"
    "Serious adverse events\tMSC\tPlacebo\n"
    "Total subjects affected by serious adverse events\n"
    "subjects affected / exposed\t1 / 20 (5.00%)\t2 / 20 (10.00%)\n"
    "number of deaths (all causes)\t0\t0\n"
    "Non-serious adverse events\tMSC\tPlacebo\n"
    "Total subjects affected by non-serious adverse events\n"
    "subjects affected / exposed\t9 / 20 (45.00%)\t8 / 20 (40.00%)\n"
    "Nervous system disorders\n"
    "Headache\n"
    "subjects affected / exposed\t3 / 20 (15.00%)\t2 / 20 (10.00%)\n"
    "occurrences (all)\t4\t2\n"
    "More information\n"
    "Limitations and caveats\n"
)


def test_an_eu_register_results_page_is_read_by_column() -> None:
    """Each end point's row of values lands on its arm with its n and timeframe; the analysis's P-value and
    estimate with its interval go to the cell arm against the comparator; adverse events per term."""
    data = extract_text(REGISTER, "register").data
    cell, other = data["arms"][0]["id"], data["arms"][1]["id"]
    assert data["enrollment"]["count"] == 40
    values = _values(data)
    assert {(cell, "P12W", "mean", Decimal("6.2")), (cell, "P12W", "plus-minus", Decimal("1.1")),
            (other, "P12W", "mean", Decimal("2.9")), (cell, "P12W", "p-value", Decimal("0.041")),
            (cell, "P12W", "difference", Decimal("3.3")), (cell, "P12W", "proportion", 11),
            (other, "P12W", "proportion", 5)} <= values
    diff = next(st for r in data["results"] for st in r["statistics"] if st["kind"] == "difference")
    assert (Decimal(str(diff["ci"]["lower"])), Decimal(str(diff["ci"]["upper"]))) == (Decimal("0.1"), Decimal("6.5"))
    responders = next(r for r in data["results"] if r["population"] == cell and r["statistics"][0]["kind"] == "proportion"
                      and r.get("timepoint") == "P12W")
    assert responders["statistics"][0]["denominator"] == 20
    labels = {e["id"]: e["label"] for e in data["endpoints"]}
    headache = [r for r in data["results"] if "headache" in labels[r["endpoint"]]]
    assert {(r["population"], st["kind"], st.get("numerator", st.get("value"))) for r in headache for st in r["statistics"]} \
        == {(cell, "proportion", 3), (cell, "count", 4), (other, "proportion", 2), (other, "count", 2)}
    # the reporting window's end is the events' timepoint (as two of the three EU-register curators record it)
    assert {r.get("timepoint") for r in data["results"] if "adverse" in labels[r["endpoint"]]} == {"P12W"}


PDF = (
    "ORIGINAL ARTICLE\n"
    "Cord stromal cells for small vessel disease: a randomized trial\n"
    "Abstract\n"
    "Methods: Patients with vascular cognitive impairment were randomized 1:1 to intravenous UC-MSCs or placebo. The\n"
    "primary outcome was the change in MoCA score at week 24.\n"
    "3 | RESULTS\n"
    "Between 2021 and 2023, 64 pa-\n"
    "tients were screened and 48 were random-\n"
    "ized (24 per group). At week 24, the MoCA\n"
    "score had improved by 2.5 (SD 2.1) in the\n"
    "UC-MSC group and by 0.8 (SD 2.0) in the pla-\n"
    "J Cogn Vasc. 2026;3:11–19.        journal.example.org        © 2026 Example Press        12\n"
    "ORIGINAL ARTICLE\n"
    "cebo group (difference 1.7, 95% CI 0.5 to\n"
    "Figure 2. MoCA change by visit. Error bars\n"
    "show 95% confidence intervals.\n"
    "2.8; p = 0.009). Serious adverse events occur-\n"
    "red in 2 (8.3%) and 3 (12.5%) patients, re-\n"
    "spectively, and no new lacunes were seen.\n"
    "Table 2. Outcomes at week 48\n"
    "Outcome UC-MSC (n = 24) Placebo (n = 24) Difference (95% CI) p\n"
    "MoCA change, week 48 2.0 (2.3) 0.4 (2.2) 1.6 (0.3 to 2.9) 0.016\n"
    "CDR-SB change, week 48 −0.3 (1.0) 0.2 (1.1) −0.5 (−1.1 to 0.1) 0.11\n"
    "Data are mean (SD).\n"
    "4 | DISCUSSION\n"
    "The improvement in cognition was modest but persisted over the whole of fol-\n"
    "low-up, which argues against a practice effect in the treated patients of this\n"
    "trial and suggests that the infused cells acted on the small vessels themselves.\n"
    "J Cogn Vasc. 2026;3:11–19.        journal.example.org        © 2026 Example Press        13\n"
)


def test_a_pdf_capture_is_joined_back_into_sentences() -> None:
    """Wrapped lines are joined in place (the text keeps its length), words broken by a hyphen are whole again,
    the running header, footer and a caption splitting a sentence are blanked, and the table whose cells the PDF
    parted by single spaces is read by column."""
    assert is_hard_wrapped(PDF)
    joined = reflow(PDF)
    assert len(joined) == len(PDF)
    words = " ".join(joined.split())  # a word put together leaves the spaces it saved after it
    assert "64 patients were screened and 48 were randomized (24 per group)" in words
    assert "in the placebo group (difference 1.7, 95% CI 0.5 to 2.8; p = 0.009)" in words
    assert "follow-up, which" in words and "occurred in 2 (8.3%)" in words
    assert "J Cogn Vasc" not in joined and "Error bars" not in joined
    assert len(spaced_cells(PDF)) == len(PDF)
    data = extract_text(PDF, "pdf").data
    cell, other = data["arms"][0]["id"], data["arms"][1]["id"]
    assert data["enrollment"]["count"] == 48
    values = _values(data)
    assert {(cell, "P24W", "mean", Decimal("2.5")), (cell, "P24W", "sd", Decimal("2.1")),
            (other, "P24W", "mean", Decimal("0.8")), (cell, "P24W", "difference", Decimal("1.7")),
            (cell, "P24W", "p-value", Decimal("0.009")),
            (cell, "P48W", "mean", Decimal("2.0")), (other, "P48W", "mean", Decimal("0.4")),
            (cell, "P48W", "p-value", Decimal("0.016")), (cell, "P48W", "mean", Decimal("-0.3"))} <= values
    assert not any(value == Decimal(12) or value == Decimal(2026) for *_, value in values)  # the footer's page


def test_text_that_is_not_wrapped_is_left_as_it_is() -> None:
    text = "Results: Forty patients were randomized.\nAt week 12, pain fell from 6.1 to 3.2.\n"
    assert not is_hard_wrapped(text) and reflow(text) == text


SYNOPSIS = (
    "# CLINICAL STUDY REPORT SYNOPSIS\n\n"
    "**Name of Finished Product:** ABX-UC07\n\n"
    "**Name of Active Ingredient:** Allogeneic umbilical cord mesenchymal stromal cells (UC-MSCs)\n\n"
    "## Methodology\n\n"
    "Randomized (1:1), double-blind, placebo-controlled study. Patients received 2 infusions of ABX-UC07 or placebo.\n\n"
    "## Number of Patients (Planned and Analyzed)\n\n"
    "- Randomized: 36 (ABX-UC07, 18; placebo, 18)\n\n"
    "## Statistical Methods\n\n"
    "The primary endpoint was analyzed using a mixed model with baseline FVC % predicted as a covariate.\n\n"
    "## Summary of Results\n\n"
    "### Demographic and Baseline Characteristics\n\n"
    "Mean (SD) age was 61.2 (7.4) years and mean (SD) FVC was 71.3 (10.8)% predicted.\n\n"
    "### Efficacy Results\n\n"
    "**Primary endpoint:** The mean change from baseline to Week 24 in FVC % predicted was +2.2 in the ABX-UC07 "
    "group and −1.9 in the placebo group (p = 0.004).\n\n"
    "**Secondary endpoints:** Results at Week 24 are summarized below.\n\n"
    "| Endpoint | MSC (n=18) | Placebo (n=18) | p |\n"
    "|---|---|---|---|\n"
    "| 6MWD (m), change from baseline, mean (SD) | +24 (40) | −8 (45) | 0.03 |\n\n"
    "### Safety Results\n\n"
    "- TEAEs were reported in 12/18 (66.7%) patients receiving ABX-UC07 and 11/18 (61.1%) patients receiving placebo.\n"
)


def test_a_markdown_report_reads_like_prose() -> None:
    """Markdown marks are blanked in place; the product's code names the cell arm; '% predicted' is a unit; the
    baseline characteristics give nothing; a sentence leading into a table gives its rows their time."""
    assert len(blank_markup(SYNOPSIS)) == len(SYNOPSIS)
    assert "**" not in blank_markup(SYNOPSIS) and "#" not in blank_markup(SYNOPSIS)
    data = extract_text(SYNOPSIS, "synopsis").data
    cell, other = data["arms"][0]["id"], data["arms"][1]["id"]
    assert data["arms"][1]["role"] == "placebo-comparator"
    values = _values(data)
    assert {(cell, "P24W", "mean", Decimal("2.2")), (other, "P24W", "mean", Decimal("-1.9")),
            (cell, "P24W", "p-value", Decimal("0.004")), (cell, "P24W", "mean", Decimal("24")),
            (other, "P24W", "mean", Decimal("-8")), (cell, None, "proportion", 12), (other, None, "proportion", 11)} <= values
    assert not any(value in (Decimal("61.2"), Decimal("71.3")) for *_, value in values)
    assert not any("covariate" in e["label"] for e in data["endpoints"])


VISITS = (
    "Autologous bone marrow MSCs in polycystic kidney disease: a pilot study\n"
    "Methods: Twelve adults received one intravenous infusion of autologous BM-MSCs.\n"
    "Results\n"
    "Table 2. Kidney function during follow-up\n"
    "Variable\tBaseline (n = 12)\tMonth 6 (n = 12)\tMonth 12 (n = 11)\tP (month 12 vs baseline)\n"
    "eGFR, mL/min/1.73 m2\t44.8 ± 8.9\t44.1 ± 9.6\t42.9 ± 10.2\t.21\n"
    "Values are mean ± SD.\n"
)


def test_a_single_arm_table_whose_columns_are_visits() -> None:
    data = extract_text(VISITS, "visits").data
    arm = data["arms"][0]["id"]
    values = _values(data)
    assert {(arm, "P0D", "mean", Decimal("44.8")), (arm, "P6M", "mean", Decimal("44.1")),
            (arm, "P12M", "mean", Decimal("42.9")), (arm, "P12M", "p-value", Decimal("0.21"))} <= values
    last = next(r for r in data["results"] if r.get("timepoint") == "P12M")
    assert last["n"] == 11
    assert next(st for st in last["statistics"] if st["kind"] == "p-value")["comparison"] == "baseline"


SHORTHAND = (
    "Stromal cells for dry atrophy: a randomized sham-controlled trial\n"
    "Methods: Sixty-six eyes were randomized to sub-Tenon UC-MSCs or sham. Outcomes were the geographic atrophy "
    "(GA) area and adverse events.\n"
    "Results: The mean GA area increased from 7.84 mm2 at baseline to 9.36 mm2 at month 12 in the UC-MSC group. "
    "Conjunctival hyperemia was more frequent with UC-MSCs (10 eyes, 29.4%) than with sham (3 eyes, 9.4%). "
    "No patient in the UC-MSC group developed endophthalmitis, and the injections were given with no "
    "infusion-related reactions.\n"
    "結果：平均GA面積は7.84 mm2から9.36 mm2に拡大した．\n"
    "결과: 평균 GA 면적은 7.84 mm2에서 9.36 mm2로 증가하였다.\n"
)


def test_squared_units_counts_of_eyes_zero_counts_and_translations() -> None:
    data = extract_text(SHORTHAND, "shorthand").data
    cell, other = data["arms"][0]["id"], data["arms"][1]["id"]
    values = _values(data)
    assert {(cell, "P0D", "mean", Decimal("7.84")), (cell, "P12M", "mean", Decimal("9.36")),
            (cell, None, "proportion", 10), (other, None, "proportion", 3)} <= values
    assert not any(value == 2 for *_, value in values)  # the "2" of "mm2"
    zeros = {r["endpoint"] for r in data["results"] for st in r["statistics"] if st["kind"] == "count" and st["value"] == 0}
    assert any("endophthalmitis" in e for e in zeros) and any("reaction" in e for e in zeros)
    assert len([r for r in data["results"] if r.get("timepoint") == "P12M"]) == 1  # the Japanese and Korean lines give none


POSTER = (
    "◀ Back to results    Search posters    Session P07    Poster 712 of 986    ▶ Next\n"
    "TWO DOSES OF ADIPOSE STEM CELLS FOR PERIANAL FISTULAS\n"
    "METHODS\n"
    "• Randomised, double-blind trial of 60 million vs 120 million allogeneic ASCs\n"
    "RESULTS\n"
    "• 55 patients treated (60M: n=28; 120M: n=27)\n"
    "• Combined remission at week 24: 14/28 (50.0%) with 60M vs 16/27 (59.3%) with 120M (p=0.59)\n"
    "• Mean HbA1c at week 24 was 6.6% (SD 0.8%) v 7.1% (0.9%) (p=0.21)\n"
)


def test_poster_bullets_dose_shorthand_and_the_bmj_v() -> None:
    data = extract_text(POSTER, "poster").data
    arms = {a["id"]: a for a in data["arms"]}
    assert {a.get("size") for a in arms.values()} == {28, 27}
    low, high = data["arms"][0]["id"], data["arms"][1]["id"]
    facts = _facts(data)
    assert {("Combined remission", low, "P24W", "proportion", 14), ("Combined remission", high, "P24W", "proportion", 16)} \
        <= {(label, pop, tp, kind, value) for label, pop, tp, kind, value in facts}
    values = _values(data)
    assert (low, "P24W", "mean", Decimal("6.6")) in values and (high, "P24W", "mean", Decimal("7.1")) in values
    assert not any(value in (712, 986) for *_, value in values)  # the site's bar of links


def _evidence(value: object) -> list[str]:
    if isinstance(value, dict):
        return ([value["evidence"]] if "evidence" in value else []) + [e for v in value.values() for e in _evidence(v)]
    if isinstance(value, list):
        return [e for v in value for e in _evidence(v)]
    return []


def test_evidence_is_the_source_verbatim_whatever_the_reader_saw() -> None:
    """The reader sees a PDF's lines joined and Markdown's marks blanked; the evidence a curator checks is the
    sentence as the capture has it."""
    for text in (PDF, SYNOPSIS, REGISTER, POSTER):
        quotes = _evidence(extract_text(text, "doc").data)
        assert len(quotes) >= 5 and all(q in text for q in quotes)


def test_each_value_with_its_arm_in_parentheses() -> None:
    """'Median time to clinical remission: 8.1 weeks (60M) vs 6.3 weeks (120M)' and '18 days (MSC) vs 25 days
    (placebo)': the arm after each value in parentheses is that value's."""
    data = extract_text("Methods: Patients were randomised to MSCs or placebo.\nResults: The median length of stay "
                        "was 18 days (MSC) vs 25 days (placebo) (p = 0.03).", "stay").data
    cell, other = data["arms"][0]["id"], data["arms"][1]["id"]
    assert {(cell, None, "median", Decimal("18")), (other, None, "median", Decimal("25")),
            (cell, None, "p-value", Decimal("0.03"))} <= _values(data)
    data = extract_text(POSTER + "• Median time to clinical remission: 8.1 weeks (60M) vs 6.3 weeks (120M)\n", "poster").data
    low, high = data["arms"][0]["id"], data["arms"][1]["id"]
    assert {(low, None, "median", Decimal("8.1")), (high, None, "median", Decimal("6.3"))} <= _values(data)


GERMAN = (
    "Intradiscal stromal cells for discogenic back pain: a randomized trial\n"
    "Methods: Sixty-six patients were randomly assigned to MSCs or saline. The primary end point was the change in "
    "pain intensity (VAS 0–10) after 12 months.\n"
    "Results: After 12 months, pain intensity had decreased by 3,4 points in the MSC group and by 1,9 points in the "
    "saline group; the difference was −1,5 points (95% confidence interval: [−2,6; −0,4]; p = 0,008). The responder "
    "criterion was met by 48,5 % (16/33) and 21,2 % (7/33) of patients (p = 0,02).\n"
    "Zusammenfassung\n"
    "Ergebnisse: Nach 12 Monaten sank die Schmerzintensität um 3,4 Punkte (p = 0,008).\n"
    "Registro: ClinicalTrials.gov NCT09990123.\n"
    "https://doi.org/10.1186/ISRCTN99990123\n"
)


def test_decimal_commas_bracketed_intervals_and_an_abstract_in_another_language() -> None:
    """A document that writes its p-values and percentages with a comma writes every decimal so; '[−2,6; −0,4]'
    is an interval; the German abstract after 'Zusammenfassung' gives no results but may state the registration;
    a registry record's own DOI is no publication's."""
    data = extract_text(GERMAN, "german").data
    cell = data["arms"][0]["id"]
    values = _values(data)
    assert (cell, "P12M", "p-value", Decimal("0.008")) in values
    assert (cell, "P12M", "proportion", 16) in values
    diff = next(st for r in data["results"] for st in r["statistics"] if st["kind"] == "difference" and "ci" in st)
    assert Decimal(str(diff["value"])) == Decimal("-1.5")
    assert (Decimal(str(diff["ci"]["lower"])), Decimal(str(diff["ci"]["upper"]))) == (Decimal("-2.6"), Decimal("-0.4"))
    assert len([r for r in data["results"] for st in r["statistics"] if st["kind"] == "p-value"
                and st.get("value") == Decimal("0.008")]) == 1  # not again from the German lines
    assert [r["id"] for r in data["registrations"]] == ["NCT09990123"]
    assert "doi" not in data.get("publications", [{}])[0]


def test_other_work_names_no_comparator() -> None:
    """'must be tested against placebo' and 'a placebo-controlled study is being planned' are about other work."""
    text = ("Methods: Fifteen adults received one intravenous infusion of allogeneic MSCs in an open-label study.\n"
            "Results: The score fell by 3.1 (SD 3.3) points at month 6.\n"
            "Conclusions: The improvements must be tested against placebo. A randomised, placebo-controlled study is "
            "being planned.\n")
    data = extract_text(text, "open").data
    assert [a["role"] for a in data["arms"]] == ["experimental"]
