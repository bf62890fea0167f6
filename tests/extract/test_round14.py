"""Round 14 rules (docs/extract.md, "Round 14"): each test drafts a short invented report and checks the facts."""

from __future__ import annotations

from decimal import Decimal

from msckg.extract.draft import extract_text

from .test_round12 import _stats

RIS = (
    "TY  - JOUR\r\n"
    "TI  - Autologous bone marrow stromal cells on hydroxyapatite versus iliac crest graft for alveolar cleft repair\r\n"
    "AU  - Okafor, Ben\r\n"
    "T2  - Journal of Craniofacial Repair\r\n"
    "PY  - 2025\r\n"
    "VL  - 12\r\n"
    "SP  - 101\r\n"
    "EP  - 110\r\n"
    "AB  - Design: Randomized controlled trial (NCT09999001). Participants: Forty children were randomized to MSCs on "
    "hydroxyapatite (MSC group, n = 20) or iliac crest bone graft (ICBG group, n = 20). Results: At 6 months, bone fill "
    "on CBCT was 71.4% ± 9.8% in the MSC group and 74.0% ± 8.1% in the ICBG group (P = .37).\r\n"
    "DO  - 10.9999/jcr.2025.0101\r\n"
    "ER  - \r\n"
)

OVID = (
    "<1>\n"
    "Unique Identifier\n  49999001\n"
    "Title\n  Autologous bone marrow stromal cells versus saline injection for chronic Achilles tendinopathy.\n"
    "Source\n  Scandinavian Journal of Tendon Research. 14(2):88-97, 2025 Mar.\n"
    "Abstract\n  METHODS: Forty adults were randomised to autologous BM-MSCs (n = 20) or saline (n = 20). RESULTS: At 6 "
    "months, the VISA-A score was 78.5 (SD 12.4) with MSCs and 64.0 (SD 13.9) with saline (P = .002).\n"
)


def test_tagged_and_ovid_records() -> None:
    """A RIS record's TI/AB tags are no words of the title or the abstract, its 'DO  - ' is the DOI and its T2/PY/VL/SP/EP
    lines the citation; an Ovid record's Title, Source and Unique Identifier fields give title, citation and PMID; an
    arm given saline is a placebo comparator."""
    ris = extract_text(RIS, "ris").data
    assert ris["title"].startswith("Autologous bone marrow")
    pub = ris["publications"][0]
    assert (pub["doi"], pub["journal"], pub["year"], pub["volume"], pub["pages"]) == (
        "10.9999/jcr.2025.0101", "Journal of Craniofacial Repair", 2025, "12", "101-110")
    fill = {(pop, st["value"]) for pop, tp, st in _stats(ris, "bone fill") if st["kind"] == "central-value"}
    assert fill == {("msc", Decimal("71.4")), ("control", Decimal("74.0"))}
    ovid = extract_text(OVID, "ovid").data
    assert ovid["title"].startswith("Autologous bone marrow stromal cells versus saline")
    pub = ovid["publications"][0]
    assert (pub["pmid"], pub["journal"], pub["issue"], pub["pages"]) == ("49999001", "Scandinavian Journal of Tendon Research",
                                                                         "2", "88-97")
    assert {a["role"] for a in ovid["arms"]} == {"experimental", "placebo-comparator"}


JAMA = (
    "Umbilical Cord Stromal Cells for Hidradenitis Suppurativa: A Randomized Clinical Trial\n"
    "Abstract\n"
    "INTERVENTIONS Participants were randomized 1:1 to 2 infusions of UC-MSCs or placebo.\n"
    "RESULTS Among 64 patients (mean [SD] age, 36.2 [10.4] years; 38 women [59.4%]), HiSCR at week 16 was achieved by 18 "
    "of 32 (56.3%) in the UC-MSC group vs 11 of 32 (34.4%) in the placebo group (difference, 21.9 percentage points; "
    "95% CI, −1.9 to 45.7; P = .08). Excess lesion area fell by 32.1% (SD, 19.7%) vs 21.6% (SD, 18.1%) at 8 weeks "
    "(P = .09) and 47.3% (SD, 18.6%) vs 29.8% (SD, 20.4%) at 16 weeks (P = .007). Seven of 32 patients (22%) reported "
    "9 adverse events, all grade 1-2: headache (5), nausea (3) and rash (1).\n"
)


def test_jama_people_header_and_spread_after_comma() -> None:
    """'(mean [SD] age, ...; 38 women [59.4%])' heads no value after it: '18 of 32 (56.3%)' is a proportion, not a
    mean with its SD, nor the people's sex; '(SD, 19.7%)' is an SD; values before 'at 8 weeks' and 'at 16 weeks' each
    take their own time; the events listed after a colon are each counted."""
    data = extract_text(JAMA, "jama").data
    hiscr = {(pop, st["numerator"], st["denominator"]) for pop, tp, st in _stats(data, "hiscr") if st["kind"] == "proportion"}
    assert hiscr == {("msc", 18, 32), ("placebo", 11, 32)}
    area = {(pop, tp, st["value"]) for pop, tp, st in _stats(data, "excess lesion area") if st["kind"] == "sd"}
    assert area == {("msc", "P8W", Decimal("19.7")), ("placebo", "P8W", Decimal("18.1")),
                    ("msc", "P16W", Decimal("18.6")), ("placebo", "P16W", Decimal("20.4"))}
    counts = {e["label"]: st["value"] for e in data["endpoints"] for pop, tp, st in _stats(data, e["label"])
              if st["kind"] == "count" and e["label"] in ("headache", "nausea", "rash")}
    assert counts == {"headache": Decimal("5"), "nausea": Decimal("3"), "rash": Decimal("1")}


