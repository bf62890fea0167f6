"""msckg.extract: statistic forms, boilerplate, evidence offsets, drafts that build, measured quality.

Texts in this file and in tests/extract/fixtures/ are synthetic (invented trials), written for
these tests; the seed documents are read from ../shared through the `shared_dir` fixture.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from msckg.builder.build import build
from msckg.builder.loader import load_study
from msckg.cli import main
from msckg.extract import draft_yaml, extract_file, extract_text, write_draft
from msckg.extract.evaluate import Tally
from msckg.extract.measure import measure_folder
from msckg.extract.statistics import find_groups
from msckg.extract.timepoints import find_timepoints
from msckg.resources import bundled_studies_dir

FIXTURES = Path(__file__).parent / "fixtures"


def _stats(text: str) -> list[tuple]:
    out = []
    for g in find_groups(text):
        for s in g.stats:
            out.append((s.kind, s.value, s.relation, s.numerator, s.denominator, s.percentage, s.ci))
    return out


@pytest.mark.parametrize(("text", "expected"), [
    # a value given with its SD is a mean (round 9)
    ("fell to 18.68 (SD = 7.26, n = 41)", [("mean", Decimal("18.68"), None, None, None, None, None),
                                           ("sd", Decimal("7.26"), None, None, None, None, None)]),
    ("the mean score was 9.50 (SD 1.20)", [("mean", Decimal("9.50"), None, None, None, None, None),
                                          ("sd", Decimal("1.20"), None, None, None, None, None)]),
    ("decreased to 10.83±4.63", [("central-value", Decimal("10.83"), None, None, None, None, None),
                                 ("plus-minus", Decimal("4.63"), None, None, None, None, None)]),
    ("a difference of -10.8% (95% CI: -20.7%, -1.5%, p = 0.030)",
     [("difference", Decimal("-10.8"), None, None, None, None, (Decimal("-20.7"), Decimal("-1.5"), Decimal("0.95"))),
      ("p-value", Decimal("0.030"), None, None, None, None, None)]),
    ("with a large effect (ES = 0.83)", [("effect-size", Decimal("0.83"), None, None, None, None, None)]),
    ("improved (p < 0.01)", [("p-value", Decimal("0.01"), "<", None, None, None, None)]),
    ("survived in 38 out of 41 patients", [("proportion", None, None, 38, 41, None, None)]),
    ("responded (14/40, 35.0%)", [("proportion", None, None, 14, 40, Decimal("35.0"), None)]),
    ("responded in 12 of 20 (60%)", [("proportion", None, None, 12, 20, Decimal(60), None)]),
    ("a hazard ratio of 0.62 (95% CI 0.41-0.93)",
     [("effect-size", Decimal("0.62"), None, None, None, None, (Decimal("0.41"), Decimal("0.93"), Decimal("0.95")))]),
    ("no serious adverse events were observed", [("count", Decimal(0), None, None, None, None, None)]),
    ("in this phase 1/2 study", []),
    ("the mean FEV1 rose from 1.21 L to 1.38 L", [("mean", Decimal("1.21"), None, None, None, None, None),
                                                ("mean", Decimal("1.38"), None, None, None, None, None)]),
    ("patients treated from 2009 to 2017", []),
    # a decrease is a negative difference: the verb gives the sign the number does not carry
    ("the exacerbation rate decreased by 35%", [("difference", Decimal(-35), None, None, None, None, None)]),
    ("median 6.0 (IQR 5.5-6.5)", [("median", Decimal("6.0"), None, None, None, None, None)]),
    ("odds ratio 2.10 (95% confidence interval [CI], 1.20 to 3.40; P value of 0.01)",
     [("effect-size", Decimal("2.10"), None, None, None, None, (Decimal("1.20"), Decimal("3.40"), Decimal("0.95"))),
      ("p-value", Decimal("0.01"), None, None, None, None, None)]),
    ("a lower risk (RR, 0.80) and P=0·03", [("effect-size", Decimal("0.80"), None, None, None, None, None),
                                            ("p-value", Decimal("0.03"), None, None, None, None, None)]),
    # forms added for the blind tune/ fixtures (2026-11-26)
    ("The mean (SD) score fell from 26.4 (4.1) to 20.3 (5.6)",
     [("mean", Decimal("26.4"), None, None, None, None, None), ("sd", Decimal("4.1"), None, None, None, None, None),
      ("mean", Decimal("20.3"), None, None, None, None, None), ("sd", Decimal("5.6"), None, None, None, None, None)]),
    ("days were 12 [0-22] versus 4 [0-17] (median [IQR]; p = 0.04)",
     [("median", Decimal(12), None, None, None, None, None), ("median", Decimal(4), None, None, None, None, None),
      ("p-value", Decimal("0.04"), None, None, None, None, None)]),
    ("bilirubin was 168.5 μmol/L (IQR 102.3-245.0)", [("median", Decimal("168.5"), None, None, None, None, None)]),
    ("it hardly changed in the low-dose group (+2.3%, SD 9.5)",
     [("difference", Decimal("2.3"), None, None, None, None, None),
      ("sd", Decimal("9.5"), None, None, None, None, None)]),
    ("events in two of the six patients", [("proportion", None, None, 2, 6, None, None)]),
    ("in 13 of the 18 controls (72.2%; p = 0.10)", [("proportion", None, None, 13, 18, Decimal("72.2"), None),
                                                    ("p-value", Decimal("0.10"), None, None, None, None, None)]),
    ("Severe infections occurred in 8 of 56 and 17 of 54 patients, respectively (14.3% vs 31.5%)",
     [("proportion", None, None, 8, 56, Decimal("14.3"), None),
      ("proportion", None, None, 17, 54, Decimal("31.5"), None)]),
    ("No dose-limiting toxicity and no serious adverse event attributable to the cells occurred",
     [("count", Decimal(0), None, None, None, None, None), ("count", Decimal(0), None, None, None, None, None)]),
    ("no infusion-associated haemodynamic instability occurred", [("count", Decimal(0), None, None, None, None, None)]),
    ("no significant difference was observed", []),
    ("one infant in the high-dose cohort had a brief desaturation",
     [("count", Decimal(1), None, None, None, None, None)]),
    ("IL-6 fell from a median of 412 pg/mL before transplantation to 128 pg/mL",
     [("median", Decimal(412), None, None, None, None, None), ("median", Decimal(128), None, None, None, None, None)]),
    ("FVC declined by 4.2% (95% CI 1.1 to 7.3) in A and by 9.8% (95% CI 6.0 to 13.6) in B",
     [("difference", Decimal("-4.2"), None, None, None, None, (Decimal("-7.3"), Decimal("-1.1"), Decimal("0.95"))),
      ("difference", Decimal("-9.8"), None, None, None, None, (Decimal("-13.6"), Decimal("-6.0"), Decimal("0.95")))]),
    # a change is a difference unless the clause names its statistic: "by a mean of" makes it a mean
    ("the score increased by a mean of 6.4 points (SD 5.1) in treated patients and 1.9 points (SD 3.2) in controls",
     [("mean", Decimal("6.4"), None, None, None, None, None),
      ("sd", Decimal("5.1"), None, None, None, None, None),
      ("mean", Decimal("1.9"), None, None, None, None, None),
      ("sd", Decimal("3.2"), None, None, None, None, None)]),
    ("responses in about six of ten children", []),
    # forms added in round 2, from the holdout/ documents (no longer blind) and probe abstracts
    # a change from baseline is a difference unless its statistic is named ("The mean EDSS changed by")
    ("The mean EDSS changed by \u22120.22 \u00b1 0.41 in the IT group",
     [("mean", Decimal("-0.22"), None, None, None, None, None),
      ("plus-minus", Decimal("0.41"), None, None, None, None, None)]),
    ("AIS grade improved in seven of the 22 MSC-treated patients (31.8%)",
     [("proportion", None, None, 7, 22, Decimal("31.8"), None)]),
    ("There were three deaths in the control group and one in the MSC group",
     [("count", Decimal(3), None, None, None, None, None), ("count", Decimal(1), None, None, None, None, None)]),
    ("two infusion reactions in the MSC group and none in the placebo group",
     [("count", Decimal(2), None, None, None, None, None), ("count", Decimal(0), None, None, None, None, None)]),
    ("headache in 9 IT-treated patients and fever in 3 patients of the IV group",
     [("count", Decimal(9), None, None, None, None, None), ("count", Decimal(3), None, None, None, None, None)]),
    # a list of events none of which occurred: a zero count for each
    ("LVEF rose by 3.9 \u00b1 5.2 percentage points",
     [("difference", Decimal("3.9"), None, None, None, None, None),
      ("plus-minus", Decimal("5.2"), None, None, None, None, None)]),
    ("no meningitis, tumour formation or syrinx enlargement was seen",
     [("count", Decimal(0), None, None, None, None, None)] * 3),
    (("1 (range 0-4) and 2 (range 0-7) in the IV and sham groups, and lesions were present in one and six patients, "
     "respectively"), [("central-value", Decimal(1), None, None, None, None, None),
                      ("central-value", Decimal(2), None, None, None, None, None),
                      ("count", Decimal(1), None, None, None, None, None),
                      ("count", Decimal(6), None, None, None, None, None)]),
    ("The walk improved by at least 20% in five IT-treated patients (31.3%)",
     [("proportion", None, None, 5, None, Decimal("31.3"), None)]),
    ("healing took 56 days in the PMSC group versus 84 days in the control group", []),
    ("Proteinuria fell to 0.9 g/24 h in the MSC group", []),
    ("MACE: HR 0.55 (0.18-1.64)",
     [("effect-size", Decimal("0.55"), None, None, None, None, (Decimal("0.18"), Decimal("1.64"), Decimal("0.95")))]),
    ("healing in 13 of 21 versus 6 of 19 (61.9% vs 31.6%; p = 0.054)",
     [("proportion", None, None, 13, 21, Decimal("61.9"), None),
      ("proportion", None, None, 6, 19, Decimal("31.6"), None),
      ("p-value", Decimal("0.054"), None, None, None, None, None)]),
])
def test_statistic_forms(text: str, expected: list[tuple]) -> None:
    assert _stats(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("By day 60, 8 patients had died", [("P60D",)]),
    ("at weeks 4, 12 and 24", [("P4W", "P12W", "P24W")]),
    ("The median duration was 17 days (range 6-39)", []),
    ("BPD at 36 weeks' postmenstrual age", []),
])
def test_timepoint_forms(text: str, expected: list[tuple[str, ...]]) -> None:
    assert [tuple(i.duration for i in t.items) for t in find_timepoints(text)] == expected


ROUTES = (
    "Intravenous versus intrathecal autologous mesenchymal stem cells in amyotrophic lateral sclerosis: "
    "a randomized sham-controlled trial.\n"
    "METHODS: Sixty patients with ALS were randomly assigned to intravenous MSCs (IV group, n = 20; "
    "2 × 10^6 cells/kg), intrathecal MSCs (IT group, n = 20; 1 × 10^6 cells/kg) or a sham procedure (sham group, "
    "n = 20). The primary endpoint was the change from baseline in the ALSFRS-R score at 6 months.\n"
    "RESULTS: The mean change from baseline in ALSFRS-R at 6 months was -3.1 (SD 2.4) in the IT group, -5.0 "
    "(SD 2.9) in the IV group and -6.2 (SD 3.1) in the sham group (IT vs sham, p = 0.002; IV vs sham, p = 0.21). "
    "FVC declined by 4.2% (95% CI 1.1 to 7.3) in the IT group and by 9.8% (95% CI 6.0 to 13.6) in the sham group.\n"
    "Table 2 Outcomes at 12 months\n"
    "Outcome IT (n = 20) Sham (n = 20) P\n"
    "Grip strength, kg 21.5 ± 4.1 17.2 ± 5.0 0.02\n"
)


ROUND2 = (
    "Allogeneic MSCs in ischaemic heart failure: a randomised trial.\n"
    "Methods: 60 patients were randomised to transendocardial MSCs or a sham procedure; patients and assessors were "
    "blinded. Endpoints at 12 months were the change in LVEF and 6-minute walk distance (6MWD). The primary outcome "
    "was treatment failure, defined as hospitalisation for heart failure, at 6 months.\n"
    "Results: After a median follow-up of 26 months, treatment failure occurred in 4 of 30 (13.3%) MSC-treated "
    "patients and 9 of 30 (30.0%) sham-treated patients. The 6MWD improved by 38 m (SD 61) with MSCs. "
    "There were three deaths in the sham group and one in the MSC group.\n"
    "Conclusions: A phase 3 trial is under way.\n"
)
RUN_IN = (
    "Scaffold-loaded MSCs for intrauterine adhesions.\n"
    "Objective To explore the effect of umbilical cord MSCs. Methods Forty patients were divided into an observation "
    "group and a control group by the random number table method. Results At 3 months after surgery, the endometrial "
    "thickness of the observation group was (7.9\u00b11.3) mm, and that of the control group was (6.2\u00b11.5) mm "
    "(P<0.001). The re-adhesion rate of the observation group was 12.5% (5/40), lower than 32.5% (13/40) in the "
    "control group (P=0.032). Conclusion The scaffold helps.\n"
)


def test_trial_wide_timepoints_design_and_counts() -> None:
    """One timepoint for an endpoint list frames its results; a median follow-up frames nothing; two parties
    blinded is double-blind, a sham procedure is placebo control, a future phase 3 trial is not this trial's."""
    data = extract_text(ROUND2, "round2").data
    design = data["design"]
    assert design["masking"] == "double-blind" and design["control"] == "placebo"
    assert "phase-3" not in design.get("phases", [])
    eps = {e["id"]: e for e in data["endpoints"]}
    labelled = [(eps[r["endpoint"]]["label"], r) for r in data["results"]]
    walk = [r for label, r in labelled if "6MWD" in label or "walk" in label]
    assert walk and all(r["timepoint"] == "P12M" for r in walk)
    failure = [r for label, r in labelled if label.startswith("treatment failure")]
    assert {(r["population"], r["timepoint"]) for r in failure} == {("msc", "P6M"), ("sham", "P6M")}
    deaths = sorted((r["statistics"][0]["value"], r["population"], r.get("timepoint")) for label, r in labelled
                    if label == "deaths")
    assert deaths == [(1, "msc", None), (3, "sham", None)]


