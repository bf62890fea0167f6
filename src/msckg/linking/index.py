"""The shipped term index of MONDO, CL and UBERON, and MONDO's exact mappings.

Built by scripts/build_index.py from ontology releases and read here lazily, once per process:
about 52,000 terms load in well under a second, which is cheaper than any ontology server and
works offline.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, cached_property

from msckg.resources import condition_synonyms_file, index_file

ONTOLOGIES = ("mondo", "cl", "uberon")


@dataclass(frozen=True)
class TermRecord:
    id: str
    label: str
    exact: tuple[str, ...]
    related: tuple[str, ...]
    parents: tuple[str, ...]
    ancestors: tuple[str, ...]
    deprecated: bool
    replaced_by: str

    @property
    def prefix(self) -> str:
        return self.id.split(":", 1)[0]


@dataclass(frozen=True)
class Mapping:
    subject_id: str
    predicate_id: str
    object_id: str
    object_label: str
    justification: str
    source: str


_PLAIN = re.compile(r"[a-z0-9 ]*")
# British spellings, compared as their US forms (MONDO labels are mostly US English)
_SPELLING = {"disc": "disk", "discs": "disks", "anaemia": "anemia", "oedema": "edema",
             "faecal": "fecal", "tumour": "tumor", "tumours": "tumors", "paediatric": "pediatric",
             "leukaemia": "leukemia", "foetal": "fetal", "ischaemic": "ischemic",
             "ischaemia": "ischemia", "haemophilia": "hemophilia", "haemorrhage": "hemorrhage",
             "oesophageal": "esophageal", "haematological": "hematological", "orthopaedic": "orthopedic",
             "haemorrhagic": "hemorrhagic", "coeliac": "celiac", "diarrhoea": "diarrhea"}
NON_HUMAN = "MONDO:0005583"  # non-human animal disease: never a reading of a trial's condition


def lexical_key(text: str) -> str:
    """The form two strings share when they name the same thing: case, apostrophes, hyphens
    and punctuation do not matter ("Wharton's jelly" = "wharton jelly", "COVID-19" = "covid 19")."""
    lowered = text.lower()
    if not _PLAIN.fullmatch(lowered):
        lowered = unicodedata.normalize("NFKC", lowered).replace("\u2019", "'")
        lowered = re.sub(r"'s\b", "", lowered).replace("'", "")
        lowered = re.sub(r"[^\w\s]|_", " ", lowered)
    return " ".join(_SPELLING.get(w, w) for w in lowered.split())


def _rows(name: str) -> list[dict[str, str]]:
    data = gzip.decompress(index_file(f"{name}.tsv.gz").read_bytes()).decode("utf-8")
    return list(csv.DictReader(io.StringIO(data), delimiter="\t"))


def _curated_rows() -> list[dict[str, str]]:
    text = condition_synonyms_file().read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _split(value: str) -> tuple[str, ...]:
    return tuple(x for x in value.split("|") if x)


class TermIndex:
    """Look terms up by id, by lexical form, and by cross-reference.

    Rows are parsed into records on first use and the lexicon is built only when a mention is
    normalised, so a build that only needs a few terms' ancestors stays fast.
    """

    def __init__(self) -> None:
        self._rows: dict[str, dict[str, str]] = {}
        for name in ONTOLOGIES:
            for row in _rows(name):
                self._rows[row["id"]] = row
        self._records: dict[str, TermRecord] = {}
        self.mappings: dict[str, list[Mapping]] = defaultdict(list)
        self.reverse: dict[str, list[str]] = defaultdict(list)
        for row in _rows("mondo_mappings"):
            m = Mapping(row["subject_id"], row["predicate_id"], row["object_id"], row["object_label"],
                        row["mapping_justification"], row["source_file"])
            self.mappings[m.subject_id].append(m)
            self.reverse[m.object_id.upper()].append(m.subject_id)

    def __len__(self) -> int:
        return len(self._rows)

    def ids(self) -> list[str]:
        return sorted(self._rows)

    def get(self, curie: str) -> TermRecord | None:
        rec = self._records.get(curie)
        if rec is None and (row := self._rows.get(curie)) is not None:
            rec = TermRecord(row["id"], row["label"], _split(row["exact_synonyms"]),
                             _split(row["related_synonyms"]), _split(row["parents"]),
                             _split(row["ancestors"]), row["deprecated"] == "1", row["replaced_by"])
            self._records[curie] = rec
        return rec

    @cached_property
    def mapped_sources(self) -> dict[tuple[str, str], str]:
        """(MONDO id, lexical key) -> the DOID / NCIt / Orphanet term whose label gave that name."""
        self.lexicon  # noqa: B018 - filled while the lexicon is built
        return self._mapped_sources

    @cached_property
    def lexicon(self) -> dict[str, list[tuple[str, str]]]:
        """lexical key -> [(curie, "label" | "exact synonym" | "related synonym" | "mapped label"
        | "curated synonym" | "curated synonym (broader)")]"""
        lexicon: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self._mapped_sources: dict[tuple[str, str], str] = {}
        for curie, row in self._rows.items():
            if row["deprecated"] == "1" or NON_HUMAN in row["ancestors"]:
                continue
            for text, how in ((row["label"], "label"),
                              *((syn, "exact synonym") for syn in _split(row["exact_synonyms"])),
                              *((syn, "related synonym") for syn in _split(row["related_synonyms"]))):
                keys = {lexical_key(text)}
                if text.count(",") == 1:  # "osteoarthritis, knee" is also "knee osteoarthritis"
                    head, _, tail = text.partition(",")
                    keys.add(lexical_key(f"{tail} {head}"))
                for key in keys:
                    lexicon[key].append((curie, how))
        # names of the terms MONDO maps one-to-one (scripts/build_index.py): MONDO:0005387 is
        # "primary ovarian failure" in MONDO and "primary ovarian insufficiency" in DOID
        for mapped in _rows("mondo_mapped_labels"):
            row = self._rows.get(mapped["mondo_id"])
            if row is None or row["deprecated"] == "1" or NON_HUMAN in row["ancestors"]:
                continue
            key = lexical_key(mapped["label"])
            if (mapped["mondo_id"], "mapped label") not in lexicon[key]:
                lexicon[key].append((mapped["mondo_id"], "mapped label"))
                self._mapped_sources[(mapped["mondo_id"], key)] = mapped["source_id"]
        for row in _curated_rows():
            how = "curated synonym" if row["relation"] == "exact" else "curated synonym (broader)"
            lexicon[lexical_key(row["text"])].append((row["curie"], how))
        return lexicon

    def current(self, curie: str) -> TermRecord | None:
        """The live term for an id, following replaced_by for obsolete ones."""
        rec = self.get(curie)
        seen: set[str] = set()
        while rec is not None and rec.deprecated and rec.replaced_by and rec.id not in seen:
            seen.add(rec.id)
            rec = self.get(rec.replaced_by)
        return None if rec is None or rec.deprecated else rec

    def closure(self, curies: set[str]) -> set[str]:
        """The terms plus all their ancestors."""
        out: set[str] = set()
        for c in curies:
            rec = self.get(c)
            if rec:
                out |= {c, *rec.ancestors}
        return {c for c in out if c in self._rows}

    def is_a(self, curie: str, ancestor: str) -> bool:
        rec = self.get(curie)
        return rec is not None and (curie == ancestor or ancestor in rec.ancestors)

    def from_xref(self, curie: str) -> list[str]:
        """MONDO ids that MONDO maps exactly to an external id such as MESH:D012595."""
        return sorted(set(self.reverse.get(curie.upper(), [])))


@cache
def term_index() -> TermIndex:
    return TermIndex()
