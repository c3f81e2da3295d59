"""The failure policy (docs/failures.md): which failed URLs a run retries, which it parks, when it fails.

A URL that failed is retried by its source's next nightly run, then after waiting 2, 4, 8 ... runs (one a
night when scheduled); after `PARK_AFTER_ATTEMPTS` failed attempts it is parked: no run retries it, and
`parked_urls` and `pressroom sources` list it. A page that is gone (HTTP 410), refused (403, a challenge,
a certificate the site will not fix), off-site or disallowed by robots.txt is parked at once. A failure of
a URL that was already failing does not fail the nightly; a first failure, a failed discovery or a failure
rate above `FAILURE_RATE_LIMIT` does.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

import duckdb

from config import settings
from config.sources import Source
from extractors.pages.discover import Candidate
from extractors.web.fetch import Outcome
from warehouse.failures import UrlFailure, url_failures

T = TypeVar("T")

# Outcomes no later run will change: the URL is parked at its first failure.
PARK_AT_ONCE = frozenset({Outcome.REFUSED, Outcome.OFF_SITE, Outcome.DISALLOWED})
GONE = 410
# Outcomes that hold the whole host for the run: a URL of that host not even asked has not been attempted.
HOST_HELD = frozenset({Outcome.UNREACHABLE, Outcome.DEFERRED})


def wait_runs(attempts: int) -> int:
    """Runs to let start after a URL's n-th failed attempt before it is tried again: 1, 2, 4, 8 ..."""
    runs: int = 2 ** max(attempts - 1, 0)  # typeshed types int ** int as Any
    return runs


def park_reason(
    attempts: int, outcome: str | None, status: int | None, park_after: int, *, bursts_403: bool = False
) -> str | None:
    """Say why a URL that has now failed `attempts` times is parked, or None when it will be retried.

    `bursts_403`: the source answers 403 to bursts (its politeness pauses on 403), so a 403 passes.
    """
    if status == GONE:
        return "gone (HTTP 410)"
    if outcome in PARK_AT_ONCE and not (bursts_403 and status == 403):
        return f"{outcome}: no later run would change it"
    if attempts >= park_after:
        return f"failed {attempts} times"
    return None


def run_fails(*, failed: int, known: int, tried: int, unreadable: bool) -> bool:
    """Whether a nightly run's failures fail it: discovery failed, a first failure, or a high rate."""
    if unreadable or failed > known:
        return True
    rate_counts = failed >= settings.FAILURE_RATE_MIN_FAILURES
    return rate_counts and failed > settings.FAILURE_RATE_LIMIT * max(tried, 1)


@dataclass(frozen=True)
class Verdict:
    """What a run makes of one failure: whether it was already failing, and whether it is now parked."""

    known: bool  # the URL had an open failure before this run (or is parked at once): not a new one
    parked: str | None  # why the URL is parked now, or None


class FailurePolicy:
    """One source's failed URLs as of the run's start, and the rules applied to them."""

    def __init__(
        self,
        history: Iterable[UrlFailure] = (),
        *,
        park_after: int | None = None,
        bursts_403: bool = False,
    ) -> None:
        self.history = {f.url: f for f in history}
        self.park_after = park_after or settings.PARK_AFTER_ATTEMPTS
        self.bursts_403 = bursts_403

    @classmethod
    def load(cls, con: duckdb.DuckDBPyConnection, source: Source) -> FailurePolicy:
        """Read a source's open failures (its nightly runs so far count for the backoff)."""
        return cls(url_failures(con, source.id), bursts_403=source.politeness.pause_on_403 > 0)

    def due(self, url: str) -> bool:
        """Whether a run may try this URL: never failed, or its wait is over and it is not parked."""
        past = self.history.get(url)
        if past is None:
            return True
        return past.parked_at is None and past.runs_since >= wait_runs(past.attempts)

    def admit(self, items: list[T], url: Callable[[T], str]) -> tuple[list[T], int]:
        """Keep the items whose URL is due; return them and how many wait (parked or backing off)."""
        kept = [item for item in items if self.due(url(item))]
        return kept, len(items) - len(kept)

    def parked(self) -> int:
        """How many of the source's URLs earlier runs parked."""
        return sum(1 for f in self.history.values() if f.parked_at is not None)

    def tried_before(self, url: str | None) -> bool:
        """Whether this URL has an open failure from an earlier run."""
        return url is not None and url in self.history

    def judge(self, url: str | None, stage: str, outcome: str | None, status: int | None) -> Verdict:
        """Decide what one more failure of `url` means for the run and for the URL."""
        if url is None or stage == "discover":
            return Verdict(known=False, parked=None)  # the source's own pages are never parked
        past = self.history.get(url)
        attempts = (past.attempts if past else 0) + 1
        parked = park_reason(attempts, outcome, status, self.park_after, bursts_403=self.bursts_403)
        at_once = parked is not None and attempts == 1
        return Verdict(known=past is not None or at_once, parked=parked)


def admit_candidates(policy: FailurePolicy, cands: list[Candidate]) -> tuple[list[Candidate], int]:
    """The candidates a run tries now, and how many failed URLs wait (parked or backing off)."""
    return policy.admit(cands, lambda c: c.url)


def quiet_expected_failures(exc_types: tuple[type[BaseException], ...]) -> None:
    """Log these exceptions as one line on Prefect's run loggers: each failure was printed already."""

    def one_line(record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], exc_types):
            record.exc_info, record.exc_text = None, None
        return True

    for name in ("prefect.flow_runs", "prefect.task_runs"):
        logger = logging.getLogger(name)
        if not any(getattr(f, "__name__", "") == "one_line" for f in logger.filters):
            logger.addFilter(one_line)
