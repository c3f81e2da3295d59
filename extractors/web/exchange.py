"""One request to one URL and what it came to: an answer read within bounds, or a miss with its meaning.

What a try teaches about the host is recorded on the host's policy here: a host that does not resolve or
refuses connections is unreachable for the run, a certificate error refuses the host, a Retry-After over the
cap defers it, and https that cannot connect falls back to http (where the source allows it) for the run.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit, urlunsplit

import requests

from config import settings
from config.sources import Politeness
from extractors.web.body import BodyError, read_body
from extractors.web.charset import decode_body
from extractors.web.deadline import Watchdog
from extractors.web.hosts import HostPolicy
from extractors.web.results import Outcome
from extractors.web.rules import retry_after_seconds, worth_retrying
from extractors.web.transport import FailureKind, TransportFailure, describe_failure

REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class Answer:
    """One HTTP response with its whole body (decoded from gzip/deflate, within the size cap)."""

    url: str  # the URL that answered (after an http fallback)
    status: int
    headers: dict[str, str]  # names lower-cased
    body: bytes
    fetched_at: datetime

    @property
    def content_type(self) -> str | None:
        """The Content-Type header, if any."""
        return self.headers.get("content-type")

    def text(self) -> str:
        """The body decoded to text."""
        return decode_body(self.body, self.content_type)


@dataclass
class Exchange:
    """One hop's tries so far: the last answer, or why there is none (the outcome it means)."""

    url: str  # the URL last asked
    answer: Answer | None = None
    attempts: int = 0
    outcome: Outcome = Outcome.FAILED  # when there is no answer
    reason: str | None = None
    status: int | None = None  # of an answer not kept (the 429 that deferred its host)
    logged: bool = False  # the reason is a host-wide verdict, logged once when the host got it
    no_connection: int = 0  # tries that made no connection at all

    def why(self) -> str:
        """Say in one line why this is not (yet) a good answer."""
        if self.reason is not None:
            return self.reason
        return f"HTTP {self.answer.status}" if self.answer is not None else "no answer"

    def ended(self, outcome: Outcome, reason: str, *, logged: bool = False) -> Exchange:
        """End without an answer."""
        self.answer, self.outcome, self.reason, self.logged = None, outcome, reason, logged
        return self

    def gave_up(self, policy: HostPolicy, tries: int) -> Exchange:
        """After the last try: a host no try could connect to is unreachable for the rest of the run."""
        if self.answer is not None:
            return self
        if self.no_connection >= tries:
            reason = f"no connection in {tries} attempts ({self.reason})"
            policy.block(Outcome.UNREACHABLE, reason)
            return self.ended(Outcome.UNREACHABLE, reason, logged=True)
        return self.ended(self.outcome, f"{self.reason} (after {self.attempts} attempts)")


@dataclass(frozen=True)
class Sent:
    """What one try came to; `final` when trying again would not help."""

    url: str
    attempts: int  # requests sent: two when https could not connect and http was tried
    answer: Answer | None
    final: bool
    outcome: Outcome = Outcome.FAILED
    reason: str | None = None
    status: int | None = None
    logged: bool = False
    no_connection: bool = False

    def into(self, exchange: Exchange) -> Exchange:
        """Record this try as the exchange's latest."""
        exchange.url, exchange.answer, exchange.outcome = self.url, self.answer, self.outcome
        exchange.reason, exchange.status, exchange.logged = self.reason, self.status, self.logged
        exchange.no_connection += self.no_connection
        return exchange


def redirect_target(answer: Answer | None) -> str | None:
    """Return the absolute URL a redirect points to (no fragment), or None when it is not a redirect."""
    if answer is None or answer.status not in REDIRECT_CODES:
        return None
    location = answer.headers.get("location", "").strip()
    if not location:
        return None
    return urljoin(answer.url, location).split("#", 1)[0]


def http_twin(url: str) -> str:
    """Return the http:// URL of an https:// one (an explicit :443 dropped with the scheme)."""
    parts = urlsplit(url)
    netloc = parts.netloc.removesuffix(":443")
    return urlunsplit(("http", netloc, parts.path, parts.query, parts.fragment))


