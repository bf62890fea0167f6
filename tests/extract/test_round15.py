"""Round 15 rules (docs/extract.md, "Round 15"): each test drafts a short invented report and checks the facts."""

from __future__ import annotations

from decimal import Decimal

from msckg.extract.draft import extract_text

from .test_round12 import _stats

APHASIA = (
    "Intrathecal stromal cells with speech therapy in chronic aphasia: a randomised trial\n\n"
    "Methods & Procedures: Twenty-four adults were randomised to BM-MSCs plus therapy (n = 12) or therapy alone (n = 12). "
    "The Western Aphasia Battery Aphasia Quotient (WAB-AQ) was assessed at 3 and 6 months. Treatment success was defined "
    "as a gain of at least 5 AQ points at 6 months.\n\n"
    "Outcomes & Results: At 3 months, the WAB-AQ had increased by 7.1 points (SD 5.2) in the BM-MSC group and 4.0 points "
    "(SD 5.0) in the therapy-alone group (p = .16). At 6 months, mean gains were 10.4 (SD 6.9) and 4.8 (SD 6.1) points, "
    "respectively. Treatment success was seen in 9 of 12 participants given BM-MSCs and 4 of 12 given therapy alone "
    "(75.0% vs 33.3%; p = .10).\n\n"
    "Disclosure statement\nNo potential conflict of interest was reported by the authors.\n"
)


def test_ampersand_headings_gains_and_shares() -> None:
    """'Methods & Procedures' and 'Outcomes & Results' are headings; 'mean gains were' carries the measure before it;
    'X was defined as ... at 6 months' names an outcome at that time; '(75.0% vs 33.3%)' is the share of the counts
    before it, one fact each; a disclosure statement gives no count."""
    data = extract_text(APHASIA, "aphasia").data
    aq = {(pop, tp, st["value"]) for pop, tp, st in _stats(data, "western aphasia") if st["kind"] == "mean"}
    assert aq == {("msc", "P3M", Decimal("7.1")), ("control", "P3M", Decimal("4.0")),
                  ("msc", "P6M", Decimal("10.4")), ("control", "P6M", Decimal("4.8"))}
    success = [(pop, tp, st) for pop, tp, st in _stats(data, "treatment success") if st["kind"] == "proportion"]
    assert {(pop, tp, st["numerator"], st["denominator"], st["percentage"]) for pop, tp, st in success} == {
        ("msc", "P6M", 9, 12, Decimal("75.0")), ("control", "P6M", 4, 12, Decimal("33.3"))}
    assert not any("conflict" in e["label"].lower() for e in data["endpoints"])


FACET = (
    "Stromal cells versus radiofrequency ablation for facet joint pain\n\n"
    "Methods\nSixty patients were randomized to BM-MSCs (MSC group) or radiofrequency ablation (RFA group). Outcomes "
    "were NRS back pain and the ODI.\n\n"
    "Results\nOutcomes are shown in Table 2.\n\n"
    "Table 2. Pain and responder outcomes by treatment group\n"
    "                                        MSC             RFA             Difference\n"
    "                                        (n = 30)        (n = 30)        (95% CI)                P\n"
    "NRS back pain, mean (SD)\n"
    "  Baseline                              6.8 (1.2)       6.9 (1.1)       —                       —\n"
    "  12 months                             3.4 (2.2)       5.1 (2.3)       −1.7 (−2.9 to −0.5)     0.005\n"
    "Responders (≥50% NRS reduction), n/N (%)\n"
    "  12 months                             15/28 (53.6)    6/27 (22.2)     —                       0.027\n"
)


def test_space_aligned_table_with_two_header_lines() -> None:
    """A PDF table's header over two lines ('MSC  RFA  Difference' over '(n = 30)  (n = 30)  (95% CI)  P') is one
    header; rows indented under their measure keep their label; a threshold in a label line is no value."""
    data = extract_text(FACET, "facet").data
    nrs = {(pop, tp, st["kind"], st["value"]) for pop, tp, st in _stats(data, "nrs back pain")
           if st["kind"] in ("mean", "difference", "p-value")}
    assert {("msc", "P0D", "mean", Decimal("6.8")), ("control", "P0D", "mean", Decimal("6.9")),
            ("msc", "P12M", "mean", Decimal("3.4")), ("control", "P12M", "mean", Decimal("5.1")),
            ("msc", "P12M", "difference", Decimal("-1.7")), ("msc", "P12M", "p-value", Decimal("0.005"))} <= nrs
    responders = {(pop, st["numerator"], st["denominator"], st["percentage"]) for pop, tp, st in _stats(data, "responders")
                  if st["kind"] == "proportion" and tp == "P12M"}
    assert responders == {("msc", 15, 28, Decimal("53.6")), ("control", 6, 27, Decimal("22.2"))}


