"""Progress callbacks: how long-running library work tells its caller how far along it is.

A callback `progress(done, total)` is called now and then with counts of the work's own unit
(records, quads, bytes, graphs); `total` is 0 while it is not known yet. Every library function
that takes one works the same without it (`progress=None`), so a notebook need not care; the CLI
passes one that draws a rich progress bar on a terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, TypeVar

Progress = Callable[[int, int], None]
T = TypeVar("T")

EVERY = 10_000  # items between two reports: ~25 reports for a 250k-quad registry build


def statement_lines(path: Path) -> int:
    """The number of lines of an N-Quads or N-Triples file: one per statement in a built graph.

    Counting newlines of a 55 MB file takes ~30 ms, cheap enough to give a progress bar its
    total; for other syntaxes the total is unknown and this returns 0.
    """
    if path.suffix.lower() not in (".nq", ".nt") or not path.is_file():
        return 0
    lines = 0
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            lines += block.count(b"\n")
    return lines


def reporting(items: Iterable[T], progress: Progress | None, total: int = 0, every: int = EVERY,
              start: int = 0) -> Iterator[T]:
    """`items` unchanged, calling `progress(start + n, total)` every `every` items and at the end.

    `total` is raised to the count reached if the estimate was too low (or unknown).
    """
    if progress is None:
        yield from items
        return
    done = start
    for done, item in enumerate(items, start + 1):
        yield item
        if done % every == 0:
            progress(done, max(total, done))
    progress(done, max(total, done))


class ReadCounter:
    """A binary file's `read`, passed through, reporting bytes read so far against the file size.

    For parsers (pyoxigraph's bulk loader) that read a file-like object in small pieces and give
    no progress of their own; a report is made at most every `every` bytes.
    """

    def __init__(self, handle: BinaryIO, total: int, progress: Progress, every: int = 1 << 20) -> None:
        self.handle, self.total, self.progress, self.every = handle, total, progress, every
        self.done = self._reported = 0

    def read(self, size: int = -1) -> bytes:
        block: bytes = self.handle.read(size)
        self.done += len(block)
        if self.done - self._reported >= self.every or not block:
            self._reported = self.done
            self.progress(self.done, max(self.total, self.done))
        return block
