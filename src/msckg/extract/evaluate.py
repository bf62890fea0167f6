"""Compare a draft with a curated study file, fact kind by fact kind: precision and recall.

Used by scripts/measure_extract.py and the tests. A numeric fact is one statistic (or a result's
n) with its endpoint, population family (experimental arm and its subgroups vs. comparator
arms), timepoint and exact value(s); endpoints match when they use the same listed instrument
or, when one is unmapped, share a distinctive word of their labels. Expected facts are those
whose `sources` include the document the draft was made from.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from msckg.builder.schema import Study, approximate_days
from msckg.extract.endpoints import UNMAPPED, instrument_lexicon, key_tokens

_STOP = {"score", "scores", "total", "index", "level", "serum", "rate", "the", "and", "of", "in", "on", "by",
         "with", "for", "patient", "change", "measured", "using", "proportion", "during", "first", "year",
         "after", "treatment", "test", "related", "all", "a", "an", "to", "at", "or", "event"}


@dataclass
class Tally:
    expected: int = 0
    drafted: int = 0
    matched_expected: int = 0
    matched_drafted: int = 0

    def add(self, other: Tally) -> None:
        self.expected += other.expected
        self.drafted += other.drafted
        self.matched_expected += other.matched_expected
        self.matched_drafted += other.matched_drafted

    @property
    def precision(self) -> float | None:
        return self.matched_drafted / self.drafted if self.drafted else None

    @property
    def recall(self) -> float | None:
        return self.matched_expected / self.expected if self.expected else None


def _n(x: Any) -> str:
    return str(Decimal(str(x)).normalize()) if x is not None else "-"


def _tokens(label: str) -> set[str]:
    return {t for t in key_tokens(label) if t not in _STOP and len(t) > 1}


def _instrument(slug: str) -> str:
    """The slug, or UNMAPPED when the instrument list does not have it."""
    return slug if any(slug in v for v in instrument_lexicon().values()) else UNMAPPED


def endpoints_match(a: Any, b: Any) -> bool:
    ia, ib = _instrument(a.instrument), _instrument(b.instrument)
    if ia == ib and ia != UNMAPPED:
        return True
    if UNMAPPED in (ia, ib):
        return bool(_tokens(a.label) & _tokens(b.label))
    return False


def _family(study: Study, population: str) -> str:
    roles = {a.id: a.role for a in study.arms}
    arm = next((g.arm for g in study.subgroups if g.id == population), population)
    return "experimental" if roles.get(arm) == "experimental" else "comparator"


def _sig(st: Any) -> tuple[str, ...]:
    if st.kind == "proportion":
        out = ("p", _n(st.numerator), _n(st.denominator), _n(st.percentage))
    elif st.bound is not None:
        out = ("b", st.bound.relation, _n(st.bound.value))
    else:
        out = ("v", _n(st.value))
    if st.ci is not None:
        out += (_n(st.ci.lower), _n(st.ci.upper), _n(st.ci.level))
    return out


def numeric_facts(study: Study, document: str) -> list[tuple[Any, tuple[str, ...]]]:
    """(endpoint, key) for every statistic and n of the results sourced from `document`."""
    eps = {e.id: e for e in study.endpoints}
    out = []
    for r in study.results:
        if document not in r.sources:
            continue
        tp = str(approximate_days(r.timepoint)) if r.timepoint else "-"
        fam = _family(study, r.population)
        for st in r.statistics:
            out.append((eps[r.endpoint], (fam, tp, st.kind, *_sig(st))))
        if r.n is not None:
            out.append((eps[r.endpoint], (fam, tp, "n", str(r.n))))
    return out


def findings(study: Study, document: str) -> list[tuple[Any, tuple[str, ...]]]:
    """Results stated in words only: (endpoint, (population family, timepoint))."""
    eps = {e.id: e for e in study.endpoints}
    return [(eps[r.endpoint], (_family(study, r.population), str(approximate_days(r.timepoint)) if r.timepoint else "-"))
            for r in study.results if document in r.sources and not r.statistics and r.finding]


def _pairing(expected: list[tuple[Any, tuple]], drafted: list[tuple[Any, tuple]]) -> dict[int, int]:
    """Expected index -> drafted index, first drafted fact with the same key and a matching endpoint."""
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for j, (ep, key) in enumerate(expected):
        for i, (dep, dkey) in enumerate(drafted):
            if i not in used and dkey == key and endpoints_match(ep, dep):
                used.add(i)
                pairs[j] = i
                break
    return pairs


def _match(expected: list[tuple[Any, tuple]], drafted: list[tuple[Any, tuple]]) -> Tally:
    pairs = _pairing(expected, drafted)
    return Tally(len(expected), len(drafted), len(pairs), len(pairs))


_VALUE_KINDS = {"mean", "difference", "central-value"}


def _loose_key(key: tuple[str, ...]) -> tuple[str, ...]:
    """A fact's key without the two judgements curators split on: whether a change from baseline is a
    `mean` or a `difference` (or an unnamed `central-value`), and whether a fall keeps its sign."""
    fam, tp, kind, *rest = key
    if kind == "proportion" and rest[1] == "0" and rest[3] in ("-", "0"):  # "0" of n: a zero count
        kind, rest = "count", ["v", "0"]
    if kind in _VALUE_KINDS:
        kind = "value"
        rest = [r.lstrip("-") for r in rest]
        if len(rest) == 5:  # ("v", value, lower, upper, level): a sign-flipped interval swaps its bounds
            rest[2:4] = sorted(rest[2:4])
    return (fam, tp, kind, *rest)


def _loose_pairing(expected: list[tuple[Any, tuple]], drafted: list[tuple[Any, tuple]]) -> int:
    """How many expected facts a drafted one matches when keys are compared by `_loose_key` and a missing
    timepoint on either side matches any: the agreement left once the conventions are set aside."""
    used: set[int] = set()
    hits = 0
    loose_d = [(ep, _loose_key(k)) for ep, k in drafted]
    for ep, key in expected:
        lk = _loose_key(key)
        for i, (dep, dk) in enumerate(loose_d):
            if i in used or dk[0] != lk[0] or dk[2:] != lk[2:] or (dk[1] != lk[1] and "-" not in (dk[1], lk[1])):
                continue
            if endpoints_match(ep, dep):
                used.add(i)
                hits += 1
                break
    return hits


def loose_match(expected: list[tuple[Any, tuple]], drafted: list[tuple[Any, tuple]]) -> Tally:
    hits = _loose_pairing(expected, drafted)
    return Tally(len(expected), len(drafted), hits, hits)


def numeric_misses(expected: Study, document: str, draft: Study) -> tuple[list[str], list[str]]:
    """The numeric facts left unmatched: (expected but not drafted, drafted but not expected), one
    line each ("endpoint label | family, timepoint days, kind, value..."), for reading what a rule
    missed."""
    exp, dr = numeric_facts(expected, document), numeric_facts(draft, draft.documents[0].id)
    pairs = _pairing(exp, dr)
    hit = set(pairs.values())

    def line(ep: Any, key: tuple) -> str:
        return f"{ep.label} [{ep.instrument}] | {', '.join(key)}"

    return ([line(*f) for j, f in enumerate(exp) if j not in pairs],
            [line(*f) for i, f in enumerate(dr) if i not in hit])


def _sets(expected: set[Any], drafted: set[Any]) -> Tally:
    both = expected & drafted
    return Tally(len(expected), len(drafted), len(both), len(both))


def _design(study: Study) -> set[tuple[str, str]]:
    d = study.design
    out = {(f, str(getattr(d, f))) for f in ("type", "allocation", "masking", "control", "centres", "site_count",
                                            "timing", "follow_up") if getattr(d, f) is not None}
    return out | {("phase", p) for p in d.phases}


def _product(study: Study) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for p in study.products:
        out |= {(f, str(getattr(p, f))) for f in ("cell_type", "tissue", "donor", "route", "administrations")
                if getattr(p, f) is not None}
        if p.dose:
            out.add(("dose", f"{_n(p.dose.value)} {p.dose.unit}"))
    return out


def compare(expected: Study, document: str, draft: Study) -> dict[str, Tally]:
    """Precision/recall tallies per fact kind for one document."""
    got = draft.documents[0].id
    kinds: dict[str, Tally] = {}
    exp_num, dr_num = numeric_facts(expected, document), numeric_facts(draft, got)
    kinds["numeric results"] = _match(exp_num, dr_num)
    kinds["numeric, conventions aside"] = loose_match(exp_num, dr_num)
    by_kind: dict[str, tuple[list, list]] = defaultdict(lambda: ([], []))
    for ep, key in exp_num:
        by_kind[key[2]][0].append((ep, key))
    for ep, key in dr_num:
        by_kind[key[2]][1].append((ep, key))
    for kind, (e, d) in sorted(by_kind.items()):
        kinds[f"  {kind}"] = _match(e, d)
    kinds["registrations"] = _sets({r.id for r in expected.registrations if document in r.sources},
                                   {r.id for r in draft.registrations})
    kinds["doi / pmid"] = _sets({(k, getattr(p, k)) for p in expected.publications if document in p.sources
                                 for k in ("doi", "pmid") if getattr(p, k)},
                                {(k, getattr(p, k)) for p in draft.publications for k in ("doi", "pmid") if getattr(p, k)})
    kinds["design"] = _sets(_design(expected), _design(draft))
    kinds["enrollment"] = _sets({expected.enrollment.count} if expected.enrollment else set(),
                                {draft.enrollment.count} if draft.enrollment else set())
    kinds["conditions"] = _sets({(c.term, c.role) for c in expected.conditions},
                                {(c.term, c.role) for c in draft.conditions})
    kinds["product"] = _sets(_product(expected), _product(draft))
    kinds["findings in words"] = _match(findings(expected, document), findings(draft, got))
    e_eps = [(e, ("ep",)) for e in expected.endpoints if document in e.sources]
    d_eps = [(e, ("ep",)) for e in draft.endpoints]
    kinds["endpoints"] = _match(e_eps, d_eps)
    return kinds
