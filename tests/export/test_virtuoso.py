"""Against a real Virtuoso started here: `msckg load` and the bulk bundle give the local answers.

The seed build goes in by both routes (Graph Store Protocol via `msckg load --endpoint`, and the
`virtuoso-bulk` bundle via isql-vt), then every named query runs on Virtuoso's /sparql, whose
default graph is the union of all graphs, and must answer what Oxigraph answers locally.
"""

from __future__ import annotations

import gzip
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests

from msckg.export import export
from msckg.export.sparql_load import GraphStore, LoadError, load_graph_store
from msckg.export.virtuoso_bulk import VirtuosoBulkWriter
from msckg.queries import list_queries
from msckg.store import bind_parameters, load_graph, parameter_terms, run_named
from tests.conftest import NAMED_QUERY_PARAMS as PARAMS
from tests.export.msckg_cli import msckg
from tests.export.result_compare import differences
from tests.export.virtuoso_server import Virtuoso, run_virtuoso

pytestmark = pytest.mark.filterwarnings("ignore:.*is deprecated, use Dataset:DeprecationWarning")


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    yield from run_virtuoso(tmp_path_factory.mktemp("virtuoso"))


@pytest.fixture(scope="module")
def source(built: Path) -> Path:
    return built / "kg.nq"


def graph_counts(path: Path) -> Counter[str]:
    return Counter(q.graph_name.value for q in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))


def remote_counts(server: Virtuoso, graphs: set[str]) -> Counter[str]:
    rows = server.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return Counter({r["g"]["value"]: int(r["n"]["value"]) for r in rows if r["g"]["value"] in graphs})


def compare_named_queries(server: Virtuoso, source: Path) -> int:
    """Run every named query both ways; fail listing every difference. Returns the rows compared."""
    store = load_graph(source)
    problems: list[str] = []
    rows = 0
    queries = list_queries()
    for query in queries:
        params = PARAMS.get(query.name, {})
        local = run_named(query, store, params)
        bindings = server.select(bind_parameters(query.text, parameter_terms(query, params)))
        problems += differences(query, local, bindings)
        rows += len(local.rows)
    assert not problems, "\n".join(problems)
    assert len(queries) >= 8 and rows > 20
    return rows


def test_load_command_then_named_queries_match_local(virtuoso: Virtuoso, source: Path) -> None:
    run = msckg("load", "--graph", str(source), "--endpoint", virtuoso.gsp_url, "--user", "dba", "--password", "dba")
    assert run.returncode == 0, run.stderr
    expected = graph_counts(source)
    assert f"loaded {sum(expected.values())} triple(s) into {len(expected)} graph(s)" in run.stderr
    assert remote_counts(virtuoso, set(expected)) == expected
    compare_named_queries(virtuoso, source)


def test_bulk_bundle_loads_with_isql_and_answers_the_same(virtuoso: Virtuoso, source: Path) -> None:
    bundle = virtuoso.bundles / "kg"
    report = export("virtuoso-bulk", source, bundle)
    expected = graph_counts(source)
    assert report.statements == sum(expected.values()) and report.graphs == len(expected)
    listed = (bundle / "graphs.tsv").read_text(encoding="utf-8").splitlines()[1:]
    assert Counter({g: int(n) for g, n in (line.split("\t") for line in listed)}) == expected
    # load twice: the script clears its graphs first, so the counts must not double
    for _ in range(2):
        virtuoso.isql(bundle / "load.sql")
        assert remote_counts(virtuoso, set(expected)) == expected
    compare_named_queries(virtuoso, source)


def test_bulk_bundle_shards_are_bounded_and_keep_blank_nodes_together(source: Path, tmp_path: Path) -> None:
    VirtuosoBulkWriter(shard_bytes=100_000).write(source, tmp_path / "bundle")
    shards = sorted((tmp_path / "bundle").glob("kg-*.nq.gz"))
    assert len(shards) >= 5
    texts = {path.name: gzip.decompress(path.read_bytes()) for path in shards}
    quads = {name: list(ox.parse(text, ox.RdfFormat.N_QUADS)) for name, text in texts.items()}
    with_blank = {name for name, qs in quads.items()
                  if any(isinstance(t, ox.BlankNode) for q in qs for t in (q.subject, q.object))}
    assert with_blank == {"kg-00000.nq.gz"}
    assert all(len(texts[p.name]) <= 100_000 for p in shards[1:])
    assert sum(len(qs) for qs in quads.values()) == sum(graph_counts(source).values())


def test_load_into_one_graph_in_chunks_keeps_blank_nodes(virtuoso: Virtuoso, source: Path) -> None:
    into = "urn:msckg:test:merged"
    target = GraphStore(virtuoso.gsp_url, user="dba", password="dba", chunk_triples=250)
    triples = {q.triple for q in ox.parse(path=str(source), format=ox.RdfFormat.N_QUADS)}
    blanks = {t.value for q in triples for t in (q.subject, q.object) if isinstance(t, ox.BlankNode)}
    sent: list[tuple[int, int]] = []
    try:
        report = load_graph_store(source, target, into=into, progress=lambda done, total: sent.append((done, total)))
        assert report.graphs == 1 and report.triples == len(triples) and report.requests > len(triples) // 250
        # one progress report per request, triples sent so far against the file's statements
        assert len(sent) == report.requests and [d for d, _ in sent] == sorted(d for d, _ in sent)
        assert sent[-1] == (len(triples), sum(graph_counts(source).values()))
        rows = virtuoso.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{into}> {{ ?s ?p ?o }} }}")
        assert int(rows[0]["n"]["value"]) == len(triples)
        # a blank node split over two requests would become two nodes
        rows = virtuoso.select(f"SELECT (COUNT(DISTINCT ?b) AS ?n) WHERE {{ GRAPH <{into}> {{ "
                               "{ ?b ?p ?o } UNION { ?s ?p ?b } FILTER(isBlank(?b)) } }")
        assert int(rows[0]["n"]["value"]) == len(blanks) > 0
    finally:
        requests.delete(virtuoso.gsp_url, params={"graph": into}, timeout=60,
                        auth=requests.auth.HTTPDigestAuth("dba", "dba"))
    rows = virtuoso.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{into}> {{ ?s ?p ?o }} }}")
    assert int(rows[0]["n"]["value"]) == 0


def test_wrong_password_is_a_clear_error(virtuoso: Virtuoso, source: Path) -> None:
    run = msckg("load", "--graph", str(source), "--endpoint", virtuoso.gsp_url, "--user", "dba", "--password", "nope")
    assert run.returncode == 1
    assert "HTTP 401" in run.stderr and "sparql-graph-crud-auth" in run.stderr
    with pytest.raises(LoadError, match="cannot connect"):
        load_graph_store(source, GraphStore("http://127.0.0.1:9/none", user="u", password="p", auth="basic"))
