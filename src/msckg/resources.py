"""One door to the files the package ships: ontology, shapes, queries, curated studies.

Everything is read through `importlib.resources`, so a plain (non-editable) install works from any
working directory and a wheel carries all of it.
"""

from __future__ import annotations

from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path

_ROOT = files("msckg")

ONTOLOGY_FILES = ("msckg.ttl", "instruments.ttl")
TERM_FILES = ("terms.ttl",)


def ontology_files() -> list[Traversable]:
    """The msckg ontology proper: classes, properties, design values and instruments."""
    return [_ROOT / "ontology" / name for name in ONTOLOGY_FILES]


def term_files() -> list[Traversable]:
    """The MIREOT slim of external terms (MONDO, CL, UBERON) that curated studies use."""
    return [_ROOT / "ontology" / name for name in TERM_FILES]


def shapes_file() -> Traversable:
    return _ROOT / "shapes" / "msckg-shapes.ttl"


def queries_dir() -> Traversable:
    return _ROOT / "queries"


def prefixes_file() -> Traversable:
    return _ROOT / "data" / "prefixes.json"


def bundled_studies_dir() -> Path:
    """The curated study files shipped with the package (a real directory for a normal install)."""
    with as_file(_ROOT / "data" / "studies") as path:
        return Path(path)