def test_run_in_headings_and_compared_groups() -> None:
    """'Results At 3 months after surgery, ...' frames the results and is no part of an endpoint label; a value
    compared 'lower than' a later group's value stays with the group named before it."""
    data = extract_text(RUN_IN, "run-in").data
    eps = {e["id"]: e for e in data["endpoints"]}
    assert not any("Results" in e["label"] or "group" in e["label"] for e in eps.values())
    roles = {a["id"]: a["role"] for a in data["arms"]}
    got = {(eps[r["endpoint"]]["label"], roles[r["population"]], r.get("timepoint"),
            str(r["statistics"][0].get("value", r["statistics"][0].get("percentage")))) for r in data["results"]}
    assert ("endometrial thickness", "experimental", "P3M", "7.9") in got
    assert ("endometrial thickness", "active-comparator", "P3M", "6.2") in got
    assert ("re-adhesion rate", "experimental", "P3M", "12.5") in got
    assert ("re-adhesion rate", "active-comparator", "P3M", "32.5") in got


def test_several_arms_and_a_flattened_table() -> None:
    """Route-named arms, the arm a comparison names, within-group changes, a table read by column."""
    data = extract_text(ROUTES, "routes").data
    assert [(a["id"], a["role"], a.get("size")) for a in data["arms"]] == [
        ("iv", "experimental", 20), ("it", "experimental", 20), ("sham", "placebo-comparator", 20)]
    got = {(r["population"], r.get("timepoint"), st["kind"], st.get("value"))
           for r in data["results"] for st in r["statistics"]}
    assert {("it", "P6M", "mean", Decimal("-3.1")), ("it", "P6M", "p-value", Decimal("0.002")),
            ("iv", "P6M", "mean", Decimal("-5.0")), ("iv", "P6M", "p-value", Decimal("0.21")),
            ("sham", "P6M", "mean", Decimal("-6.2")), ("it", None, "difference", Decimal("-4.2")),
            ("sham", None, "difference", Decimal("-9.8")), ("it", "P12M", "central-value", Decimal("21.5")),
            ("it", "P12M", "p-value", Decimal("0.02")), ("sham", "P12M", "central-value", Decimal("17.2"))} <= got
    assert [p["dose"]["value"] for p in data["products"]] == [2000000, 1000000]


