"""Round 5 rules (docs/extract.md, "Round 5"): each test drafts a short invented report and checks the facts."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from msckg.extract.draft import extract_text
from msckg.extract.evaluate import _loose_key
from msckg.extract.statistics import find_groups
from msckg.extract.tables import pipe_cells

CABG = (
    "Intramyocardial stromal cells during bypass surgery: a randomised trial.\n"
    "Methods: Patients were randomised to CABG plus WJ-MSCs (n = 26) or CABG alone (n = 24). The primary endpoint "
    "was the change in scar size, expressed as a percentage of left ventricular mass on cardiac magnetic resonance, "
    "at 6 months. Secondary endpoints included LVEF and 6-min walk distance (6MWD).\n"
    "Results: LVEF increased by 7.6 (95% CI, 4.9-10.3) and 4.1 (95% CI, 1.6-6.6) percentage points, respectively "
    "(p = 0.06). The 6MWD improved by 64 m (SD 58) with WJ-MSCs and by 41 m (SD 62) with CABG alone (p = 0.19), and "
    "NYHA class improved by at least one class in 18 of 26 (69%) versus 13 of 24 (54%) patients.\n"
)

HIP = (
    "Core decompression with or without stromal cells for osteonecrosis: a randomised trial.\n"
    "Methods: 72 patients were allocated to CD plus BMSC implantation (CD+BMSC, n = 36) or CD alone (n = 36). The "
    "primary endpoint was conversion to total hip arthroplasty (THA) at 36 months.\n"
    "Results: Conversion to THA was required in 3 (8.3%) versus 9 (25.0%) patients (p = 0.06).\n"
    "Table 2 Outcomes by group\n"
    "Outcome | CD+BMSC (n = 36) | CD alone (n = 36) | p value\n"
    "Conversion to THA at 36 months, n (%) | 3 (8.3) | 9 (25.0) | 0.06\n"
    "Harris hip score, 12 months | 78.9 ± 9.8 | 70.3 ± 11.4 | 0.001\n"
)


def _facts(data: dict[str, Any]) -> set[tuple[str, str, str | None, str, Any]]:
    eps = {e["id"]: e["label"] for e in data["endpoints"]}
    roles = {a["id"]: a["role"] for a in data["arms"]}
    return {(eps[r["endpoint"]], roles[r["population"]], r.get("timepoint"), st["kind"],
             st.get("value", st.get("numerator")))
            for r in data["results"] for st in r["statistics"]}


def test_one_assessment_time_and_a_trailing_list_timepoint() -> None:
    """'..., expressed as ..., at 6 months' times the primary endpoint, and the one time the methods name
    times the efficacy values that state none; 'respectively' after a unit gives the arms in order."""
    data = extract_text(CABG, "cabg").data
    eps = {e["label"]: e for e in data["endpoints"]}
    assert eps["scar size"]["timepoints"] == ["P6M"]
    assert not any(label.startswith("expressed") for label in eps)
    got = _facts(data)
    assert ("LVEF", "experimental", "P6M", "difference", Decimal("7.6")) in got
    assert ("LVEF", "active-comparator", "P6M", "difference", Decimal("4.1")) in got
    assert any(f[3] == "proportion" and f[4] == 18 for f in got)  # "18 of 26 (69%)" after an "(SD 58)"
    assert not any(f[3] == "sd" and f[4] in (Decimal(69), Decimal(54)) for f in got)


def test_a_proportion_after_an_sd_is_no_mean() -> None:
    text = "by 64 m (SD 58) and 41 m (SD 62), and in 18 of 26 (69%) versus 13 of 24 (54%) patients"
    kinds = [(st.kind, st.value, st.numerator) for g in find_groups(text) for st in g.stats]
    assert ("proportion", None, 18) in kinds and ("proportion", None, 13) in kinds
    assert ("sd", Decimal(69), None) not in kinds


def test_a_table_with_bars_is_read_by_column_and_the_text_it_repeats_is_kept_once() -> None:
    out = pipe_cells(HIP)
    assert len(out) == len(HIP)  # offsets hold
    assert "Outcome \t CD+BMSC (n = 36) \t CD alone (n = 36) \t p value" in out
    data = extract_text(HIP, "hip").data
    tha = [r for r in data["results"] if any(st["kind"] == "proportion" for st in r["statistics"])]
    # once each, from the table: its column gives the arm, its row the time
    assert sorted((r["population"], r.get("timepoint"), r["statistics"][0]["numerator"]) for r in tha) == \
        sorted([(data["arms"][0]["id"], "P36M", 3), (data["arms"][1]["id"], "P36M", 9)])
    # "78.9 ± 9.8" with no "mean ± SD" said anywhere: an unnamed value with its spread
    assert ("Harris hip score", "experimental", "P12M", "central-value", Decimal("78.9")) in {
        (f[0].split(",")[0], *f[1:]) for f in _facts(data)}


def test_a_named_mean_change_is_a_mean_and_an_unnamed_one_a_difference() -> None:
    named = find_groups("the mean (SD) Pao2:Fio2 ratio increased by 68.3 (54.1) mm Hg vs 41.9 (49.7) mm Hg")
    assert [st.kind for g in named for st in g.stats] == ["mean", "sd", "mean", "sd"]
    fell = find_groups("the pain score fell by a mean of 2.8 points")
    assert [(st.kind, st.value) for g in fell for st in g.stats] == [("mean", Decimal("-2.8"))]
    plain = find_groups("SWS flow rate increased from baseline by 0.12 mL/min (95% CI 0.04 to 0.20)")
    assert [st.kind for g in plain for st in g.stats] == ["difference"]
    compared = find_groups("day-7 SOFA scores did not differ (mean, 7.1 vs 7.6; P = .41)")
    assert [(st.kind, st.value) for g in compared for st in g.stats][:2] == [("mean", Decimal("7.1")),
                                                                              ("mean", Decimal("7.6"))]


def test_conventions_aside_the_keys_agree() -> None:
    """The diagnostic figure sets aside mean/difference/unnamed value and the sign of a fall, nothing else."""
    a = ("experimental", "28", "difference", "v", "-5.8", "-9.1", "-2.5", "0.95")
    b = ("experimental", "28", "mean", "v", "5.8", "2.5", "9.1", "0.95")
    assert _loose_key(a) == _loose_key(b)
    assert _loose_key(a) != _loose_key(("experimental", "28", "median", "v", "5.8", "2.5", "9.1", "0.95"))
    assert _loose_key(("comparator", "28", "proportion", "p", "3", "36", "8.3")) != \
        _loose_key(("experimental", "28", "proportion", "p", "3", "36", "8.3"))
