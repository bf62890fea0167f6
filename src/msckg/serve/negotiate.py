"""Content negotiation: which serialisation a client's Accept header asks for.

A query's form (SELECT/ASK vs CONSTRUCT/DESCRIBE) is only known once the engine has parsed it,
so both choices are made up front and the worker picks the one that fits the result.
Formats are named by their pyoxigraph enum member (`QueryResultsFormat.JSON`, `RdfFormat.TURTLE`)
so they cross the process boundary as plain strings.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    """One serialisation: the media types that ask for it and the one it is sent as."""

    name: str
    """pyoxigraph member name: QueryResultsFormat.<name> or RdfFormat.<name>."""
    media_type: str
    aliases: tuple[str, ...] = ()
    extension: str = ""

    @property
    def content_type(self) -> str:
        text = self.media_type.startswith("text/") or self.media_type.endswith("n-triples")
        return f"{self.media_type}; charset=utf-8" if text else self.media_type


# Server preference order: the first is the default for a missing Accept header or */*.
RESULT_FORMATS: tuple[Format, ...] = (
    Format("JSON", "application/sparql-results+json", ("application/json",), "srj"),
    Format("XML", "application/sparql-results+xml", ("application/xml", "text/xml"), "srx"),
    Format("CSV", "text/csv", (), "csv"),
    Format("TSV", "text/tab-separated-values", (), "tsv"),
)
GRAPH_FORMATS: tuple[Format, ...] = (
    Format("TURTLE", "text/turtle", ("application/x-turtle",), "ttl"),
    Format("N_TRIPLES", "application/n-triples", ("text/plain",), "nt"),
    Format("JSON_LD", "application/ld+json", ("application/json",), "jsonld"),
    Format("RDF_XML", "application/rdf+xml", ("application/xml", "text/xml"), "rdf"),
)


@dataclass(frozen=True)
class Choice:
    """The negotiated formats for either kind of result (None: nothing acceptable, 406)."""

    results: Format | None
    graph: Format | None


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Media ranges with their q-values, in the order given; a missing header accepts anything."""
    if not header or not header.strip():
        return [("*/*", 1.0)]
    ranges: list[tuple[str, float]] = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        if "/" not in media:
            media = "*/*" if media == "*" else media
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append((media, q))
    return ranges


def _quality(ranges: list[tuple[str, float]], fmt: Format) -> float:
    """q of the most specific range matching `fmt` (RFC 9110, 12.5.1).

    Aliases (application/json, text/plain, ...) count only when named exactly, so `text/*`
    means CSV or TSV, not SPARQL XML sent as text/xml.
    """
    best_specificity, best_q = -1, 0.0
    kind = fmt.media_type.split("/")[0]
    for media in (fmt.media_type, *fmt.aliases):
        canonical = media == fmt.media_type
        for accepted, q in ranges:
            if accepted == media:
                specificity = 2
            elif canonical and accepted == f"{kind}/*":
                specificity = 1
            elif canonical and accepted == "*/*":
                specificity = 0
            else:
                continue
            if specificity > best_specificity or (specificity == best_specificity and q > best_q):
                best_specificity, best_q = specificity, q
    return best_q


def pick(ranges: list[tuple[str, float]], offered: tuple[Format, ...]) -> Format | None:
    """The offered format with the highest q; ties go to the server's preference order."""
    best: Format | None = None
    best_q = 0.0
    for fmt in offered:
        q = _quality(ranges, fmt)
        if q > best_q:
            best, best_q = fmt, q
    return best


def negotiate(accept: str | None) -> Choice:
    ranges = parse_accept(accept)
    return Choice(pick(ranges, RESULT_FORMATS), pick(ranges, GRAPH_FORMATS))


def offered_types(offered: tuple[Format, ...]) -> str:
    return ", ".join(f.media_type for f in offered)
