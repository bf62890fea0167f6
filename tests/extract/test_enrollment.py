"""The number enrolled sits on the verb that says so, not on the first count of people."""

from __future__ import annotations

import pytest

from msckg.extract.enrollment import enrollment
from msckg.extract.sections import segment
from msckg.extract.sentences import sentences


def _enrolled(text: str) -> int | None:
    cue = enrollment(sentences(text, segment(text)))
    return None if cue is None else int(cue.value)  # type: ignore[call-overload]


@pytest.mark.parametrize(("text", "count"), [
    # screened, then randomised: the randomised
    ("Results: Between May 2019 and June 2021, 130 patients were screened and 84 were randomly assigned "
     "(42 per group).", 84),
    ("Results: Of 75 patients assessed for eligibility, 50 were randomized.", 50),
    ("Results: 64 patients were screened, of whom 44 were randomly assigned to MSCs (n=22) or placebo (n=22).", 44),
    # a per-group size or a power calculation is not the total
    ("Methods: Assuming a difference of 4 points, 21 patients per group gave 80% power; 25 per group were "
     "enrolled. Results: Fifty women were randomized (25 per group).", 50),
    ("Results: Twenty-eight patients were assigned to each group.", None),
    # the count with a parenthesis or a clause before the verb
    ("Results: Fourteen patients (nine men; median age 52 years) were treated between 2020 and 2022.", 14),
    ("Methods: 36 adults with disease lasting at least 2 years and refractory to prior therapy were randomly "
     "assigned 1:1 to cells or saline.", 36),
    ("Results: A total of 92 patients underwent randomization at 11 centers.", 92),
    ("Results: Among 120 randomized patients (mean age 61 years), 117 completed the trial.", 120),
    ("Methods: The clinical data of 47 patients with the disease treated in our department were analyzed "
     "retrospectively.", 47),
    ("Design: In this randomized clinical trial of 210 adults, mortality was lower with cells.", 210),
    ("Were enrolled 30 athletes (age 18-40 years) with tendinopathy.", 30),
    ("Results: All 26 patients completed the 12-month visit.", 26),
    # a threshold before the verb is not a count of people
    ("Methods: Adults with a disease activity score of at least 4 were randomly assigned to cells or placebo.", None),
    # a reference group described by a relative clause is not the study's enrolment
    ("Methods: Nine children received the cells; eighteen children who were treated before 2018 served as "
     "historical controls.", 9),
    # a registry record
    ("Enrollment (Actual): 76\nStudy Type: Interventional", 76),
    ("Overall Number of Baseline Participants\t20\t21\t41", 41),
])
def test_enrollment_forms(text: str, count: int | None) -> None:
    assert _enrolled(text) == count
