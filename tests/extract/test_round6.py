"""Round 6 rules (docs/extract.md, "Round 6"): each test drafts a short invented report and checks the facts."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from msckg.extract.draft import extract_text
from msckg.extract.statistics import find_groups
from msckg.extract.tables import join_cell_lines
from msckg.extract.timepoints import find_timepoints


def _facts(data: dict[str, Any]) -> set[tuple[str, str, str | None, str, Any]]:
    eps = {e["id"]: e["label"] for e in data["endpoints"]}
    return {(eps[r["endpoint"]], r["population"], r.get("timepoint"), st["kind"],
             st.get("value", st.get("numerator")))
            for r in data["results"] for st in r["statistics"]}


DELAYED = (
    "Stromal cells for erosive oral lesions: a delayed-start trial.\n"
    "Methods: Forty patients were randomised to immediate treatment (UC-MSC injections) or delayed treatment (gel for "
    "12 weeks, then the same injections). The primary outcome was the REU score (reticulation/erythema/ulceration) at "
    "week 12.\n"
    "Results: In the immediate group, the REU score fell from 21.6 ± 5.2 at baseline to 14.3 ± 4.8 and 9.2 ± 3.7 at "
    "weeks 4 and 12, versus 20.8 ± 5.6, 18.7 ± 5.3 and 17.2 ± 6.1 in the delayed group. Clinical response (≥50% "
    "reduction in REU score) at week 12 was achieved by 14 of 20 (70%) immediate and 4 of 20 (20%) delayed patients.\n"
)


def test_a_delayed_start_design_names_its_arms_and_their_runs() -> None:
    """'immediate'/'delayed' arms; a leading 'In the immediate group,' stays in the clause it opens; the second run
    takes the first run's times, its first value the baseline; a definition in parentheses is not the measure."""
    data = extract_text(DELAYED, "delayed").data
    assert [(a["id"], a["role"]) for a in data["arms"]][-1] == ("delayed", "active-comparator")
    cell = data["arms"][0]["id"]
    facts = _facts(data)
    reu = "REU score (reticulation/erythema/ulceration)"
    assert {(reu, cell, "P0D", "central-value", Decimal("21.6")), (reu, cell, "P12W", "central-value", Decimal("9.2")),
            (reu, "delayed", "P0D", "central-value", Decimal("20.8")),
            (reu, "delayed", "P12W", "central-value", Decimal("17.2"))} <= facts
    response = {f for f in facts if f[0].startswith("Clinical response") and f[3] == "proportion"}
    assert response == {(next(iter(response))[0], cell, "P12W", "proportion", 14),
                        (next(iter(response))[0], "delayed", "P12W", "proportion", 4)}


PLAIN = (
    "Stromal cells for jaw osteoarthritis: a retrospective study of 22 patients.\n"
    "The objective was to evaluate one injection of stromal cells in 22 patients (34 joints); values are expressed as "
    "mean ± SD; the pain measured by the VAS decreased from 6.9±1.4 at basal to 2.6±1.3 at 6 months (p<0.001), the "
    "maximum interincisal opening increased from 29.4±6.2 mm to 37.8±5.9 mm at 6 months (p<0.001), the 77.3% of the "
    "patients (17/22) improved at least one grade in the Helkimo index, and in the tomography at 6 months we "
    "observed remodelation in 12 of the 34 joints (35.3%), stability in 19 (55.9%) and progression in 3 (8.8%).\n"
)


def test_a_one_paragraph_abstract_with_one_heading_and_comma_clauses() -> None:
    data = extract_text(PLAIN, "plain").data
    facts = _facts(data)
    labels = {f[0] for f in facts}
    assert "maximum interincisal opening" in labels and "pain measured by the VAS" in labels
    assert ("maximum interincisal opening", "msc", "P6M", "mean", Decimal("37.8")) in facts
    props = {(r["statistics"][0].get("numerator"), r["statistics"][0].get("denominator"),
              r["statistics"][0].get("percentage")) for r in data["results"] if r["statistics"][0]["kind"] == "proportion"}
    # "the 77.3% of the patients (17/22)" is one proportion; "stability in 19 (55.9%)" is out of the 34 joints
    assert {(17, 22, Decimal("77.3")), (12, 34, Decimal("35.3")), (19, 34, Decimal("55.9")), (3, 34, Decimal("8.8"))} <= props


