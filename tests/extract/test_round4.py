"""Round-4 readers: tables copied one cell per line, tab-separated table rows with a between-group
column, and prose forms met in blind6/, dev5/ and dev6/. Every text here is invented for these tests."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from msckg.builder.build import build
from msckg.extract import extract_text, write_draft
from msckg.extract.statistics import find_groups
from msckg.extract.tables import join_cell_lines

CELL_PER_LINE = """Results
Continuous data are given as mean ± standard deviation unless stated otherwise.
Sixty patients were randomized to the allogeneic MSC-loaded scaffold (scaffold group) or to bone autograft (autograft group).

Table 1
Baseline characteristics of the randomized patients.
Characteristic
Scaffold (n = 30)
Autograft (n = 30)
Age, years
58.2 ± 7.1
57.9 ± 8.0

Table 2 Fusion on CT
Outcome\tScaffold (n = 28)\tAutograft (n = 27)\tDifference, percentage points (95% CI)\tp value
Fusion at 12 months, n (%)\t24 (85.7)\t23 (85.2)\t0.5 (−18.1 to 19.2)\t0.96

Table 3
Patient-reported outcomes.
Outcome
Scaffold (n = 28)
Autograft (n = 27)
p value
Oswestry Disability Index (0–100)
Baseline
41.5 ± 10.2
43.0 ± 11.8
0.61
12 months
15.2 ± 9.9
18.8 ± 10.4
0.19
"""


def test_cell_lines_become_rows_and_keep_every_offset() -> None:
    joined = join_cell_lines(CELL_PER_LINE)
    assert len(joined) == len(CELL_PER_LINE)
    assert "Outcome\tScaffold (n = 28)\tAutograft (n = 27)\tp value\n" in joined
    assert "Baseline\t41.5 ± 10.2\t43.0 ± 11.8\t0.61\n" in joined
    assert "Oswestry Disability Index (0–100)\nBaseline" in joined  # the measure naming the rows under it
    assert [i for i, (a, b) in enumerate(zip(joined, CELL_PER_LINE, strict=True)) if a != b and (a, b) != ("\t", "\n")] == []


def _results(text: str) -> list[tuple[str, str | None, str, tuple]]:
    draft = extract_text(text, "doc")
    eps = {e["id"]: e["label"] for e in draft.data["endpoints"]}
    out = []
    for r in draft.data["results"]:
        for st in r["statistics"]:
            value = (st.get("numerator"), st.get("denominator"), st.get("percentage")) if st["kind"] == "proportion" \
                else st.get("value", st.get("bound"))
            out.append((eps[r["endpoint"]], r.get("timepoint"), r["population"], (st["kind"], value, r.get("n"))))
    return out


def test_table_rows_go_by_column_and_baseline_tables_give_nothing() -> None:
    got = _results(CELL_PER_LINE)
    fusion = [x for x in got if x[0].lower().startswith("fusion")]
    assert ("Fusion", "P12M", "msc", ("proportion", (24, 28, Decimal("85.7")), 28)) in fusion
    assert ("Fusion", "P12M", "control", ("proportion", (23, 27, Decimal("85.2")), 27)) in fusion
    assert any(x[3][0] == "difference" and x[3][1] == Decimal("0.5") for x in fusion)
    odi = [x for x in got if "Oswestry" in x[0]]
    assert ("P0D", ("mean", Decimal("41.5"), 28)) in [(x[1], x[3]) for x in odi]
    assert ("P12M", ("sd", Decimal("10.4"), 27)) in [(x[1], x[3]) for x in odi if x[2] == "control"]
    assert not any(x[3][1] == Decimal("58.2") for x in got)  # age is who was enrolled, not a result


def test_prose_forms_of_round4() -> None:
    # "(84.5 vs 80.2, P = 0.19)": two bare values compared
    groups = [g for g in find_groups("KOOS pain did not differ at 24 months (84.5 vs 80.2, P = 0.19).") if g.is_value]
    assert [g.stats[0].value for g in groups] == [Decimal("84.5"), Decimal("80.2")]
    # a count and total, and further on the percentage they make, are one proportion
    groups = find_groups("pain was reported by 6 of 29 patients in the autograft group (20.7%).")
    assert [(g.stats[0].numerator, g.stats[0].denominator, g.stats[0].percentage) for g in groups] == [(6, 29, Decimal("20.7"))]
    # "12/18 patients (66.7%)" is one proportion
    groups = find_groups("healing was achieved in 12/18 patients (66.7%) at week 12")
    assert [(g.stats[0].numerator, g.stats[0].percentage) for g in groups] == [(12, Decimal("66.7"))]
    # "5% to 30% of total body surface area" is an entry range, not a result
    assert find_groups("adults with burns covering 5% to 30% of total body surface area") == []
    # "(mean ± SEM)" names means
    groups = find_groups("TNF-α fell from 3.9 ± 0.4 to 2.8 ± 0.3 pg/mL (mean ± SEM)")
    assert [g.stats[0].kind for g in groups if g.is_value] == ["mean", "mean"]


COMPARATOR_WORDS = """Methods: Forty patients were randomly assigned to a single injection of UC-MSCs in hyaluronic acid or HA alone.
Results: At 12 months, pain was 14.2 (SD 9.8) mm in the MSC group and 22.9 (SD 13.1) mm in the HA group. Scar quality was better in the MSC group (mean 3.1 ± 1.4 versus 5.6 ± 2.0; P < 0.001). Relapse was 21.7% with MSCs and 18.3% without (P = 0.62).
"""


def test_comparator_named_by_its_treatment_and_by_without() -> None:
    got = _results(COMPARATOR_WORDS)
    pops = {x[3][1]: x[2] for x in got if x[3][0] in ("mean", "central-value", "proportion")}
    assert pops[Decimal("22.9")] == "control"
    assert pops[Decimal("5.6")] == "control" and pops[Decimal("3.1")] != "control"
    assert pops[(None, None, Decimal("18.3"))] == "control"


GUARDED = """Methods: Ninety patients were randomly assigned 1:1:1 to a single intravenous infusion of UC-MSCs, to nebulised
UC-MSCs on days 1, 3 and 5, or to placebo.
Results: Cerebellar glucose metabolism declined less after MSC infusion (mean change, −3.1% vs −8.4%; P=.02).
"""


def test_a_negative_percentage_is_a_change_and_every_draft_keeps_the_rules(tmp_path: Path) -> None:
    draft = extract_text(GUARDED, "guarded")
    stats = [st for r in draft.data["results"] for st in r["statistics"]]
    assert [(st["kind"], st["value"]) for st in stats if st["kind"] != "p-value"] == [
        ("mean", Decimal("-3.1")), ("mean", Decimal("-8.4"))]  # "mean change, -3.1% vs -8.4%"
    assert not any(st["kind"] == "proportion" for st in stats)
    for product in draft.data["products"]:  # never more days than administrations: such days go to the note
        assert len(product.get("days", [])) <= product.get("administrations", 99)
    write_draft(draft, tmp_path / "studies" / "guarded.yaml")
    summary = build(tmp_path / "studies", tmp_path / "out")
    assert summary.ok and not summary.report.violations