DCM = (
    "Wharton's jelly stromal cells in paediatric dilated cardiomyopathy\n\n"
    "Methods: Thirty-two children were randomized to WJ-MSCs (WJ-MSC group, n = 16) or standard therapy (control group, "
    "n = 16). Outcomes were assessed at 6 and 12 months.\n\n"
    "Results\n"
    "Table 3 NT-proBNP (pg/mL), median (interquartile range)\n"
    "\tWJ-MSC\tControl\tp value\n"
    "Baseline\t2140 (1120–4380)\t1980 (1050–3960)\t\n"
    "12 months\t865 (410–1930)\t1720 (880–3510)\t0.03\n"
)


def test_caption_names_the_measure_of_visit_rows() -> None:
    """A bare 'Control' heading names the comparator's column; rows that are only visits take the caption's one
    measure, the caption's statistic too."""
    data = extract_text(DCM, "dcm").data
    got = {(pop, tp, st["kind"], st["value"]) for pop, tp, st in _stats(data, "n-terminal") + _stats(data, "nt-probnp")}
    assert {("msc", "P0D", "median", Decimal("2140")), ("control", "P0D", "median", Decimal("1980")),
            ("msc", "P12M", "median", Decimal("865")), ("control", "P12M", "median", Decimal("1720")),
            ("msc", "P12M", "p-value", Decimal("0.03"))} <= got


ISLET = (
    "Islets with donor stromal cells in type 1 diabetes\n\n"
    "Methods: Thirty adults were randomised to islets with MSCs (MSC group, n=15) or islets alone (control group, n=15). "
    "Secondary endpoints included HbA1c and 90 min stimulated C-peptide in a mixed-meal tolerance test.\n\n"
    "Results: HbA1c fell from 64±10 mmol/mol (8.0±0.9%) and 62±9 mmol/mol (7.8±0.8%) at baseline to 38±4 mmol/mol "
    "(5.6±0.4%) and 45±7 mmol/mol (6.3±0.6%) at 1 year, respectively (p=0.003 between groups at 1 year). Mean (SEM) 90 "
    "min stimulated C-peptide at 1 year was 1.12 (0.11) vs 0.74 (0.09) nmol/l (p=0.01).\n"
)


def test_respectively_pairs_with_other_units_and_sem_header() -> None:
    """'from A (A') and B (B') at baseline to C (C') and D (D') at 1 year, respectively' gives each arm its values in
    both units; under 'Mean (SEM)' the values are means and the standard error is no SD."""
    data = extract_text(ISLET, "islet").data
    hba1c = {(pop, tp, st["value"]) for pop, tp, st in _stats(data, "hba1c") if st["kind"] in ("mean", "central-value")}
    assert hba1c == {("msc", "P0D", Decimal("64")), ("msc", "P0D", Decimal("8.0")), ("control", "P0D", Decimal("62")),
                     ("control", "P0D", Decimal("7.8")), ("msc", "P1Y", Decimal("38")), ("msc", "P1Y", Decimal("5.6")),
                     ("control", "P1Y", Decimal("45")), ("control", "P1Y", Decimal("6.3"))}
    peptide = _stats(data, "90 min")
    assert {(pop, st["value"]) for pop, tp, st in peptide if st["kind"] == "mean"} == {
        ("msc", Decimal("1.12")), ("control", Decimal("0.74"))}
    assert not any(st["kind"] == "sd" for _, _, st in peptide)


WOS = (
    "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\n"
    "AU Lindqvist, A\n"
    "TI Umbilical cord stromal cells for immunological non-response in HIV\n"
    "SO CELL THERAPY IN INFECTIOUS DISEASE\n"
    "AB Methods: Forty-five adults on ART were randomised 2:1 to UC-MSCs (UC-MSC group) or placebo (placebo group).\n"
    "   Results: In the UC-MSC group the median cell-associated HIV-1 DNA was 1 180 copies per 10(6) CD4+ T cells at\n"
    "   baseline (P-value = 0.21).\n"
    "DI 10.9999/ctid.2026.0001\nPM 49999001\nUT WOS:001300000000001\nER\nEF\n"
)

CHINESE = (
    "脐带间充质干细胞治疗成人隐匿性自身免疫糖尿病\n"
    "统计学方法 符合正态分布的计量资料以x̄±s表示。\n"
    "Methods: Forty-eight patients were randomized to UC-MSCs (UC-MSC group) or sitagliptin (sitagliptin group). "
    "Results: At 12 months, HbA1c was 6.9±0.8% in the UC-MSC group and 7.4±1.0% in the sitagliptin group (P=0.070).\n"
)


