"""Derive the shipped ontology index and mapping table from raw ontology releases.

Run from the project root:

    python scripts/build_index.py --shared ../shared/ontologies
    python scripts/build_index.py --mondo mondo.obo --cl cl.owl --uberon uberon.obo \
        --mondo-sssom mondo.sssom.tsv --cl-synonyms cl_synonyms_all_scopes.tsv.gz \
        --doid doid_HumanDO.tsv

Inputs may be the cellxgene-style TSV tables in ../shared/ontologies, an OBO file or an OWL
(RDF/XML) file, gzipped or not; the format is taken from the content. Writes, sorted so that a
re-run gives identical bytes:

- src/msckg/data/index/{mondo,cl,uberon}.tsv.gz: id, label, exact synonyms, related synonyms,
  parents, ancestors (MONDO and CL: is_a; UBERON: is_a and part_of, as its table gives them),
  deprecated, replaced_by. Obsolete terms are kept so that old ids resolve to their replacement.
- src/msckg/data/index/mondo_mappings.tsv.gz: MONDO's exact matches to DOID, MeSH, NCIt, EFO,
  ICD-10-CM and ICD-10-WHO, with justification and source file.
- src/msckg/data/index/mondo_mapped_labels.tsv.gz: the labels of DOID, NCIt and Orphanet terms
  that MONDO maps exactly (skos:exactMatch) to ONE live MONDO term, as extra names for that term
  ("primary ovarian insufficiency", DOID:5426, for MONDO:0005387 "primary ovarian failure").
  A term mapped to several MONDO terms names none of them; names MONDO already has are left out.
- src/msckg/data/prefixes.json: a curies extended prefix map derived from Bioregistry records.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "msckg" / "data"

# preferred prefix -> (bioregistry key, uri prefix override or None)
PREFIXES: dict[str, tuple[str, str | None]] = {
    "MONDO": ("mondo", None), "CL": ("cl", None), "UBERON": ("uberon", None),
    "DOID": ("doid", None), "NCIT": ("ncit", None), "EFO": ("efo", None),
    "STATO": ("stato", None), "OBI": ("obi", None), "OAE": ("oae", None),
    "SIO": ("sio", None), "UO": ("uo", None), "HP": ("hp", None),
    # MeSH RDF IRIs join with the NLM's linked-data MeSH; Bioregistry's format is a web page.
    "MESH": ("mesh", "http://id.nlm.nih.gov/mesh/"),
    "ICD10CM": ("icd10cm", None), "ICD10WHO": ("icd10", None), "UMLS": ("umls", None),
    "clinicaltrials": ("clinicaltrials", None), "doi": ("doi", None), "pubmed": ("pubmed", None),
    "pmc": ("pmc", None),
}
MAPPED_PREFIXES = {"doid": "DOID", "mesh": "MESH", "ncit": "NCIT", "efo": "EFO",
                   "icd10cm": "ICD10CM", "icd10who": "ICD10WHO"}
# sources whose labels name the mapped MONDO term (DOID's from its own release; NCIt's and
# Orphanet's as the SSSOM gives them). ICD-10 titles ("..., unspecified") and OMIM's upper-case
# entry titles are not disease names and are left out.
LABEL_SOURCES = ("DOID", "NCIT", "Orphanet")
# words that do not make a name more specific ("blindness" = "blindness (disorder)")
GENERIC_WORDS = {"disease", "diseases", "disorder", "disorders", "syndrome"}


def _drops_qualifier(name: str, label: str) -> bool:
    """True when a source's name is the MONDO label minus a qualifier: NCIt's "Respiratory
    Distress Syndrome" for MONDO's "newborn respiratory distress syndrome" reads as the broader
    concept (in registry records, ARDS), so it is no name of the narrower MONDO term."""
    words, own = set(re.findall(r"\w+", name.casefold())), set(re.findall(r"\w+", label.casefold()))
    return words < own and bool(own - words - GENERIC_WORDS)
OBO_IRI = re.compile(r"^http://purl\.obolibrary\.org/obo/([A-Za-z]+)_(\w+)$")


@dataclass
class Term:
    id: str
    label: str = ""
    exact: set[str] = field(default_factory=set)
    related: set[str] = field(default_factory=set)
    parents: set[str] = field(default_factory=set)
    ancestors: set[str] = field(default_factory=set)
    deprecated: bool = False
    replaced_by: str = ""


def _open_text(path: Path) -> io.TextIOBase:
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    return io.StringIO(raw.decode("utf-8"))


def _detect(path: Path) -> str:
    head = _open_text(path).read(4096)
    if "format-version:" in head or "[Term]" in head:
        return "obo"
    if head.lstrip().startswith("<?xml") or "<rdf:RDF" in head:
        return "owl"
    return "tsv"


def read_tsv(path: Path, prefix: str) -> Iterator[Term]:
    for row in csv.DictReader((line for line in _open_text(path) if not line.startswith("#")), delimiter="\t"):
        if not row["id"].startswith(prefix + ":"):
            continue
        split = lambda s: {x for x in (s or "").split("|") if x}
        yield Term(row["id"], row["label"], split(row.get("exact_synonyms")), set(),
                   split(row.get("parents")), split(row.get("ancestors")),
                   row.get("deprecated", "0") in ("1", "true", "True"), row.get("replaced_by") or "")


_SYN = re.compile(r'^synonym:\s*"((?:[^"\\]|\\.)*)"\s+(EXACT|RELATED|NARROW|BROAD)')


def read_obo(path: Path, prefix: str, relations: tuple[str, ...] = ()) -> Iterator[Term]:
    """The [Term] stanzas of an OBO 1.4 file: name, synonyms, is_a and chosen relationships."""
    term: Term | None = None
    for line in _open_text(path):
        line = line.rstrip("\n")
        if line.startswith("["):
            if term and term.id.startswith(prefix + ":"):
                yield term
            term = Term("") if line == "[Term]" else None
            continue
        if term is None or ":" not in line:
            continue
        key, _, value = line.partition(":")
        value = re.sub(r"\s*\{.*\}\s*$", "", value.split(" ! ")[0]).strip()
        if key == "id":
            term.id = value
        elif key == "name":
            term.label = value
        elif key == "synonym" and (m := _SYN.match(line)):
            (term.exact if m.group(2) == "EXACT" else term.related if m.group(2) == "RELATED" else set()).add(
                m.group(1).replace('\\"', '"'))
        elif key == "is_a":
            term.parents.add(value.split()[0])
        elif key == "relationship" and value.split()[0] in relations:
            term.parents.add(value.split()[1])
        elif key == "is_obsolete" and value == "true":
            term.deprecated = True
        elif key == "replaced_by":
            term.replaced_by = value
    if term and term.id.startswith(prefix + ":"):
        yield term


def read_owl(path: Path, prefix: str) -> Iterator[Term]:
    """owl:Class declarations of an RDF/XML release (named superclasses only)."""
    from rdflib import Graph, URIRef
    from rdflib.namespace import OWL, RDF, RDFS

    oio = "http://www.geneontology.org/formats/oboInOwl#"
    g = Graph().parse(data=_open_text(path).read(), format="xml")

    def curie(node: object) -> str | None:
        m = OBO_IRI.match(str(node)) if isinstance(node, URIRef) else None
        return f"{m.group(1)}:{m.group(2)}" if m else None

    for cls in g.subjects(RDF.type, OWL.Class):
        cid = curie(cls)
        if not cid or not cid.startswith(prefix + ":"):
            continue
        term = Term(cid, str(g.value(cls, RDFS.label) or ""))
        term.exact = {str(o) for o in g.objects(cls, URIRef(oio + "hasExactSynonym"))}
        term.related = {str(o) for o in g.objects(cls, URIRef(oio + "hasRelatedSynonym"))}
        term.parents = {c for o in g.objects(cls, RDFS.subClassOf) if (c := curie(o))}
        term.deprecated = str(g.value(cls, OWL.deprecated) or "").lower() == "true"
        replaced = g.value(cls, URIRef("http://purl.obolibrary.org/obo/IAO_0100001"))
        term.replaced_by = curie(replaced) or "" if replaced is not None else ""
        yield term


def read_terms(path: Path, prefix: str) -> dict[str, Term]:
    fmt = _detect(path)
    rels = ("part_of",) if prefix == "UBERON" else ()
    reader = {"tsv": lambda: read_tsv(path, prefix), "obo": lambda: read_obo(path, prefix, rels),
              "owl": lambda: read_owl(path, prefix)}[fmt]
    terms = {t.id: t for t in reader() if t.id}
    _close(terms)
    print(f"{path.name}: {fmt}, {len(terms)} {prefix} terms", file=sys.stderr)
    return terms


def _close(terms: dict[str, Term]) -> None:
    """Fill ancestors from parents where the source gave none (OBO/OWL input)."""
    cache: dict[str, set[str]] = {}

    def up(tid: str, seen: frozenset[str] = frozenset()) -> set[str]:
        if tid in cache:
            return cache[tid]
        out: set[str] = set()
        for p in terms[tid].parents if tid in terms else ():
            if p not in seen:
                out |= {p} | up(p, seen | {tid})
        cache[tid] = out
        return out

    for t in terms.values():
        if not t.ancestors:
            t.ancestors = up(t.id)


def add_related_synonyms(terms: dict[str, Term], path: Path) -> None:
    """CL's all-scope synonym table: RELATED ones ('MSC') are not in the cellxgene table."""
    for row in csv.DictReader((line for line in _open_text(path) if not line.startswith("#")), delimiter="\t"):
        t = terms.get(row["id"])
        if t is None:
            continue
        if row["scope"] == "EXACT":
            t.exact.add(row["synonym"])
        elif row["scope"] == "RELATED":
            t.related.add(row["synonym"])


