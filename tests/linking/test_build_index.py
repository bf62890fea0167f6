"""scripts/build_index.py reads TSV, OBO and OWL releases into the same index rows."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("build_index", ROOT / "scripts" / "build_index.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_index"] = module
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


OBO = """format-version: 1.2
ontology: mondo

[Term]
id: MONDO:0000001
name: disease

[Term]
id: MONDO:0007179
name: autoimmune disease
is_a: MONDO:0000001 ! disease

[Term]
id: MONDO:0005100
name: systemic sclerosis
synonym: "SSc" EXACT [MONDO:curation]
synonym: "scleroderma" RELATED []
is_a: MONDO:0007179 ! autoimmune disease

[Term]
id: MONDO:0000002
name: obsolete thing
is_obsolete: true
replaced_by: MONDO:0005100

[Typedef]
id: part_of
"""

OWL = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#"
         xmlns:owl="http://www.w3.org/2002/07/owl#" xmlns:oboInOwl="http://www.geneontology.org/formats/oboInOwl#">
  <owl:Class rdf:about="http://purl.obolibrary.org/obo/CL_0000000"><rdfs:label>cell</rdfs:label></owl:Class>
  <owl:Class rdf:about="http://purl.obolibrary.org/obo/CL_0000134">
    <rdfs:label>mesenchymal stem cell</rdfs:label>
    <oboInOwl:hasRelatedSynonym>MSC</oboInOwl:hasRelatedSynonym>
    <rdfs:subClassOf rdf:resource="http://purl.obolibrary.org/obo/CL_0000000"/>
  </owl:Class>
</rdf:RDF>
"""


def test_obo_input(tmp_path: Path) -> None:
    mod = _script()
    path = tmp_path / "mondo.obo"
    path.write_text(OBO)
    terms = mod.read_terms(path, "MONDO")
    ssc = terms["MONDO:0005100"]
    assert ssc.label == "systemic sclerosis" and ssc.exact == {"SSc"} and ssc.related == {"scleroderma"}
    assert ssc.parents == {"MONDO:0007179"} and ssc.ancestors == {"MONDO:0007179", "MONDO:0000001"}
    assert terms["MONDO:0000002"].deprecated and terms["MONDO:0000002"].replaced_by == "MONDO:0005100"


def test_owl_input(tmp_path: Path) -> None:
    mod = _script()
    path = tmp_path / "cl.owl"
    path.write_text(OWL)
    terms = mod.read_terms(path, "CL")
    msc = terms["CL:0000134"]
    assert msc.related == {"MSC"} and msc.ancestors == {"CL:0000000"}


def test_shipped_index_matches_a_rebuild(shared_dir: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The committed index files are exactly what the script makes from ../shared."""
    mod = _script()
    monkeypatch.setattr(mod, "OUT", tmp_path)
    assert mod.main(["--shared", str(shared_dir / "ontologies")]) == 0
    shipped = ROOT / "src" / "msckg" / "data"
    for name in ("index/mondo.tsv.gz", "index/cl.tsv.gz", "index/uberon.tsv.gz", "index/mondo_mappings.tsv.gz",
                 "index/mondo_mapped_labels.tsv.gz", "prefixes.json"):
        assert (tmp_path / name).read_bytes() == (shipped / name).read_bytes(), name


SSSOM = """# curie_map: {}
subject_id\tsubject_label\tpredicate_id\tobject_id\tobject_label\tmapping_justification\tsource_file
MONDO:0000010\tone\tskos:exactMatch\tDOID:1\tone-to-many name\tsemapv:ManualMappingCuration\tx
MONDO:0000011\ttwo\tskos:exactMatch\tDOID:1\tone-to-many name\tsemapv:ManualMappingCuration\tx
MONDO:0000012\tmerged\tskos:exactMatch\tNCIT:C2\tfirst merged name\tsemapv:ManualMappingCuration\tx
MONDO:0000012\tmerged\tskos:exactMatch\tNCIT:C3\tsecond merged name\tsemapv:ManualMappingCuration\tx
MONDO:0000013\told\tskos:exactMatch\tDOID:4\tsssom label, not used\tsemapv:ManualMappingCuration\tx
MONDO:0000015\tnewborn respiratory distress syndrome\tskos:exactMatch\tNCIT:C5\tRespiratory Distress Syndrome\tsemapv:ManualMappingCuration\tx
MONDO:0000016\tprimary ovarian failure\tskos:closeMatch\tDOID:6\tclose name\tsemapv:ManualMappingCuration\tx
MONDO:0000016\tprimary ovarian failure\tskos:exactMatch\tOrphanet:7\tPrimary ovarian failure\tsemapv:ManualMappingCuration\tx
"""


def test_mapped_labels_are_one_to_one(tmp_path: Path) -> None:
    """Only a source term MONDO maps exactly to one live term, and alone, lends its name."""
    mod = _script()
    sssom = tmp_path / "m.sssom.tsv"
    sssom.write_text(SSSOM)
    mondo = {t.id: t for t in (
        mod.Term("MONDO:0000010", "one"), mod.Term("MONDO:0000011", "two"), mod.Term("MONDO:0000012", "merged"),
        mod.Term("MONDO:0000013", "old", deprecated=True, replaced_by="MONDO:0000014"),
        mod.Term("MONDO:0000014", "new"), mod.Term("MONDO:0000015", "newborn respiratory distress syndrome"),
        mod.Term("MONDO:0000016", "primary ovarian failure"))}
    rows = mod.mapped_labels(sssom, {"DOID:4": "name from DOID"}, mondo)
    # one-to-many (DOID:1), many-to-one (NCIT:C2/C3), a dropped qualifier (NCIT:C5), a close
    # match (DOID:6) and MONDO's own label (Orphanet:7) give nothing; the obsolete subject
    # follows replaced_by and DOID's own label wins over the SSSOM's copy
    assert rows == [("MONDO:0000014", "name from DOID", "DOID:4")]
