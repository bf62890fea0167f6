"""The wheel carries every declarative asset; the installed package finds them from anywhere."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from msckg.queries import list_queries
from msckg.resources import bundled_studies_dir, index_file, ontology_files

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_contains_assets(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True, timeout=600)
    wheel = next(tmp_path.glob("msckg-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "msckg/ontology/msckg.ttl", "msckg/ontology/instruments.ttl", "msckg/data/abbreviations.tsv",
        "msckg/data/condition_synonyms.tsv",
        *(f"msckg/data/index/{n}.tsv.gz" for n in ("mondo", "cl", "uberon", "mondo_mappings")),
        "msckg/shapes/msckg-shapes.ttl", "msckg/data/prefixes.json", "msckg/py.typed",
        *(f"msckg/report/templates/{n}" for n in ("base.html", "index.html", "study.html", "family.html",
                                                   "network.html", "macros.html", "report.css")),
        "msckg/report/queries/report-results.rq", "msckg/report/queries/report-statistics.rq",
        "msckg/data/msckg.context.jsonld", "msckg/export/virtuoso-load.sql.tmpl", "msckg/export/virtuoso-README.md.tmpl",
        "msckg/export/property-graph-names.tsv", "msckg/export/neo4j-import.sh.tmpl",
        "msckg/export/node-types.rq", "msckg/export/edge-types.rq",
        *(f"msckg/serve/{n}" for n in ("service-description.ttl", "static/index.html", "static/app.js",
                                       "static/style.css", "static/favicon.svg")),
        *(f"msckg/queries/{q.name}.rq" for q in list_queries()),
        *(f"msckg/data/studies/{p.name}" for p in bundled_studies_dir().glob("*.yaml")),
    }
    assert expected <= names, sorted(expected - names)
    assert len([n for n in names if n.startswith("msckg/data/studies/")]) == 4


def test_resources_resolve_outside_the_source_tree(tmp_path: Path) -> None:
    code = ("from msckg.resources import *; from msckg.queries import list_queries; "
            "print(len(list_queries()), shapes_file().is_file(), bundled_studies_dir().is_dir())")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert out.stdout.split() == [str(len(list_queries())), "True", "True"]
    assert all(f.is_file() for f in [*ontology_files(), index_file("mondo.tsv.gz")])