POSTER = (
    "Bone marrow aspirate concentrate with debridement versus debridement alone for ankle osteoarthritis\n"
    "Abstract\n"
    "Methods: Bone marrow aspirate concentrate (BMAC) contains mesenchymal stromal cells. In this prospective cohort, 28 "
    "patients received BMAC with debridement (BMAC group) and 31 debridement alone (control group).\n"
    "Results: Function improved in both groups.\n"
    "Table. AOFAS scores, mean (SD)\n"
    "Score | Time point | BMAC + debridement (n = 28) | Debridement alone (n = 31) | p\n"
    "AOFAS | Baseline | 54.2 (9.8) | 55.1 (10.3) | 0.73\n"
    "AOFAS | 6 months | 78.6 (10.4) | 74.9 (11.0) | 0.19\n"
    "AOFAS | 24 months | 81.3 (11.2) | 70.2 (13.5) | 0.001\n"
)


def test_bar_table_with_a_time_column() -> None:
    """Rows written with bars but no Markdown frame are a table; its 'Time point' column times each row."""
    data = extract_text(POSTER, "poster").data
    means = {(tp, st["value"]) for pop, tp, st in _stats(data, "aofas") if st["kind"] == "mean" and pop == "msc"}
    assert means == {("P0D", Decimal("54.2")), ("P6M", Decimal("78.6")), ("P24M", Decimal("81.3"))}


LANCET = (
    "Umbilical cord stromal cells in pulmonary arterial hypertension: a randomised, placebo-controlled, phase 2 trial\n"
    "Summary\n"
    "Methods We randomly assigned 54 patients (2:1) to UC-MSCs or placebo.\n"
    "Findings Pulmonary vascular resistance fell with UC-MSCs (table 2).\n"
    "Introduction\n"
    "Pulmonary arterial hypertension remains progressive.\n"
    "Table 2: Haemodynamic outcomes at week 16\n"
    "\tUC-MSCs (n=36)\tPlacebo (n=18)\tDifference (95% CI)\tp value\n"
    "Cardiac index, L/min per m²\n"
    "Baseline\t2·41 (0·52)\t2·46 (0·58)\t··\t··\n"
    "Week 16\t2·62 (0·55)\t2·48 (0·61)\t··\t··\n"
    "Change\t0·21 (0·33)\t0·02 (0·29)\t0·19 (0·02 to 0·36)\t0·030\n"
    "Data are mean (SD).\n"
)


def test_lancet_table_after_a_cut() -> None:
    """'Table 2: Haemodynamic outcomes' below the introduction is results; its header lost the blank corner cell;
    '··' is an empty cell; middle-dot decimals are decimals."""
    data = extract_text(LANCET, "lancet").data
    means = {(pop, tp, st["value"]) for pop, tp, st in _stats(data, "cardiac index") if st["kind"] == "mean"}
    assert ("msc", "P0D", Decimal("2.41")) in means and ("placebo", "P16W", Decimal("2.48")) in means
    diff = [st for pop, tp, st in _stats(data, "cardiac index") if st["kind"] == "difference"]
    assert [(d["value"], d["ci"]["lower"], d["ci"]["upper"]) for d in diff] == [(Decimal("0.19"), Decimal("0.02"),
                                                                                  Decimal("0.36"))]


ABSTRACT = (
    "Stromal vascular fraction versus verapamil for Peyronie's disease: a randomized trial\n"
    "Methods: Sixty men were randomized to intralesional autologous adipose-derived stromal vascular fraction (SVF) or "
    "verapamil.\n"
    "Results: All 60 men were treated, and 57 (SVF, 29; verapamil, 28) were evaluable at 6 months. Mean curvature "
    "improved from 48.2° ± 11.6° to 32.5° ± 12.0° after SVF and from 46.9° ± 12.3° to 39.5° ± 11.4° after verapamil. "
    "Median plaque area decreased from 82 mm² (Q1, Q3: 61, 104) to 55 mm² (IQR, 38–79) in the SVF group. "
    "Penile ecchymosis occurred in 7 (23%) vs 4 (13%) men.\n"
)


def test_evaluable_time_frames_the_results() -> None:
    """'57 (SVF, 29; verapamil, 28) were evaluable at 6 months' times the values after it and counts no events;
    degrees are a unit; '(Q1, Q3: a, b)' is a median's spread; 'in 7 (23%) vs 4 (13%) men' is no sex of the enrolled."""
    data = extract_text(ABSTRACT, "svf").data
    assert not [e for e in data["endpoints"] if e["label"].lower() in ("svf", "verapamil")]
    curvature = {(pop, tp, st["value"]) for pop, tp, st in _stats(data, "curvature") if st["kind"] == "mean"}
    assert ("msc", "P6M", Decimal("32.5")) in curvature and ("msc", "P0D", Decimal("48.2")) in curvature
    plaque = {(tp, st["value"]) for pop, tp, st in _stats(data, "plaque") if st["kind"] == "median"}
    assert plaque == {("P0D", Decimal("82")), ("P6M", Decimal("55"))}
    ecchymosis = {st["percentage"] for pop, tp, st in _stats(data, "penile ecchymosis") if st["kind"] == "proportion"}
    assert ecchymosis == {Decimal("23"), Decimal("13")}
