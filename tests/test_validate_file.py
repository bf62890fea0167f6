"""`msckg validate FILE` reads N-Quads with pyoxigraph's parser: same triples, same lexical forms."""

from __future__ import annotations

from pathlib import Path

from rdflib import BNode, URIRef

from msckg.validate import read_graph_file, read_graph_file_split, validate_file


def test_fast_reader_gives_the_triples_rdflib_reads(built: Path) -> None:
    vocab, facts = read_graph_file_split(built / "kg.nq")
    ds = read_graph_file(built / "kg.nq")
    ours = {(s, p, o, g) for g, triples in facts.items() for s, p, o in triples}
    ours |= {(s, p, o, None) for s, p, o in vocab}
    theirs = set()
    for s, p, o, g in ds.quads((None, None, None, None)):
        name = g.identifier if hasattr(g, "identifier") else g
        fact = isinstance(name, URIRef) and ("/graph/study/" in str(name) or "/graph/ctgov/" in str(name))
        theirs.add((s, p, o, name if fact else None))
    assert len(ours) == len(theirs)
    named = lambda quads: {q for q in quads if not any(isinstance(t, BNode) for t in q)}
    assert named(ours) == named(theirs)  # blank nodes get fresh labels from each parser
    assert any(str(o) == "0.030" for triples in facts.values() for _s, _p, o in triples)


def test_both_engines_validate_a_file_the_same(built: Path, tmp_path: Path) -> None:
    assert validate_file(built / "kg.nq").conforms
    broken = tmp_path / "broken.nq"
    text = (built / "kg.nq").read_text(encoding="utf-8")
    broken.write_text(text.replace('"7.26"^^', '"-7.26"^^'), encoding="utf-8")
    fast, reference = validate_file(broken), validate_file(broken, engine="pyshacl")
    key = lambda report: {(v.focus, v.path, v.component, v.graph) for v in report.violations}
    assert key(fast) == key(reference) and len(key(fast)) >= 1
