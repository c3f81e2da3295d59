"""Builders shared by the warehouse tests (no tests here)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

MSK = timezone(timedelta(hours=3))
T0 = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


def figure(
    body: str, text: str, value: float, kind: str = "count", unit: str | None = None, **kw: Any
) -> dict:
    """A figure whose span is the first occurrence of `text` in `body`."""
    start = body.index(text)
    return {
        "text": text,
        "value": value,
        "unit": unit,
        "kind": kind,
        "char_start": start,
        "char_end": start + len(text),
        "sentence": body,
        **kw,
    }


def commitment(body: str, sentence: str, **kw: Any) -> dict:
    """A commitment whose span is `sentence` inside `body`."""
    start = body.index(sentence)
    return {"sentence": sentence, "char_start": start, "char_end": start + len(sentence), **kw}


def release(
    key: str,
    body: str = "Exports grew by 12% to 40 billion roubles. The ministry will publish a plan by 2025.",
    *,
    source_id: str = "economy_en",
    title: str | None = None,
    published_at: datetime | None = datetime(2024, 5, 1, 9, 30, tzinfo=MSK),
    seen_at: datetime | None = T0,
    version: str = "x1",
    **kw: Any,
) -> dict:
    """A release record with a percent figure and a commitment found in its body (when present)."""
    figs = [figure(body, "12%", 12, "percent", "%")] if "12%" in body else []
    coms = [
        commitment(body, s, horizon="by 2025", horizon_start=date(2025, 1, 1), horizon_end=date(2025, 12, 31))
        for s in re.split(r"(?<=\.)\s+", body)
        if " will " in s
    ]
    rec = {
        "source_id": source_id,
        "key": key,
        "url": f"https://example.gov/{source_id}/{key}",
        "title": title if title is not None else f"Release {key}",
        "lang": "en",
        "body_text": body,
        "published_at": published_at,
        "published_raw": "1 May 2024, 09:30",
        "published_tz": "Europe/Moscow",
        "published_date": published_at.astimezone(MSK).date() if published_at else date(2024, 5, 1),
        "tags": ["economy"],
        "seen_at": seen_at,
        "figures": figs,
        "commitments": coms,
        "extractor_version": version,
    }
    rec.update(kw)
    return rec
