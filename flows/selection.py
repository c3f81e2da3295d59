"""What a run works with: the chosen sources (with --base-url / --min-delay applied) and their fetchers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from config.sources import ConfigError, Source, load_sources, select_sources
from extractors.web.fetch import Fetcher, PageFetcher

if TYPE_CHECKING:
    from extractors.web.browser import FallbackFetcher


def parse_base_urls(values: Sequence[str] | None, ids: Sequence[str]) -> dict[str, str]:
    """Map source id → base URL from `URL` (one source selected) or `ID=URL` values."""
    out: dict[str, str] = {}
    for value in values or ():
        sid, sep, url = value.partition("=")
        if sep and not sid.startswith("http"):
            out[sid] = url
        elif len(ids) == 1:
            out[ids[0]] = value
        else:
            raise ConfigError(f"--base-url {value!r} is ambiguous with {len(ids)} sources: use ID=URL")
    unknown = set(out) - set(ids)
    if unknown:
        raise ConfigError(f"--base-url names source(s) not in this run: {sorted(unknown)}")
    return out


def base_urls_for(values: Sequence[str] | None, source_id: str) -> list[str]:
    """The --base-url values that concern one source: its `ID=URL` and any plain URL, others dropped.

    A deployment's shared parameters name every served source (`ID=URL`); a one-source run (a backfill)
    takes its own from them instead of refusing the others.
    """
    out = []
    for value in values or ():
        sid, sep, _ = value.partition("=")
        if not sep or sid.startswith("http") or sid == source_id:
            out.append(value)
    return out


def prepare_sources(
    wanted: Sequence[str] | None, base_urls: Sequence[str] | None = None, min_delay: float | None = None
) -> list[Source]:
    """Load config, pick the sources and apply --base-url / --min-delay for this run."""
    chosen = select_sources(load_sources(), list(wanted or []))
    bases = parse_base_urls(base_urls, [s.id for s in chosen])
    return [s.with_overrides(base_url=bases.get(s.id), min_delay=min_delay) for s in chosen]


class FetcherPool:
    """One plain fetcher per run (shared pacing per host), wrapped by a browser fallback where asked."""

    def __init__(self, plain: Fetcher | None = None) -> None:
        self.plain = plain or Fetcher()
        self._fallback: FallbackFetcher | None = None

    def for_source(self, source: Source, *, browser: bool = False) -> PageFetcher:
        """The fetcher for a source: plain, or plain-then-Chromium for `browser_fallback` sources."""
        if not (browser or source.browser_fallback):
            return self.plain
        if self._fallback is None:
            from extractors.web.browser import BrowserUnavailable, FallbackFetcher, browser_missing

            missing = browser_missing()
            if missing:
                raise BrowserUnavailable(f"{source.id} asks for the browser fallback, but {missing}")
            self._fallback = FallbackFetcher(plain=self.plain)
        return self._fallback

    def close(self) -> None:
        """Close the fetchers (the fallback closes the plain one it wraps)."""
        (self._fallback or self.plain).close()
