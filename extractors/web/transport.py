"""What a failed request tells about its host, in one short line (never an exception chain)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

import requests
import urllib3


class FailureKind(Enum):
    """What to do after a request failed without an HTTP answer."""

    NO_CONNECTION = "no_connection"  # the name does not resolve, or the port refuses: the host is down for us
    CONNECT_TIMEOUT = "connect_timeout"  # no connection in time: may pass, so retried
    TLS = "tls"  # a certificate or handshake error: a refusal, not a network blip
    TRANSIENT = "transient"  # read timeout, dropped connection: asked again
    FATAL = "fatal"  # a bad URL and the like: asking again cannot help


@dataclass(frozen=True)
class TransportFailure:
    """A request that got no HTTP answer: its kind and a one-line reason."""

    kind: FailureKind
    reason: str

    @property
    def cannot_connect(self) -> bool:
        """Whether no connection was made at all (so another scheme may still connect)."""
        return self.kind in (FailureKind.NO_CONNECTION, FailureKind.CONNECT_TIMEOUT)


def describe_failure(exc: requests.RequestException) -> TransportFailure:
    """Classify a requests exception and name its root cause briefly."""
    if isinstance(exc, requests.exceptions.SSLError):
        return TransportFailure(FailureKind.TLS, f"TLS error: {_root_text(exc)}")
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return TransportFailure(FailureKind.CONNECT_TIMEOUT, "connect timeout")
    if isinstance(exc, requests.Timeout) and _handshake_timed_out(exc):
        # urllib3 reports a TLS handshake that never finishes as a read timeout; for us the connection
        # was never made (what "https times out" from some networks looks like).
        return TransportFailure(FailureKind.CONNECT_TIMEOUT, "TLS handshake timeout")
    if isinstance(exc, requests.ConnectionError):
        chain = list(_chain(exc))
        if any(isinstance(e, (urllib3.exceptions.NameResolutionError, socket.gaierror)) for e in chain):
            return TransportFailure(FailureKind.NO_CONNECTION, "host name does not resolve")
        if any(isinstance(e, urllib3.exceptions.NewConnectionError) for e in chain):
            return TransportFailure(FailureKind.NO_CONNECTION, f"cannot connect: {_root_text(exc)}")
        return TransportFailure(FailureKind.TRANSIENT, f"connection broken: {_root_text(exc)}")
    if isinstance(exc, requests.Timeout):
        return TransportFailure(FailureKind.TRANSIENT, "read timeout")
    if isinstance(exc, (requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError)):
        return TransportFailure(FailureKind.TRANSIENT, f"broken body: {_root_text(exc)}")
    return TransportFailure(FailureKind.FATAL, f"{type(exc).__name__}: {_root_text(exc)}")


def _handshake_timed_out(exc: BaseException) -> bool:
    """Tell whether a timeout was the TLS handshake's (the ssl module says so in its message)."""
    return any(isinstance(e, TimeoutError) and "handshake" in str(e).lower() for e in _chain(exc))


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """Yield an exception and the ones behind it: causes, contexts, urllib3's `reason`, wrapped args."""
    seen: set[int] = set()
    todo: list[BaseException] = [exc]
    while todo:
        current = todo.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        behind = [current.__cause__, current.__context__, getattr(current, "reason", None)]
        behind += [a for a in current.args if isinstance(a, BaseException)]
        todo.extend(e for e in behind if isinstance(e, BaseException))


def _root_text(exc: BaseException) -> str:
    """Return the root cause's message (`Connection refused`), not the wrappers' paragraph about pools."""
    chain = list(_chain(exc))
    root = next((e for e in reversed(chain) if isinstance(e, OSError) and e.strerror), chain[-1])
    text = root.strerror if isinstance(root, OSError) and root.strerror else str(root).strip()
    text = text or type(root).__name__
    return text if len(text) <= 160 else text[:157] + "..."