def test_wos_record_spaced_thousands_and_mean_sd_sign() -> None:
    """A Web of Science record's DI and PM fields are the DOI and PMID; '1 180 copies' is one number; a Chinese
    journal's 'x̄±s' makes '6.9±0.8%' a mean with its SD."""
    wos = extract_text(WOS, "wos").data
    pub = wos["publications"][0]
    assert (pub["doi"], pub["pmid"]) == ("10.9999/ctid.2026.0001", "49999001")
    assert {st["value"] for _, _, st in _stats(wos, "cell-associated") if st["kind"] == "median"} == {Decimal("1180")}
    chinese = extract_text(CHINESE, "lada").data
    assert {(pop, st["kind"], st["value"]) for pop, _, st in _stats(chinese, "hba1c") if st["kind"] in ("mean", "sd")} == {
        ("msc", "mean", Decimal("6.9")), ("msc", "sd", Decimal("0.8")), ("control", "mean", Decimal("7.4")),
        ("control", "sd", Decimal("1.0"))}


SPLIT_FACE = (
    "Stromal vascular fraction versus fractional laser for atrophic acne scars: a split-face trial\n\n"
    "Methods: In this randomized, evaluator-blinded, split-face trial, 20 patients received autologous stromal vascular "
    "fraction (SVF) on one randomly assigned hemiface and fractional CO2 laser (3 sessions) on the other.\n\n"
    "Results: At 6 months, 15 of 20 SVF sides (75%) and 9 of 20 laser-treated sides (45%) improved by at least one "
    "grade (p = .03). Patient satisfaction was 7.8 ± 1.4 for the SVF side and 6.1 ± 1.9 for the laser side (p = .003).\n"
)

NAMED_ARMS = (
    "Tissue-engineered urethral graft versus buccal mucosa graft for anterior urethral stricture\n\n"
    "Methods: A randomised, assessor-blinded trial. Intervention: TEUG (collagen scaffold seeded with autologous ASCs) "
    "or BMG, placed as a dorsal onlay. Sixty men were randomised (30 per arm).\n\n"
    "Results: Success was achieved in 24 out of 29 men in the TEUG arm (82.8%) and 26 out of 30 in the BMG arm (86.7%).\n"
)

CONVENTIONAL = (
    "Adipose stromal cell-enriched fat grafting versus conventional fat grafting for hemifacial atrophy\n\n"
    "Methods: Twenty-eight patients were randomized to ASC-enriched fat grafts (ASC group) or to conventional fat "
    "grafting with a sham second-stage procedure.\n\n"
    "Results: Volume retention at 12 months was 67.9 ± 10.4 percent with ASC-enriched grafts and 44.6 ± 12.1 percent "
    "with conventional grafts (p < 0.001).\n"
)


def test_split_face_named_arms_and_conventional_comparator() -> None:
    """A split-face trial's comparator is the other side's treatment ('laser-treated sides'); two arms named only as
    'the TEUG arm' and 'the BMG arm', one described with the cells, are both drafted; 'with conventional grafts' is
    the comparator however its arm was named."""
    split = extract_text(SPLIT_FACE, "split").data
    roles = {a["role"]: a["id"] for a in split["arms"]}
    assert len(split["arms"]) == 2 and set(roles) == {"experimental", "active-comparator"}
    satisfaction = {(pop, st["value"]) for pop, _, st in _stats(split, "patient satisfaction") if st["kind"] == "central-value"}
    assert satisfaction == {(roles["experimental"], Decimal("7.8")), (roles["active-comparator"], Decimal("6.1"))}
    improved = {(pop, st["numerator"]) for pop, _, st in _stats(split, "improved") if st["kind"] == "proportion"}
    assert improved == {(roles["experimental"], 15), (roles["active-comparator"], 9)}
    named = extract_text(NAMED_ARMS, "teug").data
    roles = {a["role"]: a["id"] for a in named["arms"]}
    assert [a["role"] for a in named["arms"]] == ["experimental", "active-comparator"]
    success = {(pop, st["numerator"], st["denominator"]) for pop, _, st in _stats(named, "success")
               if st["kind"] == "proportion"}
    assert success == {(roles["experimental"], 24, 29), (roles["active-comparator"], 26, 30)}
    plain = extract_text(CONVENTIONAL, "fat").data
    roles = {a["role"]: a["id"] for a in plain["arms"]}
    retention = {(pop, st["value"]) for pop, _, st in _stats(plain, "volume retention") if st["kind"] == "central-value"}
    assert retention == {(roles["experimental"], Decimal("67.9")), (roles["placebo-comparator"], Decimal("44.6"))}
