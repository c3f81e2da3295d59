"""What one fetch returns: its outcome and, when a response came, the response's parts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from extractors.web.charset import decode_body


class Outcome(StrEnum):
    """How one fetch ended (its value is what `errors` and counters record)."""

    OK = "ok"
    NOT_MODIFIED = "not_modified"  # a conditional GET: the stored copy is current
    REFUSED = "refused"  # HTTP 403, a challenge page or a TLS certificate error: the site does not want us
    NOT_FOUND = "not_found"  # HTTP 404/410
    FAILED = "failed"  # no usable answer after the retries (a truncated or oversized body, the deadline)
    DISALLOWED = "disallowed"  # robots.txt forbids the URL
    OFF_SITE = "off_site"  # the URL, or a redirect, leaves the hosts the source names: not requested
    DEFERRED = "deferred"  # the host asked for a wait longer than the cap: left for the next run
    UNREACHABLE = "unreachable"  # the host cannot be resolved or connected to: skipped for this run


@dataclass(frozen=True)
class FetchResult:
    """One URL's fetch: what came back, or why nothing usable did."""

    url: str  # URL requested
    final_url: str  # after redirects (and an http fallback): the URL whose answer this is
    status: int | None  # None when no response (connection error, robots.txt)
    outcome: Outcome
    reason: str | None  # human-readable why, for errors and refusals
    headers: dict[str, str]  # response headers, names lower-cased
    body: bytes
    fetched_at: datetime  # UTC, aware
    attempts: int  # requests made for this URL, redirect hops included (0 when none was sent)
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None

    def text(self) -> str:
        """Return the body decoded: Content-Type charset, else <meta charset>, else utf-8 or detected."""
        return decode_body(self.body, self.content_type)

    @classmethod
    def without_response(
        cls, url: str, outcome: Outcome, reason: str, attempts: int, *, final_url: str | None = None
    ) -> FetchResult:
        """A result for a URL that got no usable HTTP answer (robots.txt, the network) or was not asked."""
        return cls(url, final_url or url, None, outcome, reason, {}, b"", datetime.now(UTC), attempts)
