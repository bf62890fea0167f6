"""The build's fast paths give what the slow, general ones give."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.compare import isomorphic

from msckg.builder.build import study_graph, study_triples
from msckg.builder.cache import Entry
from msckg.builder.loader import load_studies
from msckg.builder.pipeline import merged_blocks, triple_lines
from msckg.builder.triples import FactGraph
from msckg.namespaces import MSCKG, RDF
from msckg.resources import bundled_studies_dir
from msckg.shacl_compiled import intern_term


def test_fact_graph_holds_what_a_graph_holds() -> None:
    for _path, study in load_studies(bundled_studies_dir()):
        fast = study_triples(study)
        slow = study_graph(study)
        assert len(fast) == len(slow) > 100
        assert isomorphic(fast.to_graph(), slow)
        assert set(fast.subjects(RDF.type, MSCKG.ClinicalStudy)) == set(slow.subjects(RDF.type, MSCKG.ClinicalStudy))


def test_fact_graph_drops_repeats_and_refuses_holes() -> None:
    g = FactGraph(URIRef("https://example.org/g"))
    s = BNode("x")
    g.add((s, RDF.type, MSCKG.Dose)).add((s, RDF.type, MSCKG.Dose)).add((s, MSCKG.value, Literal("0.030")))
    assert len(g) == 2
    assert list(g.objects(s, MSCKG.value)) == [Literal("0.030")]
    with pytest.raises(ValueError, match="incomplete triple"):
        g.add((s, MSCKG.value, None))  # type: ignore[arg-type]


def test_namespace_terms_are_made_once() -> None:
    assert MSCKG.hasArm is MSCKG.hasArm
    assert MSCKG.hasArm == URIRef("https://w3id.org/msckg/ontology/hasArm") == MSCKG["hasArm"]


def test_interned_terms_are_one_object_per_term() -> None:
    a, b = URIRef("https://example.org/p"), URIRef("https://example.org/p")
    assert a is not b and intern_term(a) is intern_term(b)
    assert intern_term(Literal("p")) is not intern_term(URIRef("p"))  # rdflib: different terms


def test_block_merge_equals_sorting_every_line(tmp_path: Path) -> None:
    """Graphs spread over shards come out in kg.nq order: by graph term, then by line."""
    graphs = {"https://x.org/g/b": ["<s1> <p> \"2\"", "<s2> <p> <o>"], "https://x.org/g/a": ["<s> <p> <o>"],
              "https://x.org/g/ab": ["<s> <p> \"x\""], "https://x.org/g/c": ["_:b0 <p> <o>", "_:b1 <p> <o>"]}
    layout = [["https://x.org/g/a", "https://x.org/g/c"], ["https://x.org/g/ab", "https://x.org/g/b"]]
    shards = []
    for i, names in enumerate(layout):
        path = tmp_path / f"{i}.nq"
        names = sorted(names, key=lambda n: f"<{n}>")
        path.write_text("".join(f"{t} <{n}> .\n" for n in names for t in sorted(graphs[n])), encoding="utf-8")
        shards.append(Entry(path, {n: len(graphs[n]) for n in names}, frozenset(), 0))
    blocks = list(merged_blocks(shards))
    every = [line for s in shards for line in s.path.read_text(encoding="utf-8").splitlines(keepends=True)]
    by_graph_then_line = sorted(every, key=lambda line: (line.rstrip(" .\n").rsplit(" ", 1)[1], line))
    assert [line for _g, lines in blocks for line in lines] == by_graph_then_line
    assert list(triple_lines(*blocks[0])) == ["<s> <p> <o> .\n"]
    with pytest.raises(ValueError, match="two shards"):
        list(merged_blocks([shards[0], shards[0]]))