def test_forms_new_in_round_6() -> None:
    groups = {(g.form, tuple((st.kind, st.value, st.numerator, st.percentage, st.ci) for st in g.stats))
              for text in ("reached ≥7 mm in 28 cases of observation group (66.7%)",
                           "(difference 28·7 m, 4·6 to 52·8; p=0·020)",
                           "rose from 3.0 s (IQR 2.0-4.0) at baseline")
              for g in find_groups(text)}
    assert ("count_pct_group", (("proportion", None, 28, Decimal("66.7"), None),)) in groups
    assert ("named_ci_comma", (("difference", Decimal("28.7"), None, None,
                                (Decimal("4.6"), Decimal("52.8"), Decimal("0.95"))),)) in groups
    assert ("iqr", (("median", Decimal("3.0"), None, None, None),)) in groups
    times = find_timepoints("at 3, 6 and 12 months after injection respectively")
    assert [[i.duration for i in t.items] for t in times] == [["P3M", "P6M", "P12M"]]


def test_one_cell_per_line_tables_without_blank_lines() -> None:
    """A page copied without blank lines: each table ends where its rows end, so the next one is read too; a
    cell may hold a range; an adverse-event table's rows are events, 'n (%)' said once holding for them all."""
    text = (
        "Table 2 Efficacy\nOutcome\nMSC (n = 20)\nControl (n = 20)\nScore change, median (IQR)\n−14 (−22 to −6)\n"
        "−7 (−15 to 0)\nTable 3 Adverse events up to week 52\nEvent\nMSC (n = 20)\nControl (n = 20)\n"
        "Any adverse event, n (%)\n8 (40.0)\n6 (30.0)\nHeadache\n3 (15.0)\n1 (5.0)\nDiscussion\nText.\n")
    joined = join_cell_lines(text)
    assert "Score change, median (IQR)\t−14 (−22 to −6)\t−7 (−15 to 0)" in joined
    assert "Headache\t3 (15.0)\t1 (5.0)" in joined
    report = ("Stromal cells in a synthetic disease: a randomised trial.\nMethods: 40 patients were randomised to MSCs "
              "(MSC group, n = 20) or usual care (control group, n = 20).\nResults\n" + text)
    data = extract_text(report, "tables").data
    headache = [r for r in data["results"] if r["endpoint"] in
                {e["id"] for e in data["endpoints"] if e["label"] == "Headache"}]
    assert {(r["population"], r.get("timepoint"), r["statistics"][0]["numerator"], r["statistics"][0]["denominator"])
            for r in headache} == {("msc", "P52W", 3, 20), ("control", "P52W", 1, 20)}
    assert {e["instrument"] for e in data["endpoints"] if e["label"] == "Headache"} == {"adverse-events"}


def test_clause_events_and_relative_times() -> None:
    text = (
        "Stromal cells for keloids: a randomised trial.\n"
        "Methods: 48 adults were randomly assigned to AD-MSCs (n = 24) or TAC (n = 24). Secondary end points were "
        "recurrence at week 52 and adverse events.\n"
        "Results: At week 52, keloids recurred in 3 of 22 patients (13.6%) treated with AD-MSCs and 9 of 21 (42.9%) "
        "treated with TAC. Injection-site pain was reported by 18 patients (75.0%) in the AD-MSC group and 11 (45.8%) in "
        "the TAC group; skin atrophy occurred only with TAC (6 patients [25.0%]), and telangiectasia in 1 (4.2%) vs 5 "
        "(20.8%) patients. Recurrence at the same site by week 24 was observed in 1 of the 14 lesions that had closed "
        "by week 12 in the AD-MSC group.\n")
    data = extract_text(text, "keloid").data
    facts = _facts(data)
    labels = {f[0] for f in facts}
    assert {"skin atrophy", "telangiectasia"} <= labels
    assert ("telangiectasia", "control", None, "proportion", 5) in facts
    assert any(f[0].startswith("recurrence") and f[2] == "P52W" and f[4] == 3 for f in facts)
    assert any(f[4] == 1 and f[3] == "proportion" and f[2] == "P24W" for f in facts)