SYNTHETIC = """\
Skip to main content
A synthetic phase 2 trial of bone marrow mesenchymal stromal cells in knee osteoarthritis
Abstract
Methods
In this randomised, double-blind, placebo-controlled trial, 40 patients with knee osteoarthritis received a single intra-articular injection of 5 × 10(7) autologous bone marrow-derived mesenchymal stromal cells or placebo. The primary endpoint was pain on a visual analogue scale (VAS).
Results
The VAS pain score decreased from 61.2 (SD = 9.4, n = 20) at baseline to 40.1 (SD = 10.2, n = 20), 35.3 (SD = 11.0, n = 19), and 33.0 (SD = 12.5, n = 18) at 3, 6, and 12 months, respectively, in the MSC group.
Trial registration: NCT09999990.
合成试验:40 名患者,VAS 从 61.2 下降至 33.0(p<0.01)。
References
1. Smith J, Doe A (2019) Another trial of 1234 patients with 55.5% response. J Synth Med 12(3):45-67. https://doi.org/10.9999/other.2019.1
Copyright © 2024. All rights reserved. 717 readers.
"""


def test_synthetic_document_offsets_and_no_boilerplate_facts() -> None:
    draft = extract_text(SYNTHETIC, "synthetic")
    data = draft.data
    start = SYNTHETIC.index("Results")
    end = SYNTHETIC.index("合成试验")
    mrss = [r for r in data["results"] if r["endpoint"] == "pain"]
    assert [(r.get("timepoint"), r["statistics"][0]["value"], r.get("n")) for r in mrss] == [
        ("P0D", Decimal("61.2"), 20), ("P3M", Decimal("40.1"), 20), ("P6M", Decimal("35.3"), 19),
        ("P12M", Decimal("33.0"), 18)]
    for res in data["results"]:  # every result comes from the English results, never the references
        ext = res["extraction"]
        assert start <= ext["start"] < ext["end"] <= end
        assert res["evidence"] in SYNTHETIC
        for st in res["statistics"]:
            assert SYNTHETIC[st["extraction"]["start"]:st["extraction"]["end"]] == st["reported_as"]
    text = draft_yaml(draft).split("# Numbers in result sentences")[0]
    for trap in ("55.5", "1234", "717"):
        assert trap not in text
    assert data["registrations"][0]["id"] == "NCT09999990"
    assert data["design"]["masking"] == "double-blind" and data["design"]["control"] == "placebo"
    product = data["products"][0]
    assert (product["dose"]["value"], product["route"], product["donor"]) == (50000000, "intra-articular", "autologous")
    assert data["conditions"][0]["term"] == "MONDO:0005416"


