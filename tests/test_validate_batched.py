"""The batched, parallel validation reports exactly what one whole-graph pySHACL run reports."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from msckg.builder.build import build_dataset
from msckg.builder.loader import load_studies
from msckg.ctgov.importer import curated_registrations, import_ctgov
from msckg.namespaces import MSCKG, RDFS
from msckg.resources import bundled_studies_dir
from msckg.validate import validate_dataset, validate_whole


def _sample_dataset(shared_dir: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    src = shared_dir / "ctgov/ctgov-msc-studyfields-dev.jsonl.gz"
    path = tmp_path / "sample.jsonl.gz"
    with gzip.open(src, "rt", encoding="utf-8") as fh, gzip.open(path, "wt", encoding="utf-8") as out:
        for i, line in enumerate(fh):
            rec = json.loads(line)
            if i % 20 == 0 or rec["NCTId"][0] in ("NCT00962923", "NCT04288102"):
                out.write(line)
    studies = load_studies(bundled_studies_dir())
    imported = import_ctgov([path], curated=curated_registrations(s for _, s in studies))
    return build_dataset(studies, registry=imported.graphs)


def _corrupt(ds) -> int:  # type: ignore[no-untyped-def]
    """Break a handful of facts in different studies and graphs; returns how many."""
    changes = 0
    for g in ds.graphs():
        name = str(g.identifier)
        if name.endswith("/graph/study/ssc-umsct-5y"):
            sd = URIRef("https://w3id.org/msckg/study/ssc-umsct-5y/result/mrss.umsct.p0d/sd")
            g.set((sd, MSCKG.value, Literal("-7.26", datatype=XSD.decimal)))
            prop = URIRef("https://w3id.org/msckg/study/ssc-umsct-5y/result/overall-survival.umsct.p5y/proportion")
            g.set((prop, MSCKG.numerator, Literal(42)))
            changes += 2
        elif name.endswith("/graph/ctgov/NCT00962923"):
            reg = URIRef("https://w3id.org/msckg/study/ssc-umsct-5y/registration/clinicaltrials/NCT00962923")
            g.set((reg, MSCKG.registryId, Literal("NCT0096292")))
            changes += 1
        elif "/graph/ctgov/" in name and changes < 6:
            arms = list(g.subjects(MSCKG.armRole, None))
            if arms:
                g.remove((arms[0], RDFS.label, None))
                g.add((arms[0], MSCKG.size, Literal(-1)))
                changes += 1
    return changes


def test_batched_equals_whole_graph_on_a_corrupted_sample(shared_dir: Path, tmp_path: Path) -> None:
    ds = _sample_dataset(shared_dir, tmp_path)
    assert _corrupt(ds) >= 5
    whole = validate_whole(ds)
    batched = validate_dataset(ds, batch_size=7, workers=2, engine="pyshacl")
    compiled = validate_dataset(ds, batch_size=7, workers=2, engine="compiled")
    key = lambda v: (v.focus, v.path, v.component, v.message)  # noqa: E731
    assert len(whole.violations) >= 6
    assert sorted(map(key, batched.violations)) == sorted(map(key, whole.violations))
    # The compiled engine words default messages its own way; what it finds is the same.
    found = lambda report: sorted({(v.focus, v.path, v.component, v.graph) for v in report.violations})  # noqa: E731
    assert found(compiled) == found(whole)
    assert {v.component for v in compiled.violations} >= {
        "MinCountConstraintComponent", "MinInclusiveConstraintComponent", "PatternConstraintComponent"}
    assert {v.graph for v in batched.violations} == {v.graph for v in whole.violations}
