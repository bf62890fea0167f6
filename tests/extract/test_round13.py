"""Round 13 rules (docs/extract.md, "Round 13"): each test drafts a short invented report and checks the facts."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from msckg.extract.draft import extract_text
from msckg.extract.timepoints import find_timepoints

from .test_round12 import _stats


def _arms(data: dict[str, Any]) -> dict[str, tuple[str, int | None]]:
    return {a["label"]: (a["role"], a.get("size")) for a in data["arms"]}


WITHIN = (
    "Stromal cell spray for deep partial-thickness foot burns: a within-patient randomised pilot\n"
    "Methods: Adults with burns of both feet were enrolled; one foot, chosen by envelope, was sprayed with allogeneic "
    "bone marrow MSCs in fibrin, using the patient's other foot as control (standard dressing). The primary outcome "
    "was time to complete re-epithelialisation. Twelve patients were enrolled.\n"
    "Results: Treated feet healed in a median of 15 days (IQR 13–17) and control feet in 21 days (IQR 18–24). "
    "At 6 months the scar score was lower on treated feet (median 2, range 1–5, vs 4, range 2–7; P = 0.01). "
    "Local infection occurred on 1 treated and 3 control feet.\n"
    "Table 2. Healing per patient\n"
    "Patient\tAge\tHealing, treated (days)\tHealing, control (days)\n"
    "1\t31\t14\t20\n"
    "2\t45\t16\t22\n"
)


def test_within_patient_sites_are_two_arms() -> None:
    """'using the patient's other foot as control': the control sites are an arm as large as the enrolment; 'Treated
    feet healed in a median of 15 days' is the time-to endpoint; the pair after 'vs' is the control's; 'on 1 treated
    and 3 control feet' counts both; a per-patient table gives no population result."""
    data = extract_text(WITHIN, "within").data
    arms = _arms(data)
    assert arms["control feet"] == ("active-comparator", 12)
    cell = next(a["id"] for a in data["arms"] if a["role"] == "experimental")
    assert next(a["size"] for a in data["arms"] if a["role"] == "experimental") == 12
    healing = {(pop, st["value"]) for pop, _, st in _stats(data, "time to complete") if st["kind"] == "median"}
    assert healing == {(cell, Decimal("15")), ("control", Decimal("21"))}
    scar = {(pop, st["value"]) for pop, _, st in _stats(data, "scar") if st["kind"] == "median"}
    assert scar == {(cell, Decimal("2")), ("control", Decimal("4"))}
    infection = {(pop, st["value"]) for pop, _, st in _stats(data, "local infection") if st["kind"] == "count"}
    assert infection == {(cell, Decimal("1")), ("control", Decimal("3"))}
    values = {st.get("value") for r in data["results"] for st in r.get("statistics", [])}
    assert Decimal("31") not in values and Decimal("45") not in values  # the patients' ages


SUMMARY = (
    "What is already known about this topic?\n"
    "• Children with severe blistering disease have few options.\n"
    "Summary\n"
    "Background Chronic wounds dominate the disease.\n"
    "Methods In this open-label study, 10 children received three infusions of allogeneic bone marrow MSCs.\n"
    "Results All 10 children received the infusions. The most frequent adverse events were fever (four children, "
    "40%), rash (three, 30%) and vomiting (2 [20%]). Abbreviations: WBA, wound body area.\n"
)


def test_summary_headed_without_colons_and_most_frequent_events() -> None:
    """'Results All 10 children ...' is the results (no colon after the heading); 'The most frequent ... were
    fever (four children, 40%), rash (three, 30%) and vomiting (2 [20%])': one proportion per event."""
    data = extract_text(SUMMARY, "summary").data
    events = {}
    for r in data["results"]:
        label = next(e["label"] for e in data["endpoints"] if e["id"] == r["endpoint"]).lower()
        for st in r["statistics"]:
            if st["kind"] == "proportion":
                events[label] = (st.get("numerator"), st.get("percentage"))
    assert events["fever"] == (4, Decimal("40"))
    assert events["rash"] == (3, Decimal("30"))
    assert events["vomiting"] == (2, Decimal("20"))


