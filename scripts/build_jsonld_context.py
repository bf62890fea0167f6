"""Rewrite the shipped JSON-LD context (src/msckg/data/msckg.context.jsonld) from the ontology.

Run from the project root after changing the ontology's properties or data/prefixes.json:

    python scripts/build_jsonld_context.py

The context's prefixes come from the ontology files' prefix declarations and data/prefixes.json,
its terms from the msckg properties the ontology declares (see msckg.export.jsonld). A test
fails while the shipped file and `derive_context()` differ.
"""

from __future__ import annotations

from pathlib import Path

from msckg.export.files import atomic_file
from msckg.export.jsonld import context_text, derive_context

TARGET = Path(__file__).resolve().parents[1] / "src" / "msckg" / "data" / "msckg.context.jsonld"

if __name__ == "__main__":
    with atomic_file(TARGET) as handle:
        handle.write(context_text(derive_context()).encode("utf-8"))
    print(f"wrote {TARGET}")
