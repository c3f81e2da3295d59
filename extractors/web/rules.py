"""The fetch rules: how we introduce ourselves, what a status means, how long to wait before asking again."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from config import settings
from extractors.web.refusal import is_challenge
from extractors.web.results import Outcome


def user_agent(configured: str, contact_url: str) -> str:
    """Return a User-Agent that names pressroom and a contact URL, keeping the configured text."""
    ua = configured.strip()
    if "pressroom" not in ua.lower():
        ua = f"{ua} pressroom".strip()
    if "://" not in ua:
        ua = f"{ua} (+{contact_url})"
    return ua


def retry_after_seconds(value: str | None, *, now: datetime | None = None) -> float | None:
    """Return the wait a Retry-After header asks for (seconds or an HTTP date), or None when absent/bad."""
    if not value or not value.strip():
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def backoff_seconds(retry: int, rng: random.Random, base: float = settings.RETRY_BACKOFF_S) -> float:
    """Return the wait before retry number `retry` (0-based): exponential, plus jitter, capped."""
    growth: int = 2**retry  # typeshed types int ** int as Any: a negative exponent would give a float
    return min(base * growth + rng.uniform(0, base), settings.RETRY_AFTER_CAP_S)


def classify(status: int, text: Callable[[], str], markers: Sequence[str]) -> tuple[Outcome, str | None]:
    """Map a final HTTP status (and, for 2xx/503, the page) to an outcome and a reason."""
    if status == 304:
        return Outcome.NOT_MODIFIED, None
    if status == 403:
        return Outcome.REFUSED, "HTTP 403"
    if status in (404, 410):
        return Outcome.NOT_FOUND, f"HTTP {status}"
    if 200 <= status < 300 or status == 503:
        challenge = is_challenge(text(), markers)
        if challenge:
            return Outcome.REFUSED, challenge
    if 200 <= status < 300:
        return Outcome.OK, None
    return Outcome.FAILED, f"HTTP {status}"


def worth_retrying(status: int, text: Callable[[], str]) -> bool:
    """Tell whether a status may be different if asked again (a challenge served as 503 will not)."""
    if status not in settings.RETRY_HTTP_CODES:
        return False
    return status != 503 or is_challenge(text()) is None
