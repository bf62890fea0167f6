"""Export every mapping a graph uses as an SSSOM table (https://mapping-commons.github.io/sssom/).

Two kinds of rows: MONDO's exact matches carried by the terms a graph uses (justified by MONDO's
manual curation, with the MONDO mapping file each came from), and the msckg ontology's own links
to STATO, OBI, NCIt, EFO and others (curated by msckg). Rows are sorted, so the file diffs well.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef

from msckg import __version__
from msckg.linking.index import term_index
from msckg.namespaces import MSCKG, RDFS, SKOS, converter

PREDICATES = {SKOS.exactMatch: "skos:exactMatch", SKOS.closeMatch: "skos:closeMatch",
              SKOS.broadMatch: "skos:broadMatch", SKOS.narrowMatch: "skos:narrowMatch"}
COLUMNS = ["subject_id", "subject_label", "predicate_id", "object_id", "object_label",
           "mapping_justification", "mapping_provider", "comment"]
MONDO_PROVIDER = "https://github.com/monarch-initiative/mondo/tree/master/src/ontology/mappings"
MSCKG_PROVIDER = "https://w3id.org/msckg/ontology"


@dataclass(frozen=True, order=True)
class Row:
    subject_id: str
    subject_label: str
    predicate_id: str
    object_id: str
    object_label: str
    mapping_justification: str
    mapping_provider: str
    comment: str


def _curie(node: URIRef) -> str | None:
    text = str(node)
    if text.startswith(str(MSCKG)):
        return "msckg:" + text[len(str(MSCKG)):]
    return converter().compress(text)


def mapping_rows(graph: Graph) -> list[Row]:
    ix = term_index()
    rows: set[Row] = set()
    for s, p, o in graph.triples((None, None, None)):
        if p not in PREDICATES or not isinstance(o, URIRef) or not isinstance(s, URIRef):
            continue
        subj, obj = _curie(s), _curie(o)
        if subj is None or obj is None:
            continue
        label = str(graph.value(s, RDFS.label) or "")
        if subj.startswith("MONDO:"):
            for m in ix.mappings.get(subj, []):
                if m.object_id == obj:
                    rows.add(Row(subj, label, m.predicate_id, obj, m.object_label, m.justification,
                                 MONDO_PROVIDER, m.source))
        elif subj.startswith("msckg:"):
            rows.add(Row(subj, label, PREDICATES[p], obj, "", "semapv:ManualMappingCuration",
                         MSCKG_PROVIDER, f"msckg ontology {__version__}"))
    return sorted(rows)


def write_sssom(graph: Graph, out: Path) -> int:
    """Write the SSSOM TSV (YAML metadata header, then the table); returns the row count."""
    rows = mapping_rows(graph)
    prefixes = sorted({r.subject_id.split(":")[0] for r in rows} | {r.object_id.split(":")[0] for r in rows}
                      | {"skos", "semapv"})
    expansions = {**converter().prefix_map, "msckg": str(MSCKG), "skos": str(SKOS),
                  "semapv": "https://w3id.org/semapv/vocab/"}
    header = ["#curie_map:"] + [f'#  {p}: "{expansions[p]}"' for p in prefixes if p in expansions]
    header += ['#mapping_set_id: "https://w3id.org/msckg/mappings/msckg.sssom.tsv"',
               f'#mapping_set_version: "{__version__}"',
               '#mapping_set_title: "Mappings used by an msckg knowledge graph"',
               '#license: "https://creativecommons.org/licenses/by/4.0/"']
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter="\t", lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows([[getattr(r, c) for c in COLUMNS] for r in rows])
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(header) + "\n" + buf.getvalue(), encoding="utf-8")
    return len(rows)
