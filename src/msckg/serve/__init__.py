"""`msckg serve`: a read-only SPARQL 1.1 endpoint and a query page, safe to leave running.

Queries run in worker processes that the server kills past `--timeout`; SPARQL Update and
SERVICE are refused before any engine sees the text; results are capped at `--max-rows` and
request bodies at `--max-body`. See docs/serve.md.

From a notebook:

    from msckg.serve import ServeOptions, Source, serve
    serve(ServeOptions(Source(graph=Path("build/kg.nq")), port=7878))
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable

from msckg.serve.app import (
    EndpointServer,
    ServeOptions,
    check_source,
    close_server,
    make_server,
)
from msckg.serve.limits import Limits
from msckg.serve.pool import ServeError
from msckg.serve.worker import Source

__all__ = ["EndpointServer", "Limits", "ServeError", "ServeOptions", "Source", "serve"]


def serve(options: ServeOptions, ready: Callable[[EndpointServer], None] | None = None) -> None:
    """Run the endpoint until interrupted (Ctrl-C, or SIGTERM when run in the main thread)."""
    check_source(options.source)
    server = make_server(options)

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, stop)
    try:
        if ready is not None:
            ready(server)
        server.serve_forever(poll_interval=0.5)
    except KeyboardInterrupt:
        pass
    finally:
        close_server(server)
