"""The free-text parsers on real registry strings, and their coverage over the shared sample.

Most strings below are copied verbatim from ../shared/ctgov (the NCT id and field are given, and
`test_real_strings_occur_in_the_shared_file` checks that they really are there), so these tests
run without the shared file; the few strings marked "spec" are the forms the brief asked for that
the sample happens not to contain.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from msckg.ctgov.textparse import (
    Span,
    parse_administrations,
    parse_date,
    parse_donor_relation,
    parse_doses,
    parse_routes,
    parse_time_frame,
    parse_tissue_sources,
)

D = Decimal

# (NCT id, field, text) for every real string used below
REAL: list[tuple[str, str, str]] = [
    ("NCT04288102", "InterventionDescription",
     "3 does of UC-MSCs(4.0*10E7 cells per time) intravenously at Day 0, Day 3, Day 6."),
    ("NCT02315027", "InterventionDescription", "single dose of 1 × 10(7) cells intrathecally"),
    ("NCT01663376", "InterventionDescription",
     "Intramuscular injection of Autologous Adipose Derived Mesenchymal Stem Cells. Dose : 1x10e8 ~3x10e8 cells"),
    ("NCT03333681", "InterventionDescription",
     "A single intravenous administration of autologous bone marrow derived mesenchymal stem cells"
     "(1000000 to 2000000 cells/Kg)"),
    ("NCT00823316", "InterventionDescription", "5x1,000,000 hMSC/kg, IV after unrelated HSCT"),
    ("NCT02379442", "ArmGroupDescription", "Target dose of 2 times 106 MSC/kg for up to 12 doses"),
    ("NCT05520086", "InterventionDescription",
     "Single Dose: Administration of 12,5 million allogeneic mesenchymal stem cells derived from adipose tissue "
     "by subcnjunctival injection and topical conjunctival injection."),
    ("NCT02705742", "InterventionDescription",
     "1.000.000 (one million) cells/kg, IV of dose in the Peripheral vein and 3.000.000 (three million) cells/kg "
     "of dose into the right hepatic artery)"),
    ("NCT04276987", "InterventionDescription",
     "5 times aerosol inhalation of MSCs-derived exosomes (2.0*10E8 nano vesicles/3 ml at Day 1, Day 2, Day 3, "
     "Day 4, Day 5)."),
    ("NCT02611167", "ArmGroupInterventionName", "Biological: Allogeneic bone marrow-derived MSCs (10 x 10 6 MSC/kg)"),
    ("NCT04590118", "ArmGroupDescription", "Single intravenous infusion of 0.5×10^6, 1×10^6, 2×10^6 it-hMSC/kg"),
    ("NCT01856140", "ArmGroupLabel", "10 million cells/ml of ALLO-ASC"),
    ("NCT02442037", "InterventionDescription",
     "Human umbilical cord MSCs are transplanted three times by intravenous infusion(1×10^6/kg) ,once every week，"
     "a total of three times."),
    ("NCT03265613", "ArmGroupDescription",
     "AD-MSCs（adipose-derived multipotent mesenchymal stem cells ） intravenous injection at a dose of 0.5 million "
     "cells/kg at week 0,week 4，week 8 with a duration for treatment for 12 weeks."),
    ("NCT02923375", "ArmGroupDescription",
     "Mesenchymoangioblast-derived mesenchymal stem cells (CYP-001) at a dose of 1 million cells/kg (up to a "
     "maximum of 100 million cells) by IV infusion on two occasions (Day 0 and Day 7)"),
    ("NCT00366145", "InterventionDescription", "2 infusions of 2 million cells/kg per week for 4 weeks"),
    ("NCT01033552", "InterventionDescription", "40 mg/m^2/day intravenously on Days -6, -5, -4, -3 and -2."),
    ("NCT01033552", "InterventionDescription",
     "Bone marrow or UCB products will be infused as soon as the product arrives and within 30 minutes. "
     "The product is infused via IV drip."),
    ("NCT01322906", "InterventionDescription",
     "Thirty of the enrolled patients were assigned to Group B to receive comprehensive treatment, as well as "
     "allogeneic bone marrow mesenchymal stem cells transplantation by peripheral vein(2×105/Kg, once a week, "
     "4 times)."),
    ("NCT04654286", "InterventionDescription",
     "When the nerve transfer procedure is finished, the end-to-end anastomosis is wrapped by a composite "
     "consisted of human amniotic membrane and allogeneic adipose-derived mesenchymal stem cells (HAM-AdMSC)"),
    ("NCT04615455", "InterventionDescription",
     "ASCs expanded from healthy donors. The ASC product contains 22 million ASCs/ml."),
    ("NCT00957931", "BaselineGroupDescription",
     "Patients received bone marrow transplantation using matched unrelated donors, reduced intensity "
     "conditioning regimen, and co-transplanting mesenchymal stromal cells derived from parental bone marrow."),
    ("NCT01301664", "Keyword",
     "The synovial-derived mesenchymal stem cells (SMSCs) were isolated from synovial membranes in the joint "
     "replacement surgery."),
    ("NCT03058068", "ArmGroupLabel", "Randomized: Cohort 1 Allo-hMSCs"),
    ("NCT02165904", "OfficialTitle",
     "Subarachnoid Administrations of Adults Autologous Mesenchymal Stromal Cells in Patients Suffering "
     "Incomplete Spinal Cord Injury (SCI)"),
    ("NCT05130983", "ArmGroupDescription",
     "Arm 1: IV administration of study agent at Day 0, Day 2, Day 4, Week 2, Week 6 and every 8 weeks thereafter "
     "to week 46 (n=5), (total # doses = 10)."),
    ("NCT03838250", "BriefTitle",
     "Study to Evaluate Hepatic Artery Injection of Autologous Human Bone Marrow-Derived MSCs in Patients With "
     "Alcoholic LC"),
]


def t(nct: str, field: str, start: str = "") -> str:
    """The real string of (nct, field) that starts with `start`."""
    return next(text for n, f, text in REAL if n == nct and f == field and text.startswith(start))


def spans_ok(s: str, items: Sequence[Span]) -> bool:
    return all(s[i.start:i.end] == i.text for i in items)


# ------------------------------------------------------------------------------------- dates

@pytest.mark.parametrize(("text", "value", "kind"), [
    ("March 5, 2020", "2020-03-05", "date"),           # NCT04288102 StartDate
    ("January 2016", "2016-01", "gYearMonth"),         # a StartDate of 13 records
    ("October 07, 2022", "2022-10-07", "date"),        # VersionHolder, zero-padded day
    ("August 2020", "2020-08", "gYearMonth"),
    ("2020-08-15", "2020-08-15", "date"),
    ("2020-08", "2020-08", "gYearMonth"),
    ("  Sept 3, 2019 ", "2019-09-03", "date"),
])
def test_parse_date(text: str, value: str, kind: str) -> None:
    parsed = parse_date(text)
    assert parsed is not None and (parsed.value, parsed.kind) == (value, kind)
    assert text[parsed.start:parsed.end] == parsed.text == text.strip()


@pytest.mark.parametrize("text", ["February 30, 2020", "Spring 2020", "2020", "13/2020", "2020-13", "", "Day 28"])
def test_parse_date_rejects(text: str) -> None:
    assert parse_date(text) is None


# ------------------------------------------------------------------------------------- doses

DOSES: list[tuple[str, list[tuple[Decimal, Decimal | None, str, str]]]] = [
    (t("NCT04288102", "InterventionDescription"), [(D("4.0E+7"), None, "cells", "4.0*10E7 cells")]),
    (t("NCT02315027", "InterventionDescription"), [(D("1E+7"), None, "cells", "1 × 10(7) cells")]),
    (t("NCT01663376", "InterventionDescription"), [(D("1E+8"), D("3E+8"), "cells", "1x10e8 ~3x10e8 cells")]),
    (t("NCT03333681", "InterventionDescription"),
     [(D(1000000), D(2000000), "cells/kg", "1000000 to 2000000 cells/Kg")]),
    (t("NCT00823316", "InterventionDescription"), [(D(5000000), None, "cells/kg", "5x1,000,000 hMSC/kg")]),
    (t("NCT02379442", "ArmGroupDescription"), [(D("2E+6"), None, "cells/kg", "2 times 106 MSC/kg")]),
    (t("NCT05520086", "InterventionDescription"),
     [(D("1.25E+7"), None, "cells", "12,5 million allogeneic mesenchymal stem cells")]),
    (t("NCT02705742", "InterventionDescription"),
     [(D(1000000), None, "cells/kg", "1.000.000 (one million) cells/kg"),
      (D(3000000), None, "cells/kg", "3.000.000 (three million) cells/kg")]),
    (t("NCT04276987", "InterventionDescription"), []),  # exosomes: nano vesicles are not cells
    (t("NCT02611167", "ArmGroupInterventionName"), [(D("1.0E+7"), None, "cells/kg", "10 x 10 6 MSC/kg")]),
    (t("NCT04590118", "ArmGroupDescription"),  # one unit written for the whole list
     [(D("5E+5"), None, "cells/kg", "0.5×10^6"), (D("1E+6"), None, "cells/kg", "1×10^6"),
      (D("2E+6"), None, "cells/kg", "2×10^6 it-hMSC/kg")]),
    (t("NCT01856140", "ArmGroupLabel"), []),  # a concentration, not a dose
    (t("NCT02442037", "InterventionDescription"), [(D("1E+6"), None, "cells/kg", "1×10^6/kg")]),
    (t("NCT03265613", "ArmGroupDescription"), [(D("5E+5"), None, "cells/kg", "0.5 million cells/kg")]),
    (t("NCT02923375", "ArmGroupDescription"),
     [(D("1E+6"), None, "cells/kg", "1 million cells/kg"), (D("1.00E+8"), None, "cells", "100 million cells")]),
    (t("NCT01322906", "InterventionDescription"), [(D("2E+5"), None, "cells/kg", "2×105/Kg")]),
    (t("NCT04615455", "InterventionDescription"), []),  # "22 million ASCs/ml": a concentration
    # spec forms the sample does not contain verbatim
    ("1-2 x 10(6)/kg", [(D("1E+6"), D("2E+6"), "cells/kg", "1-2 x 10(6)/kg")]),
    ("2 × 10(8) adMSCs", [(D("2E+8"), None, "cells", "2 × 10(8) adMSCs")]),
    ("2 × 10(8)", [(D("2E+8"), None, "cells", "2 × 10(8)")]),
    ("1x10^6/kg", [(D("1E+6"), None, "cells/kg", "1x10^6/kg")]),
    ("1.0 x 10^6 cells/kg", [(D("1.0E+6"), None, "cells/kg", "1.0 x 10^6 cells/kg")]),
    ("100 million cells", [(D("1.00E+8"), None, "cells", "100 million cells")]),
    ("5×10⁶ cells/kg", [(D("5E+6"), None, "cells/kg", "5×10⁶ cells/kg")]),
    ("1 × 10^8 MSCs", [(D("1E+8"), None, "cells", "1 × 10^8 MSCs")]),
    ("（1×10^6 cells／kg）", [(D("1E+6"), None, "cells/kg", "1×10^6 cells／kg")]),
    ("2×10^6 mesenchymal stromal cells (MSCs)/kilogram",
     [(D("2E+6"), None, "cells/kg", "2×10^6 mesenchymal stromal cells (MSCs)/kilogram")]),
    ("1 ± 0.5 x 106 MSC/kg recipient body weight",
     [(D("1E+6"), None, "cells/kg", "1 ± 0.5 x 106 MSC/kg recipient body weight")]),
    # not doses: bare numbers, people, years, particles
    ("3 bags of 100 ml", []),
    ("106 patients were randomised", []),
    ("an estimated 30.8 million people diagnosed", []),
    ("from 7.3 million in 2008 to 25 million by 2020", []),
    ("0.5-2x10^10 of nanoparticles (exosomes)", []),
    ("cell density of 5x104 per well", []),
]


@pytest.mark.parametrize(("text", "expected"), DOSES, ids=[f"dose{i}" for i in range(len(DOSES))])
def test_parse_doses(text: str, expected: list[tuple[Decimal, Decimal | None, str, str]]) -> None:
    doses = parse_doses(text)
    assert [(d.value, d.upper, d.unit, d.text) for d in doses] == expected
    assert spans_ok(text, doses)
    for d in doses:
        assert isinstance(d.value, Decimal) and (d.upper is None or isinstance(d.upper, Decimal))


def test_dose_values_are_exact_decimals() -> None:
    (dose,) = parse_doses("4.0*10E7 cells")
    assert dose.value == D(40000000) and str(dose.value) == "4.0E+7"
    (dose,) = parse_doses("3.3 * 107 cell number / 50ml")  # a flattened superscript (NCT04269525)
    assert dose.value == D(33000000)


# --------------------------------------------------------------------------- tissue / donor / route

def values(items: Sequence[Any]) -> list[tuple[str, str]]:
    return [(m.value, m.text) for m in items]


TISSUES: list[tuple[str, list[tuple[str, str]]]] = [
    (t("NCT04288102", "InterventionDescription"), [("umbilical-cord", "UC-MSCs")]),
    (t("NCT01663376", "InterventionDescription"), [("adipose", "Adipose")]),
    (t("NCT03333681", "InterventionDescription"), [("bone-marrow", "bone marrow")]),
    (t("NCT01856140", "ArmGroupLabel"), [("adipose", "ALLO-ASC")]),
    (t("NCT03265613", "ArmGroupDescription"), [("adipose", "AD-MSCs")]),  # once, first mention
    (t("NCT02442037", "InterventionDescription"), [("umbilical-cord", "umbilical cord")]),
    (t("NCT04654286", "InterventionDescription"), [("amnion", "amniotic"), ("adipose", "adipose")]),
    (t("NCT04615455", "InterventionDescription"), [("adipose", "ASCs")]),
    (t("NCT01301664", "Keyword"), [("synovium", "synovial")]),
    (t("NCT01033552", "InterventionDescription", "Bone"), [("bone-marrow", "Bone marrow"), ("cord-blood", "UCB")]),
    # cord blood is not umbilical cord (NCT02755376 and NCT00823316 titles / summaries)
    ("Human Umbilical Cord Blood Derived Mesenchymal Stem Cell", [("cord-blood", "Umbilical Cord Blood")]),
    ("PROMOSTEM (human umbilical cord blood-derived mesenchymal stem cells)", [("cord-blood", "umbilical cord blood")]),
    ("intracoronary human umbilical Wharton's jelly-derived mesenchymal stem cell (WJ-MSC) transfer",  # NCT01291329
     [("wharton-jelly", "Wharton's jelly")]),
    ("menstrual blood-derived stem cells", [("menstrual-blood", "menstrual blood")]),  # NCT01483248
    ("hUC-MSC, UCMSC, WJ-MSC, AD-MSC, adMSC, ADSC, BM-MSC, BMSC, MSC-DP, DPSC",
     [("umbilical-cord", "hUC-MSC"), ("wharton-jelly", "WJ-MSC"), ("adipose", "AD-MSC"),
      ("bone-marrow", "BM-MSC"), ("dental-pulp", "MSC-DP")]),
    ("stromal vascular fraction from lipoaspirate", [("adipose", "stromal vascular fraction")]),
    ("placenta-derived and amniotic fluid MSCs, decidua, chorionic plate", [
        ("placenta", "placenta"), ("amniotic-fluid", "amniotic fluid"), ("decidua", "decidua"),
        ("chorion", "chorionic")]),
    ("human chorionic gonadotropin; mesenchymal stem cells from healthy donors", []),
    ("in the endometrial-decidual direction", []),  # NCT05520112: a target, not a source
]


@pytest.mark.parametrize(("text", "expected"), TISSUES, ids=[f"tissue{i}" for i in range(len(TISSUES))])
def test_parse_tissue_sources(text: str, expected: list[tuple[str, str]]) -> None:
    found = parse_tissue_sources(text)
    assert values(found) == expected
    assert spans_ok(text, found)


def test_transplanted_bone_marrow_is_not_a_source_but_the_later_mention_is() -> None:
    text = t("NCT00957931", "BaselineGroupDescription")
    (m,) = parse_tissue_sources(text)
    assert m.value == "bone-marrow" and m.start == text.rindex("bone marrow")


DONORS: list[tuple[str, list[tuple[str, str]]]] = [
    (t("NCT01663376", "InterventionDescription"), [("autologous", "Autologous")]),
    (t("NCT05520086", "InterventionDescription"), [("allogeneic", "allogeneic")]),
    (t("NCT03058068", "ArmGroupLabel"), [("allogeneic", "Allo-")]),
    (t("NCT01856140", "ArmGroupLabel"), [("allogeneic", "ALLO-")]),
    (t("NCT04615455", "InterventionDescription"), []),  # "from healthy donors" is not a stated relation
    ("Allogenic Adiposse derived mesenchimal stem cells (MSC)", [("allogeneic", "Allogenic")]),  # NCT05520086
    ("allogenous MSCs, autogenous cortical bone, syngeneic grafts",  # forms of NCT01270139, NCT03797963
     [("allogeneic", "allogenous"), ("autologous", "autogenous")]),
    # about the haematopoietic transplant, not the MSCs (NCT00972660)
    ("one of the main limitations to successful allogeneic hematopoietic stem cell transplantation (HSCT)", []),
    ("allograft tendon", []),
]


@pytest.mark.parametrize(("text", "expected"), DONORS, ids=[f"donor{i}" for i in range(len(DONORS))])
def test_parse_donor_relation(text: str, expected: list[tuple[str, str]]) -> None:
    found = parse_donor_relation(text)
    assert values(found) == expected
    assert spans_ok(text, found)


ROUTES: list[tuple[str, list[tuple[str, str]]]] = [
    (t("NCT04288102", "InterventionDescription"), [("intravenous", "intravenously")]),
    (t("NCT02315027", "InterventionDescription"), [("intrathecal", "intrathecally")]),
    (t("NCT01663376", "InterventionDescription"), [("intramuscular", "Intramuscular")]),
    (t("NCT00823316", "InterventionDescription"), [("intravenous", "IV")]),
    (t("NCT05520086", "InterventionDescription"), [("topical", "topical")]),
    (t("NCT02705742", "InterventionDescription"), [("intravenous", "IV"), ("intra-arterial", "hepatic artery")]),
    (t("NCT04276987", "InterventionDescription"), [("inhalation", "inhalation")]),
    (t("NCT01322906", "InterventionDescription"), [("intravenous", "by peripheral vein")]),
    (t("NCT01033552", "InterventionDescription", "Bone"), [("intravenous", "IV")]),
    (t("NCT02165904", "OfficialTitle"), [("intrathecal", "Subarachnoid")]),
    (t("NCT03838250", "BriefTitle"), [("intra-arterial", "Hepatic Artery")]),
    # Roman numerals are not routes (NCT00314483: "grade II to IV GVHD")
    ("Patients who develop grade II to IV GVHD; stage IV; NYHA class III or IV", []),
    ("by transendocardial injection", [("intramyocardial", "transendocardial")]),  # NCT02509156
    ("by intra-lesion injection", [("intralesional", "intra-lesion")]),  # NCT04326959
    ("local injection of micro-fragmented adipose tissue", [("intralesional", "local injection")]),
    ("intra-articular, intraarticularly, intrarticular; into the knee joint",
     [("intra-articular", "intra-articular")]),
    ("i.v. infusion, intravitreal, intradiscal, intraosseous, intradermal, intracoronary, intramyocardial, "
     "intra-arterial, intranasal, nebulized, intraperitoneal, intracerebral, endobronchial, subcutaneous",
     [("intravenous", "i.v."), ("intravitreal", "intravitreal"), ("intradiscal", "intradiscal"),
      ("intraosseous", "intraosseous"), ("intradermal", "intradermal"), ("intracoronary", "intracoronary"),
      ("intramyocardial", "intramyocardial"), ("intra-arterial", "intra-arterial"), ("intranasal", "intranasal"),
      ("inhalation", "nebulized"), ("intraperitoneal", "intraperitoneal"), ("intracerebral", "intracerebral"),
      ("endobronchial", "endobronchial"), ("subcutaneous", "subcutaneous")]),
    ("refractory and intractable disease", []),
]


@pytest.mark.parametrize(("text", "expected"), ROUTES, ids=[f"route{i}" for i in range(len(ROUTES))])
def test_parse_routes(text: str, expected: list[tuple[str, str]]) -> None:
    found = parse_routes(text)
    assert values(found) == expected
    assert spans_ok(text, found)


# ---------------------------------------------------------------------------- administrations

ADMINISTRATIONS: list[tuple[str, int | None, list[int], str | None]] = [
    (t("NCT04288102", "InterventionDescription"), 3, [0, 3, 6], "Day 0, Day 3, Day 6"),
    (t("NCT02315027", "InterventionDescription"), 1, [], "single dose"),
    (t("NCT03333681", "InterventionDescription"), 1, [], "A single intravenous administration"),
    (t("NCT04276987", "InterventionDescription"), 5, [1, 2, 3, 4, 5], None),
    (t("NCT02442037", "InterventionDescription"), 3, [], "three times"),
    (t("NCT02923375", "ArmGroupDescription"), 2, [0, 7], "Day 0 and Day 7"),
    (t("NCT00366145", "InterventionDescription"), 8, [], "2 infusions of 2 million cells/kg per week for 4 weeks"),
    (t("NCT01322906", "InterventionDescription"), 4, [], "4 times"),
    (t("NCT01033552", "InterventionDescription", "40 mg"), 5, [-6, -5, -4, -3, -2], "on Days -6, -5, -4, -3 and -2"),
    (t("NCT01663376", "InterventionDescription"), None, [], None),
    # spec forms
    ("on days 0 and 7", 2, [0, 7], "on days 0 and 7"),
    ("days 1, 3 and 5 by intravenous infusion", 3, [1, 3, 5], "days 1, 3 and 5"),
    ("single infusion", 1, [], "single infusion"),
    ("a single dose", 1, [], "a single dose"),
    ("two infusions", 2, [], "two infusions"),
    ("three doses", 3, [], "three doses"),
    ("once a week for 4 weeks", 4, [], "once a week for 4 weeks"),
    ("twice weekly for two weeks", 4, [], "twice weekly for two weeks"),  # NCT01175655 form
    ("4 times", 4, [], "4 times"),
    ("20 patients received doses", None, [], None),
    ("10 times higher than the dose", None, [], None),
    ("daily for 6 months", None, [], None),  # the count is not written
    (t("NCT05130983", "ArmGroupDescription"), 10, [0, 2, 4], None),  # the day list is not the count
    ("assessed on days 0 and 7", None, [], None),
]


@pytest.mark.parametrize(("text", "count", "days", "phrase"), ADMINISTRATIONS,
                         ids=[f"adm{i}" for i in range(len(ADMINISTRATIONS))])
def test_parse_administrations(text: str, count: int | None, days: list[int], phrase: str | None) -> None:
    adm = parse_administrations(text)
    if count is None and not days:
        assert adm is None
        return
    assert adm is not None
    assert (adm.count, adm.days) == (count, days)
    assert text[adm.start:adm.end] == adm.text and spans_ok(text, adm.parts)
    if phrase is not None:
        assert adm.text == phrase


# -------------------------------------------------------------------------------- time frames

TIME_FRAMES: list[tuple[str, list[str], list[str] | None]] = [
    ("Day 10, Day 28, Day 90", ["P10D", "P28D", "P90D"], ["Day 10", "Day 28", "Day 90"]),  # NCT04288102
    ("12 months", ["P12M"], ["12 months"]),
    ("week 24", ["P24W"], ["week 24"]),
    ("Baseline to Weeks 4, 8, 16, 24, 32, 42 and 52.",  # NCT04928287
     ["P0D", "P4W", "P8W", "P16W", "P24W", "P32W", "P42W", "P52W"],
     ["Baseline", "Weeks 4", "8", "16", "24", "32", "42", "52"]),
    ("baseline, day 1,4,7, and 1, 3, 6, 12, 18, 24 month after surgery",  # NCT02767817
     ["P0D", "P1D", "P4D", "P7D", "P1M", "P3M", "P6M", "P12M", "P18M", "P24M"], None),
    ("12 weeks (plus or minus 3 days) after treatment", ["P12W"], None),  # NCT03265613
    ("90days；180days；360days", ["P90D", "P180D", "P360D"], ["90days", "180days", "360days"]),  # NCT04811651
    ("4、8、12、36、48 weeks",  # NCT04208646
     ["P4W", "P8W", "P12W", "P36W", "P48W"], ["4", "8", "12", "36", "48 weeks"]),
    ("Four year follow-up", ["P4Y"], ["Four year"]),  # NCT05003921
    ("One year", ["P1Y"], None),
    ("1 year", ["P1Y"], None),
    ("within 6 h after pneumostem transplantation", ["PT6H"], ["6 h"]),  # NCT02274428
    ("Up to12 months", ["P12M"], None),  # NCT03096782
    ("up to 24 months", ["P24M"], None),
    ("from visit 2 to 12-month follow-up period", ["P12M"], ["12-month"]),  # NCT04056819
    ("Day 1 - 21+3", ["P1D", "P21D"], None),  # NCT05523011
    ("Days 1 and 2, Weeks 1, 2, 4, 6, 6.1, 6.2, 6.3, 8 and 12",  # NCT03267784
     ["P1D", "P2D", "P1W", "P2W", "P4W", "P6W", "P6.1W", "P6.2W", "P6.3W", "P8W", "P12W"], None),
    ("Screening, change from screening at week 0, week 4, week 8, week 13, week 26, week 52.",  # NCT04228666
     ["P0W", "P4W", "P8W", "P13W", "P26W", "P52W"], None),
    ("day 0, day 3, day 5 (+/- 1day)", ["P0D", "P3D", "P5D"], None),  # NCT04625738
    ("48 hours, 2, 4, 8, 12, 24 weeks and 52 weeks after MSC administration",  # NCT03211793
     ["PT48H", "P2W", "P4W", "P8W", "P12W", "P24W", "P52W"], None),
    ("Baseline", ["P0D"], ["Baseline"]),
    ("Completion of study", [], None),
    # spec forms
    ("baseline to 6 months", ["P0D", "P6M"], ["baseline", "6 months"]),
    ("24 hours", ["PT24H"], None),
    ("up to 2 years", ["P2Y"], ["2 years"]),
    ("at 1, 3 and 6 months", ["P1M", "P3M", "P6M"], ["1", "3", "6 months"]),
    ("week 52", ["P52W"], None),
    ("Day -1 through Day 28", ["P28D"], None),  # before baseline: not a duration
]


@pytest.mark.parametrize(("text", "expected", "texts"), TIME_FRAMES, ids=[f"tf{i}" for i in range(len(TIME_FRAMES))])
def test_parse_time_frame(text: str, expected: list[str], texts: list[str] | None) -> None:
    points = parse_time_frame(text)
    assert [p.value for p in points] == expected
    if texts is not None:
        assert [p.text for p in points] == texts
    assert spans_ok(text, points)
    assert all(isinstance(p.amount, Decimal) for p in points)


# ----------------------------------------------------------------------- against the shared file

def _shared_records(shared_dir: Path) -> list[dict[str, Any]]:
    path = shared_dir / "ctgov" / "ctgov-msc-studyfields-dev.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.fixture(scope="module")
def shared_records(shared_dir: Path) -> list[dict[str, Any]]:
    return _shared_records(shared_dir)


def test_real_strings_occur_in_the_shared_file(shared_records: list[dict[str, Any]]) -> None:
    by_id = {r["NCTId"][0]: r for r in shared_records}
    for nct, field, text in REAL:
        assert text in by_id[nct].get(field, []), (nct, field, text[:60])


PRODUCT = ["InterventionName", "InterventionDescription", "ArmGroupLabel", "ArmGroupDescription",
           "InterventionOtherName"]
CONTEXT = [*PRODUCT, "BriefTitle", "OfficialTitle", "BriefSummary", "Keyword"]
# parser, fields read, minimum share of the 1,100 records with at least one value (measured - ~2 points)
RECORD_SHARES: dict[str, tuple[Callable[[str], Any], list[str], float]] = {
    "doses": (parse_doses, PRODUCT, 0.43),
    "tissue sources": (parse_tissue_sources, CONTEXT, 0.76),
    "donor relations": (parse_donor_relation, CONTEXT, 0.61),
    "routes": (parse_routes, [*PRODUCT, "BriefTitle", "OfficialTitle", "BriefSummary"], 0.57),
    "administrations": (parse_administrations, ["InterventionDescription", "ArmGroupDescription"], 0.36),
}


def test_coverage_over_the_shared_sample(shared_records: list[dict[str, Any]]) -> None:
    """Shares of the 1,100 records in which each parser finds something; offsets checked on every hit."""
    measured: dict[str, float] = {}
    for name, (parse, fields, _) in RECORD_SHARES.items():
        hits = 0
        for record in shared_records:
            found = False
            for text in (v for f in fields for v in record.get(f, [])):
                result = parse(text)
                if result:
                    found = True
                    items = result if isinstance(result, list) else [result]
                    assert spans_ok(text, items), (record["NCTId"], name, text[:80])
            hits += found
        measured[name] = hits / len(shared_records)
    frames = [v for r in shared_records for f in ("PrimaryOutcomeTimeFrame", "SecondaryOutcomeTimeFrame")
              for v in r.get(f, [])]
    parsed_frames = [parse_time_frame(v) for v in frames]
    assert all(spans_ok(v, p) for v, p in zip(frames, parsed_frames, strict=True))
    measured["time frames (share of strings)"] = sum(1 for p in parsed_frames if p) / len(frames)
    dates = [v for r in shared_records for f in ("StartDate", "PrimaryCompletionDate", "CompletionDate",
                                                 "StudyFirstSubmitDate", "LastUpdatePostDate", "StatusVerifiedDate")
             for v in r.get(f, [])]
    measured["dates (share of strings)"] = sum(1 for v in dates if parse_date(v)) / len(dates)
    print("\nparser coverage over the shared sample:",
          ", ".join(f"{name} {share:.1%}" for name, share in measured.items()))
    for name, (_, _, minimum) in RECORD_SHARES.items():
        assert measured[name] >= minimum, (name, measured[name])
    assert measured["time frames (share of strings)"] >= 0.97
    assert measured["dates (share of strings)"] == 1.0
