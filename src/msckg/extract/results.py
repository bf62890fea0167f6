"""Numeric results: statistics placed on an endpoint, a population and a timepoint.

Why rules in this order: abstracts pack several results into one sentence and tie them together
by position ("from A at baseline to B, C and D at 1, 3 and 5 years, respectively"), by
parentheses ("at 9 (1.24±1.09 mg) and 12 months (...)"), by group phrases ("... receiving ASCs
versus ... receiving placebo") and by "vs." pairs. Each value group is placed by the most
specific rule that applies, and every fallback lowers the result's confidence, so the draft says
which placements a curator should check. Nothing is dropped: a number no rule could place is
listed for review by the draft writer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise

from msckg.extract.design import word_number
from msckg.extract.endpoints import (
    GENERIC_HEADS,
    LABEL_LEAD,
    UNMAPPED,
    EndpointDraft,
    Registry,
    find_instruments,
    key_tokens,
    mentions,
)
from msckg.extract.sections import heading_of
from msckg.extract.sentences import Sentence
from msckg.extract.statistics import (
    ARM_LIST,
    RELATION,
    UNIT,
    Group,
    Stat,
    arm_names,
    find_groups,
)
from msckg.extract.timepoints import FOLLOW_UP_BEFORE, Item, TimeList, find_timepoints


@dataclass
class ArmDraft:
    id: str
    label: str
    role: str
    pattern: re.Pattern[str]
    size: int | None = None


@dataclass
class SubgroupDraft:
    id: str
    label: str
    sentence: Sentence
    start: int
    end: int
    size: int | None = None
    condition: str | None = None  # a disease curie, resolved by the draft writer


@dataclass
class ResultDraft:
    endpoint: EndpointDraft
    population: str
    timepoint: Item | None
    stats: list[Stat]
    sentence: Sentence
    start: int  # source offsets of the statistics' words
    end: int
    n: int | None = None
    direction: str | None = None
    confidence: float = 0.9
    reasons: list[str] = field(default_factory=list)


@dataclass
class Context:
    arms: list[ArmDraft]
    registry: Registry
    subgroups: list[SubgroupDraft] = field(default_factory=list)
    single_arm: bool = True
    last_endpoint: EndpointDraft | None = None
    characteristics: list[Group] = field(default_factory=list)
    frame: tuple[str, Item] | None = None  # a timepoint opening the results section
    running: bool = False  # ... or opening a later sentence: it frames measured values only
    results_seen: bool = False
    columns: list[str] | None = None  # a table flattened to text: the arm of each column, in order
    column_p: bool = False  # ... and a last column of p-values
    table_time: Item | None = None  # "Table 2 Outcomes at 12 months"
    column_n: list[int | None] | None = None  # "MSC (n = 20)": each column's n
    table_pm_sd: bool = False  # "Table 1. Clinical outcomes, mean ± SD"
    last_text: str = ""
    pm_is_sd: bool = False  # "Continuous data are given as mean ± SD": every "x ± y" of the document
    pm_is_mean: bool = False  # "Values are mean ± SEM": every "x ± y" of the document is a mean
    paren_is_sd: bool = False  # "Values are reported as mean (SD)": every "x (y)" of the document is a mean and SD
    paren_is_median: bool = False  # "Values are median (range)": every table cell "x (a–b)" is a median
    stat_marks: dict[str, str] = field(default_factory=dict)  # "§The values are given as the mean and standard deviation"
    carried_times: TimeList | None = None  # the times a sentence of no values ended on, for the next sentence
    last_times: TimeList | None = None  # the visits a sentence listed, for a next one's "at the same visits"
    # a table's footnote marks that stand for a p-value: "† P < 0.05 and ‡ P < 0.01 versus corticosteroid"
    marks: dict[str, tuple[str | None, Decimal]] = field(default_factory=dict)
    crossover: bool = False  # each participant had both treatments: a table's one n is every column's n
    # a cell arm a heading line named ("Cohort 2 (3 × 10^6 cells/kg)"): the arm of the paragraph under it
    lead: ArmDraft | None = None
    # "Table 2. Change from baseline in the PDQ-39 summary index at 12 months, mean (SD)" over rows "Cohort 1: -1.2 (6.0)":
    # the caption names the measure and time of the rows that name only their arm
    caption: Sentence | None = None
    # "in the placebo, 150 million, and 300 million groups, respectively": the order a sentence last named every arm
    # in, which "in 5 (16.1%), 3 (9.7%), and 1 (3.2%) participants, respectively" in the next sentence follows
    arm_order: list[str] | None = None
    # "All outcomes were measured as change from the start to the end of each 24-week period": every outcome's time
    all_at: str | None = None

    @property
    def experimental(self) -> ArmDraft:
        return self.lead or self.arms[0]

    @property
    def comparator(self) -> ArmDraft | None:
        # with an active comparator and a placebo (UCB+EPO, EPO, placebo), differences are against the placebo
        return next((a for a in self.arms if a.role == "placebo-comparator"), None) or \
            next((a for a in self.arms if a.role != "experimental"), None)


_DIRECTION = [
    ("no-difference", re.compile(r"(?i:\b(?:did not differ|no (?:significant )?difference|similar)\b)")),
    ("unchanged", re.compile(r"(?i:\b(?:unchanged|did not change)\b)")),
    ("stable", re.compile(r"(?i:\b(?:remained stable|stability|stable)\b)")),
    ("decreased", re.compile(r"(?i:\b(?:decreas\w*|declin\w*|fell|reduc\w*|lower|drop\w*)\b)")),
    ("increased", re.compile(r"(?i:\b(?:increas\w*|rose|higher|elevat\w*)\b)")),
    ("improved", re.compile(r"(?i:\b(?:improv\w*)\b)")),
]
_VERB = re.compile(r"(?i:\b(?:was|were|is|are|numbered|remained|decreased|increased|improved|occurred|declined|fell|rose|went|descended|dropped|diminished|grew|passed|"
                   r"showed|achieved|changed|did|reduced|had|has|have|reached|developed|experienced|died|survived|relapsed|responded|"
                   r"followed|affected|complicated|resumed|recovered|healed|closed|normali[sz]ed|returned|conceived|"
                   r"progressed|persisted|resolved|became|required|underwent|needed|received|exhibited|demonstrated|occupied|"
                   r"accounted\s+for|averaged|totall?ed)\b)")
_LEAD = re.compile(r"(?i:^(?:(?:additionally|furthermore|moreover|however|more interestingly|interestingly|notably|"
                   r"overall|finally|in addition|post-intervention|following [\w-]+|after [\w-]+|in the [\w-]+ group|"
                   r"in [\w-]+ patients|for those with [^,]+|among (?:patients|those|participants) (?:with|who) [^,]+|"
                   # the JAMA's "RESULTS Among 64 patients (mean [SD] age, ...; 38 women [59.4%]), HiSCR ..."
                   r"(?:(?-i:[A-Z]{4,}(?:\s+[A-Z]{2,}){0,3})\s+)?among \d+ (?:patients|participants|adults|children|subjects)"
                   r"(?: \([^()]*(?:\[[^\]]*\][^()]*)*\))?|"
                   r"at (?:week|month|day|year) \d+|from an? (?:mean |median )?baseline (?:value )?of [^,]{1,40}|from baseline to (?:week|month|day|year) \d+|"
                   r"compared (?:with|to) (?:the )?(?:placebo|controls?|sham|standard care|control group)|"
                   r"(?:after|at|during|within|over|by)\s+[^,]{1,40}),\s*)+)")
# "The benefit was no longer significant at month 12 (difference 17.5 m ...)": the measure before it
_PRONOUN = re.compile(r"(?i:^(?:it|they|this|these|those|which|the latter|the former|that(?:\s+of)?|there)\s*$"
                      # "whereas in saline-treated knees it was 47.0, 42.5 and 44.0": the measure named before
                      r"|^(?:(?:whereas|while|but|and)\s+)?(?:in|among|for)\s+(?:the\s+)?[\w\s-]{2,40}?\s+(?:it|they)\s*$"
                      # "Compared with HA, the difference", "In the mixed model, the estimated between-group difference",
                      # "the corresponding changes": the measure named before
                      r"|^(?:(?:compared\s+(?:with|to)|versus|vs\.?|relative\s+to)\s+[^,]{1,40},\s*|in\s+(?:the|a)\s+[\w\s-]{1,30}?model,\s*)"
                      r"(?:the\s+)?(?:estimated\s+)?(?:between-group\s+)?(?:mean\s+)?differences?\s*$"
                      r"|^(?:the\s+)?(?:corresponding|respective)\s+(?:changes?|values?|differences?|figures?)\s*$"
                      r"|^(?:it|they|this|these|those|which|the latter|the former)\b"
                      r"|^(?:the\s+)?(?:score|scale|index|measure|level|value)s?\s*$"  # "the score changed by -3.1"
                      r"|^(?:(?:the|such\s+an?)\s+)?(?:treatment\s+)?(?:benefit|effect|improvement|advantage|gain|difference)s?\s*$"
                      # "LS mean differences versus HA were 4.3 points ...": the contrast, not the measure
                      r"|^(?:the\s+)?(?:corresponding\s+)?(?:(?:adjusted|LS|least[- ]squares|between-group|treatment|placebo-"
                      r"adjusted)\s+)*(?:mean\s+)?differences?(?:\s+(?:versus|vs\.?|compared\s+with|relative\s+to|from)\s+"
                      r"[\w-]+(?:\s+[\w-]+)?)?"
                      # "The adjusted difference in change between schedules (B minus A)"
                      r"(?:\s+in\s+(?:the\s+)?(?:mean\s+)?changes?)?(?:\s+between\s+(?:the\s+)?(?:groups|arms|schedules|cohorts|"
                      r"treatments)(?:\s*\([^()]*\))?)?\s*$)")
_COMPARISON_BEFORE = re.compile(r"(?i:(?:\bvs\.?|\bversus|\bcompared (?:with|to)|\brelative to|\bfrom|\bover|\bthan)"
                                r"(?:\s+(?:that|those)\s+(?:of|in))?\s*$)")
_SUBGROUP = re.compile(
    r"(?i:\b(?:in|of|among|for)\s+(?:the\s+)?(?:patients|those|subjects|participants|cases)\s+with\s+"
    r"(?P<a>[^,;()]+?)(?=\s*[(,;.]|\s+(?:than|and\s+in|who|at|had|was|were|showed))"
    r"|\bof\s+(?P<b>(?:[\w-]+\s+){1,5}?(?:\([A-Za-z]{2,8}\)\s+)?)patients\b)")
_NAMED_BEFORE = re.compile(r"(?:^|[,;:]\s*|\band\s+|\b(?:were|was|included)\s+)(?P<np>[A-Za-z][A-Za-z'-]*(?:\s+[A-Za-z'-]+){0,3}?)\s*\($")
# "the increase in REC was smaller (0.44 ± 0.51 vs ...)": a judgement of the values, not the name of a measure
_JUDGEMENT = re.compile(r"(?i:(?:(?:significantly|markedly|much|slightly|also|not|numerically)\s+)*(?:smaller|larger|greater|"
                        r"higher|lower|better|worse|similar|comparable|shorter|longer|faster|slower|more\s+\w+|less\s+\w+|"
                        r"significant|superior|inferior|unchanged|stable|maintained|sustained))")
_POPULATION_WORD = re.compile(
    r"(?i:\b(?:patients?|participants?|subjects?|groups?|arms?|placebo|control|those|MSCs?|cells?|at|in|on|of|with|by|vs|respectively|"
    r"versus|to|from|than|observed|seen|reported|noted|found|improved|decreased|increased|reduced|baseline|week|month|day|year)\b)")
# "the total effective rate of the observation group (86.7%, 26/30)": the words before the group phrase
_SUBJECT_HEAD = re.compile(r"(?i:(?:the\s+)?(?P<np>[a-z][\w'-]*(?:\s+[\w'-]+){0,5}?)\s+(?:of|in|for|among)\s+(?:the\s+)?"
                           r"[\w-]+\s+(?:group|arm)\b)")
_GROUP_AFTER = re.compile(r"\s*(?:\([^()]*\)\s*|[)\]]\s*|;\s*[Pp]\s*[=<>≤≥]\s*0?\.\d+\s*\)\s*)?(?:(?:points?|mm|cm|m|mL|L|kg|g|%|seconds?|days?)\s+)?"
                          # APA: "46.7 m, 95% CI [21.2, 72.2], p < .001, d = 0.98, for the high dose"
                          r"(?:,\s*[Pp]\s*[=<>≤≥]\s*0?\.\d+\s*(?:,\s*d\s*=\s*\d+(?:\.\d+)?\s*)?(?=,))?"
                          # "18% lower with 150 million MPCs": the direction of a relative difference, then its arm
                          r"(?:(?:lower|higher|less|greater|smaller|larger)\s+)?,?\s*"
                          r"(?:in|among|for|with)\s+(?:the\s+)?")
_PREDICATE_NOUN = {"died": "deaths", "survived": "survival", "relapsed": "relapse", "responded": "response",
                   "conceived": "pregnancy", "recurred": "recurrence", "healed": "healing"}
# a clause that names its event before its count: "; skin atrophy occurred only with TAC (6 patients [25.0%])",
# ", and telangiectasia in 1 (4.2%) vs 5 (20.8%) patients", "At week 52, keloids recurred in 3 of 22 patients"
_CLAUSE_EVENT = re.compile(r"(?i:^\s*(?:and\s+|including\s+)?(?:(?:at|by|after|during)\s+[^,]{1,30},\s*)?"
                           r"(?P<np>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,5}?)(?P<grade>\s+(?:of\s+)?grade\s+[1-5]\s+or\s+(?:higher|above|more))?\s+"
                           r"(?:(?P<verb>occurred|recurred|relapsed|developed|was\s+(?:reported|seen|observed|noted)|were\s+(?:reported|seen|observed|noted))"
                           r"\s+(?:only\s+)?(?:(?:with|in|after)\s+[^()\d]{0,40}?)?[(\[]?\s*|in\s+)$)")
_COUNT_LIST = re.compile(
    r"(?i:^(?P<list>[\w-]+(?:\s*,\s*[\w-]+)*\s*,?\s+and\s+[\w-]+)\s+(?:patients|subjects|participants|cases)\b)")
# the opening sentence of the results says who was assessed and when: "57 were evaluable at 6 months" (not "completed
# the 52-week follow-up": how long they were followed, the values may be at any visit)
_EVALUABLE_AT = re.compile(r"(?i:\b(?:were|was)\s+(?:evaluable|analy[sz]ed|assessed|available)\s+(?:for\s+\w+\s+)?at\s+"
                           r"(?:the\s+)?(?:\d+|[a-z]+)[- ](?:days?|weeks?|months?|years?)\b)")
# "At 12 weeks of treatment, ...", "At 3 months after surgery, ...": an opening timepoint that frames the section
_FRAME_TAIL = re.compile(r"(?i:\s*(?:(?:of\s+(?:treatment|therapy|follow-?up)|(?:after|following|post)\s+(?:the\s+)?"
                         r"(?:surgery|operation|procedure|treatment|therapy|transplantation|infusion|injection|"
                         r"randomi[sz]ation|intervention))\s*)?,)")
_DIFFERENCES_AT = re.compile(r"(?i:\b(?:statistical(?:ly)?|significant(?:ly)?)\s+differences?\s+at\s+$)")
_AFTER_TREATMENT = re.compile(r"(?i:[^.;,()]{0,40}?\b(?:after|following|post)[- ](?:the\s+)?(?:treatment|therapy|"
                              r"transplant\w*|infusions?|injections?|surgery|intervention))")
_COMPOSITE = re.compile(r"(?i:(?:the\s+)?(?:composite|combined\s+(?:end-?point|outcome)|incidence|occurrence|"
                        r"risk|time\s+to|proportion\s+of\s+patients\s+with)\b"
                        # "Death or severe disability at 18 months occurred in 3/10": one endpoint of two events
                        r"|[A-Za-z][\w-]*(?:\s+[\w-]+){0,2}\s+or\s+(?:severe\s+|major\s+|moderate\s+)?[a-z][\w-]+\b(?=[^,;()]*$))")
# "Major amputation was required in 4 (12.5%)": events counted over the follow-up, not at the section's opening time
_EVENT_VERB = re.compile(r"(?i:\b(?:occurred|required|developed|experienced|underwent|needed|suffered|died)\b)")
_ADVERSE = re.compile(r"(?i:\b(?:adverse|infections?|fever|pyrexia|headache|reactions?|complications?|toxicit\w*|"
                      r"deaths?|mortality|bleeding|haematoma|hematoma|thrombo\w*|rash|nausea|vomiting|pain at)\b)")
_CHANGE_VERB = re.compile(r"(?i:\b(?:fell|fallen|decreased|declined|dropped|increased|rose|risen|improved|reduced|"
                          r"changed?|worsened)\s+by\s+(?:an?\s+(?:mean|median)\s+of\s+)?$)")
_BASELINE_VALUE = re.compile(r"(?i:\bbaseline\s*(?:(?:values?|scores?|levels?)\s*)?(?:of|:|=|was|were)?\s*$)")


# ", whereas", ", but", ", and that of", and ", and <a new subject> were ..." start a clause of their own
_CLAUSE_BREAK = re.compile(r",\s+(?:whereas|while|but|and\s+(?:that|those)\s+of)\b"
                           r"|\s+but\s+(?=(?:did|was|were|had|remained|showed|it|they)\b)"  # "(P = 0.01) but did not change with HT"
                           r"|(?:,|(?<=\)))\s+and\s+(?=(?:[A-Za-z][\w-]*\s+){1,5}from\s+[-−]?\d)"  # ", and hand pain VAS from 64 to 27"
                           r"|(?:,|(?<=\)))\s+and\s+(?=[A-Za-z][\w%-]*(?:\s+[A-Za-z][\w%-]*){0,3}\s+(?:at|on|after)\s+"
                           r"(?:month|week|day|year)\s+\d+\s+(?:was|were)\s+[-−]?\d)"  # ", and eGFR at month 12 was 84 ± 15"
                           r"|,\s+and\s+(?=(?:\d+(?:/\d+)?|one|two|three|four|five|six|seven|eight|nine|ten)\s*"
                           r"(?:(?:patients|participants|subjects|children|infants)\s*)?\()"
                           r"|,\s+and\s+(?=(?:the|mean|median)\s+[A-Za-z])"
                           r"|\s+and\s+(?=(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s*\([^()]*\)\s+"
                           r"(?:reported|had|developed|experienced|died)\b)"
                           r"|,\s+and\s+(?=[A-Za-z][\w%-]*(?:\s+[A-Za-z%][\w%-]*){0,4}\s+(?:was|were|declined|decreased|increased|"
                           r"improved|fell|rose|changed)\b)")
# the verbs of a change a clause's own subject makes: "the pain measured by VAS descended from 6.9"
_OWN_VERB = r"(?:declined|decreased|descended|dropped|increased|improved|fell|rose|changed|went|passed|reduced)"
# after a clause that gave values: ", the maximum interincisal opening increased from 29.4", ", the 77.3% of the
# patients (17/22) improved", ", and in the CT at 6 months we observed" (not "In the immediate group, the score fell")
_NEW_SUBJECT = re.compile(rf"(?:,|\s+and)\s+(?=the\s+(?:[A-Za-z][\w%-]*\s+){{1,6}}{_OWN_VERB}\s+(?:from|by|to)\b)"
                          # ", and mean (SD) weight-for-age z score improved from"
                          rf"|(?:,|\s+and)\s+(?=(?:the\s+)?(?:mean|median)\s*[(\[][^)\]]{{1,6}}[)\]]\s+(?:[A-Za-z][\w%-]*\s+){{1,6}}"
                          rf"{_OWN_VERB}\s+(?:from|by|to)\b)"
                          r"|,\s+(?=the\s+\d+(?:\.\d+)?\s*%\s+of\b)"
                          r"|,\s+and\s+(?=in\s+the\s+(?!same\b)(?:[\w-]+\s+){0,4}(?:at|after)\s)"
                          r"|,\s+and\s+(?=[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}\s+in\s+\d)"  # ", and telangiectasia in 1 (4.2%)"
                          # "..., including heart failure hospitalization in 7 (11.7%) and 8 (26.7%) and death in 2 ..."
                          r"|,\s+(?=including\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}\s+in\s+\d+\s*\([^()]*\)\s*,?\s+and\s+\d)"
                          r"|(?<=\))\s+and\s+(?=[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}\s+in\s+\d)")


# "42 (52.5%), 38 (47.5%), and 34 (42.5%) patients in the high-dose, low-dose, and HA groups": a list of counts goes
# on past its ", and"; only a count after a clause of other words opens a new one ("..., and 3 (10%) had fever")
_COUNT_LIST_GOES_ON = re.compile(r"\d+\s*[(\[][^()\[\]]*[)\]]\s*,\s*\d+\s*[(\[][^()\[\]]*[)\]]$")


def _clauses(text: str) -> list[tuple[int, int]]:
    """Clause spans: split at ';' and ', whereas/while/but' outside parentheses."""
    cuts, depth = [0], 0
    for i, c in enumerate(text):
        depth += c in "(["
        depth -= c in ")]"
        if depth == 0 and (c == ";" or (c in ", " and (_CLAUSE_BREAK.match(text, i) and not _COUNT_LIST_GOES_ON.search(text, 0, i) or (
                _NEW_SUBJECT.match(text, i) and re.search(r"\d", text[cuts[-1]:i]))))):
            cuts.append(i + 1)
    cuts.append(len(text) + 1)
    return [(a, b - 1) for a, b in pairwise(cuts)]


def _clause_of(clauses: list[tuple[int, int]], pos: int) -> int:
    return next((i for i, (a, b) in enumerate(clauses) if a <= pos <= b), len(clauses) - 1)


def _paren_open(text: str, pos: int) -> int | None:
    """Where the parenthesis enclosing `pos` opens, if any."""
    depth = 0
    for i in range(pos - 1, -1, -1):
        if text[i] == ")":
            depth += 1
        elif text[i] == "(":
            if depth == 0:
                return i
            depth -= 1
    return None


def _population_mentions(text: str, ctx: Context, s: Sentence) -> list[tuple[int, int, str, bool]]:
    """(start, end, population id, is a comparison mention) in the sentence."""
    out = []
    for arm in ctx.arms:
        for m in arm.pattern.finditer(text):
            ident = arm.id
            if arm.role != "experimental" and re.search(r"(?i:[\w-]*(?:MSC|ASC)s?\s*(?:\+|plus)\s*$)", text[:m.start()]):
                ident = ctx.experimental.id  # "in the UC-MSC + MTX group": the cells added to what both arms get
            # "a greater decrease (from 14.2 to 6.3) than the control group (from 13.8 to 8.9)": an arm compared with
            # that gives its own values in the parenthesis after it is their population
            compared = bool(_COMPARISON_BEFORE.search(text, 0, m.start())) and \
                not re.match(r"\s*\(\s*(?:from\s+)?[-−]?\d", text[m.end():])
            out.append((m.start(), m.end(), ident, compared))
    # a registry's "Week 24: MSC 1.21 (0.54-2.35), control 1.88 (0.97-3.12)", "MSC (n=20) +4.6 (11.2)": the arm's
    # bare word right before its value
    for m in _BARE_ARM.finditer(text):
        arm = next((a for a in ctx.arms if a.pattern.fullmatch(m["w"] + " group") or a.pattern.search(f"the {m['w']} group")), None)
        if arm is not None and not any(o[0] <= m.start("w") < o[1] for o in out):
            out.append((m.start("w"), m.end("w"), arm.id, False))
    # "corticosteroid-treated patients" holds "treated patients": the longer mention names the arm
    out = [o for o in out if not any(p[0] <= o[0] and o[1] <= p[1] and (p[1] - p[0]) > (o[1] - o[0]) for p in out)]
    for m in _SUBGROUP.finditer(text):
        if m["b"] and not re.search(r"%\s*$", text[:m.start()]):
            continue  # "72.0% of ILD patients" names a subgroup; "of therapy that ... patients" does not
        phrase = (m["a"] or m["b"] or "").strip()
        if not phrase or re.search(r"(?i:\b(?:group|placebo|MSCs?)\b)", phrase) or \
                re.fullmatch(r"(?i:(?:the|all|these|those|our|any|both|each|other|of|\s)+)", phrase):
            continue
        sub = next((g for g in ctx.subgroups if key_tokens(g.label) == key_tokens(phrase)), None)
        if sub is None:
            ident = re.sub(r"[^a-z0-9]+", "-", phrase.lower()).strip("-")[:40] or "subgroup"
            sub = SubgroupDraft(ident, phrase, s, s.start + m.start(), s.start + m.end())
            ctx.subgroups.append(sub)
        out.append((m.start(), m.end(), sub.id, False))
    out.sort()
    return out


def before_all(pops: list[tuple[int, int, str, bool]], clauses: list[tuple[int, int]], ci: int,
               pos: int) -> list[tuple[int, int, str, bool]]:
    """Population mentions before `pos` in clause `ci`, in text order."""
    return [p for p in pops if not p[3] and p[1] <= pos and _clause_of(clauses, p[0]) == ci]


def _kin(label: str, ctx: Context) -> EndpointDraft | None:
    """The methods' primary or secondary endpoint that shares two word stems (first four letters of words of
    five or more) with `label`, or all of its own: "successfully weaned" is "successful temporary weaning"."""
    words = {w[:4] for w in key_tokens(label) if len(w) >= 5}
    if not words:
        return None
    for ep in ctx.registry.items:
        if ep.role not in ("primary", "secondary"):
            continue
        stems = {w[:4] for w in key_tokens(ep.label) if len(w) >= 5}
        if stems and len(stems & words) >= 2 or stems and stems <= words:
            return ep
    return None


# what a "time to ..." endpoint calls the event a group took so long for: "healed in a median of 14 days"
_TOOK_STEM = {"heal": "heal|epitheli|closure", "clos": "clos|heal", "unit": "union|unit", "reep": "epitheli|heal",
              "engr": "engraft", "reco": "recover", "resp": "respon", "rela": "relaps"}


# "in the A and B groups, respectively", "in the 20-, 100-, and 200-million-cell groups, respectively"
_RESPECTIVE_GROUPS = re.compile(r"(?i:\bin\s+the\s+(?P<list>[\w-]+(?:\s*,\s*[\w-]+)*,?\s+and\s+[\w-]+)\s+groups?,?\s+respectively)")


def _respective_names(m: re.Match[str]) -> list[str]:
    """The groups' names in order, a hyphen's shared ending restored ("20-" of "20-, 100-, and 200-million-cell")."""
    names = [w.strip() for w in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", m["list"]) if w.strip()]
    last = names[-1]
    tail = re.match(r"[^-]+(-.+)$", last)
    return [f"{n[:-1]}{tail[1]}" if n.endswith("-") and tail else n for n in names]


def _subject(text: str) -> tuple[int, int] | None:
    lead = _LEAD.match(text)
    start = lead.end() if lead else 0
    verb = _VERB.search(text, start)
    if not verb or verb.start() - start < 3:
        return None
    if re.search(r"(?i:\b(?:patients|participants|subjects|those)\s+(?:who|that)\s*$)", text[start:verb.start()]) and \
            (main := _VERB.search(text, verb.end())) is not None:
        return start, main.start()  # "The percentage of patients who were successfully weaned at 3 months was 37.7%"
    return start, verb.start()


# events counted over the follow-up, not measured at a time: "time to remission", "conversion to THA"
_OVER_TIME = re.compile(r"(?i:\b(?:time to|duration|conversion|survival|free\b|relapse|recurrence|mortality|death|new\b|peak|maximum|nadir|worst))")


def _study_timepoint(registry: Registry) -> str | None:
    """The one timepoint the methods give the trial's efficacy endpoints, when they give exactly one."""
    found = {tp for e in registry.items if e.role in ("primary", "secondary") and not _ADVERSE.search(e.label)
             for tp in e.timepoints if tp != "P0D"}
    if any(e.role == "primary" and not e.timepoints and _OVER_TIME.search(e.label) for e in registry.items):
        return None  # "time to re-epithelialization" first, "VSS at 6 months" second: the scar's time, not the trial's
    return found.pop() if len(found) == 1 else None


