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


def source_hosts(source: Source) -> set[str]:
    """The real hosts a source's releases live on (its canonical host and its aliases)."""
    hosts = {bare_host(source.canonical_base)}
    hosts.update(bare_host(h if "//" in h else f"//{h}") for h in source.host_aliases)
    return hosts


def match_source(uri: str, sources: Iterable[Source]) -> Source | None:
    """The source whose host and key pattern match a release URL; the longest pattern match wins.

    Sources sharing a host (government.ru's /news/ and /en/news/) are told apart by their key pattern;
    when several match, the one matching more of the path is the more specific.
    """
    host, path = bare_host(uri), urlsplit(uri).path
    best: tuple[int, Source] | None = None
    for src in sources:
        if host not in source_hosts(src):
            continue
        m = re.search(src.key_pattern, path)
        if m and (best is None or m.end() - m.start() > best[0]):
            best = (m.end() - m.start(), src)
    return best[1] if best else None