def test_enrolment_with_thousands_separator() -> None:
    draft = extract_text("Methods: A total of 1,204 patients with knee osteoarthritis were randomized.", "doc")
    assert draft.data["enrollment"]["count"] == 1204


def test_low_confidence_is_flagged_and_unplaced_numbers_listed(tmp_path: Path) -> None:
    text = ("Methods: 30 patients with Crohn's disease received umbilical cord MSCs. "
            "Results: Values reached 12.5 ± 3.1 and the index was 44 at some point.")
    draft = extract_text(text, "doc")
    res = draft.data["results"]
    assert res and all(r["extraction"]["review"] for r in res)  # no endpoint named: flagged, kept
    out = tmp_path / "d.yaml"
    write_draft(draft, out)
    body = out.read_text(encoding="utf-8")
    assert "'44'" in body and "no rule placed" in body
    assert load_study(out).results


def _fixture_drafts(tmp_path: Path) -> Path:
    studies = tmp_path / "studies"
    for doc in sorted(FIXTURES.glob("*.txt")):
        write_draft(extract_file(doc), studies / f"{doc.stem}.yaml")
    return studies


@pytest.mark.parametrize(("folder", "documents", "precision", "recall"), [
    ("tune", 5, 0.97, 0.97), ("holdout", 5, 0.86, 0.84), ("blind2", 6, 0.90, 0.89), ("dev3", 8, 0.88, 0.87),
    ("blind3", 6, 0.85, 0.78), ("dev4", 8, 0.85, 0.77), ("blind4", 6, 0.85, 0.76), ("blind5", 5, 0.77, 0.80),
    ("blind6", 5, 0.92, 0.93), ("dev5", 6, 0.88, 0.85), ("dev6", 6, 0.78, 0.74), ("dev7", 6, 0.82, 0.84),
    ("blind7", 6, 0.78, 0.73), ("blind8", 6, 0.80, 0.85), ("blind9", 8, 0.72, 0.71), ("blind10", 8, 0.89, 0.82),
    ("blind11", 8, 0.83, 0.80), ("blind12", 8, 0.83, 0.75), ("blind13", 8, 0.79, 0.77), ("blind14", 8, 0.76, 0.67),
    ("blind15", 8, 0.72, 0.82), ("blind16", 8, 0.89, 0.90), ("blind17", 8, 0.74, 0.71), ("blind18", 8, 0.77, 0.79),
    ("blind19", 8, 0.54, 0.60), ("blind20", 8, 0.68, 0.69), ("blind21", 8, 0.73, 0.68), ("blind22", 8, 0.74, 0.80),
    ("blind23", 8, 0.63, 0.54), ("blind24", 8, 0.63, 0.62), ("blind25", 8, 0.78, 0.74), ("blind26", 8, 0.62, 0.65),
    ("blind27", 8, 0.75, 0.67), ("blind28", 8, 0.73, 0.66), ("blind29", 8, 0.75, 0.79), ("blind30", 8, 0.72, 0.73),
    ("blind31", 8, 0.66, 0.70), ("blind32", 8, 0.65, 0.66), ("blind33", 8, 0.72, 0.66), ("blind34", 8, 0.81, 0.69),
    ("blind35", 8, 0.61, 0.53), ("blind36", 8, 0.72, 0.57), ("blind37", 8, 0.80, 0.76), ("blind38", 8, 0.73, 0.65),
    ("blind39", 8, 0.73, 0.76), ("blind40", 8, 0.74, 0.71), ("blind41", 8, 0.62, 0.68), ("blind42", 8, 0.65, 0.71),
    ("blind43", 8, 0.61, 0.71), ("blind44", 8, 0.56, 0.61)])
