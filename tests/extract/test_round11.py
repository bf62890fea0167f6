"""Round 11 rules (docs/extract.md, "Round 11"): each test drafts a short invented report and checks the facts."""

from __future__ import annotations

from decimal import Decimal

from msckg.extract.draft import extract_text

from .test_round10 import _by_label

PAIRED_COUNTS = (
    "Stromal cells for chronic hand eczema: a randomised trial\n"
    "Methods: Forty adults were randomly assigned to umbilical cord MSCs (n = 20) or placebo (n = 20).\n"
    "Results: Transient fever within 24 h of infusion occurred in 2 and 3 patients. The most frequent local event "
    "was transient erythema at the injection site (n = 5 vs n = 1). A joint effusion was registered in 3 patients "
    "of the MSC group and 2 patients of the placebo group. Among patients with a palmar lesion at baseline "
    "(12 and 11 patients, respectively), the lesion cleared in most.\n"
)


def test_counts_paired_by_arm_order() -> None:
    """'occurred in 2 and 3 patients', '(n = 5 vs n = 1)': one count per arm in the order the design gave them;
    'and 2 patients of the placebo group': the same event in the other arm; a parenthesis sizing a subgroup
    ('Among patients with ... (12 and 11 patients, respectively)') counts no event."""
    facts = _by_label(extract_text(PAIRED_COUNTS, "eczema").data)
    assert ("transient fever within 24 h of infusion", "msc", None, "count", Decimal("2")) in facts
    assert ("transient fever within 24 h of infusion", "placebo", None, "count", Decimal("3")) in facts
    assert ("transient erythema at the injection site", "msc", None, "count", Decimal("5")) in facts
    assert ("transient erythema at the injection site", "placebo", None, "count", Decimal("1")) in facts
    assert ("joint effusion", "msc", None, "count", Decimal("3")) in facts
    assert ("joint effusion", "placebo", None, "count", Decimal("2")) in facts
    assert not any(value in (Decimal("12"), Decimal("11")) for *_, value in facts)


ORDERED = (
    "Two infusion schedules of stromal cells in children: a randomised trial\n"
    "Methods: Twenty-four children were randomised to Schedule A (one infusion) or Schedule B (three infusions), "
    "twelve to each schedule.\n"
    "Results: Adverse events were reported in 7 of 12 children in Schedule A and 9 of 12 in Schedule B; the most "
    "common were headache on the day of infusion (3 and 5 children, respectively).\n"
)


def test_respective_counts_follow_the_sentence_order_of_arms() -> None:
    """'(3 and 5 children, respectively)' after 'in Schedule A ... in Schedule B': the arms in the order the sentence
    named them, and the event the phrase before the parenthesis names."""
    facts = _by_label(extract_text(ORDERED, "sched").data)
    assert ("headache on the day of infusion", "schedule-a", None, "count", Decimal("3")) in facts
    assert ("headache on the day of infusion", "schedule-b", None, "count", Decimal("5")) in facts


PAGE = (
    "Stromal cells in dilated cardiomyopathy: a randomised trial\n"
    "Methods and results\n"
    "Ninety patients were randomized 2:1 to allogeneic MSCs (n = 60) or placebo (n = 30). The median ratio of 12-month "
    "to baseline NT-proBNP was 0.62 (IQR 0.41–0.95) in the MSC group and 0.88 (IQR 0.60–1.31) in the placebo group "
    "(ratio of geometric means 0.71, 95% CI 0.53–0.95; P = 0.022). Major adverse cardiac events occurred in 9 (15.0%) "
    "MSC-treated and 9 (30.0%) placebo-treated patients [hazard ratio 0.46, 95% CI 0.18–1.16; P = 0.10], including "
    "heart failure hospitalization in 7 (11.7%) and 8 (26.7%) and death in 2 (3.3%) and 1 (3.3%), respectively. "
    "Serious adverse events were reported in 30.0% and 40.0% of patients.\n"
    "\n"
    "Graphical Abstract\n"
    "At 12 months, NT-proBNP fell to 62% vs. 88% of baseline, and MACE occurred in 15.0% vs. 30.0% of patients.\n"
)


def test_ratio_to_baseline_pairs_and_page_restatements() -> None:
    """'ratio of 12-month to baseline' is at 12 months; 'ratio of geometric means' is an effect size; 'including X in
    a and b and Y in c and d, respectively' gives each event its own measure, arms in the sentence's order; a pair
    with no arm named takes the design's order; a graphical abstract restates and adds nothing."""
    data = extract_text(PAGE, "dcm").data
    facts = _by_label(data)
    assert ("nt-probnp", "msc", "P12M", "median", Decimal("0.62")) in facts
    assert ("nt-probnp", "msc", "P12M", "effect-size", Decimal("0.71")) in facts
    assert ("heart failure hospitalization", "msc", None, "proportion", 7) in facts
    assert ("heart failure hospitalization", "placebo", None, "proportion", 8) in facts
    assert ("death", "placebo", None, "proportion", 1) in facts
    assert {("serious adverse events", arm, None, "proportion", None) for arm in ("msc", "placebo")} <= facts
    assert not any(value == Decimal("62") for *_, value in facts)
