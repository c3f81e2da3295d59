"""A scripted HTTP server on 127.0.0.1 for tests, plus a fake clock for timing without waiting.

Usage::

    with FakeServer() as srv:
        srv.route("/robots.txt", Reply(404))
        srv.route("/news/1", Reply(503), Reply(200, "<p>ok</p>"))   # 503 once, then 200 for ever
        srv.route("/feed", lambda req: Reply(304) if req.headers.get("If-None-Match") == '"v1"'
                                       else Reply(200, "...", {"ETag": '"v1"'}))
        requests.get(srv.url("/news/1"))
        assert srv.hits("/news/1") == 1 and srv.log[-1].headers["User-Agent"]

Routes match the exact request target ("/path?query") first, then the bare path. Replies given to one
route are served in order and the last one repeats. Unrouted targets get a 404.
"""

from __future__ import annotations

import ssl
import sys
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Reply:
    """One scripted response."""

    status: int = 200
    body: bytes | str = b""
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering (for read-timeout tests)
    drop: bool = False  # close the connection without answering
    drip: float = 0.0  # send the body one byte at a time, this many seconds apart (a slow-drip server)
    # Announce this length instead: a longer one makes a truncated body; -1 sends none (ended by closing).
    content_length: int | None = None

    def payload(self) -> bytes:
        """Return the body as bytes (str bodies are sent as utf-8)."""
        return self.body.encode("utf-8") if isinstance(self.body, str) else self.body


@dataclass(frozen=True)
class Request:
    """One request the server received."""

    method: str
    target: str  # "/path?query" as sent
    headers: dict[str, str]
    at: float  # time.monotonic() when the request line was read

    @property
    def path(self) -> str:
        """Return the target without its query."""
        return urlsplit(self.target).path


Responder = Reply | Callable[[Request], Reply]


def robots_txt(text: str) -> Reply:
    """A robots.txt reply served as plain text."""
    return Reply(200, text, {"Content-Type": "text/plain"})


class FakeServer:
    """A loopback HTTP/1.1 server that answers from a script and logs every request."""

    def __init__(self, default: Reply | None = None, *, tls: ssl.SSLContext | None = None) -> None:
        self.default = default or Reply(404, "not found")
        self.log: list[Request] = []
        self._routes: dict[str, list[Responder]] = {}
        self._served: dict[str, int] = {}
        self._lock = threading.Lock()
        self._httpd = _QuietServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self._httpd.block_on_close = False
        if tls is not None:  # an https server: its URLs still say http://, name it by `port` instead
            self._httpd.socket = tls.wrap_socket(self._httpd.socket, server_side=True)
        # A short poll interval keeps stop() (which waits for the loop to notice) from costing 0.5 s.
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.02,), daemon=True)

    # -- lifecycle ----------------------------------------------------------------------------
    def start(self) -> FakeServer:
        """Start serving in a background thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and free the port."""
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> FakeServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- script -------------------------------------------------------------------------------
    @property
    def port(self) -> int:
        """Return the port the server listens on."""
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        """Return "http://127.0.0.1:PORT"."""
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, target: str) -> str:
        """Return the absolute URL of a target on this server."""
        return self.base_url + target

    def route(self, target: str, *replies: Responder) -> None:
        """Answer `target` with `replies` in order, repeating the last; replaces an earlier script."""
        if not replies:
            raise ValueError("route() needs at least one reply")
        with self._lock:
            self._routes[target] = list(replies)
            self._served[target] = 0

    # -- log ----------------------------------------------------------------------------------
    def hits(self, target: str) -> int:
        """Count requests for a target (exact "/path?query", or a bare path matching any query)."""
        with self._lock:
            return sum(1 for r in self.log if target in (r.target, r.path))

    def requests_to(self, target: str) -> list[Request]:
        """Return the logged requests for a target, oldest first."""
        with self._lock:
            return [r for r in self.log if target in (r.target, r.path)]

    def _answer(self, request: Request) -> Reply:
        with self._lock:
            self.log.append(request)
            key = request.target if request.target in self._routes else request.path
            script = self._routes.get(key)
            if script is None:
                return self.default
            step = self._served[key]
            self._served[key] = step + 1
            responder = script[min(step, len(script) - 1)]
        return responder(request) if callable(responder) else responder


class _QuietServer(ThreadingHTTPServer):
    """A client hanging up early (a cut-off request, a refused body) is part of the script, not an error."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def _handler_for(server: FakeServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        timeout = 5  # an idle keep-alive connection must not outlive the test
        disable_nagle_algorithm = True  # headers and body go in two writes; Nagle would add ~40 ms

        def do_GET(self) -> None:
            self._serve(with_body=True)

        def do_HEAD(self) -> None:
            self._serve(with_body=False)

        def _serve(self, *, with_body: bool) -> None:
            request = Request(self.command, self.path, dict(self.headers.items()), time.monotonic())
            reply = server._answer(request)
            if reply.delay:
                time.sleep(reply.delay)
            if reply.drop:
                self.close_connection = True
                return
            payload = reply.payload()
            self.send_response(reply.status)
            names = {k.lower() for k in reply.headers}
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if "content-type" not in names and reply.status != 304:
                self.send_header("Content-Type", "text/html; charset=utf-8")
            length = len(payload) if reply.content_length is None else reply.content_length
            if length >= 0:
                self.send_header("Content-Length", str(0 if reply.status == 304 else length))
            self.end_headers()
            if length != len(payload):
                self.close_connection = True  # what was announced will not come: end the connection
            if with_body and reply.status != 304:
                self._send_body(payload, reply.drip)

        def _send_body(self, payload: bytes, drip: float) -> None:
            if not drip:
                self.wfile.write(payload)
                return
            try:
                for i in range(len(payload)):
                    self.wfile.write(payload[i : i + 1])
                    self.wfile.flush()
                    time.sleep(drip)
            except OSError:
                self.close_connection = True  # the client hung up mid-drip

        def log_message(self, format: str, *args: Any) -> None:
            pass  # the request log is server.log; stderr stays quiet

    return Handler


class FakeClock:
    """A monotonic clock that only moves when `sleep` is called; records every sleep."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start
        self.sleeps: list[float] = []
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self.now

    def sleep(self, seconds: float) -> None:
        """Advance the clock instead of waiting."""
        with self._lock:
            self.sleeps.append(seconds)
            self.now += max(0.0, seconds)

    def advance(self, seconds: float) -> None:
        """Let time pass without it counting as a sleep."""
        with self._lock:
            self.now += seconds