def test_blind_fixture_folder(tmp_path: Path, folder: str, documents: int, precision: float, recall: float) -> None:
    """The once-blind folders now used for development keep the figures recorded in docs/extract.md (floors a
    little under them). blind7/ and blind8/, measured once unseen in round 4, are development folders since
    round 5, as are blind9/ and blind10/ since their one unseen measurement (docs/extract.md, round 5), blind11/
    and blind12/ since theirs (round 6), blind13/ and blind14/ since theirs (round 7), blind15/ and blind16/
    since theirs (round 8), blind17/ to blind20/ since theirs (round 9, two measurements), blind21/ to
    blind24/ since theirs (round 10, two measurements), blind25/ to blind28/ since theirs (round 11, two
    measurements), blind29/ to blind32/ since theirs (round 12, one measurement), blind33/ to blind36/ since
    theirs (round 13, one measurement), blind37/ to blind40/ since theirs (round 14, one measurement), and blind41/ to
    blind44/ since theirs (round 15, one measurement)."""
    total, per_doc = measure_folder(FIXTURES / folder, None, tmp_path / "measure")
    assert len(per_doc) == documents
    numeric = total["numeric results"]
    assert numeric.expected >= 100
    assert numeric.precision >= precision and numeric.recall >= recall, numeric
    for kind in ("registrations", "doi / pmid"):
        assert total[kind].recall == 1.0, kind