def write_index(terms: dict[str, Term], name: str) -> Path:
    out = OUT / "index" / f"{name}.tsv.gz"
    out.parent.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    w = csv.writer(buf, delimiter="\t", lineterminator="\n")
    w.writerow(["id", "label", "exact_synonyms", "related_synonyms", "parents", "ancestors", "deprecated", "replaced_by"])
    for t in sorted(terms.values(), key=lambda t: t.id):
        clean = lambda xs: "|".join(sorted(x.replace("|", "/").replace("\t", " ") for x in xs))
        w.writerow([t.id, t.label, clean(t.exact - {t.label}), clean(t.related - t.exact - {t.label}),
                    clean(t.parents), clean(t.ancestors), int(t.deprecated), t.replaced_by])
    out.write_bytes(gzip.compress(buf.getvalue().encode("utf-8"), mtime=0))
    return out


def write_mappings(path: Path) -> Path:
    rows = []
    reader = csv.DictReader((line for line in _open_text(path) if not line.startswith("#")), delimiter="\t")
    for row in reader:
        pref, _, local = row["object_id"].partition(":")
        target = MAPPED_PREFIXES.get(pref.lower())
        if target and row["predicate_id"] == "skos:exactMatch":
            rows.append((row["subject_id"], row["predicate_id"], f"{target}:{local}", row.get("object_label", ""),
                         row["mapping_justification"], row.get("source_file", "")))
    out = OUT / "index" / "mondo_mappings.tsv.gz"
    buf = io.StringIO()
    w = csv.writer(buf, delimiter="\t", lineterminator="\n")
    w.writerow(["subject_id", "predicate_id", "object_id", "object_label", "mapping_justification", "source_file"])
    w.writerows(sorted(set(rows)))
    out.write_bytes(gzip.compress(buf.getvalue().encode("utf-8"), mtime=0))
    return out


