"""WARC files: read response records and tell which configured source a record's URL belongs to."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import BinaryIO
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from config.sources import Source


class WarcError(ValueError):
    """The file is not a readable WARC."""


@dataclass(frozen=True)
class WarcResponse:
    """One HTTP response archived in a WARC file."""

    target_uri: str
    status: int | None
    headers: dict[str, str] = field(default_factory=dict)  # names lower-cased
    body: bytes = b""
    date: datetime | None = None  # WARC-Date: when the response was captured

    @property
    def content_type(self) -> str | None:
        """The response's Content-Type header."""
        return self.headers.get("content-type")


def read_responses(stream: BinaryIO) -> Iterator[WarcResponse]:
    """Yield every HTTP response record of a (possibly gzipped) WARC stream."""
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI")
            if not uri:
                continue
            status = record.http_headers.get_statuscode()
            yield WarcResponse(
                target_uri=uri.strip("<>"),
                status=int(status) if status and status.isdigit() else None,
                headers={k.lower(): v for k, v in record.http_headers.headers},
                body=record.content_stream().read(),
                date=_warc_date(record.rec_headers.get_header("WARC-Date")),
            )
    except ArchiveLoadFailed as exc:
        raise WarcError(str(exc)) from exc


def _warc_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def bare_host(url: str) -> str:
    """A URL's host, lower-case, without port or a leading "www."."""
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def match_source(uri: str, sources: Iterable[Source]) -> Source | None:
    """The source whose host and key pattern match a release URL, or None.

    Sources can share a host: government.ru's /news/ and /en/news/ are told apart by their key pattern
    (the longer match is the more specific); a source's own host beats another's alias of it.
    """
    host, path = bare_host(uri), urlsplit(uri).path
    best: tuple[int, int, Source] | None = None
    for src in sources:
        own = host == bare_host(src.canonical_base)
        if not own and host not in {bare_host(a if "//" in a else f"//{a}") for a in src.host_aliases}:
            continue
        m = re.search(src.key_pattern, path)
        rank = (int(own), m.end() - m.start()) if m else None
        if rank and (best is None or rank > best[:2]):
            best = (*rank, src)
    return best[2] if best else None