def test_blind_drafts_build(tmp_path: Path) -> None:
    """Drafts of all 372 blind documents (tune/, holdout/, blind2/ ... blind44/, dev3/ ... dev7/) build into a
    SHACL-valid graph: whatever a draft gets wrong, it never breaks a build."""
    studies = tmp_path / "studies"
    folders = ("tune", "holdout", "blind2", "dev3", "blind3", "dev4", "blind4", "blind5", "blind6", "dev5", "dev6", "dev7",
               "blind7", "blind8", "blind9", "blind10", "blind11", "blind12", "blind13", "blind14", "blind15", "blind16",
               "blind17", "blind18", "blind19", "blind20", "blind21", "blind22",
               "blind23", "blind24", "blind25", "blind26", "blind27", "blind28", "blind29", "blind30", "blind31", "blind32",
               "blind33", "blind34", "blind35", "blind36", "blind37", "blind38", "blind39", "blind40",
               "blind41", "blind42", "blind43", "blind44")
    for doc in sorted(d for f in folders for d in (FIXTURES / f).glob("*.txt")):  # two folders share a file name
        name = f"{doc.parent.name}-{doc.stem}"
        write_draft(extract_text(doc.read_text(encoding="utf-8"), name.replace("_", "-")), studies / f"{name}.yaml")
    assert len(list(studies.glob("*.yaml"))) == 372
    summary = build(studies, tmp_path / "out")
    assert summary.ok and not summary.report.violations


