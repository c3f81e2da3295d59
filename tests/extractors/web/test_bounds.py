"""Bounds on one response: size after decompression, a wall-clock deadline, complete bodies, interruption."""

from __future__ import annotations

import gzip
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import tracemalloc
import zlib
from collections.abc import Iterator

import pytest

from config import settings
from config.sources import Politeness
from extractors.web.fetch import Fetcher
from tests.httpfake import FakeServer, Reply
from tests.paths import REPO

FAST = Politeness(min_delay=0.0, connect_timeout=2.0, read_timeout=2.0, max_retries=2, pause_on_403=0.0)
PAGE = "<html><body><p>" + "Весь текст релиза. " * 200 + "</p></body></html>"


def polite(**changes: object) -> Politeness:
    """FAST with some fields changed."""
    return Politeness(**{**FAST.__dict__, **changes})  # type: ignore[arg-type]


def gzip_bomb(megabytes: int) -> bytes:
    """Return one gzip member of zeros that inflates to `megabytes` MB (about 1 KB per MB).

    A megabyte of zeros deflated and fully flushed is the same block every time, so the block is made once
    and repeated: the bomb costs milliseconds to build instead of compressing a gigabyte.
    """
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    megabyte = bytes(1024 * 1024)
    block = packer.compress(megabyte) + packer.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(megabyte, crc)
    trailer = struct.pack("<II", crc, (megabytes * len(megabyte)) & 0xFFFFFFFF)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    return header + block * megabytes + packer.flush(zlib.Z_FINISH) + trailer


def wait_for_request(srv: FakeServer, path: str) -> None:
    """Block until the server has received a request for `path` (the test's hang guard, not a timing)."""
    for _ in range(1000):
        if srv.hits(path):
            return
        time.sleep(0.01)
    raise AssertionError(f"no request for {path}")


# -- size ------------------------------------------------------------------------------------------
def test_default_caps_are_the_named_settings() -> None:
    assert Politeness().max_body_bytes == settings.MAX_BODY_BYTES >= 1024 * 1024
    assert Politeness().deadline == settings.REQUEST_DEADLINE_S


def test_the_bomb_is_a_real_gzip_body() -> None:
    assert gzip.decompress(gzip_bomb(3)) == bytes(3 * 1024 * 1024)


def test_gzip_bodies_are_decoded(server: FakeServer, fetcher: Fetcher) -> None:
    body = PAGE.encode()
    server.route("/gz", Reply(200, gzip.compress(body), {"Content-Encoding": "gzip"}))
    server.route("/deflate", Reply(200, zlib.compress(body), {"Content-Encoding": "deflate"}))
    server.route(
        "/two",
        Reply(200, gzip.compress(body[:100]) + gzip.compress(body[100:]), {"Content-Encoding": "gzip"}),
    )
    for path in ("/gz", "/deflate", "/two"):
        r = fetcher.get(server.url(path), FAST, check_robots=False)
        assert (r.outcome, r.body) == ("ok", body), path
    assert server.log[0].headers["Accept-Encoding"] == "gzip, deflate"


def test_a_gzip_bomb_stops_at_the_cap_with_little_memory(server: FakeServer, fetcher: Fetcher) -> None:
    bomb = gzip_bomb(1024)  # 1 GB of zeros in about 1 MB
    assert len(bomb) < 2 * 1024 * 1024
    server.route("/bomb", Reply(200, bomb, {"Content-Encoding": "gzip"}))
    tracemalloc.start()
    try:
        r = fetcher.get(server.url("/bomb"), polite(max_body_bytes=2_000_000), check_robots=False)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (r.outcome, r.body) == ("failed", b"")
    assert "2000000-byte cap" in (r.reason or "") and server.hits("/bomb") == 1  # not asked again
    assert peak < 20 * 1024 * 1024  # a few times the cap, not the gigabyte


def test_a_redirects_body_is_held_to_the_cap_too(server: FakeServer, fetcher: Fetcher) -> None:
    server.route("/moved", Reply(302, gzip_bomb(64), {"Location": "/here", "Content-Encoding": "gzip"}))
    server.route("/old", Reply(301, "Moved to /here", {"Location": "/here"}))
    server.route("/here", Reply(200, "here"))
    r = fetcher.get(server.url("/moved"), polite(max_body_bytes=1_000_000), check_robots=False)
    assert r.outcome == "failed" and "cap" in (r.reason or "") and server.hits("/here") == 0
    ok = fetcher.get(server.url("/old"), FAST, check_robots=False)
    assert (ok.outcome, ok.body, ok.attempts) == ("ok", b"here", 2)


@pytest.mark.parametrize("announced", [True, False], ids=["content-length", "no-length"])
def test_a_body_over_the_cap_fails_and_is_not_kept(
    server: FakeServer, fetcher: Fetcher, announced: bool
) -> None:
    big = b"x" * 5000
    server.route("/big", Reply(200, big, content_length=None if announced else -1))
    server.route("/small", Reply(200, big[:1000]))
    r = fetcher.get(server.url("/big"), polite(max_body_bytes=4096), check_robots=False)
    assert (r.outcome, r.body) == ("failed", b"") and "4096-byte cap" in (r.reason or "")
    assert fetcher.get(server.url("/small"), polite(max_body_bytes=4096), check_robots=False).outcome == "ok"


