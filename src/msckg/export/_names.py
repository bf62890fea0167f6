"""How predicates become property names and relationship types (see docs/property-graph.md).

Local names, except the aliases in property-graph-names.tsv; a name two predicates share is
prefixed for all but the msckg one; a relationship type that equals a label up to case gets HAS_.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections import defaultdict
from functools import cache

from msckg.errors import MsckgError
from msckg.namespaces import MSCKG, bind_prefixes
from msckg.resources import export_file

MSCKG_NS = str(MSCKG)


class PropertyGraphError(MsckgError):
    """The graph cannot be mapped to a property graph (a name clash the rules cannot resolve)."""


@cache
def _aliases() -> dict[str, tuple[str | None, str | None]]:
    """predicate IRI -> (property name, relationship type) from property-graph-names.tsv."""
    out: dict[str, tuple[str | None, str | None]] = {}
    lines = [line for line in export_file("property-graph-names.tsv").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t"):
        prop, rel = row["property"], row["relationship"]
        out[row["predicate"]] = (None if prop == "-" else prop, None if rel == "-" else rel)
    return out


def local_name(iri: str) -> str:
    """The part of an IRI after its last `#` or `/`, made a valid identifier."""
    tail = re.split(r"[#/]", iri.rstrip("/#"))[-1]
    name = re.sub(r"[^A-Za-z0-9_]", "_", tail) or "property"
    return name if name[0].isalpha() else "p_" + name


def property_name(predicate: str) -> str:
    """The property a predicate becomes: its alias, else its local name (`sampleSize`)."""
    alias = _aliases().get(predicate, (None, None))[0]
    return alias or local_name(predicate)


def relationship_type(predicate: str) -> str:
    """The relationship type a predicate becomes: its alias, else UPPER_SNAKE (`HAS_ARM`)."""
    alias = _aliases().get(predicate, (None, None))[1]
    if alias:
        return alias
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", local_name(predicate))
    return snake.upper()


@cache
def _namespaces() -> object:
    from rdflib import Graph

    graph = Graph()
    bind_prefixes(graph)
    return graph.namespace_manager


def compact_iri(iri: str) -> str:
    """`msckg:hasArm`, `dcterms:title`: the prefixes of msckg's own Turtle, else the IRI itself."""
    from rdflib import URIRef

    compact = _namespaces().normalizeUri(URIRef(iri))  # type: ignore[attr-defined]
    return iri if compact.startswith("<") else compact


def _prefixed(predicate: str, name: str) -> str:
    """`dcterms_title` for a name two predicates share (the msckg one keeps the bare name)."""
    compact = compact_iri(predicate)
    if compact != predicate:
        prefix = compact.split(":", 1)[0]
    else:  # no known prefix: a short, stable digest of the namespace keeps names apart
        prefix = "ns" + hashlib.sha1(predicate[: -len(local_name(predicate))].encode()).hexdigest()[:6]
    return re.sub(r"[^A-Za-z0-9_]", "_", f"{prefix}_{name}")


def unique_names(predicates: set[str], upper: bool) -> dict[str, str]:
    """Name every predicate; when names clash, all but the msckg predicate get a prefix."""
    base = {p: (relationship_type(p) if upper else property_name(p)) for p in predicates}
    by_name: dict[str, list[str]] = defaultdict(list)
    for predicate, name in base.items():
        by_name[name].append(predicate)
    out: dict[str, str] = {}
    for name, owners in by_name.items():
        for predicate in owners:
            keep = len(owners) == 1 or predicate.startswith(MSCKG_NS)
            new = name if keep else _prefixed(predicate, name)
            out[predicate] = new.upper() if upper else new
    if len(set(out.values())) != len(out):
        clash = sorted(p for p in out if list(out.values()).count(out[p]) > 1)
        raise PropertyGraphError(f"predicates {', '.join(clash)} map to the same name; add them to "
                                 "property-graph-names.tsv")
    return out


def distinct_from_labels(rel_names: dict[str, str], labels: set[str]) -> dict[str, str]:
    """`HAS_ROUTE`, not `ROUTE`, beside the label `Route`.

    Ladybug (like Kùzu) keeps node and rel tables in one case-insensitive catalog, and a type
    that only differs from a label by case reads badly in Neo4j too.
    """
    folded = {label.casefold() for label in labels}
    out = {p: (f"HAS_{name}" if name.casefold() in folded else name) for p, name in rel_names.items()}
    taken = [name.casefold() for name in out.values()] + list(folded)
    if len(taken) != len(set(taken)):
        raise PropertyGraphError("relationship types clash with each other or with labels: "
                                 + ", ".join(sorted(n for n in out.values() if taken.count(n.casefold()) > 1)))
    return out
