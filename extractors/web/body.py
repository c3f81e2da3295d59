"""Read a response body within bounds: a size cap counted after decompression, a deadline, its full length.

The body is read raw and decompressed here, a bounded step at a time, so a gzip bomb stops at the cap with
the memory of the cap; a body shorter than its Content-Length is truncated, never a page.
"""

from __future__ import annotations

import http.client
import zlib
from typing import Protocol

import requests
import urllib3

from extractors.web.deadline import Watch

CHUNK_BYTES = 64 * 1024  # raw bytes read at a time
ACCEPT_ENCODING = "gzip, deflate"  # what we can count while decoding; asked for explicitly
_GZIP_MAGIC = b"\x1f\x8b"


class BodyError(Exception):
    """A body that cannot be used; `retry` tells whether asking again may help."""

    retry = False


class BodyTooLarge(BodyError):
    """The decompressed body passed the size cap."""


class BodyTruncated(BodyError):
    """The connection ended before the body did."""

    retry = True  # a dropped transfer is the network's fault, like a dropped connection


class DeadlineExceeded(BodyError):
    """The request's deadline passed (or the fetcher was interrupted) while it ran."""


class _Decoder(Protocol):
    def feed(self, data: bytes, limit: int) -> bytes:
        """Decode `data`, returning at most `limit` bytes (more would pass the cap)."""
        ...


class _Identity:
    def feed(self, data: bytes, limit: int) -> bytes:
        return data[:limit]


class _Inflate:
    """gzip (one member or several) or deflate (zlib-wrapped, or raw as some servers send it)."""

    def __init__(self, encoding: str) -> None:
        self._gzip = encoding in ("gzip", "x-gzip")
        self._wbits = 16 + zlib.MAX_WBITS if self._gzip else zlib.MAX_WBITS
        self._obj = zlib.decompressobj(self._wbits)
        self._started = False

    def feed(self, data: bytes, limit: int) -> bytes:
        out = b""
        while data and len(out) < limit:
            try:
                out += self._obj.decompress(data, limit - len(out))
            except zlib.error as exc:
                if self._started or self._gzip:
                    raise BodyError(f"undecodable {'gzip' if self._gzip else 'deflate'} body: {exc}") from exc
                self._wbits, self._obj = -zlib.MAX_WBITS, zlib.decompressobj(-zlib.MAX_WBITS)
                self._started = True
                continue
            self._started = True
            data = self._obj.unconsumed_tail
            if self._obj.eof and self._gzip and self._obj.unused_data.startswith(_GZIP_MAGIC):
                data, self._obj = self._obj.unused_data, zlib.decompressobj(self._wbits)
        # Output at the limit means the body goes on past the cap; the caller stops there.
        return out


def _decoder(content_encoding: str | None) -> _Decoder:
    encoding = (content_encoding or "identity").strip().lower()
    if encoding in ("", "identity"):
        return _Identity()
    if encoding in ("gzip", "x-gzip", "deflate"):
        return _Inflate(encoding)
    raise BodyError(f"unsupported Content-Encoding {encoding!r}")


def declared_length(resp: requests.Response) -> int | None:
    """Return the Content-Length a response promises for its (encoded) body, or None when it has none."""
    if "chunked" in resp.headers.get("Transfer-Encoding", "").lower():
        return None
    try:
        length = int(resp.headers.get("Content-Length", ""))
    except ValueError:
        return None
    return length if length >= 0 else None


def read_body(resp: requests.Response, max_bytes: int, watch: Watch) -> bytes:
    """Read and decode a streamed response's body; raise a BodyError when it breaks a bound."""
    decoder = _decoder(resp.headers.get("Content-Encoding"))
    expected = declared_length(resp)
    if isinstance(decoder, _Identity) and expected is not None and expected > max_bytes:
        raise BodyTooLarge(f"body of {expected} bytes is over the {max_bytes}-byte cap")
    parts: list[bytes] = []
    size = received = 0
    while True:
        data = _read_raw(resp, watch, received, expected)
        if not data:
            break
        received += len(data)
        decoded = decoder.feed(data, max_bytes - size + 1)
        size += len(decoded)
        if size > max_bytes:
            raise BodyTooLarge(f"body over the {max_bytes}-byte cap (counted decompressed)")
        parts.append(decoded)
    if watch.fired:
        raise DeadlineExceeded(_deadline_reason(watch, received))
    if expected is not None and received < expected:
        raise BodyTruncated(f"truncated: {received} of {expected} bytes")
    return b"".join(parts)


def _read_raw(resp: requests.Response, watch: Watch, received: int, expected: int | None) -> bytes:
    """Read the next raw chunk; a broken transfer becomes a BodyError that says what was missing."""
    if watch.expired():
        raise DeadlineExceeded(_deadline_reason(watch, received))
    try:
        data: bytes = resp.raw.read(CHUNK_BYTES, decode_content=False)
    except (urllib3.exceptions.HTTPError, http.client.HTTPException, OSError) as exc:
        if watch.fired:
            raise DeadlineExceeded(_deadline_reason(watch, received)) from None
        of = f" of {expected}" if expected is not None else ""
        raise BodyTruncated(f"truncated: {received}{of} bytes ({type(exc).__name__})") from None
    return data


def _deadline_reason(watch: Watch, received: int) -> str:
    return f"deadline passed ({received} body bytes in); the request was cut off"
