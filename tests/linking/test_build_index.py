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
                 "prefixes.json"):
        assert (tmp_path / name).read_bytes() == (shipped / name).read_bytes(), name
