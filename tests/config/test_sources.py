"""Every configured source loads, points at the real site, and bad blocks fail with a clear message."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from config.sources import ConfigError, load_sources

ALL_SOURCES = ("economy_en", "economy_ru", "kremlin_en", "kremlin_ru", "government_en", "government_ru")
ALL_SOURCES += ("mid_en", "mid_ru", "govuk")

GOOD_BLOCK = """
[sources.demo]
name = "Demo"
lang = "en"
base_url = "https://example.org"
timezone = "Europe/Moscow"
fetch_kind = "html_listing"
key_pattern = '/news/(?P<key>\\d+)/'

[sources.demo.listing]
url = "/news/"
"""


def _load(tmp_path: Path, text: str) -> dict[str, object]:
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return load_sources(path)  # type: ignore[return-value]


def test_all_nine_sources_load() -> None:
    sources = load_sources()
    assert sorted(sources) == sorted(ALL_SOURCES)


def test_each_source_has_the_block_its_fetch_kind_needs_and_an_article_parser() -> None:
    for src in load_sources().values():
        block = {"html_listing": src.listing, "feed": src.feed, "api": src.api}[src.fetch_kind]
        assert block is not None, src.id
        assert src.article.body, src.id
        assert src.base_url.startswith(("http://", "https://")), src.id
        assert "127.0.0.1" not in src.base_url and "localhost" not in src.base_url, src.id


def test_archive_paths_match_each_site() -> None:
    sources = load_sources()
    assert {s.id for s in sources.values() if s.backfill.kind == "by_date"} == {"kremlin_en", "kremlin_ru"}
    assert {s.id for s in sources.values() if s.backfill.kind == "date_filter"} == {
        "government_en",
        "government_ru",
    }
    for sid in ("government_en", "government_ru"):
        src = sources[sid]
        assert src.backfill.url and "{since}" in src.backfill.url and "{till}" in src.backfill.url
        assert src.listing is not None  # the filter pages are HTML listings
        assert src.article.url_suffix == "?ajax=reader"
    for sid in ("kremlin_en", "kremlin_ru"):
        assert sources[sid].listing is not None  # by-date pages are HTML listings


def test_politeness_follows_what_each_site_tolerates() -> None:
    sources = load_sources()
    assert sources["mid_en"].politeness.min_delay >= 10 and sources["mid_ru"].politeness.min_delay >= 10
    assert sources["government_ru"].politeness.min_delay >= 4
    assert sources["kremlin_ru"].politeness.pause_on_403 > 0
    assert all(s.refusal_markers for s in sources.values() if s.id.startswith("mid_"))


def test_release_keys_separate_languages_on_shared_hosts() -> None:
    sources = load_sources()
    gov_ru, gov_en = sources["government_ru"], sources["government_en"]
    assert gov_ru.release_key("http://government.ru/news/51234/") == "51234"
    assert gov_ru.release_key("http://government.ru/en/news/51234/") is None
    assert gov_en.release_key("http://government.ru/en/news/51234/") == "51234"
    assert sources["mid_en"].release_key("https://mid.ru/ru/foreign_policy/news/1819686/") is None
    assert sources["mid_ru"].release_key("https://mid.ru/ru/foreign_policy/news/1819686/") == "1819686"
    govuk = sources["govuk"]
    assert govuk.release_key("https://www.gov.uk/government/news/a-b") == "a-b"
    assert govuk.release_key("https://www.gov.uk/api/content/government/news/a-b") == "a-b"


def test_kremlin_languages_share_a_pair_group() -> None:
    sources = load_sources()
    assert sources["kremlin_en"].pair_group == sources["kremlin_ru"].pair_group == "kremlin"


def test_a_minimal_block_loads(tmp_path: Path) -> None:
    assert list(_load(tmp_path, GOOD_BLOCK)) == ["demo"]


def test_unknown_key_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"sources\.demo\.listing: unknown key\(s\) \['itme'\]"):
        _load(tmp_path, GOOD_BLOCK + 'itme = "article"\n')


def test_unknown_timezone_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=re.escape("sources.demo: unknown timezone 'Europe/Moskva'")):
        _load(tmp_path, GOOD_BLOCK.replace("Europe/Moscow", "Europe/Moskva"))


def test_missing_listing_block_is_named(tmp_path: Path) -> None:
    text = GOOD_BLOCK.split("[sources.demo.listing]")[0]
    message = "fetch_kind 'html_listing' needs a [sources.demo.listing] block"
    with pytest.raises(ConfigError, match=re.escape(message)):
        _load(tmp_path, text)


def test_key_pattern_without_key_group_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"\(\?P<key>"):
        _load(tmp_path, GOOD_BLOCK.replace("(?P<key>\\d+)", "(\\d+)"))


def test_bad_toml_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=re.escape("sources.toml")):
        _load(tmp_path, GOOD_BLOCK + "[[[")
