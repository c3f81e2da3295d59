"""Choosing a fetcher per source: plain HTTP, or plain-then-Chromium where a source asks for it."""

from __future__ import annotations

from dataclasses import replace

import pytest

import extractors.web.browser as browser_mod
from config.sources import load_sources
from extractors.web.fetch import Fetcher
from flows.selection import FetcherPool


def test_sources_get_the_one_plain_fetcher_unless_they_ask_for_the_browser(monkeypatch) -> None:
    monkeypatch.setattr(browser_mod, "browser_missing", lambda *a: None)
    pool = FetcherPool()
    mid = load_sources()["mid_en"]
    try:
        assert pool.for_source(load_sources()["economy_en"]) is pool.plain
        assert pool.for_source(mid) is pool.plain  # off by default
        fallback = pool.for_source(replace(mid, browser_fallback=True))
        assert isinstance(fallback, browser_mod.FallbackFetcher) and fallback.plain is pool.plain
        assert pool.for_source(mid, browser=True) is fallback  # one browser for the whole run
    finally:
        pool.close()


def test_asking_for_the_browser_where_it_is_missing_says_what_to_install(monkeypatch) -> None:
    monkeypatch.setattr(browser_mod, "browser_missing", lambda *a: "no Chromium at /usr/bin/chromium")
    pool = FetcherPool(Fetcher())
    with pytest.raises(
        browser_mod.BrowserUnavailable, match=r"mid_ru asks for the browser fallback.*Chromium"
    ):
        pool.for_source(load_sources()["mid_ru"], browser=True)
    pool.close()