# -- truncation ------------------------------------------------------------------------------------
def test_a_truncated_body_is_failed_never_ok(server: FakeServer, fetcher: Fetcher) -> None:
    server.route("/cut", Reply(200, "<p>The first half of the rel", content_length=4000))
    r = fetcher.get(server.url("/cut"), FAST, check_robots=False)
    assert (r.outcome, r.body) == ("failed", b"")
    assert "truncated" in (r.reason or "") and "of 4000 bytes" in (r.reason or "")
    assert server.hits("/cut") == 3  # a dropped transfer is retried like a dropped connection


def test_a_truncated_body_that_comes_whole_on_a_retry_is_ok(server: FakeServer, fetcher: Fetcher) -> None:
    server.route("/cut", Reply(200, "<p>The first", content_length=500), Reply(200, "<p>Whole</p>"))
    r = fetcher.get(server.url("/cut"), FAST, check_robots=False)
    assert (r.outcome, r.body, r.attempts) == ("ok", b"<p>Whole</p>", 2)


# -- deadline --------------------------------------------------------------------------------------
def test_a_slow_drip_body_ends_at_the_deadline(server: FakeServer, fetcher: Fetcher) -> None:
    # 4000 bytes a byte every 0.2 s would take 13 minutes; every read returns well within read_timeout.
    server.route("/drip", Reply(200, "x" * 4000, drip=0.2))
    r = fetcher.get(server.url("/drip"), polite(deadline=1.0), check_robots=False)
    assert (r.outcome, r.body, r.attempts) == ("failed", b"", 1)
    assert "deadline of 1 s passed" in (r.reason or "")
    assert server.hits("/drip") == 1  # a server that drips will drip again: not retried


@pytest.fixture
def dripping_headers() -> Iterator[str]:
    """A server that sends its status line, then a header byte every 0.2 s, for ever; yields its URL."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(65536)
            conn.sendall(b"HTTP/1.1 200 OK\r\nX-Slow: ")
            while not stop.is_set():
                try:
                    conn.sendall(b"a")
                except OSError:
                    return
                time.sleep(0.2)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/slow-headers"
    stop.set()
    listener.close()


def test_slow_drip_headers_end_at_the_deadline(dripping_headers: str, fetcher: Fetcher) -> None:
    r = fetcher.get(dripping_headers, polite(deadline=1.0), check_robots=False)
    assert (r.outcome, r.status) == ("failed", None) and "deadline" in (r.reason or "")


def test_interrupt_ends_a_blocked_read_at_once_and_stops_later_requests(
    server: FakeServer, fetcher: Fetcher
) -> None:
    server.route("/drip", Reply(200, "x" * 4000, drip=0.2))
    server.route("/next", Reply(200, "ok"))
    results = []
    worker = threading.Thread(
        target=lambda: results.append(
            fetcher.get(server.url("/drip"), polite(deadline=600.0), check_robots=False)
        )
    )
    worker.start()
    wait_for_request(server, "/drip")
    fetcher.interrupt()
    worker.join(timeout=30)
    assert not worker.is_alive()
    assert (results[0].outcome, results[0].reason) == ("failed", "interrupted")
    later = fetcher.get(server.url("/next"), FAST, check_robots=False)
    assert (later.outcome, later.reason, later.attempts) == ("failed", "interrupted", 0)
    assert server.hits("/next") == 0


SIGINT_SCRIPT = """
import signal, sys
from config.sources import Politeness
from extractors.web.fetch import Fetcher

fetcher = Fetcher()
def on_sigint(signum, frame):
    print("signal", flush=True)
    if sys.argv[2] == "interrupt":
        fetcher.interrupt()
signal.signal(signal.SIGINT, on_sigint)
# What a run's stop flag does: note the signal and carry on. The read must still end by the deadline.
r = fetcher.get(sys.argv[1], Politeness(min_delay=0, max_retries=0, deadline=float(sys.argv[3])),
                check_robots=False)
print(r.outcome, r.reason, flush=True)
"""


@pytest.mark.parametrize(
    ("handler", "deadline", "said"),
    [
        ("interrupt", 600.0, "failed interrupted"),
        ("flag", 1.5, "failed deadline of 1.5 s passed; the request was cut off"),
    ],
    ids=["handler-interrupts", "handler-only-notes"],
)
def test_sigint_is_not_held_up_by_a_blocked_read(
    server: FakeServer, handler: str, deadline: float, said: str
) -> None:
    server.route("/drip", Reply(200, "x" * 4000, drip=0.2))
    args = [sys.executable, "-c", SIGINT_SCRIPT, server.url("/drip"), handler, str(deadline)]
    proc = subprocess.Popen(args, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_for_request(server, "/drip")
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)  # a hang guard: the drip alone would last 13 minutes
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    assert out.splitlines() == ["signal", said]