_CLAUSE_PREDICATE = re.compile(r"(?i:[)\]]?\s*(?:(?:of\s+)?(?:the\s+)?(?:patients|participants|subjects|eyes|joints|knees|"
                               r"lesions|ulcers|wounds|teeth|defects)\s*)?(?:\([^()]*\)\s*)?"
                               r"(?P<p>(?:improved|achieved|reached|showed|attained|obtained|gained|became|had|were|was|"
                               r"presented|developed|reported|required|experienced|met)\s+[^;]{3,120}))")
_RELATIVE_TIME = re.compile(r"(?i:\b(?:that|which|who)\s+(?:had\s+|have\s+|has\s+|were\s+|was\s+)?(?:been\s+)?[a-z]+ed\s+"
                            r"(?:by|at|before|within)\s+(?:the\s+)?$|\b(?:closed|healed|treated|responded)\s+by\s+$)")
# "effusion was seen in 7 of 26 patients (27%) and resolved within 1 week": how long it lasted, not when it was counted
_RESOLVED_IN = re.compile(r"(?i:\b(?:resolved|disappeared|subsided|recovered|settled|relieved)\s+(?:spontaneously\s+)?"
                          r"(?:within|in|after|over)\s+(?:less\s+than\s+|about\s+)?$)")


def _before_arm(words: str, ctx: Context) -> str:
    """A subject's words up to the arm they go on to name: "pain with MFAT continued to improve" is pain."""
    for m in re.finditer(r"(?i:\s+(?:with|after|following)\s+)", words):
        if m.start() > 0 and any(a.pattern.match(words, m.end()) for a in ctx.arms):
            return words[:m.start()]
    return words


def _in_definition(text: str, a: int, b: int) -> bool:
    """Whether a mention sits in a parenthesis that defines the words before it: "Clinical response (≥50%
    reduction in REU score) at week 12 was achieved by 14 of 20" counts responders, not the REU score."""
    op = _paren_open(text, a)
    if op is None:
        return False
    close = text.find(")", b)
    inner = text[op + 1:close if close > 0 else b]
    head = re.search(r"([A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,3})\s*$", text[:op])
    return len(inner.split()) >= len(text[a:b].split()) + 2 and head is not None and \
        not re.search(r"(?i:\b(?:in|of|at|for|with|and|or|was|were)\s*$)", text[:op])


# "Combined remission at week 24: ...", "TEAEs: 12 (42.9%) vs 13 (48.1%)": a label, its time, a colon, the values
_LABEL_COLON = re.compile(r"^\s*(?P<np>[A-Za-z][\w'’≥≤<>%/().,+-]*(?:\s+[\w'’≥≤<>%/().,+-]+){0,9}?)"
                          r"(?:\s+(?:at|by|after|over)\s+(?:week|month|day|year)\s+\d+)?\s*:\s+(?=\S)")


# "Primary outcome: CRR at Week 52 - MSC group 9/22 (40.9%)": a label, a spaced dash, then the arms' values
_LABEL_DASH = re.compile(r"(?i:^\s*(?:(?:primary|secondary)\s+outcomes?\s*:\s*)?"
                         r"(?P<np>(?=\d*[A-Za-z-]*[A-Za-z]{3})[A-Za-z0-9][^–—;:]{2,140}?)\s+[-–—]\s+(?=\S))")
# "MSC 3.42 (2.18-5.06)", "control (n=21) -1.3 (12.8)": an arm's word right before its value
_ARM_THEN_VALUE = re.compile(r"\s*(?:(?i:baseline|(?:day|week|month|year)\s*\d+)\s*:\s*)?(?P<w>[A-Za-z][\w-]*)(?:\s+group)?\s*(?:\(\s*n\s*=\s*\d+\s*\)\s*)?(?=[-+−]?\d)")


_BARE_ARM = re.compile(r"(?:^|[:;,]\s*|\s[-–—]\s+)(?P<w>[A-Za-z][\w-]*)\s*(?:\(\s*n\s*=\s*\d+\s*\)\s*)?(?=[-+−]?\d)")


def arm_row(text: str, arms: list[ArmDraft], alone: bool = False) -> ArmDraft | None:
    """The arm a row opens with before a colon: 'Cohort 1: -1.2 (6.0)', 'MSC group (n = 20): 14/20'; with `alone`,
    the arm that is the whole line: 'Cohort 2 (3 × 10^6 cells/kg)'."""
    rest = r"\s*(?:\([^()]*\))?\s*:?\s*$" if alone else r"\s*(?:\([^()]*\))?\s*:"
    for arm in arms:
        if (m := arm.pattern.match(text.strip())) and re.match(rest, text.strip()[m.end():]):
            return arm
    return None


_CAPTION_WORDS = re.compile(r"(?i:^\s*table\s*\d*\s*[.:|]?\s*(?:(?:mean|median)\s+)?(?:(?:changes?|differences?)\s+from\s+"
                            r"baseline\s+(?:in|of)\s+)?(?:the\s+)?)")


def _caption_endpoint(ctx: Context) -> EndpointDraft | None:
    """The measure a table's caption names: one the methods listed, else the caption's own words."""
    if ctx.caption is None:
        return None
    text = ctx.caption.text
    found = mentions(text, ctx.registry)
    if found:
        return found[0][2]
    head = _CAPTION_WORDS.match(text)
    words = re.split(r"(?i:\s+(?:at|after|by|over|in|among)\s+(?:the\s+)?(?:\d|week|month|day|year|baseline|patients|participants|each)"
                     r"|,|\s+\()", text[head.end() if head else 0:])[0].strip(" .:")
    if not re.search(r"[A-Za-z]{3}", words):
        return None
    a = text.index(words, head.end() if head else 0)
    return _new_endpoint(words, a, "other", ctx, ctx.caption)


def _new_endpoint(words: str, a: int, role: str, ctx: Context, s: Sentence) -> EndpointDraft:
    """An endpoint the sentence names itself (at `a`, relative to the sentence): its instrument if the words name
    one, else unmapped, with the confidence of a name read from a result sentence."""
    hits = find_instruments(words)
    return ctx.registry.add(words, hits[0][2][0] if hits else UNMAPPED, role, s, s.start + a, s.start + a + len(words),
                            confidence=0.6)


