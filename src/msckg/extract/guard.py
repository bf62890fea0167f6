"""Keep a draft within the study format's value rules, so that it builds.

Why: the SHACL shapes reject a percentage that disagrees with its count and total, an n above the
enrolment, a timepoint after the follow-up. A draft must build, and nothing may vanish silently,
so what breaks a rule is moved out of the data into the record's `note` and the record is marked
for review.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from msckg.builder.schema import approximate_days


def _tolerance(p: Decimal) -> Decimal:
    decimals = len(str(p).partition(".")[2])
    return Decimal("0.5") if decimals == 0 else Decimal("0.05") if decimals == 1 else Decimal("0.005")


def keep_within_rules(data: dict[str, Any], review: list[str]) -> None:
    """Keep the draft within the SHACL rules; what had to move out is noted and flagged."""
    enrolled = data.get("enrollment", {}).get("count")
    sizes = [a.get("size") for a in data.get("arms", [])]
    if enrolled is not None and len(sizes) >= 2 and None not in sizes and enrolled in sizes and sum(sizes) > enrolled:
        # "Thirty-four patients underwent BMAC (BMAC group), and 37 ... (MFx group)": the count read as the
        # enrolment is one arm's; the arms' sizes stand and the enrolment goes to review
        note = f"enrollment {data.pop('enrollment')['count']} read from the text is one arm's size (arms: {', '.join(map(str, sizes))}): removed"
        data["design"]["note"] = f"{data['design']['note']}; {note}" if data["design"].get("note") else note
        data["design"]["extraction"]["review"] = True
        review.append(f"design: {note}")
        enrolled = None
    follow = data["design"].get("follow_up")
    for res in data["results"]:
        flags = []
        for st in res.get("statistics", []):
            if st["kind"] == "proportion" and "numerator" in st and "denominator" in st:
                if st["numerator"] > st["denominator"]:
                    flags.append(f"count {st['numerator']} exceeds total {st['denominator']}: total removed")
                    del st["denominator"]
                elif "percentage" in st:
                    pct = Decimal(str(st["percentage"]))
                    if abs(Decimal(100) * st["numerator"] / st["denominator"] - pct) > _tolerance(pct):
                        flags.append(f"{pct}% does not agree with {st['numerator']}/{st['denominator']}: percentage removed")
                        del st["percentage"]
            if st["kind"] == "proportion" and "percentage" in st and not 0 <= Decimal(str(st["percentage"])) <= 100:
                flags.append(f"percentage {st.pop('percentage')} outside [0, 100]: removed")
            if st["kind"] == "p-value":
                v = st.get("value", st.get("bound", {}).get("value"))
                if v is not None and not (0 <= Decimal(str(v)) <= 1):
                    flags.append(f"p-value {v} outside [0, 1]")
            if "ci" in st and "value" in st:
                v, lo, hi = (Decimal(str(st["value"])), Decimal(str(st["ci"]["lower"])), Decimal(str(st["ci"]["upper"])))
                if not lo <= v <= hi:
                    flags.append(f"CI {lo}..{hi} does not contain {v}: CI removed")
                    del st["ci"]
        if "statistics" in res:
            res["statistics"] = [s for s in res["statistics"] if not (
                s["kind"] == "p-value" and not 0 <= Decimal(str(s.get("value", s.get("bound", {}).get("value", 0)))) <= 1)
                and not (s["kind"] == "proportion" and not {"numerator", "percentage"} & s.keys())]
        if enrolled is not None and res.get("n") is not None and res["n"] > enrolled:
            flags.append(f"n = {res.pop('n')} exceeds enrollment {enrolled}: n removed")
        if follow and res.get("timepoint") and approximate_days(res["timepoint"]) > approximate_days(follow):
            flags.append(f"timepoint {res['timepoint']} is after the follow-up {follow}")
        if flags:
            res["note"] = "; ".join(flags)
            res["extraction"]["review"] = True
            review.append(f"result {res['endpoint']}/{res['population']}: {res['note']}")
    if follow and any(r.get("timepoint") and approximate_days(r["timepoint"]) > approximate_days(follow)
                      for r in data["results"]):
        data["design"]["note"] = f"follow-up {follow} read from the text is shorter than a result timepoint: removed"
        del data["design"]["follow_up"]
        data["design"]["extraction"]["review"] = True
    for product in data.get("products", []):  # "on days 1, 3 and 5" of one route, "a single infusion" of the other
        days, count = product.get("days"), product.get("administrations")
        if days and count is not None and len(days) > count:
            product["note"] = f"days {', '.join(str(d) for d in product.pop('days'))} are more than {count} administrations: removed"
            product["extraction"]["review"] = True
            review.append(f"product {product['id']}: {product['note']}")
    for arm in data["arms"]:
        if enrolled is not None and arm.get("size") is not None and arm["size"] > enrolled:
            arm["note"] = f"size {arm.pop('size')} exceeds enrollment {enrolled}: removed"
            arm["extraction"]["review"] = True
    data["results"] = [r for r in data["results"] if r.get("statistics") or r.get("finding")]
