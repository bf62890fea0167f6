"""A small pool of query worker processes with a hard per-query timeout.

Each worker holds its own store (a graph file loaded in memory, or a store directory opened
read-only). A request borrows an idle worker, sends it a job and waits at most `timeout`
seconds for the reply; a worker that is late is killed (SIGKILL: Oxigraph ignores anything
gentler mid-query) and replaced in the background, and one that died (a crash in the engine)
is replaced the same way. The other workers keep serving meanwhile.

Workers are forked from a forkserver that has already imported pyoxigraph and msckg.store, so
a replacement starts in milliseconds plus the time to open its store, and no worker inherits
the threads of the HTTP server.
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import sys
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from msckg.errors import MsckgError
from msckg.serve.worker import Job, Reply, Source, worker_main

_PRELOAD = ["msckg.serve.worker", "msckg.store"]


class ServeError(MsckgError):
    """The endpoint cannot start: its graph or store does not open in a worker."""


class PoolTimeout(Exception):
    """A query ran past the timeout; its worker was killed."""


class PoolBusy(Exception):
    """No worker became free in time."""


class WorkerDied(Exception):
    """The worker died while running the query (an engine crash)."""


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection


class QueryPool:
    """`size` worker processes answering jobs, each bounded by `timeout` seconds."""

    def __init__(self, source: Source, size: int, timeout: float, start_timeout: float = 300.0) -> None:
        self.source = source
        self.size = size
        self.timeout = timeout
        self.start_timeout = start_timeout
        self.restarts = 0
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = False
        self._lock = threading.Lock()
        self._all: list[_Worker] = []
        self._ctx = mp.get_context("forkserver")
        self._ctx.set_forkserver_preload(_PRELOAD)
        started = [self._spawn() for _ in range(size)]
        try:
            for worker in started:
                self._await_ready(worker)
        except BaseException:
            for worker in started:
                self._kill(worker)
            raise
        for worker in started:
            self._idle.put(worker)

    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe(duplex=True)
        process = self._ctx.Process(target=worker_main, args=(child, self.source), name="msckg-query-worker",
                                    daemon=True)
        process.start()
        child.close()
        worker = _Worker(process, parent)
        with self._lock:
            self._all.append(worker)
        return worker

    def _await_ready(self, worker: _Worker) -> None:
        where = self.source.store or self.source.graph
        if not worker.conn.poll(self.start_timeout):
            self._kill(worker)
            raise ServeError(f"{where}: a query worker did not open it within {self.start_timeout:.0f} s")
        try:
            status, message = worker.conn.recv()
        except (EOFError, OSError):
            self._kill(worker)
            raise ServeError(f"{where}: a query worker died while opening it "
                             f"(exit code {worker.process.exitcode})") from None
        if status != "ready":
            self._kill(worker)
            raise ServeError(message)

    def _kill(self, worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(5)
        worker.conn.close()
        with self._lock:
            if worker in self._all:
                self._all.remove(worker)

    def _replace(self) -> None:
        """Start a worker to stand in for a killed one; retry while the source will not open."""
        delay = 0.5
        while not self._closed:
            worker = self._spawn()
            try:
                self._await_ready(worker)
            except ServeError as exc:
                sys.stderr.write(f"msckg serve: cannot restart a query worker: {exc}\n")
                time.sleep(delay)
                delay = min(delay * 2, 30.0)
                continue
            if self._closed:
                self._kill(worker)
            else:
                self._idle.put(worker)
            return

    def _retire(self, worker: _Worker) -> None:
        self._kill(worker)
        self.restarts += 1
        threading.Thread(target=self._replace, name="msckg-worker-restart", daemon=True).start()

    def run(self, job: Job, wait: float) -> Reply:
        """The worker's reply to `job`; raises PoolBusy, PoolTimeout or WorkerDied."""
        deadline = time.monotonic() + wait
        while True:
            try:
                worker = self._idle.get(timeout=max(deadline - time.monotonic(), 0.0))
            except queue.Empty:
                raise PoolBusy from None
            if worker.process.is_alive():
                break
            self._retire(worker)  # died while idle (killed from outside): not this query's fault
        try:
            worker.conn.send(job)
            if not worker.conn.poll(self.timeout):
                self._retire(worker)
                raise PoolTimeout
            reply: Reply = worker.conn.recv()
        except (EOFError, OSError):
            worker.process.join(1)
            code = worker.process.exitcode
            self._retire(worker)
            raise WorkerDied(code) from None
        self._idle.put(worker)
        return reply

    def alive(self) -> int:
        with self._lock:
            return sum(1 for w in self._all if w.process.is_alive())

    def pids(self) -> list[int]:
        """Process ids of the current workers (for monitoring, and tests that kill one)."""
        with self._lock:
            return [w.process.pid for w in self._all if w.process.pid is not None]

    def close(self) -> None:
        """Stop every worker: politely first, then by force."""
        self._closed = True
        with self._lock:
            workers = list(self._all)
        for worker in workers:
            try:
                worker.conn.send(None)
            except OSError:
                pass
        for worker in workers:
            worker.process.join(2)
            self._kill(worker)
