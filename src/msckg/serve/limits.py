"""The limits that make the endpoint safe to leave running, in one place.

Every limit has a CLI flag (`msckg serve --timeout/--max-rows/--max-body/--workers`) except the
nesting depth, which guards the query parser itself: Oxigraph parses recursively and a few
thousand nested groups overflow its stack, killing the process that parses them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """How much one request may ask of the server."""

    timeout: float = 10.0
    """Seconds a query may run (parse, evaluate, serialise) before its worker is killed."""
    max_rows: int = 10_000
    """Result rows (SELECT) or triples (CONSTRUCT/DESCRIBE) returned; more are cut off."""
    max_body: int = 1_048_576
    """Bytes of request body accepted; larger bodies get 413."""
    max_depth: int = 128
    """Nesting depth of brackets ({ ( [) in a query; deeper queries get 400 before parsing."""
    workers: int = 2
    """Query worker processes; each holds its own copy (or read-only handle) of the store."""
    queue_wait: float = 15.0
    """Seconds a request waits for a free worker before 503."""

    def __post_init__(self) -> None:
        if self.timeout <= 0:
            raise ValueError(f"timeout must be positive, got {self.timeout}")
        for name in ("max_rows", "max_body", "max_depth", "workers"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, got {getattr(self, name)}")
