"""Write a draft as YAML: a header for the curator, the study, and the numbers left to review.

Numbers are written from their `Decimal` digits (never through a float), and files are written
atomically: a temp file beside the target, then a rename.
"""

from __future__ import annotations

import os
import tempfile
from decimal import Decimal
from pathlib import Path

import yaml

from msckg.extract.model import Draft


class _Dumper(yaml.SafeDumper):
    pass


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:float", format(value, "f"))


_Dumper.add_representer(Decimal, _decimal)


def draft_yaml(draft: Draft) -> str:
    """The draft as YAML text: a header, the study, and the numbers left for review."""
    body = yaml.dump(draft.data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=120)
    head = [f"# DRAFT written by `msckg extract` from {draft.data['documents'][0].get('file', draft.document)}.",
            "# Check every fact against its `evidence` sentence; facts with `review: true` need it most.",
            "# Remove the `extraction` blocks once a fact is checked. Offsets are character offsets",
            "# into the document's text.",
            f"# {draft.facts} facts extracted, {draft.flagged} marked for review."]
    tail = []
    if draft.review:
        tail.append("\n# Review notes:")
        tail += [f"#   - {line}" for line in draft.review]
    if draft.leftovers:
        tail.append("\n# Numbers in result sentences that no rule placed (offsets, number, sentence):")
        tail += [f"#   - {line}" for line in draft.leftovers]
    return "\n".join(head) + "\n" + body + ("\n".join(tail) + "\n" if tail else "")


def write_draft(draft: Draft, out: Path) -> None:
    """Write atomically: a temp file beside the target, then a rename."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(draft_yaml(draft))
        os.replace(tmp, out)
    finally:
        Path(tmp).unlink(missing_ok=True)
