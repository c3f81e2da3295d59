"""Typed, validated source blocks loaded from config/sources.toml (or the file $PRESSROOM_SOURCES names)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from config import settings

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

FetchKind = Literal["html_listing", "feed", "api"]
# Every kind here has a plan in extractors/archives/plans.py (a test keeps the two in step).
BACKFILL_KINDS = ("date_filter", "by_date", "walk")
# strptime directives that put a year, or a wall time, into what a date format reads.
YEAR_DIRECTIVES = frozenset({"%Y", "%y", "%c", "%x"})
# Query parameters that only track the visitor; dropped before keying a URL.
TRACKING_PARAMS = re.compile(r"^(utm_\w+|fbclid|gclid|yclid|from|ref)$")
# Any of the dataclasses below; _build validates a TOML table against one of them.
_Spec = TypeVar("_Spec", bound="DataclassInstance")


class ConfigError(ValueError):
    """A source block is missing a field or holds a bad value."""


@dataclass(frozen=True)
class Politeness:
    """How gently one host is fetched."""

    min_delay: float = settings.REQUEST_DELAY_S
    connect_timeout: float = settings.CONNECT_TIMEOUT_S
    read_timeout: float = settings.READ_TIMEOUT_S
    max_retries: int = settings.RETRY_TIMES
    pause_on_403: float = settings.PAUSE_ON_403_S
    user_agent: str = settings.USER_AGENT
    obey_robots: bool = settings.OBEY_ROBOTS
    max_body_bytes: int = settings.MAX_BODY_BYTES  # counted decompressed; a bigger body fails the URL
    deadline: float = settings.REQUEST_DEADLINE_S  # wall seconds for one whole request, body included
    http_fallback: bool = settings.HTTP_FALLBACK  # https cannot connect: use http for the run


@dataclass(frozen=True)
class ListingSpec:
    """An HTML listing: first page, page template and item selectors."""

    url: str
    page_url: str | None = None  # "{page}" is replaced by 2, 3, ...
    item: str = "article"
    link: str = "a"
    title: str | None = None
    date: str | None = None
    time: str | None = None  # some sites show the time in its own element
    date_attr: str | None = None  # read the date from this attribute of `date` (e.g. datetime)
    tags: str | None = None
    tags_split: str | None = None  # the tags element holds several tags joined by this (mid: ", ")
    empty_marker: str | None = None  # text of a "nothing found" page: past the end, no items, no error
    next: str | None = None  # selector of the next-page link (rel="next" links are read anyway)


@dataclass(frozen=True)
class FeedSpec:
    """An Atom or RSS feed, optionally paged."""

    url: str
    page_url: str | None = None
    use_content: bool = False  # entries carry the full body: no article request needed


@dataclass(frozen=True)
class ApiSpec:
    """A JSON search API plus a per-item content API."""

    search_url: str  # "{count}" and "{start}" are filled in
    content_url: str  # "{path}" is the item's path
    page_size: int = 20


@dataclass(frozen=True)
class FetchKindSpec:
    """What a fetch kind reads its pages with, and how those pages are kept."""

    block: Literal["listing", "feed", "api"]  # the [sources.ID.<block>] table the kind needs
    page_kind: str  # raw_pages.kind of its listing pages


# The one table of fetch kinds; extractors/pages/parse.py has a page parser for each of them.
FETCH_KINDS: dict[FetchKind, FetchKindSpec] = {
    "html_listing": FetchKindSpec(block="listing", page_kind="listing"),
    "feed": FetchKindSpec(block="feed", page_kind="feed"),
    "api": FetchKindSpec(block="api", page_kind="listing"),  # search-API pages are kept as listings
}


@dataclass(frozen=True)
class ArticleSpec:
    """Selectors of an article page; `parser` names a function in extractors/sites when needed."""

    title: str | None = None
    body: str | None = None  # selector of the body paragraphs
    date: str | None = None
    time: str | None = None
    lead: str | None = None
    tags: str | None = None
    drop: tuple[str, ...] = ()  # selectors removed before reading the body
    url_suffix: str = ""  # appended to the article URL when fetching (e.g. "?ajax=reader")
    parser: str | None = None


@dataclass(frozen=True)
class BackfillSpec:
    """The best archive path of a source."""

    kind: str = "walk"  # date_filter | by_date | walk (BACKFILL_KINDS)
    url: str | None = None  # template with {since}/{till} or {date} (strftime-style date_format)
    date_format: str = "%d.%m.%Y"
    chunk: str = "month"  # date_filter: query by month or by day


@dataclass(frozen=True)
class Source:
    """One configured press-release source."""

    id: str
    name: str
    lang: str
    base_url: str
    timezone: str
    fetch_kind: FetchKind
    key_pattern: str
    enabled: bool = True
    host_aliases: tuple[str, ...] = ()
    recheck_days: float = settings.RECHECK_DAYS
    first_year: int = settings.FIRST_YEAR  # releases dated earlier are stored without a date (a warning)
    listing: ListingSpec | None = None
    feed: FeedSpec | None = None
    api: ApiSpec | None = None
    article: ArticleSpec = field(default_factory=ArticleSpec)
    backfill: BackfillSpec = field(default_factory=BackfillSpec)
    politeness: Politeness = field(default_factory=Politeness)
    refusal_markers: tuple[str, ...] = ()
    # strptime formats of the dates the source prints, tried before the generic date readers.
    date_formats: tuple[str, ...] = ()
    browser_fallback: bool = False  # render challenge pages in headless Chromium (optional extra)
    pair_group: str | None = None  # sources sharing ids across languages (kremlin_en/kremlin_ru)
    original_base_url: str | None = None  # set when --base-url overrides base_url
    # The scheme of the release URLs kept as identity when it is not base_url's (releases first stored
    # over http keep http:// URLs after the site is fetched over https).
    canonical_scheme: str | None = None
    # A fetch kind whose pages continue the walk where the source's own pages end before the stored
    # releases (a feed holding only the newest few): its block must be configured too.
    gaps_from: FetchKind | None = None

    @property
    def canonical_base(self) -> str:
        """The real site's scheme+host, whatever --base-url says, in the scheme of release identities."""
        base = self.original_base_url or self.base_url
        if self.canonical_scheme is None:
            return base
        return urlunsplit(urlsplit(base)._replace(scheme=self.canonical_scheme))

    @property
    def hosts(self) -> frozenset[str]:
        """The hosts this source's config names (base URL, real host, aliases): lower-case, no `www.`."""
        hosts = {_bare_host(self.canonical_base), _bare_host(self.base_url)}
        hosts.update(_bare_host(h) for h in self.host_aliases)
        return frozenset(hosts)

    def release_key(self, url: str) -> str | None:
        """Return the stable key of a release URL, or None when it is not a release URL."""
        m = re.search(self.key_pattern, urlsplit(url).path)
        return m.group("key") if m else None

    def with_overrides(self, *, base_url: str | None = None, min_delay: float | None = None) -> Source:
        """Return a copy pointed at another host and/or with another politeness delay."""
        src = self
        if base_url:
            src = replace(src, base_url=base_url.rstrip("/"), original_base_url=self.canonical_base)
        if min_delay is not None:
            src = replace(src, politeness=replace(src.politeness, min_delay=float(min_delay)))
        return src

    def fetch_url(self, url: str) -> str:
        """Absolute URL to request: relative paths and the source's own hosts go to base_url."""
        parts = urlsplit(url)
        if parts.netloc and _bare_host(parts.netloc) not in self.hosts:
            return url
        base = urlsplit(self.base_url)
        return urlunsplit((base.scheme, base.netloc, parts.path or "/", parts.query, ""))

    def canonical_url(self, url: str) -> str:
        """The release's identity: the real host, no fragment, no tracking parameters."""
        parts = urlsplit(url)
        if parts.netloc and _bare_host(parts.netloc) not in self.hosts:
            return url
        base = urlsplit(self.canonical_base)
        query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not TRACKING_PARAMS.match(k)])
        return urlunsplit((base.scheme, base.netloc, parts.path or "/", query, ""))


