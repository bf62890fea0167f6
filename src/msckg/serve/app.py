"""The HTTP side of `msckg serve`: routes, limits, headers, one log line per request.

    GET  /                  the query page (static files from serve/static/, no CDN)
    GET  /static/NAME       its script and style sheet
    GET  /sparql            a query (SPARQL 1.1 Protocol), or the service description without one
    POST /sparql            a query as application/sparql-query or a form
    GET  /queries           the named queries as JSON (name, answers, params, returns, text)
    GET  /queries/NAME      a named query run with ?param=value

The stdlib's ThreadingHTTPServer is enough here: every request that touches the graph is
handed to a worker process (msckg.serve.pool), so the HTTP threads only parse, check and copy
bytes, and no third-party server needs to be trusted or kept up to date.
"""

from __future__ import annotations

import json
import mimetypes
import socket
import string
import sys
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TextIO
from urllib.parse import unquote, urlsplit

import pyoxigraph as ox

from msckg.errors import QueryError
from msckg.queries import NamedQuery, list_queries
from msckg.resources import serve_file, serve_static_dir
from msckg.serve import protocol
from msckg.serve.guard import Refused, check_query
from msckg.serve.limits import Limits
from msckg.serve.negotiate import GRAPH_FORMATS, Choice, negotiate, offered_types
from msckg.serve.pool import PoolBusy, PoolTimeout, QueryPool, ServeError, WorkerDied
from msckg.serve.worker import Job, Reply, Source, text_reply

PREFIXES: dict[str, str] = {
    "msckg": "https://w3id.org/msckg/ontology/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "prov": "http://www.w3.org/ns/prov#",
    "obo": "http://purl.obolibrary.org/obo/",
    "sd": "http://www.w3.org/ns/sparql-service-description#",
    "formats": "http://www.w3.org/ns/formats/",
}
PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
               "img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SOCKET_TIMEOUT = 30.0
DRAIN_BYTES = 64 * 1024 * 1024
DRAIN_SECONDS = 5.0
MAX_CONNECTIONS = 64
LOG_TARGET_CHARS = 160


@dataclass(frozen=True)
class ServeOptions:
    """Everything `msckg serve` is started with."""

    source: Source
    host: str = "127.0.0.1"
    port: int = 7878
    limits: Limits = field(default_factory=Limits)
    cors: str | None = None
    log: TextIO | None = None


@dataclass(frozen=True)
class Asset:
    body: bytes
    content_type: str


def _static_assets() -> dict[str, Asset]:
    assets: dict[str, Asset] = {}
    for entry in serve_static_dir().iterdir():
        if entry.is_file() and not entry.name.startswith("."):
            kind = mimetypes.guess_type(entry.name)[0] or "application/octet-stream"
            if kind.startswith("text/") or kind in ("application/javascript", "application/json"):
                kind += "; charset=utf-8"
            assets[entry.name] = Asset(entry.read_bytes(), kind)
    return assets