def read_doid_labels(path: Path) -> dict[str, str]:
    """DOID id -> label from the Disease Ontology's HumanDO report (one row per parent)."""
    labels: dict[str, str] = {}
    for row in csv.DictReader(_open_text(path), delimiter="\t"):
        labels[row["id"]] = row["label"]
    return labels


def mapped_labels(sssom: Path, doid_labels: dict[str, str], mondo: dict[str, Term]) -> list[tuple[str, str, str]]:
    """(MONDO id, name, source id) for every source term MONDO maps exactly to one live term.

    Obsolete MONDO subjects follow replaced_by (as the normaliser does); one without a live
    replacement drops out. Only one-to-one pairs count: a source term that reaches two MONDO
    terms would name a guess between them, and a MONDO term that two terms of one source reach
    ("long QT syndrome 4" and "ankyrin-B-related cardiac arrhythmia") is a merge whose names
    need not all be its own."""

    def live(curie: str) -> str | None:
        seen: set[str] = set()
        t = mondo.get(curie)
        while t is not None and t.deprecated and t.replaced_by and t.id not in seen:
            seen.add(t.id)
            t = mondo.get(t.replaced_by)
        return None if t is None or t.deprecated else t.id

    targets: dict[str, set[str | None]] = {}
    names: dict[str, str] = {}
    for row in csv.DictReader((line for line in _open_text(sssom) if not line.startswith("#")), delimiter="\t"):
        source = row["object_id"]
        if row["predicate_id"] != "skos:exactMatch" or source.split(":")[0] not in LABEL_SOURCES:
            continue
        targets.setdefault(source, set()).add(live(row["subject_id"]))
        name = doid_labels.get(source, "") if source.startswith("DOID:") else row.get("object_label", "")
        if name:
            names[source] = name.strip()
    single = {source: mondo_id for source, subjects in targets.items()
              if len(subjects) == 1 and (mondo_id := next(iter(subjects))) is not None}
    reached: dict[tuple[str, str], int] = {}
    for source, mondo_id in single.items():
        key = (mondo_id, source.split(":")[0])
        reached[key] = reached.get(key, 0) + 1
    rows = set()
    for source, mondo_id in single.items():
        if reached[(mondo_id, source.split(":")[0])] != 1 or source not in names:
            continue
        term = mondo[mondo_id]
        name = names[source].replace("|", "/").replace("\t", " ")
        if (name.casefold() not in {x.casefold() for x in (term.label, *term.exact)}
                and not _drops_qualifier(name, term.label)):
            rows.add((mondo_id, name, source))
    return sorted(rows)