def _bare_host(url_or_host: str) -> str:
    netloc = urlsplit(url_or_host).netloc if "//" in url_or_host else url_or_host
    host = netloc.lower().split("@")[-1]
    return host[4:] if host.startswith("www.") else host


def _build_optional(cls: type[_Spec], raw: Mapping[str, Any] | None, where: str) -> _Spec | None:
    """Build cls from an optional TOML table: None when the table is absent."""
    return None if raw is None else _build(cls, raw, where)


def _build(cls: type[_Spec], raw: Mapping[str, Any], where: str) -> _Spec:
    """Build cls from a TOML table, rejecting keys that are not its fields."""
    known = set(cls.__dataclass_fields__)
    unknown = set(raw) - known
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {sorted(unknown)}")
    values = {k: tuple(v) if isinstance(v, list) else v for k, v in raw.items()}
    try:
        return cls(**values)
    except TypeError as exc:
        raise ConfigError(f"{where}: {exc}") from exc


def parse_source(source_id: str, raw: Mapping[str, Any]) -> Source:
    """Validate one [sources.ID] block and return a Source."""
    where = f"sources.{source_id}"
    raw = dict(raw)
    nested: dict[str, type[DataclassInstance]] = {
        "listing": ListingSpec,
        "feed": FeedSpec,
        "api": ApiSpec,
        "article": ArticleSpec,
        "backfill": BackfillSpec,
    }
    # Unset politeness keys keep the defaults of config/settings.py, the one place they are set.
    politeness = raw.pop("politeness", {})
    built: dict[str, Any] = {
        k: _build_optional(cls, raw.pop(k, None), f"{where}.{k}") for k, cls in nested.items()
    }
    built["politeness"] = _build(Politeness, politeness, f"{where}.politeness")
    for key in ("article", "backfill"):
        if built[key] is None:
            del built[key]
    src = _build(Source, {"id": source_id, **raw, **{k: v for k, v in built.items() if v is not None}}, where)
    _validate(src, where)
    return src


