"""Errors users see. Each says where the problem is (file, record, field) and what is wrong."""

from __future__ import annotations

from pathlib import Path


class MsckgError(Exception):
    """Base class: the CLI turns these into one line on stderr and exit code 1."""


class StudyFileError(MsckgError):
    """A curated study file is malformed, mistyped or refers to something that does not exist."""

    def __init__(self, path: Path, study: str | None, field: str, message: str) -> None:
        self.path, self.study, self.field, self.message = path, study, field, message
        where = f"{path}" + (f" (study {study})" if study else "")
        super().__init__(f"{where}: field {field}: {message}")

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        # rebuilt from its fields when it crosses a process boundary (build workers)
        return (type(self), (self.path, self.study, self.field, self.message,))


class QueryError(MsckgError):
    """A named query is unknown, or its parameters are missing or unexpected."""


class GraphFileError(MsckgError):
    """A graph file cannot be read."""