def named_queries_json(queries: list[NamedQuery]) -> bytes:
    listing = [
        {
            "name": q.name,
            "answers": q.answers,
            "params": [{"name": p.name, "type": p.type, "description": p.description} for p in q.params],
            "returns": q.returns,
            "url": f"/queries/{q.name}",
            "text": q.text,
        }
        for q in queries
    ]
    return (json.dumps(listing, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


class EndpointServer(ThreadingHTTPServer):
    """A threading HTTP server that owns the worker pool and the static assets."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, options: ServeOptions, pool: QueryPool) -> None:
        self.options = options
        self.limits = options.limits
        self.pool = pool
        self.assets = _static_assets()
        self.queries = {q.name: q for q in list_queries()}
        self.queries_json = named_queries_json(list(self.queries.values()))
        self.sd_template = string.Template(serve_file("service-description.ttl").read_text(encoding="utf-8"))
        self.log = options.log or sys.stderr
        self._log_lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        if ":" in options.host:
            self.address_family = socket.AF_INET6
        super().__init__((options.host, options.port), Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        shown = f"[{host}]" if ":" in str(host) else host
        return f"http://{shown}:{port}"

    def process_request(self, request: Any, client_address: Any) -> None:
        """Refuse connections beyond MAX_CONNECTIONS instead of starting ever more threads."""
        if not self._slots.acquire(blocking=False):
            try:
                request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n"
                                b"Retry-After: 1\r\nConnection: close\r\n\r\n")
            except OSError:
                pass
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def write_log(self, line: str) -> None:
        with self._log_lock:
            self.log.write(line + "\n")
            self.log.flush()


class Handler(BaseHTTPRequestHandler):
    """One connection; requests on it are handled in turn (HTTP/1.1 keep-alive)."""

    server: EndpointServer
    protocol_version = "HTTP/1.1"
    server_version = "msckg-serve"
    timeout = SOCKET_TIMEOUT
    disable_nagle_algorithm = True  # headers and body go out as two writes; no 40 ms delayed-ACK stalls

    # ---------------------------------------------------------------- logging
    def handle_one_request(self) -> None:
        self._started = time.perf_counter()
        self._status: int | None = None
        self._sent = 0
        self._note = ""
        self.requestline = ""
        super().handle_one_request()
        if self._status is not None:
            self._log_done()

    def send_response(self, code: int, message: str | None = None) -> None:
        self._status = code
        super().send_response(code, message)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """Replaced by `_log_done`, which knows the duration."""

    def log_message(self, format: str, *args: Any) -> None:
        """Errors the stdlib answers itself are logged by `_log_done` too."""

    def _log_done(self) -> None:
        ms = (time.perf_counter() - self._started) * 1000
        target = self.requestline or "-"
        if len(target) > LOG_TARGET_CHARS:
            target = target[:LOG_TARGET_CHARS] + "..."
        stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        note = f" {self._note}" if self._note else ""
        self.server.write_log(f"{stamp} {self.client_address[0]} \"{target}\" {self._status} "
                              f"{ms:.1f}ms {self._sent}B{note}")

    # ---------------------------------------------------------------- responses
    def _common_headers(self) -> None:
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        cors = self.server.options.cors
        if cors:
            self.send_header("Access-Control-Allow-Origin", cors)
            self.send_header("Access-Control-Expose-Headers", "X-SPARQL-MaxRows")
            if cors != "*":
                self.send_header("Vary", "Origin")

    def _send(self, status: int, content_type: str, body: bytes,
              headers: tuple[tuple[str, str], ...] = ()) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self._common_headers()
        for name, value in headers:
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True
                return
        self._sent = len(body)

    def _send_reply(self, reply: Reply, extra: tuple[tuple[str, str], ...] = ()) -> None:
        if reply.status >= 400:
            self._note = reply.body.decode("utf-8", "replace").strip().splitlines()[0][:120]
        self._send(reply.status, reply.content_type, reply.body, reply.headers + extra)

    def _send_text(self, status: int, message: str, headers: tuple[tuple[str, str], ...] = ()) -> None:
        reply = text_reply(status, message)
        self._send_reply(Reply(reply.status, reply.content_type, reply.body, headers))

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The stdlib's own errors (bad request line, 414) as plain text, and closing."""
        self.close_connection = True
        if self.request_version == "HTTP/0.9":  # unparsable line: answer with a status line anyway
            self.request_version = "HTTP/1.0"
        self._send_text(code, message or HTTPStatus(code).phrase)

    # ---------------------------------------------------------------- request bodies
    def _content_length(self) -> int:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            self.close_connection = True
            raise Refused(411, "send the body with a Content-Length, not chunked")
        raw = self.headers.get("Content-Length")
        if raw is None:
            self.close_connection = True
            raise Refused(411, "a POST needs a Content-Length header")
        try:
            length = int(raw)
        except ValueError:
            length = -1
        if length < 0:
            self.close_connection = True
            raise Refused(400, f"bad Content-Length {raw!r}")
        return length

    def _too_large(self, length: int) -> Refused:
        self.close_connection = True
        return Refused(413, f"the request body is {length} bytes; the limit is {self.server.limits.max_body} "
                            f"(--max-body)")

    def handle_expect_100(self) -> bool:
        """Answer 413 before the client sends a body that is too large."""
        try:
            length = self._content_length()
            if length > self.server.limits.max_body:
                raise self._too_large(length)
        except Refused as refused:
            self._send_text(refused.status, refused.message)
            return False
        return super().handle_expect_100()

    def _drain(self, length: int) -> None:
        """Read and drop a refused body (bounded), so the client sees the 413, not a reset."""
        deadline = time.monotonic() + DRAIN_SECONDS
        left = min(length, DRAIN_BYTES)
        try:
            self.connection.settimeout(1.0)
            while left > 0 and time.monotonic() < deadline:
                chunk = self.rfile.read1(min(left, 65536))  # type: ignore[attr-defined]
                if not chunk:
                    break
                left -= len(chunk)
        except OSError:
            pass

    def _body(self) -> bytes:
        length = self._content_length()
        if length > self.server.limits.max_body:
            refused = self._too_large(length)
            self._send_text(refused.status, refused.message)
            self._drain(length)
            raise _Answered
        return self.rfile.read(length)

    # ---------------------------------------------------------------- methods
    def do_GET(self) -> None:
        self._dispatch()

    def do_HEAD(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def do_OPTIONS(self) -> None:
        headers = [("Allow", "GET, HEAD, POST, OPTIONS")]
        if self.server.options.cors:
            headers += [("Access-Control-Allow-Methods", "GET, POST, OPTIONS"),
                        ("Access-Control-Allow-Headers", "Accept, Content-Type"),
                        ("Access-Control-Max-Age", "600")]
        self.send_response(204)
        self._common_headers()
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _dispatch(self) -> None:
        url = urlsplit(self.path)
        path = url.path
        try:
            if path == "/sparql":
                self._sparql(url.query)
            elif self.command == "POST":
                self.close_connection = True  # the body is left unread
                raise Refused(405, f"POST goes to /sparql, not {path}")
            elif path in ("/", "/index.html"):
                self._asset("index.html")
            elif path.startswith("/static/"):
                self._asset(unquote(path.removeprefix("/static/")))
            elif path in ("/queries", "/queries/"):
                self._send(200, "application/json; charset=utf-8", self.server.queries_json)
            elif path.startswith("/queries/"):
                self._named(unquote(path.removeprefix("/queries/")), url.query)
            else:
                raise Refused(404, f"no such resource {path}; the SPARQL endpoint is /sparql, the page is /")
        except Refused as refused:
            self._send_text(refused.status, refused.message)
        except _Answered:
            pass
        except Exception as exc:  # noqa: BLE001 - a bug must not drop the connection unanswered
            self.close_connection = True
            self._send_text(500, f"internal error: {type(exc).__name__}: {exc}")

    def _asset(self, name: str) -> None:
        asset = self.server.assets.get(name)
        if asset is None:
            raise Refused(404, f"no such file {name}")
        headers = [("Cache-Control", "no-cache")]
        if asset.content_type.startswith("text/html"):
            headers.append(("Content-Security-Policy", PAGE_POLICY))
        self._send(200, asset.content_type, asset.body, tuple(headers))

    # ---------------------------------------------------------------- SPARQL
    def _sparql(self, url_query: str) -> None:
        if self.command == "POST":
            body = self._body()
            request = protocol.from_post(self.headers.get("Content-Type"), body, url_query)
        else:
            request = protocol.from_get(url_query)
        choice = negotiate(self.headers.get("Accept"))
        if request is None:
            self._service_description(choice)
            return
        self._run(request.query, choice, request.default_graphs, request.named_graphs)

    def _named(self, name: str, url_query: str) -> None:
        from msckg.store import bind_parameters, parameter_terms

        query = self.server.queries.get(name)
        if query is None:
            raise Refused(404, f"unknown query {name!r}; the named queries are listed at /queries: "
                               f"{', '.join(sorted(self.server.queries))}")
        params: dict[str, str] = {}
        for key, values in protocol.parse_fields(url_query).items():
            if len(values) > 1:
                raise Refused(400, f"parameter {key} is given {len(values)} times; give it once")
            params[key] = values[0]
        try:
            text = bind_parameters(query.text, parameter_terms(query, params))
        except QueryError as exc:
            raise Refused(400, str(exc).replace("(give --param ", "(add ?").replace("=VALUE)", "=VALUE to the URL)")) \
                from None
        except ValueError as exc:
            raise Refused(400, f"query {name}: bad parameter value: {exc}") from None
        self._run(text, negotiate(self.headers.get("Accept")), (), ())

    def _run(self, text: str, choice: Choice, default_graphs: tuple[str, ...], named_graphs: tuple[str, ...]) -> None:
        limits = self.server.limits
        check_query(text, limits.max_depth)
        job = Job(text, choice.results.name if choice.results else None,
                  choice.graph.name if choice.graph else None, limits.max_rows,
                  default_graphs, named_graphs, tuple(PREFIXES.items()))
        try:
            reply = self.server.pool.run(job, wait=limits.queue_wait)
        except PoolTimeout:
            raise Refused(503, f"the query ran longer than {limits.timeout:g} s (--timeout) and was stopped") \
                from None
        except PoolBusy:
            self._send_text(503, f"all {limits.workers} query workers stayed busy for {limits.queue_wait:g} s; "
                                 "try again", (("Retry-After", "1"),))
            return
        except WorkerDied as died:
            raise Refused(500, f"the query engine crashed on this query (worker exit code {died.args[0]}); "
                               "the worker was restarted") from None
        if any(name == "X-SPARQL-MaxRows" for name, _ in reply.headers):
            self._note = f"truncated to {limits.max_rows} rows"
        self._send_reply(reply, (("Vary", "Accept"),))

    def _service_description(self, choice: Choice) -> None:
        fmt = choice.graph
        if fmt is None:
            raise Refused(406, f"the service description is sent as {offered_types(GRAPH_FORMATS)}")
        limits = self.server.limits
        text = self.server.sd_template.substitute(timeout=f"{limits.timeout:g}", max_rows=limits.max_rows,
                                                  max_body=limits.max_body)
        triples = ox.parse(text, format=ox.RdfFormat.TURTLE, base_iri=self._endpoint_iri())
        rdf_format = getattr(ox.RdfFormat, fmt.name)
        prefixes = PREFIXES if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
        body = ox.serialize(sorted(triples, key=str), format=rdf_format, prefixes=prefixes) or b""
        self._send(200, fmt.content_type, body, (("Vary", "Accept"),))

    def _endpoint_iri(self) -> str:
        """The endpoint's URL as the client reached it (Host header), else the bound address."""
        host = self.headers.get("Host", "")
        valid = host and all(c.isalnum() or c in ".-:[]" for c in host)
        base = f"http://{host}" if valid else self.server.url
        try:
            return ox.NamedNode(f"{base}/sparql").value
        except ValueError:
            return f"{self.server.url}/sparql"


class _Answered(Exception):
    """The response has been sent already (e.g. a 413 before reading the body)."""


def make_server(options: ServeOptions) -> EndpointServer:
    """Start the workers and bind the socket; the caller runs `serve_forever()` and `close()`."""
    pool = QueryPool(options.source, options.limits.workers, options.limits.timeout)
    try:
        return EndpointServer(options, pool)
    except OSError as exc:
        pool.close()
        raise ServeError(f"cannot listen on {options.host}:{options.port}: {exc}") from exc
    except BaseException:
        pool.close()
        raise


def close_server(server: EndpointServer) -> None:
    server.server_close()
    server.pool.close()


def check_source(source: Source) -> None:
    """Fail early, in the server process, for a missing graph file or store directory."""
    from msckg.store import STORE_MARKER, StoreError, rdf_format

    if source.store is not None:
        if not (source.store / STORE_MARKER).is_file():
            raise StoreError(f"{source.store}: not an msckg store (make one with `msckg load --store DIR`)")
    elif source.graph is None or not source.graph.is_file():
        raise StoreError(f"{source.graph}: no such graph file (run `msckg build` first, or pass --graph)")
    else:
        rdf_format(source.graph)

