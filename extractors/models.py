"""Values passed between the extractor stages (discover, parse, normalize, extract)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TypeAlias


@dataclass(frozen=True)
class ListingItem:
    """One release as a listing, feed or API page announces it."""

    url: str  # canonical URL (the real host)
    key: str
    title: str | None = None
    published_raw: str | None = None  # the listing's date string, verbatim
    updated_raw: str | None = None  # feed `updated`, API `updated_at`
    content_html: str | None = None  # full body when the feed carries it
    summary: str | None = None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class ListingPage:
    """What one listing/feed/API page yields."""

    items: list[ListingItem]
    next_url: str | None = None  # an explicit rel=next link, when the page has one
    past_end: bool = False  # the page says it lists nothing (listing.empty_marker): an end, not an error


@dataclass(frozen=True)
class ParsedRelease:
    """One release parsed from its page (or feed entry), before normalization."""

    url: str
    key: str
    title: str
    lang: str
    paragraphs: list[str]
    published_raw: str | None = None
    lead: str | None = None
    tags: tuple[str, ...] = ()

    @property
    def body_text(self) -> str:
        """Body paragraphs joined by a blank line (the offsets of figures point into this)."""
        return "\n\n".join(self.paragraphs)


_Day: TypeAlias = date  # `Published.date` shadows the type inside that class


@dataclass(frozen=True)
class Published:
    """A normalized publication time: an instant when a time is known, else only a date."""

    raw: str | None
    at: datetime | None = None  # aware, UTC
    date: date | None = None  # the local calendar date
    tz: str | None = None  # IANA zone or explicit offset used ("Europe/Moscow", "+03:00")
    # Why a date that was read is not trusted (an offset beyond +-14 h, a year out of range): then no date.
    rejected: str | None = None

    @property
    def day(self) -> _Day | None:
        """The local calendar date, whether or not a time is known."""
        return self.date or (self.at.date() if self.at else None)


@dataclass(frozen=True)
class Figure:
    """A number a release reports, with its context. Offsets index the body text."""

    text: str
    value: float
    unit: str | None
    kind: str  # money | percent | count | quantity
    char_start: int
    char_end: int
    sentence: str = ""
    measure: str | None = None
    period: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    direction: str | None = None  # increase | decrease
    qualifier: str | None = None  # over, about, up to, более, около, до ...
    core: bool = True
    indicator: str | None = None  # id from config/indicators.toml the measure names, or None (no guess)
    subject: str | None = None  # partner country, region, company or programme, normalised ("Russia–Iran")


@dataclass(frozen=True)
class Commitment:
    """A sentence stating a future action. Offsets index the body text."""

    sentence: str
    char_start: int
    char_end: int
    actor: str | None = None
    action: str | None = None
    horizon: str | None = None
    horizon_start: date | None = None
    horizon_end: date | None = None
    cue: str | None = None
    kind: str = "pledge"  # pledge | agreement | plan | instruction | provision | allocation | prediction
    domain: str | None = None
    core: bool = True
    actor_key: str | None = None  # who acts, normalised: what a restatement must share (commitments.threads)
    action_terms: tuple[str, ...] = ()  # the action's normalised content words, sorted


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one body."""

    figures: list[Figure] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    extractor_version: str = ""