def _endpoint_for(text: str, g: Group, found: list[tuple[int, int, EndpointDraft]], ctx: Context,
                  s: Sentence, reasons: list[str]) -> tuple[EndpointDraft, float]:
    g_start = g.start
    within = [f for f in found if g.start <= f[0] and f[1] <= g.end]
    if within:  # "no serious adverse events were observed" names its own endpoint
        return within[0][2], 1.0
    if g.label is not None:  # "no infusion-associated haemodynamic instability occurred"
        a, b = g.label
        words = re.sub(r"(?i:\s+(?:related|attributable|attributed|due)\s+to\b.*$)", "", text[a:b]).strip(" ,")
        reasons.append("endpoint named by the words of a zero count")
        return _new_endpoint(words, a, "safety", ctx, s), 0.9
    colon = _LABEL_COLON.match(text)
    if colon and colon.end() <= g.start and arm_row(text, ctx.arms) and (by_caption := _caption_endpoint(ctx)):
        reasons.append("endpoint named by the table's caption over a row of its arm")
        return by_caption, 0.85
    if colon and colon.end() <= g.start and heading_of(colon["np"]) is None \
            and colon["np"].count("(") == colon["np"].count(")") \
            and not re.search(r"(?i:\b(?:patients?|participants?|subjects?|recipients?|children|infants|women|men|groups?|arms?|"
                              r"cohorts?)\b)", colon["np"]) \
            and not (colon["np"].isupper() and len(colon["np"].split()) > 1) \
            and not re.search(r"(?i:\b(?:was|were|is|are|had|has|have|gave|showed|did|led|resulted|remained)\b)", colon["np"]) \
            and not any(colon.end() <= f[0] < g.start for f in found) \
            and not re.search(r"(?i:\b(?:primary|secondary|key|main)\s+(?:end-?points?|outcomes?)\b|\b(?:results?|conclusions?|"
                              r"methods?|background|findings|safety|efficacy)\s*$|^(?:results?|findings|outcomes?|analys[ie]s|"
                              r"subgroups?|sensitivity|post[- ]hoc|ancillary|summary|overall)\b|\b(?:population|analys[ie]s)\b)",
                              colon["np"]):
        # a poster's or a report's "Combined remission at week 24: 14/28 (50.0%) with 60M vs 16/27 (59.3%)"
        # the label is the measure the methods named when it opens with it ("PDAI: ..."), not when it only mentions
        # words of another ("Clinical response (closure of ...)" is not "combined remission (clinical closure ...)")
        named = [f for f in found if f[0] == colon.start("np") and f[1] <= colon.end("np")]
        if named:
            return named[-1][2], 0.95
        if ctx.last_endpoint is not None and re.fullmatch(
                r"(?i:\W*(?:(?:mean|median|LS\s+mean|adjusted)\s+)?(?:change|difference|treatment\s+difference|reduction|"
                r"improvement)(?:\s+from\s+baseline)?(?:\s+(?:at|to|by)\s+(?:week|month|day|year)\s+\d+)?\s*)", colon["np"]):
            reasons.append("endpoint carried over: the label names only a change")  # slides' "Change at Month 12: ..."
            return ctx.last_endpoint, 0.8
        reasons.append("endpoint named by the label before a colon")
        return _new_endpoint(colon["np"], colon.start("np"), "other", ctx, s), 0.85
    dash = _LABEL_DASH.match(text)
    opening = _ARM_THEN_VALUE.match(text, dash.end()) if dash else None
    if dash and dash.end() <= g.start and (arm_row(text[dash.end():] + ":", ctx.arms) is not None or opening and any(
            a.pattern.search(opening["w"] + " group") or a.pattern.search(f"the {opening['w']} group") for a in ctx.arms)):
        # a registry's "Overall renal response at Week 52 - MSC group 16/22 (72.7%); control group 10/22 (45.5%)"
        words = re.sub(r"(?i:,\s*(?:mean|median)\b.*$|\s+(?:at|by)\s+(?:week|month|day|year)\s+\d+\s*$)", "", dash["np"]).strip(" ,")
        words = re.sub(r",\s*[^,]*/[^,]*$", "", words).strip(" ,")  # ", g/day", ", mL/min/1.73 m2": the unit
        named = [f for f in found if f[0] >= dash.start("np") and f[1] <= dash.end("np")]
        if named:
            return named[0][2], 0.9
        reasons.append("endpoint named by the label before a dash")
        return _new_endpoint(words, dash.start("np"), "other", ctx, s), 0.85
    primary = re.match(r"(?i:\s*(?:the\s+)?(?:primary|main)\s+(?:efficacy\s+)?(?:end-?point|outcome)\b)", text)
    named_primary = next((e for e in ctx.registry.items if e.role == "primary"), None)
    if primary and named_primary is not None and not [f for f in found if f[1] <= g.start]:
        reasons.append("the primary endpoint, as the sentence calls it")  # "The primary endpoint was met by 11 of 32"
        return named_primary, 0.9
    common = re.search(r"(?i:(?:^|[;,]\s*)(?P<np>[A-Za-z][\w'-]*(?:\s+[\w'-]+){0,7}?)\s+(?:was|were)\s+the\s+most\s+"
                       r"(?:common|frequent)\s+(?:adverse\s+)?(?:events?|complications?|reactions?)\s*[(\[]\s*$)", text[:g.start])
    if common:  # "donor-site bruising ... was the most common event (nine [21%] patients in the MSC group)"
        reasons.append("endpoint named as the most common event")
        return _new_endpoint(common["np"], common.start("np"), "safety", ctx, s), 0.85
    withof = re.search(r"(?i:\bwith\s+(?:an?|the)\s+(?:(?:mean|median|average)\s+)?(?P<np>[A-Za-z][\w'-]*(?:\s+[\w'-]+){0,4}?)"
                       r"\s+of\s*$)", text[:g.start])
    if withof and not _POPULATION_WORD.search(withof["np"]) and not _PRONOUN.match(withof["np"]) and \
            not re.fullmatch(r"(?i:(?:(?:mean|median|absolute|relative|net)\s+)?(?:changes?|differences?|reductions?|increases?|"
                             r"decreases?|improvements?|gains?|declines?))", withof["np"]) and \
            not re.search(r"(?i:\b(?:dose|age|duration|follow-?up|mean|median)\b)", withof["np"]):
        # not "..., with a mean difference of 3.5 letters": the measure named before it
        # "the two groups were homogeneous, with a VISA-P score of 48.3 ± 12.4 in the MSC group"
        named = [f for f in found if f[0] >= withof.start("np") and f[1] <= withof.end("np")]
        if named:
            return named[-1][2], 0.95
        reasons.append("endpoint named by 'with a ... of' before the numbers")
        return _new_endpoint(withof["np"], withof.start("np"), "other", ctx, s), 0.85
    lead = _NAMED_BEFORE.search(text, 0, g.start)
    if lead and not _POPULATION_WORD.search(lead["np"]) and not _JUDGEMENT.fullmatch(lead["np"]):  # "... were headache (12 participants, 46.2%)"
        named = [f for f in found if f[0] >= lead.start("np") and f[1] <= lead.end("np")]
        if named:
            return named[-1][2], 1.0
        reasons.append("endpoint named right before the numbers")
        return _new_endpoint(lead["np"], lead.start("np"), "other", ctx, s), 0.85
    clauses = _clauses(text)
    ci = _clause_of(clauses, g_start)
    own = re.match(r"\s*,?\s*(?:while|whereas|but|and(?=\s+(?:the|mean|median)\s|\s+(?:[A-Za-z%][\w%-]*\s+){1,5}from\s"
                   rf"|\s+(?:[A-Za-z%][\w%-]*\s+){{1,5}}{_OWN_VERB}\s"
                   r"|\s+[A-Za-z][\w%-]*(?:\s+[A-Za-z][\w%-]*){0,3}\s+(?:at|on|after)\s+(?:month|week|day|year)\s+\d+\s+(?:was|were)\s*$))\s+",
                   text[clauses[ci][0]:g_start]) if ci > 0 else None
    if own is None and ci > 0 and text[clauses[ci][0] - 1] in ";," and re.match(
            rf"\s*(?:the\s+)?(?:[A-Za-z%][\w%-]*\s+){{1,5}}{_OWN_VERB}\s+(?:(?:by|to)\s+)?(?:from\s+)?$", text[clauses[ci][0]:g_start]):
        own = re.match(r"\s*", text[clauses[ci][0]:g_start])  # "...; the pain measured by VAS descended from 6.9 ± 1.4"

    if own is None and ci > 0 and text[clauses[ci][0] - 1] == ";" and re.match(
            r"\s*(?:the\s+)?(?:mean|median)\s+(?!(?:percent(?:age)?\s+)?(?:changes?|differences?|improvements?|reductions?|"
            r"increases?|decreases?)\b)[A-Za-z]", text[clauses[ci][0]:g_start]):
        own = re.match(r"\s*", text[clauses[ci][0]:g_start])  # "...; the median ANC rose from 0.62 to 1.85"
    if own and (not any(clauses[ci][0] <= f[0] < g_start for f in found) or own.group().strip() == "and"):
        # "..., while light-touch sensory scores increased by 8.6 points": the clause names its own measure
        start = clauses[ci][0] + own.end()
        if lead := re.match(r"(?i:(?:the\s+)?(?:mean|median|average)\s*[(\[]\s*(?:SD|SE|SEM|IQR|range)\s*[)\]]\s+)", text[start:g_start]):
            start += lead.end()  # "and mean (SD) weight-for-age z score improved from": the measure after its statistic
        subj = _subject(text[start:g_start]) or (  # "and hand pain VAS from 64 ± 18 mm to ...": no verb
            (0, fm.end("np")) if (fm := re.match(r"(?P<np>(?:[A-Za-z][\w-]*\s+){0,4}[A-Za-z][\w-]*)\s+from\s*$",
                                                 text[start:g_start])) else None)
        words = re.sub(r"(?i:^(?:the|an?)\s+(?:(?:median|mean|average)\s+)?)", "",
                       text[start + subj[0]:start + subj[1]].strip(" ,")) if subj else ""
        words = re.sub(r"(?i:\s+(?:in|among|for|of)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?:group|arm|cohort)s?$)", "", words)
        words = re.sub(r"\s+(?:at|on|after)\s+(?:month|week|day|year)\s+\d+$", "", words)  # "and eGFR at month 12 was 84 ± 15"
        words = _before_arm(words, ctx)
        if words and re.search(r"[a-z]{3}|^[a-z]?[A-Z][A-Z0-9-]{1,8}$", words) and not _POPULATION_WORD.fullmatch(words) and \
                not _PRONOUN.match(words) and not any(a.pattern.fullmatch(words) for a in ctx.arms) and \
                not re.search(r"(?i:\b(?:patients?|participants?|subjects?|cases|groups?|arms?)\b)", words):
            a = text.index(words, start)
            hits = find_instruments(words)
            ep = ctx.registry.add(words, hits[0][2][0] if hits else UNMAPPED, "other", s, s.start + a,
                                  s.start + a + len(words), confidence=0.5, loose=True)
            reasons.append("endpoint taken from the clause's subject")
            return ep, 0.75
    failed = re.search(r"(?i:(?:^|[,;]\s*)(?:the\s+)?(?P<w>treatment|therapy|graft|implant|repair|transplant)\s+failed\s+"
                       r"(?:in\s+)?$)", text[clauses[ci][0]:g_start])
    if failed:  # "Treatment failed in 1 of 30 patients (3.3%)": the failures, named by the clause's own verb
        label = f"{failed['w'].lower()} failure"
        reasons.append("endpoint named by the clause's verb")
        return ctx.registry.add(label, UNMAPPED, "other", s, s.start + clauses[ci][0] + failed.start("w"),
                                s.start + g_start, confidence=0.5, loose=True), 0.8
    that_of = re.search(r"(?i:\bthat\s+of\s+(?P<np>[^,;()]{3,80}?)\s+(?:(?:by|at|in|on|after)\s+[^,;()]{1,30}?\s+)?(?:was|were)\s*$)",
                        text[clauses[ci][0]:g_start])
    if that_of:  # "..., and that of grade II–IV acute GVHD by day +100 was 18.8%": the measure after "that of"
        a = clauses[ci][0] + that_of.start("np")
        named = [f for f in found if a <= f[0] < clauses[ci][0] + that_of.end("np")]
        if named:
            return named[0][2], 0.85
        hits = find_instruments(that_of["np"])
        reasons.append("endpoint named after 'that of'")
        return ctx.registry.add(that_of["np"], hits[0][2][0] if hits else UNMAPPED, "other", s, s.start + a,
                                s.start + a + len(that_of["np"]), confidence=0.5, loose=True), 0.75
    engrafted = re.search(r"(?i:(?:^|[,;]\s*)(?P<w>neutrophils?|platelets?|grafts?)\s+(?:had\s+)?engrafted\b[^;]*$)",
                          text[clauses[ci][0]:g_start])
    if engrafted:  # "Neutrophils engrafted at a median of 13 days": the engraftment, named by the clause's verb
        label = f"{engrafted['w'].lower().rstrip('s')} engraftment"
        hits = find_instruments(label)
        reasons.append("endpoint named by the clause's verb")
        return ctx.registry.add(label, hits[0][2][0] if hits else UNMAPPED, "other", s, s.start + clauses[ci][0] + engrafted.start("w"),
                                s.start + clauses[ci][0] + engrafted.end("w"), confidence=0.5, loose=True), 0.8
    died = re.match(r"[^;]*?\b(?:patients|participants|subjects|children|infants|women|men)?\s*"
                    r"(?P<v>died|relapsed|responded|survived|conceived)\b",
                    text[g.end:clauses[ci][1] + 1])
    event = re.match(r"\s*(?:patients\s+|participants\s+|women\s+|men\s+|children\s+)?(?:reported|had|developed|experienced)\s+(?:an?\s+)?"
                     r"(?P<what>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,4}?)"
                     r"(?=\s*(?:[.;,(]|$|\s+(?:within|after|during|at|in|and|but|without|with|that|which)\b))",
                     text[g.end:clauses[ci][1] + 1])
    if event and (ci > 0 or g.start - clauses[ci][0] < 3) and not any(clauses[ci][0] <= f[0] < clauses[ci][1] for f in found):
        # "... and two (6.3%) reported headache": the event the clause's own verb names
        a = g.end + event.start("what")
        hits = find_instruments(event["what"])
        reasons.append("endpoint named by the clause's verb")
        return ctx.registry.add(event["what"], hits[0][2][0] if hits else UNMAPPED, "safety", s, s.start + a,
                                s.start + a + len(event["what"]), confidence=0.5), 0.8
    if died and not any(clauses[ci][0] <= f[0] < clauses[ci][1] for f in found):
        noun = _PREDICATE_NOUN[died["v"].lower()]
        known = next((e for e in ctx.registry.items if {"mortality", "death"} & set(key_tokens(e.label))), None) \
            if noun == "deaths" else None
        reasons.append("endpoint taken from the clause's predicate")
        if known is not None:
            return known, 0.8
        return ctx.registry.add(noun, UNMAPPED, "other", s, s.start + g.end + died.start("v"),
                                s.start + g.end + died.end("v"), confidence=0.5, loose=True), 0.75
    opens = re.fullmatch(r"\s*(?:and\s+)?(?:the\s+)?", text[clauses[ci][0]:g_start]) if ci > 0 else None
    pred = _CLAUSE_PREDICATE.match(text, g.end) if opens and g.stats and g.stats[0].kind in ("proportion", "count") else None
    if pred and not any(clauses[ci][0] <= f[0] < pred.start("p") for f in found):
        # "..., the 77.3% of the patients (17/22) improved at least one grade in the Helkimo clinical dysfunction
        # index": a clause that opens with its count names the measure in its predicate
        label = re.split(r"\s+(?:at\s+(?!least\b)|after|during|compared|versus|vs|than|while|whereas|but|among|until)\b|[,;(]",
                         pred["p"])[0].strip()
        named = [f for f in found if pred.start("p") <= f[0] < pred.start("p") + len(label)]
        if named:
            return named[0][2], 0.9
        if len(label.split()) >= 2:
            hits = find_instruments(label)
            reasons.append("endpoint taken from the clause's predicate")
            return ctx.registry.add(label, hits[0][2][0] if hits else UNMAPPED, "other", s, s.start + pred.start("p"),
                                    s.start + pred.start("p") + len(label), confidence=0.5, loose=True), 0.75
    event = _CLAUSE_EVENT.match(text[clauses[ci][0]:g_start])
    if event and g.stats and g.stats[0].kind in ("proportion", "count") and \
            not _POPULATION_WORD.search(event["np"]) and not _PRONOUN.match(event["np"]) and \
            not re.search(r"(?i:\b(?:patients?|participants?|subjects?|groups?|arms?|who|which|that|the)\b)", event["np"]) and \
            (event["verb"] or ci > 0):
        words = event["np"] + (event["grade"] or "")  # "Infections of grade 3 or higher occurred in nine"
        if words.lower() in ("keloids", "ulcers", "lesions", "tumours", "tumors", "symptoms", "fistulas") and \
                (event["verb"] or "").lower() in ("recurred", "relapsed"):
            words = _PREDICATE_NOUN[event["verb"].lower()]  # "keloids recurred in 3 of 22": recurrence
        a = clauses[ci][0] + event.start("np")
        named = [f for f in found if a <= f[0] < clauses[ci][0] + event.end("np")]
        if named:
            return named[0][2], 0.9
        hits = find_instruments(words)
        reasons.append("endpoint named by the clause's event")
        return ctx.registry.add(words, hits[0][2][0] if hits else UNMAPPED, "other", s, s.start + a, s.start + a + len(event["np"]),
                                confidence=0.5, loose=True), 0.8
    before = [f for f in found if f[1] <= g_start and not _in_definition(text, f[0], f[1])]
    subj = _subject(text)
    if before and subj is not None and subj[1] <= g_start and subj[0] <= before[-1][0] and \
            _COMPOSITE.match(text, subj[0], subj[1]):
        # "The composite of end-stage kidney disease or a decline in eGFR of at least 40% occurred in 3 ...":
        # the subject names its own endpoint, of which eGFR is only a part
        label = re.sub(r"(?i:^(?:the|an?)\s+)", "", text[subj[0]:subj[1]].strip(" ,"))
        hits = find_instruments(label)
        ep = ctx.registry.add(label, UNMAPPED if not hits else hits[0][2][0], "other", s, s.start + subj[0],
                              s.start + subj[1], confidence=0.5, loose=True)
        reasons.append("endpoint taken from the sentence's subject")
        return ep, 0.8
    if before:
        return before[-1][2], 1.0
    after = [f for f in found if f[0] >= g_start and _clause_of(clauses, f[0]) == _clause_of(clauses, g_start)]
    subj = _subject(text)
    if after and subj is not None and re.fullmatch(r"(?i:(?:was|were|is|are)\s+)", text[subj[1]:g.start]) \
            and not _PRONOUN.match(text[subj[0]:subj[1]]):
        after = []  # "the cumulative incidence of X was 24.1%, Y 31.0% and relapse 8.6%": the subject names it
    if after and subj is not None and _PRONOUN.match(text[subj[0]:subj[1]]) and ctx.last_endpoint is not None and \
            ")" in text[g.end:after[0][0]]:
        after = []  # "The difference persisted at 12 months (33.6 vs 56.4 mm), together with better QuickDASH scores"
    if after:
        reasons.append("endpoint named after the numbers")
        return after[0][2], 0.95
    if (subj is None or _PRONOUN.match(text[subj[0]:subj[1]])) and ctx.last_endpoint is not None:
        reasons.append("endpoint carried over from the previous sentence")
        return ctx.last_endpoint, 0.75
    if subj is not None and subj[0] <= g.start < subj[1]:
        head = _SUBJECT_HEAD.match(text, subj[0], g.start)
        words = _before_arm(head["np"].strip(), ctx) if head else ""
        if words and not _POPULATION_WORD.fullmatch(words) and re.search(r"[a-z]{3}", words) and \
                not re.search(r"(?i:\b(?:patients?|participants?|subjects?|cases)\b)", words):
            hits = find_instruments(words)
            ep = ctx.registry.add(words, hits[0][2][0] if hits else UNMAPPED, "other", s,
                                  s.start + head.start("np"), s.start + head.end("np"), confidence=0.5, loose=True)
            reasons.append("endpoint taken from the sentence's subject")
            return ep, 0.75
        # "Three of 21 participants (14.3%) were insulin-independent at 6 months": the measure follows the verb
        # "... had moved to a better NYHA class": up to the clause's time, group or comparison words
        pred = re.match(r"\s*(?:(?:were|was|became|remained|had|achieved)\s+)?(?P<p>[\w-]+(?:\s*%|\s+[\w%-]+){0,6})", text[subj[1]:])
        if pred and not re.match(r"[\d.]", pred["p"]):  # not "was 3.4 cm2": a number is no measure's name
            label = re.split(r"\s+(?:at|in|after|by|during|from|within|over|than|compared|versus|vs|with|and|or|"
                             r"but|while|whereas|among|on|until|through)\b", pred["p"])[0]
            label = _PREDICATE_NOUN.get(label.lower(), label)
            if label == "deaths":  # "had died": the mortality endpoint the methods named, if any
                known = next((e for e in ctx.registry.items if {"mortality", "death"} & set(key_tokens(e.label))), None)
                if known is not None:
                    reasons.append("endpoint taken from the sentence's predicate")
                    return known, 0.8
            hits = find_instruments(label)
            ep = ctx.registry.add(label, hits[0][2][0] if hits else UNMAPPED, "other", s,
                                  s.start + subj[1] + pred.start("p"), s.start + subj[1] + pred.end("p"), confidence=0.5, loose=True)
            reasons.append("endpoint taken from the sentence's predicate")
            return ep, 0.75
    if subj is not None and ctx.last_endpoint is not None and set(key_tokens(re.sub(
            r"(?i:\b(?:from\s+)?baseline\b|\b(?:to|at|by)\s+(?:week|month|day|year)s?\s+\d+\b)", "",
            LABEL_LEAD.sub("", text[subj[0]:subj[1]])))) <= GENERIC_HEADS | {"the", "mean", "median", "sd", "total", "summary",
                                                                             "change", "changes", "from", "gain", "gains",
                                                                             "improvement", "increase", "reduction",
                                                                             "decrease", "decline"}:
        # "In cohort C the mean (SD) score fell ...": the score the previous sentence named
        reasons.append("endpoint carried over from the previous sentence")
        return ctx.last_endpoint, 0.75
    if subj is not None and ctx.last_endpoint is not None and \
            re.search(r"\d+\s*(?:of|/)\s*\d+|\d\s*%", re.sub(  # not a threshold: "A reduction of at least 50% in ..."
                r"(?i:(?:at\s+least|≥|>=|more\s+than|over)\s*(?:an?\s+)?\d+(?:\.\d+)?\s*%)", "",
                re.sub(r"\([^()]*\)", "", text[subj[0]:subj[1]]))):
        # "24 of 98 patients (24.5%) in the UC-MSC group and 36 of 98 (36.7%) in the placebo group had died
        # (hazard ratio, 0.62 ...)": a subject made of values names no measure; the values before it had one
        reasons.append("endpoint of the values before it")
        return ctx.last_endpoint, 0.75
    if subj is not None:
        phrase = re.sub(r"(?i:^(?:the|an?)\s+(?:(?:median|mean|average|overall)\s+)?)", "", text[subj[0]:subj[1]].strip(" ,"))
        if len(phrase.split()) <= 4 and (_POPULATION_WORD.fullmatch(phrase) or re.fullmatch(
                r"(?i:(?:both|two|all)\s+(?:groups|arms)|(?:[\w-]+\s+){0,2}(?:group|arm|cohort)s?)", phrase)
                or any(a.pattern.fullmatch(phrase) for a in ctx.arms)):
            # "Treated hands healed in a median of 14.0 days": the time to healing the methods named
            took = re.match(r"\s*(?P<v>healed|closed|united|re-?epitheliali[sz]ed|engrafted|recovered|responded|relapsed)\s+"
                            r"(?:in|after|at|within)\s+(?:a\s+)?(?:median|mean|average)\b", text[subj[1]:])
            stem = _TOOK_STEM.get(took["v"].lower().replace("-", "")[:4], took["v"][:5]) if took else None
            timed = [e for e in ctx.registry.items if stem and re.match(r"(?i:time\s+to\b)", e.label)
                     and re.search(rf"(?i:{stem})", e.label)]
            if timed:
                reasons.append("endpoint named by the time the group took")
                return timed[0], 0.85
            # "The corticosteroid group had less pain at 1 month (3.1 ± 1.5 vs 5.9 ± 1.6)": the people, not the measure
            more = re.match(r"\s*(?:had|showed|reported|experienced|needed|required|received)\s+(?:significantly\s+|markedly\s+|much\s+)?"
                            r"(?:less|more|lower|higher|greater|better|worse|fewer)\s+(?P<np>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}?)"
                            r"(?=\s+(?:at|in|than|compared|after|during|from|on)\b|\s*[(,;.]|$)", text[subj[1]:])
            if more:
                a = subj[1] + more.start("np")
                named = [f for f in found if a <= f[0] < subj[1] + more.end("np")]
                if named:
                    return named[0][2], 0.85
                hits = find_instruments(more["np"])
                reasons.append("endpoint named by what the group had less or more of")
                return ctx.registry.add(more["np"], hits[0][2][0] if hits else UNMAPPED, "other", s, s.start + a,
                                        s.start + subj[1] + more.end("np"), confidence=0.5, loose=True), 0.75
            if ctx.last_endpoint is not None:
                reasons.append("endpoint carried over from the previous sentence")
                return ctx.last_endpoint, 0.7
        words = key_tokens(phrase)
        # "Adverse events were reported in ...": not the "serious adverse events" listed before (kinds of events differ)
        head = words[-1:] if 0 < len(words) <= 2 and words[-1] not in GENERIC_HEADS | {"event", "events", "reaction",
                                                                                         "reactions", "effects"} else ()
        for ep in ctx.registry.items:
            if head and ep.head == head:
                reasons.append("endpoint matched by its head word")
                return ep, 0.8
        label = re.sub(r"(?i:^(?:the|an?)\s+)", "", phrase)
        label = re.split(r",\s+(?=(?:all|none|each|both|which|who|most|mostly|mainly|including)\b)", label)[0]
        # "The DLCO%pred of the treatment group before treatment and at 6 and 12 months after treatment": the measure
        label = LABEL_LEAD.sub("", label) or label
        who = re.match(r"(?i:(?:percentage|proportion|number|rate)\s+of\s+(?:patients|participants|subjects)\s+(?:who|that)\s+"
                       r"(?:were|was|had|achieved|reached)\s+)", label)
        label = label[who.end():] if who else label
        label = re.split(r"(?i:\s+(?:of|in|among|for)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?:group|arm|cohort)s?\b"
                         r"|\s+(?:before|after)\s+(?:the\s+)?(?:treatment|transplantation|infusion|injection|surgery)\b"
                         r"|\s+at\s+(?:baseline|\d))", label)[0].strip(" ,") or label
        # "New DWI lesions, all asymptomatic and resolved by week 4, were found in ...": the apposition is no name
        hits = find_instruments(label)
        slug = hits[0][2][0] if hits else UNMAPPED
        kin = _kin(label, ctx) if who else None
        if kin is not None and not hits:  # "successfully weaned" is the methods' "successful temporary weaning"
            reasons.append("endpoint matched by its words' stems")
            return kin, 0.7
        ep = ctx.registry.add(label, slug, "other", s, s.start + subj[0], s.start + subj[1], confidence=0.5, loose=True)
        reasons.append("endpoint taken from the sentence's subject")
        return ep, 0.75
    ep = ctx.registry.add("unnamed measure", UNMAPPED, "other", s, s.start, s.end, confidence=0.3)
    reasons.append("no endpoint named")
    return ep, 0.5


