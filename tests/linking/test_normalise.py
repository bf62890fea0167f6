"""The free-text normaliser: right ids, honest match types, no silent guesses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from msckg.linking.normalise import mesh_curie, normalise

CASES = [
    # mention, kind, context, expected id, expected match type
    ("SSc", None, "", "MONDO:0005100", "abbreviation"),
    ("SLE", None, "", "MONDO:0007915", "abbreviation"),
    ("RA", None, "active rheumatoid arthritis, swollen joint count", "MONDO:0008383", "abbreviation"),
    ("RA", None, "", "MONDO:0008383", "abbreviation (default reading)"),
    ("RA", None, "refractory anemia, myelodysplastic syndrome", "MONDO:0005272", "abbreviation"),
    ("systemic sclerosis", None, "", "MONDO:0005100", "label"),
    ("Systemic Scleroderma", "disease", "", "MONDO:0005100", "exact synonym"),
    ("Arthritis, Rheumatoid", "disease", "", "MONDO:0008383", "label"),
    ("MESH:D012595", None, "", "MONDO:0005100", "MeSH cross-reference"),
    ("D000086382", None, "", "MONDO:0100096", "MeSH cross-reference"),
    ("DOID:418", None, "", "MONDO:0005100", "cross-reference"),
    ("MONDO:0007179", None, "", "MONDO:0007179", "identifier"),
    ("Severe COVID-19", "disease", "", "MONDO:0100096", "label"),
    ("Covid19", "disease", "", "MONDO:0100096", "curated synonym"),
    ("Crohn's Disease", "disease", "", "MONDO:0005011", "label"),
    ("Spinal Cord Injuries", "disease", "", "MONDO:0043797", "label"),
    ("Knee Osteoarthritis", "disease", "", "MONDO:0005416", "label"),
    ("Osteoarthritis, Knee", "disease", "", "MONDO:0005416", "label"),
    ("umbilical cord MSC", None, "", "CL:0002569", "composed"),
    ("adipose-derived mesenchymal stem cells", "cell", "", "CL:0002570", "composed"),
    ("bone marrow mesenchymal stromal cells", "cell", "", "CL:0002540", "composed"),
    ("UC-MSC", None, "", "CL:0002569", "abbreviation"),
    ("hUC-MSC", None, "", "CL:0002569", "abbreviation"),
    ("WJ-MSC", None, "", "CL:0002568", "abbreviation"),
    ("adMSC", None, "", "CL:0002570", "abbreviation"),
    ("AD-MSC", None, "", "CL:0002570", "abbreviation"),
    ("BM-MSC", None, "", "CL:0002540", "abbreviation"),
    ("mesenchymal stromal cell", "cell", "", "CL:0000134", "related synonym"),
    ("Wharton's jelly", None, "", "UBERON:0003422", "exact synonym"),
    ("Wharton’s Jelly", "tissue", "", "UBERON:0003422", "exact synonym"),
    ("umbilical cord", "tissue", "", "UBERON:0002331", "label"),
    ("adipose tissue", "tissue", "", "UBERON:0001013", "label"),
]


@pytest.mark.parametrize(("mention", "kind", "context", "curie", "how"), CASES,
                         ids=[f"{c[0]}|{c[2][:12]}" for c in CASES])
def test_resolves(mention: str, kind: str | None, context: str, curie: str, how: str) -> None:
    result = normalise(mention, kind, context)
    assert result.status == "resolved", result
    assert (result.best.curie, result.best.match_type) == (curie, how)
    assert 0 < result.best.score <= 1


def test_case_count() -> None:
    assert len(CASES) == 32  # a stray filter must not silently drop cases


def test_ra_keeps_the_other_reading_visible() -> None:
    result = normalise("RA")
    ids = [c.curie for c in result.candidates]
    assert ids[:2] == ["MONDO:0008383", "MONDO:0005272"]
    assert result.candidates[1].score < result.candidates[0].score


@pytest.mark.parametrize("mention", ["xyzzy disease", "Stem Cell Transplantation", "Healthy", ""])
def test_unresolved_is_reported_not_guessed(mention: str) -> None:
    result = normalise(mention, "disease")
    assert result.status == "unresolved" and result.best is None and result.candidates == []


def test_non_human_animal_terms_are_never_candidates() -> None:
    result = normalise("ARDS", "disease")
    assert result.best.curie == "MONDO:0006502"
    assert all(not c.label.endswith(", dog") for c in result.candidates)


def test_obsolete_ids_follow_replaced_by() -> None:
    from msckg.linking.index import term_index

    ix = term_index()
    obsolete = next(r for i in ix.ids() if (r := ix.get(i)).deprecated and r.replaced_by.startswith("MONDO:"))
    result = normalise(obsolete.id)
    assert result.best is not None and result.best.curie == ix.current(obsolete.id).id
    assert "obsolete" in result.best.note


def test_mesh_padding() -> None:
    assert mesh_curie("D000010009") == "MESH:D010009"
    assert mesh_curie("D000086382") == "MESH:D000086382"
    assert mesh_curie("mesh:D012595") == "MESH:D012595"


def test_cli_done_when_example() -> None:
    exe = Path(sys.executable).parent / "msckg"
    run = subprocess.run([str(exe), "link", "SSc", "umbilical cord MSC", "Wharton's jelly", "RA", "--format", "csv"],
                         check=False, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    best = {}
    for line in run.stdout.splitlines()[1:]:
        mention, status, curie, _label, how = line.split(",")[:5]
        best.setdefault(mention, (status, curie, how))
    assert best == {
        "SSc": ("resolved", "MONDO:0005100", "abbreviation"),
        "umbilical cord MSC": ("resolved", "CL:0002569", "composed"),
        "Wharton's jelly": ("resolved", "UBERON:0003422", "exact synonym"),
        "RA": ("resolved", "MONDO:0008383", "abbreviation (default reading)"),
    }
    unresolved = subprocess.run([str(exe), "link", "xyzzy disease"], check=False, capture_output=True, text=True, timeout=120)
    assert unresolved.returncode == 1 and "unresolved" in unresolved.stdout


def test_mapped_label_names_the_mondo_term() -> None:
    """MONDO calls MONDO:0005387 "primary ovarian failure"; DOID:5426, which MONDO maps exactly
    and only to it, calls it "primary ovarian insufficiency"."""
    result = normalise("Primary Ovarian Insufficiency", "disease")
    assert result.status == "resolved"
    best = result.best
    assert (best.curie, best.match_type, best.score) == ("MONDO:0005387", "mapped label", 0.8)
    assert "DOID:5426" in best.note
    assert normalise("Dystrophic Epidermolysis Bullosa", "disease").best.curie == "MONDO:0006543"


def test_mapped_labels_rank_below_mondo_names_and_skip_broader_readings() -> None:
    from msckg.linking.index import lexical_key, term_index

    lexicon = term_index().lexicon
    # DOID:0080868 and DOID:0080869 both map to MONDO:0014843: a merge, so neither name is used
    assert ("MONDO:0014843", "mapped label") not in lexicon.get(lexical_key("primary ovarian insufficiency 11"), [])
    # NCIt's "Respiratory Distress Syndrome" is mapped to the newborn term; in registries it means ARDS
    assert all(how != "mapped label" for _, how in lexicon.get(lexical_key("Respiratory Distress Syndrome"), []))
    assert normalise("Respiratory Distress Syndrome", "disease").status == "unresolved"
    assert normalise("Primary Ovarian Failure", "disease").best.match_type == "label"
