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


def ontology_files() -> list[Traversable]:
    """The msckg ontology proper: classes, properties, design values and instruments."""
    return [_ROOT / "ontology" / name for name in ONTOLOGY_FILES]


def shapes_file() -> Traversable:
    return _ROOT / "shapes" / "msckg-shapes.ttl"


def queries_dir() -> Traversable:
    return _ROOT / "queries"


def prefixes_file() -> Traversable:
    return _ROOT / "data" / "prefixes.json"


def export_file(name: str) -> Traversable:
    """An asset of the exports (export/): property-graph names, Neo4j script templates."""
    return _ROOT / "export" / name


def jsonld_context_file() -> Traversable:
    """The JSON-LD @context of `msckg export jsonld` (made by scripts/build_jsonld_context.py)."""
    return _ROOT / "data" / "msckg.context.jsonld"


def index_file(name: str) -> Traversable:
    """A file of the shipped ontology index (data/index/, built by scripts/build_index.py)."""
    return _ROOT / "data" / "index" / name


def condition_synonyms_file() -> Traversable:
    return _ROOT / "data" / "condition_synonyms.tsv"


def abbreviations_file() -> Traversable:
    return _ROOT / "data" / "abbreviations.tsv"


def measure_synonyms_file() -> Traversable:
    """Words for the listed instruments, read by `msckg extract` to name endpoints."""
    return _ROOT / "data" / "measure_synonyms.tsv"


def bundled_studies_dir() -> Path:
    """The curated study files shipped with the package (a real directory for a normal install)."""
    with as_file(_ROOT / "data" / "studies") as path:
        return Path(path)


def report_queries_dir() -> Traversable:
    """The whole-graph SPARQL queries `msckg report` gathers its pages' facts with."""
    return _ROOT / "report" / "queries"


def report_templates_dir() -> Traversable:
    """The report's Jinja2 HTML templates and its stylesheet."""
    return _ROOT / "report" / "templates"


def serve_file(name: str) -> Traversable:
    """An asset of `msckg serve` (serve/): the service description template."""
    return _ROOT / "serve" / name


def serve_static_dir() -> Traversable:
    """The query page `msckg serve` sends at / (serve/static/: HTML, CSS, JS; no CDN)."""
    return _ROOT / "serve" / "static"