_TABLE_HEAD = re.compile(r"(?i:^(?:outcomes?|variables?|characteristics?|measures?|endpoints?|parameters?)\b)")
# a column or cell naming the cell arm ("UC-MSC (n = 20)", "Treated"): the arm tables of prose pages and
# the tab-separated rows both read it
CELL_COLUMN = re.compile(r"(?i:\b(?:[\w-]*MSCs?|[\w-]*ASCs?|cells?|cell therapy|treated|intervention|experimental)\b)")
_ROW_P = re.compile(r"\s*(?P<rel><|>|=|≤|≥)?\s*(?P<v>0?\.\d+|1\.0+)\s*$")


def read_table(s: Sentence, ctx: Context) -> list[ResultDraft] | None:
    """A table flattened to text: 'Outcome MSC (n = 20) Sham (n = 20) P' names the columns; each row that
    follows, 'LVEF, % 36.8 ± 6.1 31.9 ± 6.3 0.01', gives one value per column in that order and its p-value.
    None when the sentence is not part of a table."""
    text = s.text
    cols = sorted({m.start(): a.id for a in ctx.arms for m in a.pattern.finditer(text)}.items())
    cell_arms = [a for a in ctx.arms if a.role == "experimental"]
    if len(cell_arms) == 1:  # a column is often headed by the product alone: "MSC (n = 20)"
        cols = sorted(dict([(m.start(), cell_arms[0].id) for m in CELL_COLUMN.finditer(text)] + cols).items())
    if len(cols) >= 2 and _TABLE_HEAD.match(text) and not _VERB.search(text):
        ctx.columns = [c for _, c in cols]
        # "hUCB-MSC (n = 43)  MFx (n = 46)": each column's n; "Table 1. Clinical outcomes, mean ± SD": its statistic
        starts = [a for a, _ in cols] + [len(text)]
        ctx.column_n = [int(m.group(1)) if (m := re.search(r"\(\s*n\s*=\s*(\d+)\s*\)", text[a:b])) else None
                        for a, b in pairwise(starts)]
        ctx.table_pm_sd = bool(re.search(r"(?i:\bmeans?\s*(?:±|\+/-)\s*(?:SD|s\.d\.)\b)", ctx.last_text + " " + text))
        ctx.column_p = bool(re.search(r"(?i:\bp(?:\s*-?\s*values?)?\s*$)", text))
        tls = [t for t in find_timepoints(ctx.last_text + " " + text) if not t.is_baseline]
        ctx.table_time = tls[0].items[0] if tls and re.match(r"(?i:\s*table\b)", ctx.last_text) else None
        return []
    if ctx.columns is None:
        return None
    groups = [g for g in find_groups(text, pm_is_sd=ctx.table_pm_sd or ctx.pm_is_sd, pm_is_mean=ctx.pm_is_mean) if g.is_value]
    first = groups[0].start if groups else 0
    if len(groups) != len(ctx.columns) or _VERB.search(text) or not re.search(r"[A-Za-z]{2}", text[:first]):
        ctx.columns = None
        return None
    label = text[:first]
    # "VAS pain (mm), 3 years": the row's own time after a comma
    row_time = ctx.table_time
    when = re.search(r"(?i:,\s*(?P<t>baseline|\d+\s*(?:days?|weeks?|months?|years?)|(?:day|week|month|year)\s+\d+)\s*$)",
                     label.strip())
    if when:
        t = find_timepoints(when["t"])
        row_time = Item(s.start, s.start + len(label), "P0D", "baseline") if when["t"].lower() == "baseline" else \
            t[0].items[0] if t else row_time
        label = label.strip()[:when.start()]
    label = re.sub(r"[\s,;:]*(?:%|\([^()]*\)|[a-zµμ/]+/[\w.]+|mm\s?Hg|mL|m|kg)?[\s,;:]*$", "", label).strip()
    found = [f for f in mentions(label, ctx.registry)]
    hits = find_instruments(label)
    ep = found[0][2] if found else ctx.registry.add(label, hits[0][2][0] if hits else UNMAPPED, "other", s,
                                                    s.start, s.start + len(label), confidence=0.6, loose=True)
    p = _ROW_P.match(text, groups[-1].end) if ctx.column_p else None
    out = []
    for k, (g, arm) in enumerate(zip(groups, ctx.columns, strict=True)):
        stats = [Stat(**st.__dict__) for st in g.stats]
        if p and k == 0:
            rel = RELATION.get(p["rel"] or "")
            stats.append(Stat("p-value", p.start("v") if not rel else p.start("rel"), p.end("v"),
                              text[p.start("v") if not rel else p.start("rel"):p.end("v")],
                              value=Decimal(p["v"]), relation=rel, comparison="comparator"))
        n = g.n if g.n is not None else ctx.column_n[k] if ctx.column_n and k < len(ctx.column_n) else None
        out.append(ResultDraft(ep, arm, row_time, stats, s, s.start + g.start, s.start + g.end, n, None,
                               round(g.confidence * 0.85, 2),
                               ["a row of a table flattened to text: check the columns"]))
    return out


def read_results(s: Sentence, ctx: Context) -> list[ResultDraft]:
    """All results stated in one sentence."""
    if _DESIGN_CHECK.search(s.text) and not re.search(r"\d\s*(?:%|±|\()", s.text):
        return []  # "There was no evidence of carry-over (P = 0.48)": a check of the design, not an outcome
    found = _split_conjoined(_read_results(s, ctx), s, ctx)
    for m in ARM_LIST.finditer(s.text):
        named = [next((a.id for a in ctx.arms if a.pattern.search(f"the {n} group")), None) for n in arm_names(m)]
        if len(named) == len(ctx.arms) > 2 and len(set(named)) == len(named) and all(named):
            ctx.arm_order = [x for x in named if x is not None]
    return found


# "before treatment", "pre-transplantation": the time a translated report compares its values with
_BEFORE_TREATMENT = (r"(?:before|pre-?)\s*(?:the\s+)?(?:treatment|therapy|injection|infusion|transplantation|surgery|"
                     r"operation)\b")
# between two values chained by "vs": "(24.6±8.3) IU/L vs (19.8±7.1)", "13.2 ± 2.9 vs 12.9"
_VS_BETWEEN = re.compile(r"\s*[)\]]?\s*(?:[^\s\d()\[\]]{1,12}\s*)?(?:vs\.?|versus)\s*[(\[]?\s*")
_DESIGN_CHECK = re.compile(r"(?i:\b(?:carry-?over|period|sequence|order)\s+effects?\b|\bno\s+evidence\s+of\s+carry-?over\b)")


def _split_conjoined(found: list[ResultDraft], s: Sentence, ctx: Context) -> list[ResultDraft]:
    """'Serum C3 and anti-dsDNA titres did not differ between groups (P > 0.05)': a p-value shared by two
    measures named together is each one's. Only for a pair this sentence itself named (a new endpoint)."""
    out: list[ResultDraft] = []
    for r in found:
        ep = r.endpoint
        parts = re.split(r"\s+and\s+", ep.label)
        if len(parts) != 2 or ep.sentence is not s or not r.stats or any(st.kind != "p-value" for st in r.stats) \
                or not all(re.search(r"[A-Za-z]{2}", p) and len(p.split()) <= 5 for p in parts) \
                or sum(1 for x in found if x.endpoint is ep) > 1:
            out.append(r)
            continue
        if ep in ctx.registry.items:
            ctx.registry.items.remove(ep)
        at, last = ep.start, None
        for part in parts:
            start = s.start + s.text.find(part, at - s.start) if part in s.text else ep.start
            hits = find_instruments(part)
            one = ctx.registry.add(part, hits[0][2][0] if hits else UNMAPPED, ep.role, s, start, start + len(part),
                                   confidence=0.5, loose=True)
            out.append(ResultDraft(one, r.population, r.timepoint, [Stat(**st.__dict__) for st in r.stats], r.sentence,
                                   r.start, r.end, r.n, r.direction, r.confidence, r.reasons + ["a p-value shared by two measures"]))
            at, last = start + len(part), one
        if ctx.last_endpoint is ep:
            ctx.last_endpoint = last
    return out


def _zip_run(run: list[Group], items: tuple[Item, ...], placed: dict[int, Item | None], how: dict[int, float],
             factor: float) -> None:
    """A population's run of values takes a list's times in order, when there are as many of each."""
    if len(run) == len(items):
        for g, item in zip(run, items, strict=True):
            placed[id(g)] = item
            how[id(g)] = how.get(id(g), 1.0) * factor


def _evaluable_frame(text: str, tls: list[TimeList], ctx: Context, s: Sentence) -> None:
    """"All 60 men were treated, and 57 were evaluable at 6 months.": the results' first sentence gives the time
    they are read at, and frames the section as an opening "At 6 months, ..." would."""
    times = [t for t in tls if not t.is_baseline]
    if s.section == "results" and ctx.frame is None and not ctx.results_seen and len(times) == 1 and \
            len(times[0].items) == 1 and _EVALUABLE_AT.search(text):
        ctx.frame, ctx.running = (s.section, times[0].items[0]), False


