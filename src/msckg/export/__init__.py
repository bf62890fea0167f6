"""Exports of a built graph: one registry of writers behind one `msckg export FORMAT` command.

Every output format is a `Writer` registered under its name in `WRITERS`. The CLI's list of
formats is that dict's keys, so adding a format means adding a module to this package whose import
calls `register(...)`; nothing else (CLI, docs table) has to be touched. Every public module of the
package is imported when the package is, so keep heavy imports (networkx, requests, ...) inside
`write` to keep `msckg --help` fast.
"""

from __future__ import annotations

import importlib
import pkgutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, runtime_checkable

from msckg.errors import MsckgError
from msckg.progress import Progress


class ExportError(MsckgError):
    """An export cannot be written (unknown format, unreadable graph, bad output path)."""


@dataclass
class ExportReport:
    """What a writer wrote; the CLI prints it, a notebook can read it."""

    format: str
    outputs: list[Path]
    statements: int  # quads for formats with named graphs, distinct triples for merged ones
    graphs: int  # named graphs kept in the output (0 when they were merged)
    warnings: list[str] = field(default_factory=list)  # printed on stderr by the CLI
    seconds: float = 0.0  # filled in by `export`


@runtime_checkable
class Writer(Protocol):
    """One output format: reads a built graph file (normally sorted N-Quads) and writes `out`.

    `out` is a file or a directory, as the format needs. A writer must write atomically (a temp
    file beside the target, then rename) and deterministically (same input, same bytes).
    """

    name: str  # the FORMAT argument of `msckg export`
    description: str  # one line, shown by `msckg export --help`

    def write(self, graph: Path, out: Path, progress: Progress | None = None) -> ExportReport:
        """`progress(done, total)`, if given, is called as the graph file is read (quads)."""
        ...


WRITERS: dict[str, Writer] = {}


def register(writer: Writer) -> Writer:
    """Add a writer to the registry (at import time of its module); names are unique."""
    if writer.name in WRITERS:
        raise ValueError(f"export format {writer.name!r} is registered twice")
    WRITERS[writer.name] = writer
    return writer


def export(fmt: str, graph: Path, out: Path, progress: Progress | None = None) -> ExportReport:
    """Write `graph` as `fmt` to `out`: the library call behind `msckg export`.

    `progress(quads read, quads to read)` is called now and then (see `Writer.write`)."""
    try:
        writer = WRITERS[fmt]
    except KeyError:
        raise ExportError(f"unknown export format {fmt!r}; known: {', '.join(sorted(WRITERS))}") from None
    if not graph.is_file():
        raise ExportError(f"{graph}: no such graph file (run `msckg build` first, or pass --graph)")
    started = time.perf_counter()
    report = writer.write(graph, out, progress)
    report.seconds = time.perf_counter() - started
    return report


def _import_writer_modules() -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}")


_import_writer_modules()

# The notebook door to the property graph: msckg.export.to_networkx("build/kg.nq") -> MultiDiGraph.
from msckg.export.networkx_export import to_networkx as to_networkx
