"""Every configured source loads, points at the real site, and bad blocks fail with a clear message."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from config import settings
from config.sources import BACKFILL_KINDS, ConfigError, load_sources
from tests.config import readme

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


def test_every_declared_source_loads_in_file_order() -> None:
    declared = tomllib.loads(settings.sources_path().read_text(encoding="utf-8"))["sources"]
    assert list(load_sources()) == list(declared)


def test_pressroom_sources_names_another_config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    other = tmp_path / "other.toml"
    other.write_text(GOOD_BLOCK, encoding="utf-8")
    monkeypatch.setenv(settings.SOURCES_ENV_VAR, str(other))
    assert settings.sources_path() == other
    assert list(load_sources()) == ["demo"]
    monkeypatch.delenv(settings.SOURCES_ENV_VAR)
    assert settings.sources_path() == settings.DEFAULT_SOURCES_PATH


def test_the_readme_example_block_loads_beside_the_shipped_sources(tmp_path: Path) -> None:
    shipped = load_sources(settings.DEFAULT_SOURCES_PATH)
    sources = load_sources(readme.config_with_example(tmp_path))
    sid = readme.example_id()
    assert list(sources) == [*shipped, sid]
    example = sources[sid]
    assert example.fetch_kind == "html_listing" and example.listing is not None
    assert example.release_key(f"{example.base_url}/news/1001/") == "1001"
    assert example.release_key(f"{example.base_url}/news/") is None  # the listing is not a release
    assert example.backfill.kind in BACKFILL_KINDS


def test_each_source_has_the_block_its_fetch_kind_needs_and_an_article_parser() -> None:
    for src in load_sources().values():
        block = {"html_listing": src.listing, "feed": src.feed, "api": src.api}[src.fetch_kind]
        assert block is not None, src.id
        assert src.article.body, src.id
        assert src.base_url.startswith(("http://", "https://")), src.id
        assert "127.0.0.1" not in src.base_url and "localhost" not in src.base_url, src.id


def test_archive_paths_match_each_site() -> None:
    sources = load_sources()
    kinds = {"kremlin_en": "by_date", "kremlin_ru": "by_date", "government_en": "date_filter"}
    kinds |= {"government_ru": "date_filter", "economy_en": "walk", "mid_ru": "walk", "govuk": "walk"}
    assert {sid: sources[sid].backfill.kind for sid in kinds} == kinds
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


def test_an_unimplemented_backfill_kind_is_refused_naming_the_accepted_ones(tmp_path: Path) -> None:
    block = GOOD_BLOCK + '\n[sources.demo.backfill]\nkind = "id_walk"\n'
    with pytest.raises(ConfigError, match=r"backfill\.kind must be one of .*'walk'.*not 'id_walk'"):
        _load(tmp_path, block)


def test_politeness_defaults_have_one_home(tmp_path: Path) -> None:
    src = load_sources(readme.config_with_example(tmp_path))[readme.example_id()]
    assert src.politeness.connect_timeout == settings.CONNECT_TIMEOUT_S  # not set in the block
    assert src.politeness.max_retries == settings.RETRY_TIMES
    with pytest.raises(ConfigError, match=r"unknown top-level key\(s\) \['defaults'\].*config/settings\.py"):
        _load(tmp_path, "[defaults.politeness]\nmin_delay = 1.0\n" + GOOD_BLOCK)


@pytest.mark.parametrize(
    ("formats", "message"),
    [
        ('["%d.%m %H:%M"]', "has no year"),
        ('["%d.%m.%Y %H:%M %Z"]', "read the offset with %z"),
        ('"%d.%m.%Y"', "must be a list"),
    ],
)
def test_bad_date_formats_are_named(tmp_path: Path, formats: str, message: str) -> None:
    block = GOOD_BLOCK.replace(
        "[sources.demo.listing]", f"date_formats = {formats}\n\n[sources.demo.listing]"
    )
    with pytest.raises(ConfigError, match=re.escape("sources.demo: date_formats")) as err:
        _load(tmp_path, block)
    assert message in str(err.value)


def test_date_formats_load_as_declared(tmp_path: Path) -> None:
    block = GOOD_BLOCK.replace(
        "[sources.demo.listing]", 'date_formats = ["%d.%m.%y %H:%M"]\n\n[sources.demo.listing]'
    )
    assert _load(tmp_path, block)["demo"].date_formats == ("%d.%m.%y %H:%M",)  # type: ignore[attr-defined]


def test_kremlin_and_government_are_fetched_over_https_but_keep_their_stored_urls() -> None:
    sources = load_sources()
    for sid, path in [("kremlin_ru", "/events/president/news/73286"), ("government_en", "/en/news/51234/")]:
        src = sources[sid]
        assert src.base_url.startswith("https://") and src.politeness.http_fallback, sid
        fetched = src.fetch_url(f"http://{src.base_url.split('://')[1]}{path}")
        assert fetched.startswith("https://"), sid
        # Identity stays what warehouses already hold: http:// URL, same key.
        assert src.canonical_url(fetched) == f"http://{src.base_url.split('://')[1]}{path}"
        assert src.release_key(fetched) == src.release_key(src.canonical_url(fetched)) is not None
    assert not any(s.politeness.http_fallback for s in sources.values() if s.id.startswith(("mid", "eco")))


def test_a_sources_hosts_include_its_real_host_under_a_base_url_override() -> None:
    src = load_sources()["economy_en"].with_overrides(base_url="http://127.0.0.1:8001")
    assert src.hosts == {"127.0.0.1:8001", "en.economy.gov.ru", "economy.gov.ru"}


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ('canonical_scheme = "ftp"\n', "canonical_scheme must be http or https"),
        ("[sources.demo.politeness]\nmax_body_bytes = 0\n", "must be positive"),
        ("[sources.demo.politeness]\ndeadline = -1.0\n", "must be positive"),
    ],
)
def test_bad_bounds_and_schemes_are_named(tmp_path: Path, block: str, message: str) -> None:
    text = GOOD_BLOCK.replace("[sources.demo.listing]", f"{block}\n[sources.demo.listing]")
    with pytest.raises(ConfigError, match=re.escape(message)):
        _load(tmp_path, text)
