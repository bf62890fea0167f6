"""The curated studies against the seed documents in ../shared/seeds.

- Each source document's checksum matches the file it names.
- Each quotation (`evidence`) is a verbatim span of the document it cites.
- Every number in the English text of each seed is held by the graph of its study, as a value,
  a timepoint, a date, an identifier or a term label: nothing stated is lost.
"""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from msckg.builder.loader import load_studies
from msckg.namespaces import MSCKG, RDF, RDFS
from msckg.resources import bundled_studies_dir

NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?![\w])")

# (seed file, study id, English spans as (start marker, end marker) inclusive)
SPANS = [
    ("000_02f99a9f7c837e84.txt", "ssc-umsct-5y",
     [("Department of Rheumatology", "UMSCT is safe and effective for SSc patients.")]),
    ("001_a8e050c38ba956b1.txt", "ssc-umsct-5y",
     [("Abstract", "UMSCT is safe and effective for SSc patients."),
      ("This work was supported", "involved in this study"),
      ("Ethics approval", "(No. 2009004)."),
      ("Key message", "no adverse events related to UMSCT were observed."),
      ("Cite this article", "https://doi.org/10.1007/s10067-024-06865-z")]),
    ("002_306f4ac09e6a6c63.txt", "sle-ucmsc-multicentre",
     [("Background/Purpose", "2012 ACR/ARHP Annual Meeting")]),
    ("003_6de36d6bf9213eba.txt", "ra-admsc-phase1-2a",
     [("OBJECTIVE:", "Retrospectively registered")]),
    ("004_bc1ab4963135bc6e.txt", "covid19-ucmsc-1y",
     [("Department of Infectious Diseases", "in COVID-19 patients.")]),
]


@pytest.fixture(scope="module")
def studies() -> dict:
    return {s.id: s for _, s in load_studies(bundled_studies_dir())}


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_checksums_and_quotations(shared_dir: Path, studies: dict) -> None:
    checked = 0
    for study in studies.values():
        texts = {}
        for doc in study.documents:
            raw = (shared_dir / "seeds" / doc.file).read_bytes()
            assert hashlib.sha256(raw).hexdigest() == doc.sha256, doc.file
            texts[doc.id] = _squash(raw.decode("utf-8"))
        records = [study.design, study.enrollment, *study.registrations, *study.publications,
                   *study.organizations, *study.grants, *study.funding_statements, *study.ethics,
                   *study.eligibility, *study.products, *study.arms, *study.endpoints, *study.results]
        for rec in records:
            if rec is not None and rec.evidence:
                quote = _squash(rec.evidence)
                assert any(quote in texts[src] for src in rec.sources), (study.id, rec.evidence)
                checked += 1
    assert checked >= 60


def _numbers_in(text: str) -> set[Decimal]:
    return {Decimal(m) for m in NUMBER.findall(text)}


def _graph_numbers(dataset, study_id: str) -> set[Decimal]:  # type: ignore[no-untyped-def]
    graph = dataset.graph(URIRef(f"https://w3id.org/msckg/graph/study/{study_id}"))
    found: set[Decimal] = set()
    text_predicates = {MSCKG.name, MSCKG.grantNumber, MSCKG.approvalNumber, MSCKG.timepointLabel,
                       MSCKG.pages, MSCKG.volume, MSCKG.issue, MSCKG.doi}
    linked: set[URIRef] = set()
    for s, p, o in graph:
        if isinstance(o, Literal):
            if o.datatype in (XSD.decimal, XSD.integer):
                found.add(Decimal(str(o)))
                if p == MSCKG.ciLevel:
                    found.add(Decimal(str(o)) * 100)
            elif o.datatype == XSD.duration:
                parts = re.findall(r"(\d+)([YMWD])", str(o))
                found |= {Decimal(n) for n, _ in parts}
                found |= {Decimal(int(n) // 7) for n, u in parts if u == "D" and int(n) % 7 == 0}
            elif o.datatype in (XSD.date, XSD.gYear, XSD.gYearMonth):
                found |= {Decimal(x) for x in str(o).split("-")}
            elif p in text_predicates or (p == MSCKG.reportedAs and (s, RDF.type, MSCKG.Dose) in graph):
                found |= _numbers_in(str(o))
        elif isinstance(o, URIRef) and p != MSCKG.hasSource:
            linked.add(o)
    # labels of the terms a study links to (instrument "6-minute walk distance", "COVID-19", "phase 2")
    for term in linked:
        for label in dataset.objects(term, RDFS.label):
            found |= _numbers_in(str(label))
        for abbr in dataset.objects(term, MSCKG.abbreviation):
            found |= _numbers_in(str(abbr))
    for _s, o in graph.subject_objects(RDF.type):
        for label in dataset.objects(o, RDFS.label):
            found |= _numbers_in(str(label))
    return found


@pytest.mark.parametrize(("seed", "study_id", "spans"), SPANS, ids=[s[0] for s in SPANS])
def test_every_number_in_the_seed_is_in_the_graph(shared_dir: Path, dataset, seed: str, study_id: str, spans) -> None:  # type: ignore[no-untyped-def]
    text = (shared_dir / "seeds" / seed).read_text(encoding="utf-8")
    english = []
    for start, end in spans:
        i = text.index(start)
        j = text.index(end, i) + len(end)
        english.append(text[i:j])
    stated = _numbers_in(" ".join(english))
    assert len(stated) >= 8
    missing = sorted(stated - _graph_numbers(dataset, study_id))
    assert missing == [], f"{seed}: numbers not in the graph of {study_id}: {missing}"


def test_all_seed_files_are_covered(shared_dir: Path) -> None:
    seeds = sorted(p.name for p in (shared_dir / "seeds").glob("*.txt"))
    assert seeds == sorted({s[0] for s in SPANS})