COHORTS = (
    "Dose-escalation study of marrow stromal cells in emphysema\n"
    "Methods: In this 3-cohort dose-escalation study, adults received one intravenous infusion of allogeneic bone "
    "marrow MSCs at 1 × 10^6 (cohort 1), 2 × 10^6 (cohort 2) or 4 × 10^6 cells/kg (cohort 3), five per cohort.\n"
    "Results: Adverse events by cohort are shown in Table 3.\n"
    "Table 3. Adverse events by cohort\n"
    "Cohort\tAny AE\tInfusion-related reaction\n"
    "Cohort 1 (n = 5)\t4 (80)\t0 (0)\n"
    "Cohort 2 (n = 5)\t3 (60)\t1 (20)\n"
    "Cohort 3 (n = 5)\t5 (100)\t2 (40)\n"
    "Total (n = 15)\t12 (80.0)\t3 (20.0)\n"
    "Data are number of participants (%) with at least one event over 12 months.\n"
)


def test_a_table_whose_rows_are_the_arms() -> None:
    """'Cohort 1 (n = 5)  4 (80)  0 (0)': one proportion per measure column on the row's arm, its n the row's;
    the 'Total' row is no arm's; the note under the table gives its time."""
    data = extract_text(COHORTS, "cohorts").data
    reactions = {(pop, tp, st.get("numerator"), st.get("denominator")) for pop, tp, st in _stats(data, "infusion-related")
                 if st["kind"] == "proportion"}
    assert reactions == {("cohort-1", "P12M", 0, 5), ("cohort-2", "P12M", 1, 5), ("cohort-3", "P12M", 2, 5)}


LISTS = (
    "Cord blood stromal cells with osteotomy versus osteotomy alone in varus knees\n"
    "Methods: Knees treated with MSCs at osteotomy (MSC group, n = 40) were compared with osteotomy alone (HTO group, "
    "n = 42).\n"
    "Results: At 2 years, KOOS Pain, Symptoms, and ADL scores did not differ between the MSC and HTO groups "
    "(84.6 ± 10.2 vs 81.9 ± 11.7, P = .24; 82.3 ± 11.4 vs 80.8 ± 12.5, P = .55; 88.1 ± 9.3 vs 86.4 ± 10.8, P = .42). "
    "Among organs, response rates were comparable: skin 9/12 (75.0%) vs 10/15 (66.7%), eyes 5/11 (45.5%) vs 5/13 "
    "(38.5%).\n"
)


def test_a_list_of_measures_with_one_part_each() -> None:
    """'KOOS Pain, Symptoms, and ADL scores ... (a vs b, P; c vs d, P; e vs f, P)': one measure per part, the list's
    head word on each; 'response rates were comparable: skin 9/12 ... vs ..., eyes ...': one measure per item."""
    data = extract_text(LISTS, "lists").data
    labels = {e["id"]: e["label"] for e in data["endpoints"]}
    means = {(labels[r["endpoint"]], st["value"]) for r in data["results"] for st in r["statistics"]
             if st["kind"] in ("mean", "central-value")}
    assert ("KOOS Pain", Decimal("84.6")) in means or any(label.startswith("KOOS Pain") and v == Decimal("84.6")
                                                           for label, v in means)
    assert any("ADL" in label and v == Decimal("88.1") for label, v in means)
    assert not any("ADL" in label and v == Decimal("84.6") for label, v in means)
    skin = {st["numerator"] for pop, _, st in _stats(data, "skin response") if st["kind"] == "proportion"}
    eyes = {st["numerator"] for pop, _, st in _stats(data, "eyes response") if st["kind"] == "proportion"}
    assert skin == {9, 10} and eyes == {5}