def write_mapped_labels(rows: list[tuple[str, str, str]]) -> Path:
    out = OUT / "index" / "mondo_mapped_labels.tsv.gz"
    buf = io.StringIO()
    w = csv.writer(buf, delimiter="\t", lineterminator="\n")
    w.writerow(["mondo_id", "label", "source_id"])
    w.writerows(rows)
    out.write_bytes(gzip.compress(buf.getvalue().encode("utf-8"), mtime=0))
    return out


def write_prefixes(path: Path) -> Path:
    records = json.loads(path.read_text())["prefixes"]
    out_rows = []
    for pref, (key, override) in sorted(PREFIXES.items()):
        rec = records[key]
        synonyms = sorted({key, key.upper(), *(rec.get("synonyms") or [])} - {pref})
        out_rows.append({"prefix": pref, "uri_prefix": override or rec["uri_format"].replace("$1", ""),
                         "prefix_synonyms": synonyms, "pattern": rec.get("pattern")})
    out = OUT / "prefixes.json"
    out.write_text(json.dumps(out_rows, indent=1) + "\n")
    return out


def _pick(args_value: Path | None, shared: Path | None, name: str) -> Path:
    if args_value:
        return args_value
    if shared is None:
        sys.exit(f"error: give --{name.split('_')[0]} or --shared")
    return shared / name


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, help="folder with the raw extracts (../shared/ontologies)")
    for name in ("mondo", "cl", "uberon", "mondo-sssom", "cl-synonyms", "doid", "prefixes"):
        ap.add_argument(f"--{name}", type=Path)
    args = ap.parse_args(list(argv) if argv is not None else None)
    written = []
    mondo: dict[str, Term] = {}
    for prefix, flag, default in (("MONDO", args.mondo, "mondo_terms.tsv.gz"), ("CL", args.cl, "cl_terms.tsv.gz"),
                                  ("UBERON", args.uberon, "uberon_terms.tsv.gz")):
        terms = read_terms(_pick(flag, args.shared, default), prefix)
        if prefix == "CL":
            add_related_synonyms(terms, _pick(args.cl_synonyms, args.shared, "cl_synonyms_all_scopes.tsv.gz"))
        if prefix == "MONDO":
            mondo = terms
        written.append(write_index(terms, prefix.lower()))
    sssom = _pick(args.mondo_sssom, args.shared, "mondo_mappings.sssom.tsv.gz")
    written.append(write_mappings(sssom))
    doid = read_doid_labels(_pick(args.doid, args.shared, "doid_HumanDO.tsv.gz"))
    written.append(write_mapped_labels(mapped_labels(sssom, doid, mondo)))
    written.append(write_prefixes(_pick(args.prefixes, args.shared, "prefixes.json")))
    for path in written:
        print(f"{path}: {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
