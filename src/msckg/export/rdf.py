"""RDF serialisations of a built graph, streamed through pyoxigraph's parsers and serialisers.

pyoxigraph's streaming serialisers write as they are fed and, used without a Store, keep every
literal's lexical form (a Store would turn 0.030 into 0.03 and P0D into PT0S). Turtle and
RDF/XML group consecutive triples of one subject, and the sorted N-Quads of a build list each
subject's triples together, so the output reads as hand-written Turtle without sorting in memory.

N-Triples, Turtle and RDF/XML cannot hold named graphs: the graphs are merged into one on purpose
(each triple once) and the report carries a warning saying so. N-Quads and TriG keep them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from msckg.export import ExportError, ExportReport, register
from msckg.export.files import atomic_file
from msckg.export.quads import Tally, by_graph, counted, distinct_triples, read_quads
from msckg.progress import Progress


def serialisation_prefixes() -> dict[str, str]:
    """The prefixes of the shipped JSON-LD context: one prefix table for every export."""
    from msckg.export.jsonld import Compactor, shipped_context

    return dict(sorted(Compactor.from_document(shipped_context()).prefixes.items()))


def merge_warning(fmt: str, tally: Tally) -> str:
    return (f"{fmt} cannot hold named graphs: {tally.graphs} named graph(s) were merged into one graph "
            f"({tally.written} distinct triples; {tally.duplicates} triple(s) stated in several graphs written once)")


@dataclass(frozen=True)
class RdfWriter:
    """One pyoxigraph syntax; `grouped` feeds quads graph by graph (TriG writes one block each)."""

    name: str
    description: str
    syntax: ox.RdfFormat
    grouped: bool = False

    def write(self, graph: Path, out: Path, progress: Progress | None = None) -> ExportReport:
        tally = Tally()
        quads = read_quads(graph, progress)
        if self.syntax.supports_datasets:
            stream = by_graph(quads, tally) if self.grouped else counted(quads, tally)
        else:
            stream = distinct_triples(quads, tally)
        prefixes = serialisation_prefixes() if self.syntax not in (ox.RdfFormat.N_QUADS, ox.RdfFormat.N_TRIPLES) else None
        try:
            with atomic_file(out) as handle:
                ox.serialize(stream, handle, self.syntax, prefixes=prefixes)
        except (ValueError, TypeError) as exc:
            raise ExportError(f"{graph}: cannot be written as {self.syntax.name}: {exc}") from exc
        warnings = [] if self.syntax.supports_datasets or not tally.graphs else [merge_warning(self.name, tally)]
        return ExportReport(self.name, [out], tally.written,
                            tally.graphs if self.syntax.supports_datasets else 0, warnings)


for _writer in (
    RdfWriter("nquads", "N-Quads, one quad per line (named graphs kept)", ox.RdfFormat.N_QUADS),
    RdfWriter("trig", "TriG, one block per named graph", ox.RdfFormat.TRIG, grouped=True),
    RdfWriter("turtle", "Turtle with prefixes (named graphs merged)", ox.RdfFormat.TURTLE),
    RdfWriter("ntriples", "N-Triples, one triple per line (named graphs merged)", ox.RdfFormat.N_TRIPLES),
    RdfWriter("rdfxml", "RDF/XML (named graphs merged)", ox.RdfFormat.RDF_XML),
):
    register(_writer)