def _validate(src: Source, where: str) -> None:
    fetch = FETCH_KINDS.get(src.fetch_kind)
    if fetch is None:
        raise ConfigError(f"{where}: fetch_kind must be one of {tuple(FETCH_KINDS)}, not {src.fetch_kind!r}")
    if getattr(src, fetch.block) is None:
        raise ConfigError(f"{where}: fetch_kind {src.fetch_kind!r} needs a [{where}.{fetch.block}] block")
    if src.gaps_from is not None:
        gaps = FETCH_KINDS.get(src.gaps_from)
        if gaps is None or src.gaps_from == src.fetch_kind or getattr(src, gaps.block) is None:
            raise ConfigError(
                f"{where}: gaps_from must be another fetch kind whose block is configured, "
                f"not {src.gaps_from!r}"
            )
    if not urlsplit(src.base_url).scheme.startswith("http"):
        raise ConfigError(f"{where}: base_url must be an http(s) URL, not {src.base_url!r}")
    if src.canonical_scheme not in (None, "http", "https"):
        raise ConfigError(f"{where}: canonical_scheme must be http or https, not {src.canonical_scheme!r}")
    if src.politeness.max_body_bytes <= 0 or src.politeness.deadline <= 0:
        raise ConfigError(f"{where}.politeness: max_body_bytes and deadline must be positive")
    try:
        ZoneInfo(src.timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError(f"{where}: unknown timezone {src.timezone!r}") from exc
    try:
        if "?P<key>" not in src.key_pattern:
            raise ConfigError(f"{where}: key_pattern needs a (?P<key>...) group")
        re.compile(src.key_pattern)
    except re.error as exc:
        raise ConfigError(f"{where}: key_pattern is not a valid regex: {exc}") from exc
    if src.backfill.kind not in BACKFILL_KINDS:
        kind = src.backfill.kind
        raise ConfigError(f"{where}: backfill.kind must be one of {BACKFILL_KINDS}, not {kind!r}")
    _validate_date_formats(src.date_formats, where)


def _validate_date_formats(formats: object, where: str) -> None:
    """A date format must be a strptime string with a year, and carry any zone as an offset (%z)."""
    if not isinstance(formats, tuple) or not all(isinstance(f, str) for f in formats):
        raise ConfigError(f"{where}: date_formats must be a list of strptime format strings")
    for fmt in formats:
        directives = set(re.findall(r"%.", fmt))
        if not directives & YEAR_DIRECTIVES:
            raise ConfigError(f"{where}: date_formats {fmt!r} has no year (%Y or %y) to place the date by")
        if "%Z" in directives:
            # strptime reads a zone name but drops it: the source's zone would silently apply instead.
            raise ConfigError(f"{where}: date_formats {fmt!r} uses %Z; read the offset with %z")


def load_sources(path: Path | None = None) -> dict[str, Source]:
    """Load and validate every source block, in file order (default file: settings.sources_path())."""
    path = path or settings.sources_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    stray = sorted(set(data) - {"sources"})
    if stray:
        # A [defaults] table would be a second home for settings.py's defaults, so it is refused, not ignored.
        raise ConfigError(
            f"{path}: unknown top-level key(s) {stray}; only [sources.ID] blocks are read "
            "(defaults live in config/settings.py)"
        )
    blocks = data.get("sources", {})
    if not blocks:
        raise ConfigError(f"{path}: no [sources.*] blocks")
    return {sid: parse_source(sid, block) for sid, block in blocks.items()}


def select_sources(
    sources: Mapping[str, Source], wanted: list[str] | None = None, *, enabled_only: bool = True
) -> list[Source]:
    """Pick the sources named in `wanted` (all enabled ones when empty); unknown ids raise."""
    if wanted:
        unknown = [w for w in wanted if w not in sources]
        if unknown:
            raise ConfigError(f"unknown source(s) {unknown}; configured: {sorted(sources)}")
        return [sources[w] for w in wanted]
    return [s for s in sources.values() if s.enabled or not enabled_only]