def _read_results(s: Sentence, ctx: Context) -> list[ResultDraft]:
    table = read_table(s, ctx)
    previous, ctx.last_text = ctx.last_text, s.text
    if table is not None:
        return table
    text = s.text
    tls = find_timepoints(text)
    masked = [(i.start, i.end) for t in tls if not t.is_baseline for i in t.items]
    tls = [t for t in tls if not FOLLOW_UP_BEFORE.search(text, 0, t.start)]
    groups = find_groups(text, masked, previous, ctx.pm_is_sd, ctx.pm_is_mean, ctx.paren_is_sd, ctx.paren_is_median)
    carried, ctx.carried_times = ctx.carried_times, None
    if not groups:
        # "... significant differences were found at 3 and 6 months. The VISA-P score was 68.4 and 79.6 in the MSC
        # group and 61.2 and 66.9 in the PRP group": a sentence of no values ending on a list of times lends it to the next
        ctx.carried_times = next((t for t in tls if not t.is_baseline and len(t.items) >= 2
                                  and re.fullmatch(r"[\s.;:)]*", text[t.end:])), None)
        _evaluable_frame(text, tls, ctx, s)
        return read_findings(s, ctx, tls)
    if any(not t.is_baseline for t in tls):
        carried = None
    elif re.search(r"(?i:\bat\s+the\s+same\s+(?:visits|time\s*points|times|intervals|assessments)\b)", text):
        carried = ctx.last_times  # "CDVA improved from 0.58 to 0.47 (p = 0.027) and 0.44 (p = 0.009) at the same visits"
    visits = tuple(i for t in tls if not t.is_baseline for i in t.items if i.duration != "P0D")
    ctx.last_times = TimeList(visits[0].start, visits[-1].end, visits) if len(visits) >= 2 else \
        (ctx.last_times if carried is not None else None)
    for a, b, slugs in find_instruments(text):  # measures named here but not listed in the methods
        if re.search(r"[A-Z][\w-]*\s+$", text[max(0, a - 20):a]) and a > 0 or re.match(r"\s+[A-Z][a-z]", text[b:]):
            continue  # "the Lee Symptom Scale": a word of a longer name, not the measure it would name alone
        if not any(e.instrument in slugs for e in ctx.registry.items):
            for slug in slugs:
                ctx.registry.add(text[a:b], slug, "other", s, s.start + a, s.start + b, confidence=0.7)
    found = mentions(text, ctx.registry)
    clauses = _clauses(text)
    pops = _population_mentions(text, ctx, s)
    ctx.characteristics += [g for g in groups if g.characteristic]
    groups = [g for g in groups if not g.characteristic]
    if not groups:
        return []
    values = [g for g in groups if g.is_value]
    quals = [g for g in groups if not g.is_value]
    # Q-only result groups: p-values and effect sizes with no value group in the sentence
    if not values:
        current: Group | None = None
        for q in quals:
            kinds = {st.kind for st in current.stats} if current else set()
            if current is None or q.stats[0].kind in kinds or q.start - current.end > 12:
                current = Group("qualifiers", q.start, q.end, list(q.stats))
                values.append(current)
            else:
                current.stats += q.stats
                current.end = q.end
        quals = []
    placed: dict[int, Item | None] = {}
    how: dict[int, float] = {}
    comparison_baselines = {id(t) for t in tls if t.is_baseline and _COMPARISON_BEFORE.search(text, 0, t.start)}
    same_arm: dict[int, Group] = {}  # a value compared with its own group's value before treatment
    # 0: a value right after "baseline" or right before "at baseline"
    for g in values:
        if (_BASELINE_VALUE.search(text, 0, g.start) and not re.search(
                r"(?i:\b(?:from|since)\s+baseline\s*(?:of|:|=|was|were)?\s*$)",
                text[:g.start])) or re.match(rf"\s*(?:{UNIT}\s*)?at\s+baseline\b", text[g.end:]) or (
                re.match(r"\s*from\s+baseline\b", text[g.end:]) and not {st.kind for st in g.stats} & {"difference"}
                and not _CHANGE_VERB.search(text, max(0, g.start - 40), g.start)):
            placed[id(g)] = Item(g.start, g.end, "P0D", "baseline")
    for x, y in pairwise(values):  # "from baseline values of 45.2 ± 10.1 and 44.6 ± 9.7, respectively"
        if (px := placed.get(id(x))) is not None and px.duration == "P0D" and id(y) not in placed and \
                x.stats[0].kind == y.stats[0].kind and re.fullmatch(rf"\s*(?:{UNIT}\s*)?(?:,\s*(?:and\s+)?|and\s+)", text[x.end:y.start]) \
                and re.match(r"\s*(?:,\s*)?respectively\b", text[y.end:]):
            placed[id(y)] = Item(y.start, y.end, "P0D", "baseline")
    # translated: "was significantly decreased compared with before treatment [(0.31±0.38) vs (1.42±0.61) times/year]":
    # after treatment, then before it
    before_after = re.search(rf"(?i:\bcompared\s+(?:with|to)\s+{_BEFORE_TREATMENT}\s*[\[(])", text)
    for x, y in pairwise(values):
        # "... in the control group [(3.9±1.7) vs (4.3±1.5) points]" later in the sentence: the same order
        if before_after and id(y) not in placed and x.start >= before_after.start() and x.stats[0].kind == y.stats[0].kind \
                and _VS_BETWEEN.fullmatch(text, x.end, y.start) \
                and re.search(r"\[\s*\(?\s*$", text[:x.start]):
            placed[id(y)] = Item(y.start, y.end, "P0D", "baseline")
            same_arm[id(y)] = x
    # one arm: "DLCO did not change (38.5% ± 9.7% vs 40.1% ± 10.2%)" compares the baseline with the follow-up
    if len(ctx.arms) == 1 and not [t for t in tls if not t.is_baseline and _clause_of(clauses, t.start) == _clause_of(
            clauses, values[0].start)]:
        for x, y in pairwise(values):
            if id(x) not in placed and x.stats[0].kind == y.stats[0].kind and re.fullmatch(
                    r"(?i:\s*(?:vs\.?|versus)\s*)", text[x.end:y.start]) and re.search(
                    r"(?i:\b(?:did\s+not\s+change|unchanged|changed|improved|increased|decreased|fell|rose|declined)\b)",
                    text[:x.start]):
                placed[id(x)] = Item(x.start, x.end, "P0D", "baseline")
                how[id(x)] = 0.8
    # a: values inside a timepoint list; b: right after it ("12 months (6.48±3.52)")
    for t in tls:
        if t.is_baseline:
            continue
        for g in values:
            if id(g) in placed:
                continue
            if t.start <= g.start < t.end:
                prior = [i for i in t.items if i.end <= g.start]
                if prior:
                    placed[id(g)] = prior[-1]
            elif re.fullmatch(r"\s*(?:follow-?up\s*)?\(\s*", text[t.end:g.start] if g.start >= t.end else "x") and not [
                    v for v in values if t.end <= v.start < g.start]:
                placed[id(g)] = t.items[-1]
    # "from A to B": A is the baseline value
    for g in values:
        if id(g) not in placed and re.search(r"(?i:\bfrom\s+(?:(?:a|an|the)\s+)?(?:(?:median|mean)\s+(?:of\s+)?)?[(\[]?\s*$"
                                             r"|\bfrom\s*[(\[]\s*$)", text[:g.start]) \
                and re.match(r"\s*(?:\([^()]*\)\s*)?[)\]]?\s*(?:[^()]{0,12}?)\bto\b", text[g.end:]):
            placed[id(g)] = Item(g.start, g.end, "P0D", "baseline")
            how[id(g)] = 0.85
    # "rose from 0.62, 14, and 68 at enrollment to 1.85, 51, and 97 at day 90": a list of starting values
    for m in re.finditer(r"(?i:\bfrom\s+)", text):
        to = re.compile(r"(?i:\s+to\s+)").search(text, m.end())
        inside = [g for g in values if to and m.end() <= g.start and g.end <= to.start()]
        if len(inside) >= 2 and to and all(re.fullmatch(r"[\s,]*(?:and\s+)?", text[x.end:y.start]) for x, y in pairwise(inside)) and \
                re.fullmatch(r"(?i:\s*(?:at\s+(?:baseline|enrol+ment|entry|screening|inclusion|study\s+entry))?\s*)",
                             text[inside[-1].end:to.start()]):
            for g in inside:
                placed[id(g)] = Item(g.start, g.end, "P0D", "baseline")
                how[id(g)] = 0.85
    # "improved in both groups from baseline (MSC, 41.2 ± 12.6; MF, 42.0 ± 11.8) to 12 months (...)": the values in
    # the parentheses after "baseline" are the baseline's
    for g in values:
        op = _paren_open(text, g.start)
        if op is not None and re.search(r"(?i:\bfrom\s+baseline\s*$)", text[:op]) and \
                not any(op < i.start < g.start for t in tls for i in t.items):
            placed[id(g)] = Item(g.start, g.end, "P0D", "baseline")
            how[id(g)] = 0.85
    # "0 (range 0-3), 1 (range 0-4) and 2 (range 0-7) in the IT, IV and sham groups": zipped with the arms in order
    for m in ARM_LIST.finditer(text):
        names = arm_names(m)
        ci = _clause_of(clauses, m.start())
        # "9 of 32 patients given placebo (28.1%), compared with 12 of 32 ..., 17 of 32 ... and 15 of 32 given the low,
        # middle, and high doses": the values after the last arm named before the list
        named = max((p[1] for p in pops if p[1] <= m.start() and _clause_of(clauses, p[0]) == ci), default=-1)
        run = [g for g in values if g.end <= m.start() and _clause_of(clauses, g.start) == ci and not g.arm_word
               and g.start >= named and not {st.kind for st in g.stats} & {"difference", "effect-size"}]
        # "from 18 (15-21), 17 (14-20) and 19 (16-22) at baseline to 10 (7-13), 9 (6-11) and 7 (5-9) at 6 months
        # in cohorts 1, 2 and 3": one run of the arms per time
        if not run or len(run) % len(names) or (len(run) > len(names) and not m["cohorts"]) \
                or any(run[0].start <= p[0] < m.start() and not p[3] for p in pops):
            continue
        arms = [next((a for a in ctx.arms if a.pattern.search(n + " group")), None) for n in names]
        if all(arms) and len({a.id for a in arms if a}) == len(arms):
            for k, g in enumerate(run):
                g.arm_word = names[k % len(names)]
    # populations
    population: dict[int, str] = {}
    defaulted: set[int] = set()
    comparator = ctx.comparator
    resp = _RESPECTIVE_GROUPS.search(text)
    _arms_in_order(text, values, pops, tls, ctx)
    # the one arm a sentence opens with ("In cohort 3, ...") when it names no other
    opener = pops[0][2] if pops and re.fullmatch(r"(?i:\s*(?:in|among|for|within)\s+(?:the\s+)?)", text[:pops[0][0]]) \
        and len({p[2] for p in pops}) == 1 and len(ctx.arms) > 1 else None
    for i, g in enumerate(values):
        kinds = {st.kind for st in g.stats}
        if g.arm_index is not None:
            # "in 7 of 12 in Schedule A and 9 of 12 in Schedule B; ... fever (3 and 5 children, respectively)": the
            # order the sentence named the arms in, else the design's
            named = list(dict.fromkeys(p[2] for p in pops if p[1] <= g.start and p[2] in {a.id for a in ctx.arms}))
            order = named if g.form == "count_arm" and len(named) == len(ctx.arms) > 1 else \
                ctx.arm_order if ctx.arm_order and g.form != "count_arm" else [a.id for a in ctx.arms]
            population[id(g)] = order[g.arm_index] if g.arm_index < len(order) else ctx.experimental.id
            continue
        if g.arm_word:
            arm = next((a for a in ctx.arms if a.pattern.search(g.arm_word + " group")), None)
            population[id(g)] = arm.id if arm else ctx.experimental.id
            continue
        if kinds & {"difference", "effect-size"} and not (g.form in ("unit_value", "unit_values") and len(values) > 2):
            # "declined by 9.8% (95% CI ...) in the sham group": a change within the group named right after it;
            # "(hazard ratio for IT vs sham 0.48)": the experimental arm named in its own words; else the cell arm
            cell_ids = {a.id for a in ctx.arms if a.role == "experimental"}
            # "12 of 32 (37.5%; odds ratio [OR], 1.53; ...), 17 of 32 (...)": the ratio in a value's parentheses is
            # that cell arm's against the comparator
            op = _paren_open(text, g.start)
            host = next((v for v in reversed(values[:i]) if op is not None and v.start <= op <= v.end + 1
                         and not {st.kind for st in v.stats} & {"difference", "effect-size"}), None)
            if host is not None and len(cell_ids) > 1 and population.get(id(host)) in cell_ids:
                population[id(g)] = population[id(host)]
                continue
            # "27% lower with 300 million MPCs (ratio 0.73, 95% CI ...)": the arm named right before the parentheses
            just = [p for p in pops if op is not None and p[1] <= op and p[2] in cell_ids
                    and re.fullmatch(r"\s*(?:[\w-]*(?:MPC|MSC|ASC|cell)s?)?\s*", text[p[1]:op])]
            if just and len(cell_ids) > 1:
                population[id(g)] = just[-1][2]
                continue
            named = [p for p in pops if not p[3] and p[0] >= g.end and _GROUP_AFTER.fullmatch(text, g.end, p[0])
                     and ("difference" in kinds or p[2] in cell_ids)]
            if not named and "difference" in kinds and (nxt := next((p for p in pops if not p[3] and p[0] >= g.end), None)):
                # "and by 3.9 ± 2.8, 4.6 ± 3.0 and 4.2 ± 3.3 mm in the HA group": each change of the list is that group's
                mid = text[g.end:nxt[0]]
                if (gm := re.search(r"\s*(?:in|among|for|with)\s+(?:the\s+)?$", mid)) and re.fullmatch(
                        r"(?:\s*(?:[,;]|\band\b)?\s*[-−+]?\d+(?:\.\d+)?(?:\s*±\s*\d+(?:\.\d+)?)?\s*(?:%|mm|cm|m|kg|points?)?)+\s*",
                        mid[:gm.start()]):
                    named = [nxt]
            op = _paren_open(text, g.start)
            inner = [p for p in pops if op is not None and op < p[0] and p[1] <= g.start and p[2] in cell_ids]
            population[id(g)] = named[0][2] if named else inner[0][2] if inner else ctx.experimental.id
            prior = values[i - 1] if i > 0 else None
            if not named and not inner and comparator is not None and prior is not None and \
                    population.get(id(prior)) == ctx.experimental.id and prior.stats[0].kind in kinds and \
                    _VS_CHANGE.fullmatch(text, prior.end, g.start):
                population[id(g)] = comparator.id  # "improved by 38 m (SD 61) vs declined by 9 m (SD 70)"
            continue
        if resp and len(values) >= 2:
            order = _respective_names(resp)
            plain = [v for v in values if not ({st.kind for st in v.stats} & {"difference", "effect-size"})]
            idx = plain.index(g) if g in plain else 0
            plain_n = len(plain)
            if plain_n % (2 * len(order)) == 0 and all(re.fullmatch(r"(?i:[^;,]{0,30}?\bto\s*)", text[plain[k].end:plain[k + 1].start])
                                                       for k in range(0, plain_n, 2)):
                # "X from 52.7 to 86.1 and from 54.2 to 78.5 ... in the BMAC and MFx groups, respectively": by pair
                idx, plain_n = idx // 2, plain_n // 2
            if idx >= len(order) and plain_n % len(order) == 0:
                idx %= len(order)  # "from a and b at baseline to c and d at 3 years ... in the A and B groups, respectively"
            if idx < len(order):
                arm = next((a for a in ctx.arms if a.pattern.search(order[idx] + " group")), None)
                if arm:
                    population[id(g)] = arm.id
                    continue
        ci = _clause_of(clauses, g.start)
        near = [p for p in pops if not p[3] and _clause_of(clauses, p[0]) == ci]
        adjacent = [p for p in pops if _clause_of(clauses, p[0]) == ci and p[1] <= g.start
                    and re.fullmatch(r"\s*[\[(]{0,2}\s*", text[p[1]:g.start])] \
            or [p for p in near if g.start <= p[0] and p[1] <= g.end] \
            or [p for p in near if p[0] >= g.end and re.fullmatch(r"\s*(?:\([^()]*\)\s*)?", text[g.end:p[0]]) and re.match(
                r"\s*(?:patients|participants|subjects|eyes|recipients|children)?\s*(?:,|;|\)|and\b|vs\.?|versus\b|$)",
                text[p[1]:])]  # "in 22 of 32 (68.8%) UC-MSC and 17 of 32 (53.1%) IVMP patients": the arm right after
        after = [p for p in near if p[0] >= g.end]
        before = [p for p in near if p[1] <= g.start]
        # "(median 3, range 1–6, vs 5, range 3–8)": the spread between the pair's values
        pair_next = i + 1 < len(values) and re.match(rf"\s*[)\]]?\s*(?:{UNIT}\s*)?(?:,\s*(?:range|IQR)\s+[^,;()]{{3,25}},\s*)?"
                                                      r"(?:\[\s*[\d.]+\s*\]\s*)?"  # "-4.8 [1.3] vs. -0.9 [1.4]": an SE between
                                                      rf"(?:vs\.?|versus)\s*[(\[]?\s*$", text[g.end:values[i + 1].start])
        named_before = list(dict.fromkeys(p[2] for p in pops if p[1] <= g.start and _clause_of(clauses, p[0]) == ci))
        if id(g) in population:
            continue
        # "(MSC, 41.2 ± 12.6; MF, 42.0 ± 11.8)": each value after its arm's name and a comma
        label = re.search(r"[(;]\s*([A-Za-z][\w+-]*)\s*[,:]\s*$", text[:g.start])
        labelled = next((a for a in ctx.arms if label and a.pattern.search(f"the {label[1]} group")), None)
        if labelled is not None and len(ctx.arms) > 1:
            population[id(g)] = labelled.id
            continue
        op = _paren_open(text, g.start)
        if pair_next and comparator is not None and op is not None and \
                re.fullmatch(r"(?i:\s*(?:(?:median|mean)\s+)?)", text[op + 1:g.start]) and \
                _paren_open(text, values[i + 1].start) == op and \
                not any(op < p[0] < values[i + 1].end for p in pops) and not any(
                a.pattern.search(re.sub(r"\([^()]*\)", " ", text[clauses[_clause_of(clauses, g.start)][0]:op])) for a in ctx.arms):
            # "to 12 months (68.4 ± 15.1 vs 64.9 ± 16.3; P = .36)": a pair of its own, the cell arm's value first
            population[id(g)], population[id(values[i + 1])] = ctx.experimental.id, comparator.id
            continue
        if pair_next and len(named_before) >= 2:  # "the A group was lower than the B group [(x) vs (y)]"
            population[id(g)], population[id(values[i + 1])] = named_before[0], named_before[1]
            continue
        if pair_next and len(named_before) == 1 and len(ctx.arms) == 2 and op is not None and re.search(
                r"(?i:\b(?:lower|higher|better|worse|greater|smaller|less|more|shorter|longer|faster|slower)\b)",
                text[clauses[ci][0]:op]):
            # "the VSS was lower on treated hands (median 3, range 1–6, vs 5, range 3–8)": the other arm's value second
            population[id(g)] = named_before[0]
            population[id(values[i + 1])] = next(a.id for a in ctx.arms if a.id != named_before[0])
            continue
        if pair_next and comparator is not None and not any(p[2] in {a.id for a in ctx.arms} for p in near):
            # "Among patients with ulcers, healing was seen in 13 of 21 versus 6 of 19": no arm named, so the
            # pair compares the arms (the subgroup is in both)
            population[id(g)], population[id(values[i + 1])] = ctx.experimental.id, comparator.id
            continue
        run = _joined_run(values, i, len(ctx.arms), text, clauses, tls) if comparator is not None and not near else None
        if run is not None and not any(id(v) in population for v in run):
            # "Serious adverse events were reported in 30.0% and 40.0% of patients", "the corresponding gains were 8.9
            # (4.2), 6.8 (4.0), and 5.7 (3.8) points": no arm named in the clause, one value per arm in the order the
            # sentence (else the sentence before, else the design) gave them
            arm_ids = [a.id for a in ctx.arms]
            named_order = [x for x in dict.fromkeys(p[2] for p in pops if not p[3]) if x in arm_ids]
            order = named_order if len(named_order) == len(arm_ids) else ctx.arm_order or \
                [ctx.experimental.id, *[a for a in arm_ids if a != ctx.experimental.id]]
            for v, arm_id in zip(run, order, strict=True):
                population[id(v)] = arm_id
                how[id(v)] = 0.75 if len(named_order) == len(arm_ids) or "respectively" in text else 0.6
            continue
        between = after and [v for v in values if v is not g and g.end <= v.start and v.end <= after[0][0]]
        if adjacent:
            population[id(g)] = adjacent[-1][2]
        elif before and between and re.search(r"(?i:\bthan\b|\bvs\b|\bversus\b|\bcompared\s+(?:with|to)\b|"
                                               r"\b(?:similar|comparable|close|equal|equivalent)\s+(?:to|with)\b|\brelative\s+to\b)",
                                               text[g.end:after[0][0]]) and not re.search(
                r"(?i:\bvs\.?|\bversus\b|\bcompared\s+(?:with|to)\b)", text[before[-1][1]:g.start]):
            # "the rate of the A group was 12.5%, lower than 32.5% in the B group": the group named
            # after the compared value is that value's, not this one's
            population[id(g)] = before[-1][2]
        elif after:
            population[id(g)] = after[0][2]
        elif before:
            population[id(g)] = before[-1][2]
        elif comparator and "respectively" in text and len(plain := [v for v in values if not {
                st.kind for st in v.stats} & {"difference", "effect-size"}]) == 2 and not pops and g in plain:
            population[id(plain[0])], population[id(plain[1])] = ctx.experimental.id, comparator.id
            how[id(plain[0])] = how[id(plain[1])] = 0.8
        elif comparator and i + 1 < len(values) and re.match(rf"\s*\)?\s*(?:{UNIT}\s*)?(?:vs\.?|versus)\s*\(?",
                                                              text[g.end:values[i + 1].start]):
            population[id(g)] = ctx.experimental.id
            population[id(values[i + 1])] = comparator.id
        elif opener is not None:  # "In the expansion cohort, SARA ... (P = .21), and CSF NfL fell from ...": every clause's
            population[id(g)] = opener
        elif id(g) not in population:
            population[id(g)] = ctx.experimental.id
            defaulted.add(id(g))
            how[id(g)] = how.get(id(g), 1.0) * (0.85 if comparator else 1.0)
    # "better in the UC-MSC group (mean 3.1 ± 1.4 versus 5.6 ± 2.0)": the value compared with the named arm's is the other arm's
    if comparator is not None and len(ctx.arms) == 2:
        for x, y in pairwise(values):
            if population.get(id(x)) == population.get(id(y)) and x.stats[0].kind == y.stats[0].kind and \
                    not {st.kind for st in x.stats} & {"difference", "effect-size"} and \
                    re.fullmatch(rf"(?i:\s*[)\]]?\s*(?:{UNIT}\s*)?,?\s*(?:vs\.?|versus|compared\s+with)\s*[(\[]?\s*)", text[x.end:y.start]) and \
                    not x.arm_word and not y.arm_word and x.arm_index is None and y.arm_index is None and \
                    not any(x.start <= p[0] for p in pops) and \
                    not re.search(r"(?i:\b(?:unchanged|did\s+not\s+change|remained|stable|from|before|after)\b)",
                                  text[clauses[_clause_of(clauses, x.start)][0]:x.start]) and \
                    not any(placed.get(id(v)) is not None and placed[id(v)].duration == "P0D" for v in (x, y)):
                other = next(a.id for a in ctx.arms if a.id != population[id(x)])
                population[id(y)] = other
    for y_id, x in same_arm.items():  # "[(3.9±1.7) vs (4.3±1.5) points]": the group's value before treatment
        if id(x) in population:
            population[y_id] = population[id(x)]
    # c: zip a multi-item list with the unplaced values of each population run
    for t in tls:
        if t.is_baseline or len(t.items) < 2 or any(t.start <= g.start < t.end for g in values):
            continue
        runs: dict[str, list[Group]] = {}
        for g in values:
            if id(g) not in placed and _clause_of(clauses, g.start) == _clause_of(clauses, t.start):
                runs.setdefault(population[id(g)], []).append(g)
        for run in runs.values():
            before = [g for g in run if g.end <= t.start]
            if len(run) != len(t.items) and len(before) == len(t.items):
                run = before  # "to 63.9, 72.5 and 78.1 at 3, 6 and 12 months, respectively (...), a mean gain of 31.8 at 12 months"
            elif len(before) == len(t.items) + 1 and re.search(r"(?i:\bfrom\s*$)", text[:before[0].start]) and \
                    re.match(r"(?i:\s*\S{0,6}\s*(?:before|prior\s+to|pre-?)\s*(?:the\s+)?(?:treatment|therapy|injection|infusion|"
                             r"transplantation|surgery|operation)|\s*\S{0,6}\s*at\s+baseline)", text[before[0].end:]):
                # "decreased from 24.6±8.3% before treatment to 18.9±7.7%, 16.2±7.1% and 15.8±7.4% at 3, 6 and 12 months"
                placed[id(before[0])] = Item(before[0].start, before[0].end, "P0D", "baseline")
                run = before[1:]
            elif len(after := [g for g in run if g.start >= t.end]) == len(t.items) + 1 and all(
                    _VS_BETWEEN.fullmatch(text, x.end, y.start) for x, y in pairwise(after)) and re.search(
                    rf"(?i:\b(?:compared\s+(?:with|to)|versus|vs\.?)\s+{_BEFORE_TREATMENT})", text[:t.start]):
                # "Compared with before treatment, FSH was decreased at 3 and 6 months [(24.6±8.3) vs (19.8±7.1) vs (18.9±6.9)]"
                placed[id(after[0])] = Item(after[0].start, after[0].end, "P0D", "baseline")
                run = after[1:]
            _zip_run(run, t.items, placed, how, 0.95)
    if carried is not None:  # the previous sentence's times, one per value of each population's run
        runs = {}
        for g in values:
            if id(g) not in placed and g.stats[0].kind in ("mean", "median", "central-value"):
                runs.setdefault(population[id(g)], []).append(g)
        for run in runs.values():
            _zip_run(run, carried.items, placed, how, 0.8)
    # set before placing, so the opening sentence's later clauses are framed too
    # ... and any later sentence that opens with its own time ("At week 52, ...") frames the ones after it
    if s.section in ("results", "methods-results", ""):
        opening = next((t for t in tls if not t.is_baseline and len(t.items) == 1 and t.start <= 8), None)
        if opening is not None and _FRAME_TAIL.match(text[opening.end:]):
            first = s.section == "results" and (ctx.frame is None or ctx.frame[0] != s.section) and not ctx.results_seen
            # a letter or a news page has no Results heading: its paragraph that opens "At 6 months, the ORR was ..."
            # frames the values after it as a running frame does
            unheaded = s.section == "" and ctx.frame is None and bool(values)
            if first or ctx.frame is not None or ctx.results_seen or unheaded:
                ctx.frame, ctx.running = (s.section, opening.items[0]), not first
        else:
            _evaluable_frame(text, tls, ctx, s)
    # d/e: the next timepoint in the clause, else the previous one
    own_opening = next((t.items[0] for t in tls if not t.is_baseline and len(t.items) == 1 and t.start <= 8
                        and (_FRAME_TAIL.match(text[t.end:]) or re.match(r"\s+the\s", text[t.end:]))), None)
    # "Overall renal response at Week 52 - MSC group 16/22 (72.7%); control group 10/22 (45.5%)": the label's time
    dash = _LABEL_DASH.match(text)
    dash_time = next((t.items[0] for t in tls if dash and t.end <= dash.end("np") and len(t.items) == 1
                      and not t.is_baseline), None)
    by_previous: set[int] = set()
    framed: set[int] = set()
    for i, g in enumerate(values):
        if id(g) in placed:
            continue
        ci = _clause_of(clauses, g.start)
        # "in 1 of the 14 ulcers that had closed by week 12": a time in a relative clause says who is counted, not when
        usable = [t for t in tls if id(t) not in comparison_baselines and _clause_of(clauses, t.start) == ci
                  and not _RELATIVE_TIME.search(text, 0, t.start) and not _RESOLVED_IN.search(text, 0, t.start)]
        if dash is not None and dash_time is not None and g.start >= dash.end() and not any(t.start >= dash.end() for t in usable):
            placed[id(g)] = dash_time
            continue
        change = "difference" in {st.kind for st in g.stats} or _CHANGE_VERB.search(text, max(0, g.start - 40), g.start) \
            or (i > 0 and (pp := placed.get(id(values[i - 1]))) is not None and pp.duration == "P0D"
                and re.fullmatch(r"(?i:\s*(?:vs\.?|versus|to)\s*)", text[values[i - 1].end:g.start]))
        nxt = [t for t in usable if t.start >= g.end and len(t.items) == 1
               and not (t.is_baseline and (change or re.search(r"(?i:\bto\s*[(\[]?\s*$)", text[:g.start])))]
        prev = [t for t in usable if t.end <= g.start and not (t.is_baseline and change)]  # a change is never at baseline
        if i > 0 and id(values[i - 1]) in placed and _VS_LINK.fullmatch(text, values[i - 1].end, g.start):
            placed[id(g)] = placed[id(values[i - 1])]  # "73.2% in the A group versus 55.6% in the B group"
            if id(values[i - 1]) in framed:
                framed.add(id(g))  # ... under a running frame, both at its time
            continue
        op = _paren_open(text, g.start)
        if op is not None and i > 0 and id(values[i - 1]) in placed and values[i - 1].end <= op \
                and re.search(r"[A-Za-z]{2}", text[op:g.start]) \
                and not re.search(r"\bto\b", text[values[i - 1].end:op]) \
                and not any(values[i - 1].end <= t.start < g.start for t in tls):
            placed[id(g)] = placed[id(values[i - 1])]  # "55.6% in the B group (hazard ratio 0.52; 95% CI ...)"
            continue
        if prev and not prev[-1].is_baseline and nxt and not any(prev[-1].end <= v.start < g.start for v in values) \
                and any(g.end <= v.start < nxt[0].start for v in values) \
                and not (((op := _paren_open(text, g.start)) is None or op < prev[-1].end)
                         and any(v.end <= prev[-1].start and (pv := placed.get(id(v))) is not None
                                 and pv.duration == prev[-1].items[-1].duration for v in values)):
            # not "32.1% versus 21.6% at 6 months (P = .09) and 47.3% versus 29.8% at 12 months": there each time
            # follows its values
            placed[id(g)] = prev[-1].items[-1]  # "survival at 24 weeks was 73.2% ..., and at 48 weeks 67.9%"
            by_previous.add(id(g))
            continue
        if prev and prev[-1].is_baseline and re.fullmatch(r"(?i:\s*,?\s*(?:in|was|were|of|:)\s*)", text[prev[-1].end:g.start]):
            placed[id(g)] = prev[-1].items[-1]  # "was present at baseline in 7 of 12 ..., and at week 12 in 3"
            continue
        if nxt:
            placed[id(g)] = nxt[0].items[0]
            by_previous.add(id(g))
        elif prev and not (prev[-1].is_baseline and (re.search(r"\bto\b", text[prev[-1].end:g.start]) or _AFTER_TREATMENT.match(
                text, g.end))):  # "3.0 ... before treatment and 1.0 ... after treatment"
            placed[id(g)] = prev[-1].items[-1]  # but "from A before treatment to B": B is not at baseline
            by_previous.add(id(g))
        elif {st.kind for st in g.stats} & {"difference", "effect-size"} and (earlier := [
                t for t in tls if t.end <= g.start and not t.is_baseline and id(t) not in comparison_baselines]):
            # "...; the between-group difference in change was 4.5": the sentence's last timepoint before it
            placed[id(g)] = earlier[-1].items[-1]
            how[id(g)] = how.get(id(g), 1.0) * 0.9
            by_previous.add(id(g))
        elif g.form == "none" and i > 0 and id(values[i - 1]) in placed:
            placed[id(g)] = placed[id(values[i - 1])]
        elif own_opening is not None and _clause_of(clauses, g.start) > 0 and g.form not in ("zero", "zero_any", "zero_there"):
            placed[id(g)] = own_opening  # "At 2 years, relapse was ..., and overall survival was 68.3%": every clause
            how[id(g)] = how.get(id(g), 1.0) * 0.9
        # (a peak or a nadir under a running frame is over the follow-up, at no one time)
        elif ctx.frame is not None and ctx.frame[0] == s.section and g.form != "zero" and g.stats[0].kind != "count" \
                and not (ctx.running and re.search(r"(?i:\b(?:peak|nadir|maximum|minimum|worst)\b)", text[:g.start])) \
                and not any(re.match(r"(?:day|week|month|year|hour|h$|min)", st.unit or "") for st in g.stats) \
                and not (g.stats[0].kind == "proportion" and _EVENT_VERB.search(text)) \
                and not (ctx.running and (g.stats[0].kind in ("p-value", "effect-size") or g.stats[0].kind == "proportion"
                                          # "At 6 months, the ORR was ... Skin responses were seen in 14/22": responders
                                          # are counted at the frame's time, events over the follow-up
                                          and not re.search(r"(?i:\brespon(?:se|ses|ders?)\b|\bremission\b)", text)
                    or re.search(r"(?i:\b(?:over|during|throughout)\s+(?:the\s+)?(?:whole\s+|entire\s+)?"
                                 r"(?:study(?:\s+period)?|follow-?up|trial)\b)", text))):
            # counts of events are over the whole follow-up, as with an endpoint's definition below
            placed[id(g)] = None if ctx.running else ctx.frame[1]  # "Results After 12 weeks ..." frames the section
            how[id(g)] = how.get(id(g), 1.0) * 0.8
            framed.add(id(g))
        else:
            placed[id(g)] = None
    if ctx.caption is not None and arm_row(text, ctx.arms) and not any(not t.is_baseline for t in tls):
        times = [t for t in find_timepoints(ctx.caption.text) if not t.is_baseline]
        for g in values:  # a row of its arm under "Table 2. ... at 12 months": the caption's time
            if placed.get(id(g)) is None and times:
                placed[id(g)] = times[0].items[0]
    _parallel_runs(text, tls, values, population, placed, by_previous, how)
    _respective_times_before(text, tls, values, population, placed, clauses, ctx.arms)
    for g in values:  # "X decreased from A to B at week 12, and Y from C to D": D at week 12 too (not the section's time)
        if (placed.get(id(g)) is None or id(g) in framed) and re.search(r"\bto\s*$", text[:g.start]) and (earlier := [
                t for t in tls if not t.is_baseline and t.end <= g.start and len(t.items) == 1]) \
                and len({t.items[0].duration for t in tls if not t.is_baseline}) == 1 \
                and _clause_of(clauses, earlier[-1].start) < _clause_of(clauses, g.start):
            placed[id(g)] = earlier[-1].items[0]
            how[id(g)] = how.get(id(g), 1.0) * 0.8
    for g in values:  # "IKDC at 12 months was 84.2 ... (P = .07); median Lysholm score was 94 (IQR 89-98) vs 88": the
        # sentence's one time holds for a later clause's efficacy values that state none
        if placed.get(id(g)) is None and id(g) not in framed and g.stats[0].kind in (
                "mean", "median", "central-value") and (earlier := [
                t for t in tls if not t.is_baseline and t.end <= g.start and len(t.items) == 1]) \
                and len({t.items[0].duration for t in tls if not t.is_baseline}) == 1 \
                and _clause_of(clauses, earlier[-1].start) < _clause_of(clauses, g.start) \
                and not any(placed.get(id(v)) is not None and placed[id(v)].duration == "P0D" for v in values
                            if _clause_of(clauses, v.start) == _clause_of(clauses, g.start)):
            placed[id(g)] = earlier[-1].items[0]
            how[id(g)] = how.get(id(g), 1.0) * 0.8
    for g in values:  # "... did not differ at 6 or 12 weeks but favored MSCs at 52 weeks: MEPS 91.2 vs. 84.6": after the
        # colon, the time before it
        colon_time = [t for t in tls if not t.is_baseline and len(t.items) == 1 and t.end <= g.start
                      and re.match(r"\s*:", text[t.end:]) and not any(t.end <= u.start < g.start for u in tls)]
        if colon_time:
            placed[id(g)] = colon_time[-1].items[0]
    for g in values:  # a later sentence's opening time, for what the sentence's own runs did not place
        if id(g) in framed and placed.get(id(g)) is None and ctx.frame is not None:
            placed[id(g)] = ctx.frame[1]
    if ctx.frame is not None and not ctx.running and ctx.frame[0] == s.section and not any(not t.is_baseline for t in tls):
        for g in values:  # "Median plaque area decreased from 82 mm² to 55 mm²" under the section's time: 55 at that time
            if id(g) in placed and placed[id(g)] is None and id(g) not in framed and \
                    g.stats[0].kind in ("mean", "median", "central-value", "difference") and \
                    not any(re.match(r"(?:day|week|month|year|hour|h$|min)", st.unit or "") for st in g.stats):
                placed[id(g)] = ctx.frame[1]
                how[id(g)] = how.get(id(g), 1.0) * 0.8
                framed.add(id(g))
    # "Three and four patients ... at 9 (7.5%) and 12 (10%) months, respectively": counts by position
    counts = _COUNT_LIST.match(text)
    if counts and "respectively" in text:
        numbers = [word_number(w) for w in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", counts["list"])]
        bare = [g for g in values if g.stats[0].kind == "proportion" and g.stats[0].numerator is None]
        if len(bare) == len(numbers) and all(numbers):
            for g, k in zip(bare, numbers, strict=True):
                g.stats[0].numerator = k
    if ctx.frame is not None and not any(id(g) in framed for g in values) and any(
            t for t in tls if not t.is_baseline and t.start > 8 and all(i.duration != ctx.frame[1].duration for i in t.items)):
        # "The benefit was no longer significant at month 12": after another time, the opening one frames no more
        ctx.frame = None
    ctx.results_seen = ctx.results_seen or s.section == "results"
    # qualifiers: p-values and effect sizes
    experimental_ids = {a.id for a in ctx.arms if a.role == "experimental"} | {g.id for g in ctx.subgroups}
    pops = _population_mentions(text, ctx, s) if len(ctx.arms) > 2 else pops  # arms read by comparisons too
    comparison = _comparison(text, ctx)
    shared = _shared_lists(text, tls, values, placed)
    attached: dict[int, list[Stat]] = {id(g): list(g.stats) for g in values}
    # "12.5%, 18.8%, 34.4%, and 25.0% in the placebo, low-dose, middle-dose, and high-dose groups (P = .49, P = .041, and
    # P = .20 vs placebo)": one p-value per cell arm's value, in order
    zipped_p: dict[int, Group] = {}
    within_p: set[int] = set()  # zipped p-values of visits against the baseline
    ps = [q for q in quals if len(q.stats) == 1 and q.stats[0].kind == "p-value" and not q.distributive]
    for k, q in enumerate(ps):
        op = _paren_open(text, q.start)
        run = [x for x in ps if op is not None and _paren_open(text, x.start) == op]
        if len(run) < 2 or run[0] is not q or id(q) in zipped_p:
            continue
        cells = [g for g in values if g.end <= op and _clause_of(clauses, g.start) == _clause_of(clauses, op)
                 and population.get(id(g)) in experimental_ids]
        if len(cells) == len(run) and len({population[id(g)] for g in cells}) == len(cells):
            for x, g in zip(run, cells, strict=True):
                zipped_p[id(x)] = g
            continue
        # "from 68.4 at baseline to 41.2 at month 3 and 38.6 at month 6 (P = 0.004 and P = 0.002 versus baseline,
        # respectively)": one p-value per later visit, in order, each against the baseline
        timed = [g for g in values if g.end <= op and (t := placed.get(id(g))) is not None and t.duration != "P0D"
                 and _clause_of(clauses, g.start) == _clause_of(clauses, op)]
        if len(timed) == len(run) and len({placed[id(g)].duration for g in timed}) == len(timed) and \
                len({population[id(g)] for g in timed}) == 1 and any(
                    (t := placed.get(id(g))) is not None and t.duration == "P0D" for g in values if g.end <= op):
            for x, g in zip(run, timed, strict=True):
                zipped_p[id(x)] = g
                within_p.add(id(x))
            continue
        # "... 8.2 at 52 weeks with MSCs, compared with 20.8, 17.6, and 14.9 with saline (P = .033 and P = .001 at
        # 12 and 52 weeks)": the p-values' own visits, each on the cell arm's value at it
        close = text.find(")", run[-1].end)
        visits = [t for t in tls if run[-1].end <= t.start and (close < 0 or t.end <= close) and not t.is_baseline]
        if len(visits) == 1 and len(visits[0].items) == len(run) and \
                re.fullmatch(r"(?i:\s*,?\s*(?:at|in|by|after)\s+(?:the\s+)?)", text[run[-1].end:visits[0].start]):
            at_visit = [[g for g in values if g.end <= op and population.get(id(g)) in experimental_ids
                         and (t := placed.get(id(g))) is not None and t.duration == i.duration] for i in visits[0].items]
            if all(len(x) == 1 for x in at_visit):
                for x, gs in zip(run, at_visit, strict=True):
                    zipped_p[id(x)] = gs[0]
                continue
        # "... at 6, 12, and 52 weeks in the MSC group and ... in the saline group (P = .43, P = .08, and P = .024
        # between groups, respectively)": one between-group p-value per visit, on the cell arm's value at it
        if re.search(r"(?i:\bbetween\s+(?:the\s+)?groups\b[^()]*\brespectively\b)", text[q.start:]) or \
                re.fullmatch(r"(?i:\(\s*between[- ]groups?\s*)", text[op:q.start]) or \
                re.search(r"(?i:\brespectively\s*$)", text[:op]) and re.fullmatch(r"\(\s*", text[op:q.start]):
            # "(between-group p = .82, p = .028 ...)", "... at 1 and 2 years, respectively (P = .56 and P = .54)"
            cell_timed = [g for g in values if g.end <= op and population.get(id(g)) in experimental_ids
                          and (t := placed.get(id(g))) is not None and t.duration != "P0D"]
            if len(cell_timed) == len(run) and len({placed[id(g)].duration for g in cell_timed}) == len(run):
                for x, g in zip(run, cell_timed, strict=True):
                    zipped_p[id(x)] = g
    for q in quals:
        if id(q) in zipped_p:
            for st in q.stats:
                attached[id(zipped_p[id(q)])].append(Stat(**{**st.__dict__, "comparison": "baseline" if id(q) in within_p
                                                             else "comparator"}))
            continue
        if q.distributive:
            qc = _clause_of(clauses, q.start)
            targets = [g for g in values if placed.get(id(g)) is None or placed[id(g)].duration != "P0D"]
            same = [g for g in targets if _clause_of(clauses, g.start) == qc]
            targets = same if "both" in q.stats[0].text.lower() and len(same) >= 2 else targets
            # "did not differ at 6 or 12 weeks (all P > .10) but favored MSCs at 52 weeks: ...": not past the "but"
            targets = [g for g in targets if not (g.start > q.end and re.search(r"\bbut\b", text[q.end:g.start]))]
        else:
            opened = _paren_open(text, q.start)
            inside = [g for g in values if g.end <= q.start and opened is not None and g.end > opened]
            own = [p for p in pops if opened is not None and not inside and not p[3] and p[2] in experimental_ids
                   and max(opened, text.rfind(";", 0, q.start)) < p[0] < q.start]
            mine = [g for g in values if own and g.end <= q.start and population[id(g)] == own[-1][2]]
            if mine:  # "(IT vs sham, p = 0.002; IV vs sham, p = 0.21)": the arm its own words name
                targets = mine[-1:]
            elif inside and id(inside[-1]) in shared:
                targets = shared[id(inside[-1])]
            elif inside and comparator is not None and population[id(inside[-1])] == comparator.id and \
                    (exp := [g for g in values if g.end <= inside[-1].start and population[id(g)] != comparator.id
                             and _clause_of(clauses, g.start) == _clause_of(clauses, q.start)]):
                targets = exp[-1:]  # "in 3 of 9 treated (33.3%) and in 13 of 18 controls (72.2%; p = 0.10)"
            elif inside:
                targets = [inside[-1]] if placed.get(id(inside[-1])) is None or placed[id(inside[-1])].duration != "P0D" \
                    else [g for g in inside if placed.get(id(g)) is None or placed[id(g)].duration != "P0D"][-1:]
            else:
                exp = [g for g in values if g.end <= q.start and population[id(g)] in experimental_ids
                       and (placed.get(id(g)) is None or placed[id(g)].duration != "P0D")]
                anyg = [g for g in values if g.end <= q.start]
                targets = exp[-1:] or anyg[-1:]
        for g in targets:
            for st in q.stats:
                if st.kind not in {x.kind for x in attached[id(g)]}:
                    local = _comparison(text[_paren_open(text, q.start) or 0:q.end + 40], ctx) or comparison
                    attached[id(g)].append(Stat(**{**st.__dict__, "comparison": local}))
    for g in values:
        for st in attached[id(g)]:
            if st.kind in ("difference", "effect-size", "p-value") and st.comparison is None:
                st.comparison = comparison
    # endpoints
    results: list[ResultDraft] = []
    zipped = _respectively_endpoints(text, values, found, ctx, s)
    for g in values:
        reasons: list[str] = []
        if id(g) in zipped:
            ep, factor = zipped[id(g)], 0.95
        else:
            known = len(ctx.registry.items)
            ep, factor = _endpoint_for(text, g, found, ctx, s, reasons)
            if len(ctx.registry.items) != known:  # a new endpoint: later values of the sentence may name it
                found = mentions(text, ctx.registry)
        tp = placed.get(id(g))
        if id(g) in framed and (ep.instrument == "adverse-events" or ep.role == "safety" or _ADVERSE.search(ep.label)):
            tp = None  # adverse events are counted over the whole follow-up, not at the section's opening time
        conf = g.confidence * factor * how.get(id(g), 1.0) * (0.85 if ep.instrument == UNMAPPED else 1.0)
        pop = population[id(g)]
        stats = attached[id(g)]
        for st in stats:
            if st.comparison == "comparator" and (comparator is None or pop == comparator.id):
                st.comparison = None if comparator is None else st.comparison
        kinds = {st.kind for st in stats}
        # "time to response 11 days" has no timepoint; "ventilator-free days through day 28" counts up to its own
        a_duration = any(re.match(r"(?:day|week|month|year)", st.unit or "") for st in stats) and \
            not re.search(r"(?i:-free\s+days|days\s+alive)", ep.label)
        if tp is None and len(ep.timepoints) == 1 and "count" not in kinds and not a_duration and \
                (ep.sentence.section != s.section or s.section in ("", "methods-results", "abstract") and ep.sentence.start < s.start
                 and ep.role in ("primary", "secondary")):
            tp = Item(g.start, g.end, ep.timepoints[0], ep.timepoints[0])  # the one timepoint the methods give it
            conf *= 0.9
            reasons.append("timepoint from the endpoint's definition")
        elif tp is None and not ep.timepoints and ep.role in ("primary", "secondary") and not a_duration and \
                kinds - {"p-value"} and not kinds & {"count", "proportion", "effect-size"} and \
                not _ADVERSE.search(ep.label) and not _OVER_TIME.search(ep.label) and \
                not _OVER_TIME.search(text, max(0, g.start - 60), g.start) and \
                (only := _study_timepoint(ctx.registry) or ctx.all_at) is not None:
            # "The primary endpoint was ... at 6 months. Secondary endpoints included LVEF, ...": when the
            # methods name one assessment time for the whole trial, an efficacy value without its own is at it
            tp = Item(g.start, g.end, only, only)
            conf *= 0.8
            reasons.append("timepoint: the only assessment time the methods name")
        elif tp is None and ctx.all_at is not None and ep.role in ("primary", "secondary") and "proportion" in kinds and \
                not a_duration and not _ADVERSE.search(ep.label) and not _OVER_TIME.search(ep.label):
            tp = Item(g.start, g.end, ctx.all_at, ctx.all_at)  # responders of an outcome measured at one time
            conf *= 0.8
            reasons.append("timepoint: the methods measure all outcomes at this time")
        elif tp is None and ctx.all_at is not None and ep.role != "safety" and not a_duration and \
                kinds - {"p-value"} and not _ADVERSE.search(ep.label) and not _OVER_TIME.search(ep.label) and \
                not _OVER_TIME.search(text, max(0, g.start - 60), g.start):
            # "Outcomes were assessed at month 6.": a value of any measure the results name, without its own time
            tp = Item(g.start, g.end, ctx.all_at, ctx.all_at)
            conf *= 0.75
            reasons.append("timepoint: the methods measure all outcomes at this time")
        each = re.match(r"\s*(?:patients\s+|participants\s+)?in (?:each|either|both) (?:group|arm)s?\b", text[g.end:]) or (
            # "No pneumothorax or pulmonary hemorrhage occurred within 72 hours of the procedure in either group"
            g.form.startswith("zero") and re.match(r"[^;.]*?\bin\s+(?:each|either|both)\s+(?:of\s+the\s+)?(?:two\s+)?"
                                                   r"(?:group|arm)s?\b", text[g.end:]))
        pop_ids = [a.id for a in ctx.arms] if each or g.every_arm else [pop]
        # "No dose-limiting toxicity occurred": every cell arm (the fixtures' curators differ on the comparator arm;
        # adding it cost more precision on them than it gained)
        if g.form in ("zero", "zero_any", "zero_there") and id(g) in defaulted and not each:
            pop_ids = [a.id for a in ctx.arms if a.role == "experimental"]
        for pop_id in pop_ids:
            res = ResultDraft(ep, pop_id, tp, [Stat(**st.__dict__) for st in stats], s, s.start + g.start, s.start + g.end,
                              g.n, None if tp is not None and tp.duration == "P0D" else _direction(text),
                              round(conf, 2), reasons)
            results.append(res)
        ctx.last_endpoint = ep
    return _shares_of_counts(results)


def _shares_of_counts(results: list[ResultDraft]) -> list[ResultDraft]:
    """'12 of 16 participants given BM-MSCs and 6 of 16 given SLT alone (75.0% vs 37.5%; p = .075)': a percentage
    restating a count of the same arm and measure in the sentence is that count's share, one fact, not two."""
    kept: list[ResultDraft] = []
    for r in results:
        share = r.stats[0] if r.stats and r.stats[0].kind == "proportion" else None
        if share is not None and share.percentage is not None and share.numerator is None and share.denominator is None:
            for r0 in kept:
                c = r0.stats[0] if r0.stats and r0.stats[0].kind == "proportion" else None
                if c is None or r0.endpoint is not r.endpoint or r0.population != r.population or c.percentage is not None \
                        or c.numerator is None or not c.denominator or r0.start > r.start:
                    continue
                exponent = Decimal(share.percentage).as_tuple().exponent
                places = max(-exponent, 0) if isinstance(exponent, int) else 0
                if round(Decimal(c.numerator) * 100 / Decimal(c.denominator), places) == share.percentage:
                    c.percentage = share.percentage
                    c.unit = c.unit or share.unit
                    r0.stats += [st for st in r.stats[1:] if st.kind not in {x.kind for x in r0.stats}]
                    r0.timepoint = r0.timepoint or r.timepoint
                    break
            else:
                kept.append(r)
            continue
        kept.append(r)
    return kept


def _joined_run(values: list[Group], i: int, k: int, text: str, clauses: list[tuple[int, int]],
                tls: list[TimeList]) -> list[Group] | None:
    """The k values from values[i] joined as one list ("a and b", "a, b, and c"): of one kind, in one clause, with no
    time between them and no further value joined after; None otherwise."""
    run = values[i:i + k]
    if k < 2 or len(run) != k:
        return None
    kind = run[0].stats[0].kind
    if kind not in ("proportion", "count", "mean", "median", "central-value") or any(
            v.stats[0].kind != kind or v.form.startswith("zero") for v in run):
        return None
    ci = _clause_of(clauses, run[0].start)
    joints = [text[a.end:b.start] for a, b in pairwise(run)]
    last = r"\s*,?\s+and\s+"
    if any(_clause_of(clauses, v.start) != ci for v in run) or not re.fullmatch(last, joints[-1]) or \
            not all(re.fullmatch(r"\s*,\s*", j) for j in joints[:-1]):
        return None
    if any(run[0].end <= t.start < run[-1].end for t in tls):
        return None
    after = values[i + k] if i + k < len(values) else None
    if after is not None and re.fullmatch(r"\s*,?\s+(?:and\s+)?", text[run[-1].end:after.start]):
        return None
    return run


_UNIT_WORD = r"(?:%|[A-Za-zµμ][A-Za-zµμ/·⁻¹²³]{0,11})"  # "mmol/mol", "mm²": a unit after a value, not a word list


def _arms_in_order(text: str, values: list[Group], pops: list[tuple[int, int, str, bool]], tls: list[TimeList],
                   ctx: Context) -> None:
    """'ACR20 was achieved by 6/12 (50.0%), 8/12 (66.7%) and 2/8 (25.0%) patients', 'HAQ-DI changed by
    -0.31 (0.40), -0.38 (0.45) and -0.06 (0.29)', 'Adverse events occurred in 11 (27.5%) and 5 (25.0%)
    patients': one value per arm in a clause that names no arm before them, so in the order the
    design gave the arms."""
    if len(ctx.arms) < 2:
        return
    clauses = _clauses(text)
    # "median CPA fell from 21.4% to 16.2% and from 20.8% to 20.1%, respectively": one from-to pair per arm
    for m in re.finditer(r"(?i:,?\s*respectively\b)", text):
        run = [g for g in values if g.end <= m.start()][-2 * len(ctx.arms):]
        if len(run) == 2 * len(ctx.arms) and all(g.form == "from_to" and g.arm_index is None and not g.arm_word for g in run) \
                and not any(run[0].start <= p[0] < run[-1].end for p in pops):
            for k, g in enumerate(run):
                g.arm_index = k // 2
    # "HbA1c fell from 64±10 mmol/mol (8.0±0.9%) and 62±9 mmol/mol (7.8±0.8%) at baseline to 38±4 (5.6±0.4%) and
    # 45±7 (6.3±0.6%) at 1 year, respectively": at each visit one value per arm, a value's other unit in brackets
    for m in re.finditer(r"(?i:,?\s*respectively\b)", text):
        fr = text.rfind("from ", 0, m.start())
        span = [g for g in values if fr >= 0 and fr < g.start and g.end <= m.start()]
        visits = [t for t in tls if fr < t.start < m.start()]
        if len(visits) < 2 or any(len(t.items) != 1 for t in visits) or any(fr <= p[0] < m.start() for p in pops) or \
                any(g.arm_word or g.arm_index is not None for g in span):
            continue
        lead: list[list[Group]] = []
        for g in span:
            if lead and re.fullmatch(rf"\s*(?:{_UNIT_WORD}\s*)?\(\s*", text[lead[-1][-1].end:g.start]):
                lead[-1].append(g)  # "64±10 mmol/mol (8.0±0.9%)": the same value in another unit
            else:
                lead.append([g])
        chunks = [[u for u in lead if (k == 0 or visits[k - 1].end <= u[0].start) and u[-1].end <= t.start]
                  for k, t in enumerate(visits)]
        if sum(map(len, chunks)) != len(lead) or any(len(c) != len(ctx.arms) for c in chunks) or not all(
                re.fullmatch(rf"\s*(?:{_UNIT_WORD}\s*)?[)\]]?\s*(?:,\s*(?:and\s+)?|and\s+)", text[x[-1].end:y[0].start])
                for c in chunks for x, y in pairwise(c)):
            continue
        for c in chunks:
            for k, u in enumerate(c):
                for g in u:
                    g.arm_index = k
                    g.confidence *= 0.85
    # "... were 36.7% (11/30) and 13.3% (4/30), respectively": the run of values right before "respectively"
    for m in re.finditer(r"(?i:,?\s*respectively\b)", text):
        run = [g for g in values if g.end <= m.start()]
        run = run[-len(ctx.arms):]
        if len(run) != len(ctx.arms) or any(g.arm_word or g.arm_index is not None for g in run) or \
                len({g.stats[0].kind for g in run}) != 1 or not all(
                re.fullmatch(r"[)\]]?\s*(?:,\s*(?:and\s+)?|and\s+|versus\s+|vs\.?\s+)", text[x.end:y.start])
                for x, y in pairwise(run)) or any(
                # not an arm named before a comparison's closing bracket: "with aflibercept (P = 0.14), and 3 of 12 ..."
                max(run[0].start - 40, clauses[_clause_of(clauses, run[0].start)][0], text.rfind(")", 0, run[0].start))
                <= p[0] < run[-1].end for p in pops):
            continue
        # "... and 3 of 12 (25.0%) and 5 of 12 (41.7%) eyes gained 15 letters or more, respectively": what they did
        between = text[run[-1].end:m.start()]
        if re.search(r"[^\s,]", between) and not re.fullmatch(
                rf"[)\]]?\s*(?:patients|participants|subjects|{UNIT})?\s*", between) and not re.fullmatch(
                r"[)\]]?\s*(?:patients|participants|subjects|eyes|knees|children|infants)\s+[a-z][^;()]{3,60}", between):
            continue
        for k, g in enumerate(run):
            g.arm_index = k
            g.confidence *= 0.85
    # "Wexner scores in the ASC and sham groups were 13.2 ± 2.9 and 12.9 ± 3.1 at baseline, 9.4 ± 3.6 and 11.8 ± 3.3
    # at 3 months, ..., respectively": the two groups' values in pairs, one pair per time
    both = re.search(r"(?i:\bin\s+the\s+([\w-]+)\s+and\s+([\w-]+)\s+groups?\s+(?:were|was)\s)", text)
    end = re.compile(r"(?i:\brespectively\b)").search(text, both.end()) if both else None
    if both and end and len(ctx.arms) >= 2:
        named = [next((k for k, a in enumerate(ctx.arms) if a.pattern.search(f"the {w} group")), None) for w in both.groups()]
        pairs = [g for g in values if both.end() <= g.start < end.start() and g.arm_index is None
                 and not g.arm_word and not {st.kind for st in g.stats} & {"difference", "effect-size"}]
        if None not in named and named[0] != named[1] and len(pairs) >= 4 and len(pairs) % 2 == 0:
            for k, g in enumerate(pairs):
                g.arm_index = named[k % 2]
    cells = [a for a in ctx.arms if a.role == "experimental"]
    for a, b in clauses:  # "the corresponding LS mean differences versus HA were 5.1 (...), 11.6 (...) and 10.2 (...)"
        diffs = [g for g in values if a <= g.start <= b and g.arm_index is None and not g.arm_word
                 and {st.kind for st in g.stats} & {"difference", "effect-size"}]
        if 2 <= len(diffs) == len(cells) < len(ctx.arms) and re.search(
                r"(?i:\bcorresponding\b|\bdifferences\s+(?:from|versus|vs\.?|compared\s+with)\b)", text[a:diffs[0].start]) \
                and not any(a <= p[0] < b and not p[3] for p in pops):
            for k, g in enumerate(diffs):
                g.arm_index = ctx.arms.index(cells[k])
    for ci, (a, b) in enumerate(clauses):
        own = [g for g in values if a <= g.start <= b and not {st.kind for st in g.stats} & {"effect-size", "count"}
               and not ("difference" in {st.kind for st in g.stats} and g.form == "ci")]
        plain = [g for g in own if not g.arm_word and g.arm_index is None]
        if len(plain) != len(ctx.arms) or len(own) != len(plain) or len({g.stats[0].kind for g in plain}) != 1:
            continue
        if any(a <= p[0] < plain[-1].end for p in pops) or any(a <= t.start <= b and len(t.items) >= 2 for t in tls):
            continue
        corresponding = re.search(r"(?i:\b(?:the\s+)?corresponding\s+(?:[\w-]+\s+){0,3}(?:was|were)\s*$)", text[a:plain[0].start])
        if len(plain) == 2 and not corresponding and "respectively" not in text[plain[1].end:b + 1] and not re.fullmatch(
                r"(?i:\s*[)\]]?\s*(?:patients\s+|participants\s+)?(?:vs\.?|versus|compared\s+with)\s*[(\[]?\s*)",
                text[plain[0].end:plain[1].start]) and not (
                re.fullmatch(r"\s*and\s*", text[plain[0].end:plain[1].start])
                and re.match(r"\s*(?:(?:patients|participants|subjects)\b|(?:points?\s*)?(?:\(|[,;]|$)|[)\]]\s*\.?\s*$)",
                             text[plain[1].end:])):  # "... were reported in four (8%) and two (4%)."
            continue
        for k, g in enumerate(plain):
            g.arm_index = k
            g.confidence *= 0.85


_VS_CHANGE = re.compile(r"(?i:[^.;]{0,12}?\b(?:vs\.?|versus)\s+(?:[a-z]+\s+){0,2}?(?:by\s+)?)")
_VS_LINK = re.compile(rf"(?i:\s*[)\]]?\s*(?:{UNIT}\s*)?(?:(?:in|with)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?(?:\s+(?:group|arm)s?)?\s*)?"
                      r"[)\]]?\s*,?\s*(?:vs\.?|versus|compared with)\s*[(\[]?\s*)")


def _respective_times_before(text: str, tls: list[TimeList], values: list[Group], population: dict[int, str],
                             placed: dict[int, Item | None], clauses: list[tuple[int, int]], ctx_arms: list[ArmDraft]) -> None:
    """'decreased from 48.5 at baseline to 31.0 at 6 months and 29.5 at 12 months, whereas in saline-treated knees
    it was 47.0, 42.5 and 44.0, respectively': a later clause with no time of its own, as many values as the
    earlier clause had times, takes them in order, and its one arm for all."""
    m = re.search(r"(?i:,?\s*respectively\b)", text)
    if m is None:
        return
    last = _clause_of(clauses, m.start())
    mine = [g for g in values if _clause_of(clauses, g.start) == last and g.end <= m.start()
            and not {st.kind for st in g.stats} & {"difference", "effect-size", "p-value"}]
    if len(mine) < 2 or any(_clause_of(clauses, t.start) == last for t in tls):
        return
    own = text[clauses[last][0]:mine[0].start]
    named = [a for a in ctx_arms if a.pattern.search(own)]
    if len(named) != 1:
        return  # "and back pain VAS decreased by 4.1 and 3.6 points, respectively": the arms in turn, not the times
    earlier = [i for t in tls if t.end <= clauses[last][0] for i in t.items]
    if len(earlier) != len(mine) or len({i.duration for i in earlier}) != len(earlier):
        return
    for g, item in zip(mine, earlier, strict=True):
        placed[id(g)] = item
        population[id(g)] = named[0].id  # "in saline-treated knees it was a, b and c": the clause's one arm


def _parallel_runs(text: str, tls: list[TimeList], values: list[Group], population: dict[int, str],
                   placed: dict[int, Item | None], loose: set[int], how: dict[int, float]) -> None:
    """'fell from 26.4 at baseline to 20.3 at week 4 and 17.8 at week 12 in the A group, compared with 26.1,
    23.5 and 21.6 in the B group': a later run of another group, as long as the first and with no timepoint of
    its own, takes the first run's timepoints in order."""
    # runs of one group's values in a row (a change within a group, "by 4.1 ± 2.6", not a difference between groups
    # with its interval); "...; at 6 weeks the area did not differ (17.9 vs. 19.6)" starts two runs of its own
    order: list[list[Group]] = []
    for g in values:
        if not ({st.kind for st in g.stats} & {"effect-size"} or any(st.kind == "difference" and st.ci for st in g.stats)):
            if order and population[id(order[-1][0])] == population[id(g)]:
                order[-1].append(g)
            else:
                order.append([g])
    for first, later in pairwise(order):
        if len(first) < 2 or len(first) != len(later):
            continue
        times = [placed.get(id(g)) for g in first]
        if any(t is None for t in times) or len({t.duration for t in times if t}) != len(times):
            continue
        if any(later[0].start <= t.start <= later[-1].end for t in tls if not t.is_baseline):
            continue
        if not all(placed.get(id(g)) is None or id(g) in loose or placed[id(g)] == t or
                   (placed[id(g)] is not None and placed[id(g)].duration == t.duration)  # type: ignore[union-attr]
                   for g, t in zip(later, times, strict=True)):
            continue
        for g, t in zip(later, times, strict=True):
            if placed.get(id(g)) is None or id(g) in loose:
                placed[id(g)] = t
                how[id(g)] = how.get(id(g), 1.0) * 0.9


def _comparison(text: str, ctx: Context) -> str | None:
    if re.search(r"(?i:\b(?:vs\.?|versus|compared (?:with|to)|from|relative to)\s+baseline\b)", text):
        return "baseline"
    if ctx.comparator is not None:
        if re.search(r"(?i:\bbetween(?:-|\s+)(?:the\s+)?(?:two\s+)?groups?\b|log-?rank|\bplacebo\b|\bcontrol\b)", text) or \
                len({a.id for a in ctx.arms if a.pattern.search(text)}) > 1 or \
                re.match(r"\(\s*[-−]?\d[^;()]*?\s(?:vs\.?|versus)\s+[-−]?\d", text):  # "(68.4 ± 15.1 vs 64.9 ± 16.3; P = .36)"
            return "comparator"
        return None
    return "baseline" if ctx.single_arm else None


def _respectively_endpoints(text: str, values: list[Group], found: list[tuple[int, int, EndpointDraft]],
                            ctx: Context, s: Sentence) -> dict[int, EndpointDraft]:
    """'S/TJC ... (p < 0.01, ES = 0.83 and p < 0.001, ES = 0.93 respectively)': one name, two endpoints."""
    if len(values) >= 2 and (zipped := _listed_in_parts(text, values, ctx, s) or _labelled_items(text, values, ctx, s)):
        return zipped
    if "respectively" not in text or len(values) < 2:
        return {}
    spans: dict[tuple[int, int], list[EndpointDraft]] = {}
    for a, b, ep in found:
        if b <= values[0].start:
            spans.setdefault((a, b), []).append(ep)
    multi = [eps for eps in spans.values() if len(eps) == len(values)]
    if multi:
        return {id(g): ep for g, ep in zip(values, multi[-1], strict=True)}
    # "Median ANC, platelet count, and hemoglobin rose from 0.62, 14, and 68 at enrollment to 1.85, 51, and 97 at day
    # 90, respectively": a list of measures, then runs of as many values, each in the list's order
    named = sorted({(a, b): ep for a, b, ep in found if b <= values[0].start}.items())
    run: list[tuple[tuple[int, int], EndpointDraft]] = []
    for span, ep in named:
        if run and not re.fullmatch(r"(?i:\s*,?\s*(?:and\s+)?(?:the\s+)?)", text[run[-1][0][1]:span[0]]):
            run = []
        if not any(ep is e for _, e in run):
            run.append((span, ep))
    plain = [g for g in values if not {st.kind for st in g.stats} & {"difference", "effect-size", "p-value"}]
    listed = re.match(r"(?i:\s*(?:the\s+)?(?:(?:median|mean)\s+)?(?P<list>[A-Za-z][\w()/-]*(?:\s+[\w()/-]+){0,3}"
                      r"(?:\s*,\s*[A-Za-z][\w()/-]*(?:\s+[\w()/-]+){0,3})+,?\s+and\s+[A-Za-z][\w()/-]*(?:\s+[\w()/-]+){0,3})"
                      r"\s+(?:rose|fell|increased|decreased|improved|changed|declined|dropped|went)\b)", text)
    names: list[tuple[int, str]] = []
    if len(run) < 2 and listed and listed.end() <= values[0].start:
        # no measure the methods listed: each of the subject's names is one (made below, once the values fit them)
        for w in re.finditer(r"[^,]+", re.sub(r"(?i:,?\s+and\s+)", ", ", listed["list"])):
            words = w.group().strip()
            a = text.find(words, listed.start("list"))
            if a >= 0 and re.search(r"[A-Za-z]{2}", words):
                names.append((a, words))
    size = len(names) if names else len(run)
    if size < 2 or len(plain) % size or len(plain) == size and "respectively" not in text[plain[-1].end:]:
        return {}
    eps = [_new_endpoint(words, a, "other", ctx, s) for a, words in names] if names else [ep for _, ep in run]
    return {id(g): eps[k % size] for k, g in enumerate(plain)}


_LISTED_MEASURES = re.compile(
    r"(?P<list>\b[A-Z][\w/-]*(?:\s+[A-Z][\w/-]*){0,2}(?:\s*,\s*[A-Z][\w/-]*(?:\s+[\w/-]+){0,2}?)+,?\s+and\s+[A-Z][\w/-]*"
    r"(?:\s+[\w/-]+){0,2}?)(?:\s+scores?)?\s+(?:did\s+not|were|was|remained|differed|improved|changed|declined|increased|"
    r"decreased)\b")


def _listed_in_parts(text: str, values: list[Group], ctx: Context, s: Sentence) -> dict[int, EndpointDraft]:
    """'KOOS Pain, Symptoms, and ADL scores did not differ ... (84.6 ± 10.2 vs 81.9 ± 11.7, P = .24; 82.3 ...;
    88.1 ...)': a list of measures, then one parenthesis with a part per measure, in the list's order."""
    listed = _LISTED_MEASURES.search(text, 0, values[0].start)
    op = _paren_open(text, values[0].start)
    if listed is None or op is None or op < listed.end():
        return {}
    close = text.find(")", values[-1].end)
    inside = [g for g in values if op < g.start and g.end <= (close if close > 0 else len(text))]
    parts = [op + 1 + m.start() for m in re.finditer(";", text[op + 1:close])] if close > 0 else []
    names = [w.strip() for w in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", listed["list"]) if w.strip()]
    if len(names) < 2 or len(parts) != len(names) - 1:
        return {}
    head = names[0].split()
    if len(head) == 2 and all(len(n.split()) == 1 for n in names[1:]):
        names = [names[0], *(f"{head[0]} {n}" for n in names[1:])]  # "KOOS Pain, Symptoms, and ADL": KOOS each
    bounds = [op, *parts, close]
    out: dict[int, EndpointDraft] = {}
    eps = [_new_endpoint(n, max(listed.start("list"), text.find(n.split()[-1], listed.start("list"))), "other", ctx, s)
           for n in names]
    for g in inside:
        k = next((k for k in range(len(names)) if bounds[k] < g.start < bounds[k + 1]), None)
        if k is None:
            return {}
        out[id(g)] = eps[k]
    return out if all(any(out.get(id(g)) is ep for g in inside) for ep in eps) else {}


def _labelled_items(text: str, values: list[Group], ctx: Context, s: Sentence) -> dict[int, EndpointDraft]:
    """'response rates were comparable: mouth 9/12 (75.0%) vs 10/15 (66.7%), eyes 5/11 (45.5%) vs 5/13 (38.5%)':
    after a colon, each item's word names its measure ("mouth response"), the values up to the next item its own."""
    colon = text.find(":")
    head = re.search(r"(?i:\b(?P<h>[a-z][\w-]+)\s+(?:rates?|scores?|levels?)\s+(?:were|was)\b[^:]*$)", text[:colon]) if colon > 0 else None
    if head is None:
        return {}
    items = list(re.finditer(r"(?:[:;,]|\band\b)\s*(?:and\s+)?(?P<w>[a-z][a-z-]+(?:\s+[a-z][a-z-]+)?)\s+(?=\d)", text[colon:]))
    if len(items) < 2:
        return {}
    starts = [colon + m.start("w") for m in items] + [len(text)]
    out: dict[int, EndpointDraft] = {}
    for k, m in enumerate(items):
        ep = _new_endpoint(f"{m['w']} {head['h']}", starts[k], "other", ctx, s)
        for g in values:
            if starts[k] < g.start < starts[k + 1]:
                out[id(g)] = ep
    return out if len(out) >= 2 * len(items) - 1 else {}


def _direction(text: str) -> str | None:
    """The direction the sentence states first ("increased ..., then slightly declined": increased)."""
    hits = [(m.start(), i, name) for i, (name, pattern) in enumerate(_DIRECTION) if (m := pattern.search(text))]
    return min(hits)[2] if hits else None


def _shared_lists(text: str, tls: list[TimeList], values: list[Group],
                  placed: dict[int, Item | None]) -> dict[int, list[Group]]:
    """'differences at 9 (a) and 12 months (b, P<0.05 ...)': the p-value speaks for every item."""
    out: dict[int, list[Group]] = {}
    for t in tls:
        if len(t.items) < 2 or not _DIFFERENCES_AT.search(text, 0, t.start):
            continue
        members = [g for g in values if placed.get(id(g)) in t.items]
        for g in members:
            out[id(g)] = members
    return out


_FINDING_VERB = re.compile(
    r"(?i:\b(?:decreas\w*|declin\w*|reduc\w*|lower\w*|increas\w*|rose|improv\w*|unchanged|did not (?:change|differ)|"
    r"no (?:significant )?difference|remained|stable|normali[sz]ed|peaked)\b)")


_NOT_A_FINDING = re.compile(
    r"(?i:\b(?:may|might|could|suggest\w*|indicat\w*|warrant\w*|whether|we (?:aimed|assessed|evaluated|investigated|"
    r"hypothesi[sz]ed|tested)|to (?:assess|evaluate|investigate|determine|compare)|"
    r"(?:primary|secondary|main|safety)\s+(?:efficacy\s+)?(?:end-?points?|outcomes?)|(?:was|were)\s+(?:also\s+)?"
    r"(?:recorded|assessed|measured|monitored|evaluated))\b)")


def read_findings(s: Sentence, ctx: Context, tls: list[TimeList]) -> list[ResultDraft]:
    """A result sentence without numbers that says how named endpoints changed: one finding per
    endpoint ("TNF-α, IL-6 and ESR remained unchanged compared to baseline"). Findings are drafts
    of words, so they start below the review threshold."""
    text = s.text
    if s.section == "conclusion" or not _FINDING_VERB.search(text) or _NOT_A_FINDING.search(text):
        return []
    for a, b, slugs in find_instruments(text):
        if not any(e.instrument in slugs for e in ctx.registry.items):
            for slug in slugs:
                ctx.registry.add(text[a:b], slug, "other", s, s.start + a, s.start + b, confidence=0.7)
    found = mentions(text, ctx.registry)
    verb = _FINDING_VERB.search(text)
    assert verb is not None
    after = [f for f in found if f[0] >= verb.end()]
    compared = re.search(r"(?i:\b(?:compared (?:with|to)|than|versus|vs\.?|relative to)\b)", text)
    # a measure after the verb counts when the sentence opens with the verb ("No difference in ...") or
    # compares groups ("MSC also reduced X compared with the placebo"); "BM-MSCs reduced pain" is a conclusion
    named = [f for f in found if f[1] <= verb.start()] or (after if verb.start() < 12 else after[:1] if compared else [])
    if not named:
        return []
    usable = [t for t in tls if not t.is_baseline and _COMPARISON_BEFORE.search(text, 0, t.start) is None]
    first = next((t for t in usable), None)
    pops = [p for p in _population_mentions(text, ctx, s) if not p[3]]
    population = pops[0][2] if pops else ctx.experimental.id
    out, seen = [], set()
    for a, b, ep in named:
        if ep.id in seen:
            continue
        seen.add(ep.id)
        own = next((t for t in usable if 0 <= t.start - b <= 30 and len(t.items) == 1), None)  # "tumor markers at month 12"
        tp = own.items[0] if own else (first.items[0] if first is not None else None)
        out.append(ResultDraft(ep, population, tp, [], s, s.start + a, s.start + b, None, _direction(text), 0.6,
                               ["a finding in words: check the wording and the timepoint"]))
        ctx.last_endpoint = ep
    return out
