"""A built graph read one subject at a time, in sorted subject order, with bounded memory.

The property-graph exports turn each RDF subject into one node, so they need all quads of a
subject together, and in a fixed order so the outputs are the same bytes every time. In N-Quads
whose lines are sorted, a subject's quads are adjacent (the subject is the first token of its
lines), so such a file is streamed straight from disk with pyoxigraph's parser. Anything else
(`kg.nq` as the build writes it, grouped by named graph; Turtle; TriG) is first copied as
canonical N-Quads lines into a sorted temporary file by an external merge sort: sorted runs of at
most `RUN_BYTES`, merged with `heapq.merge`. Memory stays bounded either way, and literals keep
their exact lexical form ("0.030" stays "0.030"; an Oxigraph store would canonicalise it).
"""

from __future__ import annotations

import heapq
import itertools
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pyoxigraph as ox

from msckg.progress import EVERY, Progress, statement_lines
from msckg.store import StoreError, rdf_format

Subject = ox.NamedNode | ox.BlankNode
Group = tuple[Subject, list[ox.Quad]]

RUN_BYTES = 8 * 1024 * 1024  # text per sorted run of the external sort (~7 runs for the registry build)


class Unsorted(Exception):
    """The subjects of a file that looked sorted are not in sorted order after all."""


def subject_key(subject: object) -> str:
    """The sort key of a subject: its N-Triples form, as it starts a sorted N-Quads line."""
    return str(subject)


def lines_sorted(path: Path) -> bool:
    """Whether a line-based RDF file's statement lines are in sorted order (one cheap read)."""
    previous = b""
    with path.open("rb") as handle:
        for line in handle:
            line = line.rstrip(b"\r\n")
            if not line or line.startswith(b"#"):
                continue
            if line < previous:
                return False
            previous = line
    return True


class SubjectGroups:
    """Re-iterable groups of (subject, quads); each iteration is one streamed pass over the graph."""

    def __init__(self, path: Path, progress: Progress | None = None, passes: int = 1) -> None:
        """`progress(quads read, quads to read)` counts every pass: the `passes` iterations the
        caller means to make, plus one when a sorted copy has to be made first."""
        if not path.is_file():
            raise StoreError(f"{path}: no such graph file (run `msckg build` first, or pass --graph)")
        self.path = path
        self.format = rdf_format(path)
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._source: Path | None = None
        self.sorted_copy = False  # True once the graph is read from a sorted temporary copy
        self.progress = progress
        self._reads = passes  # reads of the whole graph expected
        self._read = 0  # quads parsed so far, over every read
        self._statements = statement_lines(path) if progress is not None else 0  # 0: not known yet

    def use_sorted_copy(self) -> None:
        """Read from a sorted copy from now on (the file's own order cannot be streamed)."""
        if not self.sorted_copy:
            self._reads += 1
            self._source = self._sort()
            self.sorted_copy = True

    def __iter__(self) -> Iterator[Group]:
        if self._source is None:
            line_based = self.format in (ox.RdfFormat.N_QUADS, ox.RdfFormat.N_TRIPLES)
            if line_based and lines_sorted(self.path):
                self._source = self.path
            else:
                self.use_sorted_copy()
        return self._stream(self._source)  # type: ignore[arg-type]

    def _stream(self, source: Path) -> Iterator[Group]:
        fmt = self.format if source == self.path else ox.RdfFormat.N_QUADS
        previous = ""
        for subject, quads in itertools.groupby(self._parse(source, fmt), key=lambda q: q.subject):
            key = subject_key(subject)
            if key <= previous:
                raise Unsorted(f"{self.path}: subject {key} is out of sorted order")
            previous = key
            yield subject, list(quads)

    def _parse(self, source: Path, fmt: ox.RdfFormat) -> Iterator[ox.Quad]:
        try:
            if self.progress is None:
                yield from ox.parse(path=str(source), format=fmt)
                return
            start = self._read
            for quad in ox.parse(path=str(source), format=fmt):
                self._read += 1
                if self._read % EVERY == 0:
                    self._report()
                yield quad
            self._statements = self._statements or self._read - start
            self._report()
        except (SyntaxError, ValueError, OSError) as exc:
            raise StoreError(f"{self.path}: cannot be read as {self.format.name}: {exc}") from exc

    def _report(self) -> None:
        if self.progress is not None:
            self.progress(self._read, max(self._statements * self._reads, self._read))

    def _sort(self) -> Path:
        """The graph as sorted canonical N-Quads lines in a temporary file (external merge sort)."""
        self._tmp = tempfile.TemporaryDirectory(prefix="msckg-sorted-")
        folder = Path(self._tmp.name)
        runs: list[Path] = []
        batch: list[str] = []
        size = 0

        def flush() -> None:
            run = folder / f"run{len(runs)}.nq"
            batch.sort()
            with run.open("w", encoding="utf-8") as handle:
                handle.writelines(batch)
            runs.append(run)
            batch.clear()

        for quad in self._parse(self.path, self.format):
            line = f"{quad} .\n"
            batch.append(line)
            size += len(line)
            if size >= RUN_BYTES:
                flush()
                size = 0
        if batch or not runs:
            flush()
        merged = folder / "sorted.nq"
        with ExitStack() as stack, merged.open("w", encoding="utf-8") as out:
            handles = [stack.enter_context(run.open(encoding="utf-8")) for run in runs]
            out.writelines(heapq.merge(*handles))
        for run in runs:
            run.unlink()
        return merged
