"""A Virtuoso bulk-load bundle: gzipped N-Quads shards, a loader script for isql, a README.

For large loads Virtuoso's RDF bulk loader (`ld_dir`, `rdf_loader_run`, `checkpoint`) is several
times faster than HTTP and can run one loader per core. The loader takes files from a directory
named in `DirsAllowed`; each file is parsed on its own, so blank-node labels are scoped to a file:
every quad that mentions a blank node goes to the first shard, the others are cut into shards of
bounded size in file order. The graph name of each N-Quads line says where the quad goes.

The loader script and README are package templates (export/virtuoso-*.tmpl); the bundle is
written beside its target and swapped in, and gzip headers carry no timestamp, so the same
graph gives the same bytes.
"""

from __future__ import annotations

import gzip
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from string import Template
from typing import BinaryIO

import pyoxigraph as ox

from msckg.export import ExportError, ExportReport, register
from msckg.export.files import atomic_directory
from msckg.export.quads import read_quads
from msckg.progress import Progress
from msckg.resources import export_file

FALLBACK_GRAPH = "https://w3id.org/msckg/graph/default"  # ld_dir needs one; N-Quads lines name theirs


def _has_blank(quad: ox.Quad) -> bool:
    return any(isinstance(t, ox.BlankNode) for t in (quad.subject, quad.object, quad.graph_name))


class _Shards:
    """Writes numbered gzip shards, starting a new one when the current one is full."""

    def __init__(self, directory: Path, limit: int) -> None:
        self.directory, self.limit = directory, limit
        self.names: list[str] = []
        self._raw: BinaryIO | None = None
        self._zip: gzip.GzipFile | None = None
        self._size = 0

    def open(self, name: str) -> None:
        self.close()
        self._raw = (self.directory / name).open("wb")
        self._zip = gzip.GzipFile(filename="", mode="wb", fileobj=self._raw, mtime=0)
        self._size = 0
        self.names.append(name)

    def write(self, line: bytes) -> None:
        if self._zip is None or (self._size and self._size + len(line) > self.limit):
            self.open(f"kg-{len(self.names):05d}.nq.gz")  # names[0] is the blank-node shard
        assert self._zip is not None
        self._zip.write(line)
        self._size += len(line)

    def close(self) -> None:
        if self._zip is not None and self._raw is not None:
            self._zip.close()
            self._raw.close()
        self._zip = self._raw = None


def _sql_string(text: str) -> str:
    return text.replace("'", "''")


@dataclass(frozen=True)
class VirtuosoBulkWriter:
    """`out` is the bundle directory; shards hold at most `shard_bytes` of uncompressed N-Quads."""

    name: str = "virtuoso-bulk"
    description: str = "Virtuoso bulk-load bundle: gzipped N-Quads shards, load.sql for isql-vt, README"
    shard_bytes: int = 64 * 2**20

    def write(self, graph: Path, out: Path, progress: Progress | None = None) -> ExportReport:
        if self.shard_bytes < 1:
            raise ExportError("virtuoso-bulk: shard size must be positive")
        if out.exists() and not out.is_dir():
            raise ExportError(f"{out}: virtuoso-bulk writes a directory, and this is a file")
        final = out.resolve()
        counts: Counter[str] = Counter()
        blank: list[bytes] = []
        with atomic_directory(out) as staging:
            shards = _Shards(staging, self.shard_bytes)
            shards.names.append("kg-00000.nq.gz")  # reserved for the blank-node quads
            for quad in read_quads(graph, progress):
                if isinstance(quad.graph_name, ox.DefaultGraph):
                    raise ExportError(f"{graph}: quad outside any named graph ({quad}); "
                                      "virtuoso-bulk expects a built graph, where every quad has one")
                counts[quad.graph_name.value] += 1
                line = f"{quad} .\n".encode()
                if _has_blank(quad):
                    blank.append(line)
                else:
                    shards.write(line)
            shards.close()
            if blank:
                with (staging / "kg-00000.nq.gz").open("wb") as raw, \
                        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as zipped:
                    zipped.writelines(blank)
            else:
                shards.names.remove("kg-00000.nq.gz")
            self._write_texts(staging, final, graph, counts, len(shards.names))
        total = sum(counts.values())
        return ExportReport(self.name, [out], total, len(counts))

    def _write_texts(self, staging: Path, final: Path, source: Path, counts: Counter[str], shards: int) -> None:
        rows = "".join(f"{g}\t{n}\n" for g, n in sorted(counts.items()))
        (staging / "graphs.tsv").write_text("graph\tquads\n" + rows, encoding="utf-8")
        values = {
            "quads": sum(counts.values()), "graphs": len(counts), "shards": shards,
            "directory": _sql_string(str(final)), "sql_path": str(final / "load.sql"),
            "fallback_graph": FALLBACK_GRAPH, "source": source.name,
            "shard_mib": f"{self.shard_bytes / 2**20:g}",
            "clear_graphs": "".join(f"SPARQL CLEAR GRAPH <{g}>;\n" for g in sorted(counts)).rstrip("\n"),
        }
        for template, name in (("virtuoso-load.sql.tmpl", "load.sql"), ("virtuoso-README.md.tmpl", "README.md")):
            text = Template(export_file(template).read_text(encoding="utf-8")).substitute(values)
            (staging / name).write_text(text, encoding="utf-8")


register(VirtuosoBulkWriter())