def test_fixture_drafts_build_and_measure(tmp_path: Path) -> None:
    studies = _fixture_drafts(tmp_path)
    # a text with nothing to extract still gives a draft that builds, every gap marked for review
    empty = extract_text("A short note about nothing in particular.", "note")
    assert empty.flagged >= 2 and empty.data["conditions"][0]["term"] == "MONDO:0000001"
    write_draft(empty, studies / "note.yaml")
    summary = build(studies, tmp_path / "out")
    assert summary.ok and not summary.report.violations
    total, per_doc = measure_folder(FIXTURES, None, tmp_path / "measure")
    assert len(per_doc) == 9
    numeric = total["numeric results"]
    assert numeric.expected >= 60
    assert numeric.recall >= 0.9 and numeric.precision >= 0.95, numeric
    for kind in ("registrations", "enrollment"):
        assert total[kind].recall == 1.0, kind
    assert total["conditions"].precision >= 0.8  # no MONDO class for diabetic foot ulcer in the index


def test_drafts_are_deterministic(tmp_path: Path) -> None:
    doc = FIXTURES / "synthetic_crohn_fistula_asc.txt"
    write_draft(extract_file(doc), tmp_path / "a.yaml")
    write_draft(extract_file(doc), tmp_path / "b.yaml")
    assert (tmp_path / "a.yaml").read_bytes() == (tmp_path / "b.yaml").read_bytes()


def test_cli_extract(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "draft.yaml"
    res = runner.invoke(main, ["extract", str(FIXTURES / "synthetic_oa_bmmsc.txt"), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert load_study(out).registrations[0].id == "NCT09999901"
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00")
    res = runner.invoke(main, ["extract", str(bad)])
    assert res.exit_code == 1 and "not UTF-8" in res.output
    res = runner.invoke(main, ["extract", str(tmp_path / "missing.txt")])
    assert res.exit_code == 1 and "cannot read" in res.output


def test_seed_drafts_build_and_measure(shared_dir: Path, tmp_path: Path) -> None:
    seeds = shared_dir / "seeds"
    studies = tmp_path / "studies"
    for doc in sorted(seeds.glob("*.txt")):
        write_draft(extract_file(doc), studies / f"{doc.stem}.yaml")
    assert len(list(studies.glob("*.yaml"))) == 5
    summary = build(studies, tmp_path / "out")
    assert summary.ok and not summary.report.violations
    total, per_doc = measure_folder(seeds, bundled_studies_dir(), tmp_path / "measure")
    assert len(per_doc) == 5
    numeric: Tally = total["numeric results"]
    assert numeric.expected >= 70
    assert numeric.recall >= 0.9 and numeric.precision >= 0.95, numeric
    # the journal page's reference list, licence text and the translations add no facts
    page_text = (seeds / "001_a8e050c38ba956b1.txt").read_text(encoding="utf-8")
    refs, key = page_text.index("References"), page_text.index("Key message")
    page = yaml.safe_load((studies / "001_a8e050c38ba956b1.yaml").read_text(encoding="utf-8"))
    assert all(not refs <= r["extraction"]["start"] < key for r in page["results"])
    abstract_text = (seeds / "000_02f99a9f7c837e84.txt").read_text(encoding="utf-8")
    first_cjk = min(i for i, c in enumerate(abstract_text) if "\u4e00" <= c <= "\u9fff")
    abstract = yaml.safe_load((studies / "000_02f99a9f7c837e84.yaml").read_text(encoding="utf-8"))
    assert all(r["extraction"]["end"] < first_cjk for r in abstract["results"])


def _records(node: object) -> list[dict]:
    out = []
    if isinstance(node, dict):
        if "extraction" in node:
            out.append(node)
        for v in node.values():
            out += _records(v)
    elif isinstance(node, list):
        for v in node:
            out += _records(v)
    return out


def test_every_fact_quotes_its_source() -> None:
    """Offsets lie in the text, evidence is verbatim, statistics quote their own words."""
    checked = 0
    for doc in sorted([*FIXTURES.glob("*.txt"), *(FIXTURES / "tune").glob("*.txt")]):
        draft = extract_file(doc)
        text = doc.read_text(encoding="utf-8")
        for rec in _records(draft.data):
            ext = rec["extraction"]
            assert 0 <= ext["start"] <= ext["end"] <= len(text)
            assert ext["document"] == draft.data["documents"][0]["id"]
            if "evidence" in rec:
                assert rec["evidence"] in text
            if "kind" in rec and "reported_as" in rec:
                assert text[ext["start"]:ext["end"]] == rec["reported_as"]
            checked += 1
    assert checked > 250
