"""Run setup shared by flows and CLI: choosing sources, applying overrides, summaries."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

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


def prepare_sources(
    wanted: Sequence[str] | None, base_urls: Sequence[str] | None = None, min_delay: float | None = None
) -> list[Source]:
    """Load config, pick the sources and apply --base-url / --min-delay for this run."""
    chosen = select_sources(load_sources(), list(wanted or []))
    bases = parse_base_urls(base_urls, [s.id for s in chosen])
    return [s.with_overrides(base_url=bases.get(s.id), min_delay=min_delay) for s in chosen]


def summary_markdown(reports: list[dict[str, Any]]) -> str:
    """A markdown table of a run's per-source outcome."""
    head = "| source | status | pages | requests | new | updated | unchanged | failed | note |\n"
    head += "|---|---|---|---|---|---|---|---|---|\n"
    rows = [
        f"| {r['source_id']} | {r['status']} | {r['pages_fetched']} | {r['requests']} | {r['new']} | "
        f"{r['updated']} | {r['unchanged']} | {r['failed']} | {r['message'] or ''} |"
        for r in reports
    ]
    return head + "\n".join(rows) + "\n"


def summary_text(reports: list[dict[str, Any]]) -> str:
    """A plain-text line per source, for the terminal."""
    lines = []
    for r in reports:
        line = (
            f"{r['source_id']:<14} {r['status']:<8} pages={r['pages_fetched']} requests={r['requests']} "
            f"new={r['new']} updated={r['updated']} unchanged={r['unchanged']} failed={r['failed']}"
        )
        if r["message"]:
            line += f"  ({r['message']})"
        lines.append(line)
    return "\n".join(lines)


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