@dataclass(frozen=True)
class Channel:
    """How to ask one host: its session and policy, the source's politeness, the headers, the deadlines."""

    session: requests.Session
    policy: HostPolicy
    politeness: Politeness
    headers: Mapping[str, str]
    watchdog: Watchdog


def send(channel: Channel, url: str) -> Sent:
    """Try `url` once (over http if the host fell back to it), and judge what came back."""
    policy = channel.policy
    fallback = channel.politeness.http_fallback and urlsplit(url).scheme == "https"
    target = http_twin(url) if fallback and policy.scheme == "http" else url
    got = _request(channel, target)
    attempts = 1
    if isinstance(got, TransportFailure) and got.cannot_connect and fallback and policy.scheme is None:
        twin = http_twin(url)
        second = _request(channel, twin)
        attempts = 2
        if isinstance(second, Answer):
            policy.settle_scheme("http", f"https cannot connect ({got.reason})")
            target, got = twin, second
        else:
            policy.settle_scheme("https")
    elif isinstance(got, Answer) and urlsplit(target).scheme == "https":
        policy.settle_scheme("https")
    return _judge(policy, target, got, attempts)


def _request(channel: Channel, url: str) -> Answer | TransportFailure:
    """Send one GET at the host's turn and read its body within the bounds; no redirect is followed."""
    politeness, watchdog = channel.politeness, channel.watchdog
    channel.policy.wait_turn(politeness, channel.headers["User-Agent"])
    channel.policy.count("requests")
    timeout = (politeness.connect_timeout, politeness.read_timeout)
    with watchdog.watch(politeness.deadline) as watch:
        try:
            resp = channel.session.get(
                url, headers=dict(channel.headers), timeout=timeout, allow_redirects=False, stream=True
            )
        except requests.RequestException as exc:
            if watch.fired:
                return TransportFailure(FailureKind.FATAL, _cut_off(watchdog, politeness))
            return describe_failure(exc)
        try:
            body = read_body(resp, politeness.max_body_bytes, watch)
        except BodyError as exc:
            resp.close()  # the connection is in an unknown state: not back to the pool
            reason = _cut_off(watchdog, politeness) if watch.fired else str(exc)
            return TransportFailure(FailureKind.TRANSIENT if exc.retry else FailureKind.FATAL, reason)
    headers = {k.lower(): v for k, v in resp.headers.items()}
    return Answer(url, resp.status_code, headers, body, datetime.now(UTC))


def _cut_off(watchdog: Watchdog, politeness: Politeness) -> str:
    if watchdog.interrupted:
        return "interrupted"
    return f"deadline of {politeness.deadline:g} s passed; the request was cut off"


def _judge(policy: HostPolicy, url: str, got: Answer | TransportFailure, attempts: int) -> Sent:
    """Decide what a try means: an answer to keep or retry, a failure to retry, or a verdict on the host."""
    if isinstance(got, Answer):
        if not worth_retrying(got.status, got.text):
            return Sent(url, attempts, got, final=True)
        asked = retry_after_seconds(got.headers.get("retry-after"))
        cap = settings.RETRY_AFTER_CAP_S
        if asked is not None and asked > cap:
            reason = f"HTTP {got.status} with Retry-After {asked:g} s, over the {cap:g} s cap"
            policy.block(Outcome.DEFERRED, reason, asked)
            return Sent(url, attempts, None, True, Outcome.DEFERRED, reason, got.status, logged=True)
        return Sent(url, attempts, got, final=False)
    if got.kind is FailureKind.NO_CONNECTION:
        policy.block(Outcome.UNREACHABLE, got.reason)
        unreachable = Outcome.UNREACHABLE
        return Sent(url, attempts, None, True, unreachable, got.reason, logged=True, no_connection=True)
    if got.kind is FailureKind.TLS:
        policy.block(Outcome.REFUSED, got.reason)
        return Sent(url, attempts, None, True, Outcome.REFUSED, got.reason, logged=True)
    retry = got.kind in (FailureKind.TRANSIENT, FailureKind.CONNECT_TIMEOUT)
    no_connection = got.kind is FailureKind.CONNECT_TIMEOUT
    return Sent(url, attempts, None, not retry, Outcome.FAILED, got.reason, no_connection=no_connection)