def test_a_span_of_months_is_its_end() -> None:
    """'during months 1–6' is month 6, 'over weeks 0-12' week 12; a list of weeks stays a list."""
    assert [i.duration for t in find_timepoints("lesions during months 1–6 were fewer") for i in t.items] == ["P6M"]
    assert [i.duration for t in find_timepoints("over weeks 0-12") for i in t.items] == ["P12W"]
    assert [i.duration for t in find_timepoints("at weeks 4, 12 and 24") for i in t.items] == ["P4W", "P12W", "P24W"]


SLIDES = (
    "Slide 6: Study design\n"
    "• 60 children randomized 2:1 to allogeneic Wharton's jelly MSCs (ABC-123) or placebo\n"
    "• Primary endpoint: change from baseline in C-peptide AUC at Month 12\n"
    "Slide 7: Results\n"
    "• Baseline C-peptide AUC: 0.50 nmol/L (ABC-123) and 0.52 nmol/L (placebo)\n"
    "• Change at Month 12: −0.10 nmol/L with ABC-123 vs −0.30 nmol/L with placebo¹\n"
    "• HbA1c at Month 12: 7.0% ABC-123 vs 7.5% placebo\n"
    "Abbreviations: AUC, area under the curve.\n"
)


def test_slides_changes_codes_and_percent_levels() -> None:
    """'Change at Month 12: ...' carries the measure before; 'ABC-123' is a code, not a value; 'with placebo¹' is the
    placebo (its footnote mark blanked); 'HbA1c ... 7.0%' is a level in percent, not a share of people."""
    data = extract_text(SLIDES, "slides").data
    values = {st.get("value") for r in data["results"] for st in r.get("statistics", [])}
    assert Decimal("123") not in values
    change = {(pop, st["value"]) for pop, tp, st in _stats(data, "c-peptide") if tp == "P12M" and "value" in st}
    assert (next(a["id"] for a in data["arms"] if a["role"] == "placebo-comparator"), Decimal("-0.30")) in change
    hba1c = [st for _, _, st in _stats(data, "hba1c")]
    assert hba1c and all(st["kind"] != "proportion" for st in hba1c)
    assert {st["value"] for st in hba1c} >= {Decimal("7.0"), Decimal("7.5")}


DOSES = (
    "Transendocardial marrow MSCs after myocardial infarction: a dose-ranging trial\n"
    "Methods: 96 patients were randomized to 20 million, 100 million or 200 million MSCs (the 20-million, 100-million "
    "and 200-million groups) or to placebo (n = 24 per group). Efficacy endpoints were the changes from baseline to 12 months in infarct size, LVEF, and 6MWD.\n"
    "Results: The mean change in infarct size was -2.0 (95% CI: -3.8 to -0.2), -3.5 (95% CI: -5.3 to -1.7), and -2.9 "
    "(95% CI: -4.8 to -1.0) percentage points in the 20-, 100-, and 200-million-cell groups, respectively, vs -0.3 "
    "(95% CI: -2.0 to 1.4) with placebo.\n"
)


def test_a_lead_gives_its_time_and_respectively_names_each_dose() -> None:
    """'the changes from baseline to 12 months in infarct size, LVEF, and 6MWD': each measure at 12 months; 'in the
    20-, 100-, and 200-million-cell groups, respectively': each value its dose's arm."""
    data = extract_text(DOSES, "doses").data
    timed = {e["label"]: e.get("timepoints") for e in data["endpoints"]}
    assert timed.get("LVEF") == ["P12M"]
    infarct = {(pop, st["value"]) for pop, tp, st in _stats(data, "infarct") if tp == "P12M" and st["kind"] == "mean"}
    assert {("20-million", Decimal("-2.0")), ("100-million", Decimal("-3.5")), ("200-million", Decimal("-2.9"))} <= infarct
