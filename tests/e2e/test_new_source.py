"""A new site is one config block: the README's `example_ru` block runs end to end with no code.

The block is read from README.md itself and appended to a copy of the shipped config, which
PRESSROOM_SOURCES points at. Saved Bitrix-style pages (tests/fixtures/pages/example_ru/) are served on
loopback: two listing pages (the third clamps to the second, as Bitrix does), five articles.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from config import settings
from config.sources import load_sources
from extractors.web.fetch import Fetcher
from flows import cli
from flows.ingest import IngestOptions, ingest_source
from tests.config import readme
from tests.httpfake import FakeServer, Reply
from tests.paths import PAGES
from tests.stored import rows
from warehouse import db

SITE = PAGES / "example_ru"
HTML = {"Content-Type": "text/html; charset=utf-8"}
# What the saved pages hold: key → (title, body paragraphs, the instant in UTC). 1001 is from 2012, when
# Moscow time was UTC+4 all year; 1004's article spells its date out ("23 января 2024, 18:05"), which the
# declared format does not read, so the generic readers do.
TRUTH = {
    "1005": (
        "Министр провёл совещание о ходе посевной кампании",
        [
            "Министр провёл совещание с руководителями регионов о ходе подготовки к посевной кампании.",
            "Участники обсудили обеспечение хозяйств семенами и техникой.",
            "Министерство до 1 марта подготовит предложения по льготному кредитованию.",
        ],
        datetime(2024, 1, 24, 8, 30, tzinfo=UTC),
    ),
    "1004": (
        "Подписано соглашение о развитии промышленных кластеров",
        [
            "В Москве подписано соглашение о развитии промышленных кластеров в пяти регионах.",
            "Общий объём финансирования составит 12,5 млрд рублей.",
        ],
        datetime(2024, 1, 23, 15, 5, tzinfo=UTC),
    ),
    "1003": (
        "Правительство утвердило план мероприятий на 2024 год",
        [
            "Правительство утвердило план мероприятий министерства на 2024 год.",
            "План включает 42 мероприятия по поддержке малого и среднего бизнеса.",
        ],
        datetime(2024, 1, 22, 6, 0, tzinfo=UTC),
    ),
    "1002": (
        "Итоги года: объём инвестиций вырос на 7,4%",
        [
            "Объём инвестиций в основной капитал за 2023 год вырос на 7,4% по сравнению с прошлым годом.",
            "Наибольший рост показали обрабатывающие производства.",
        ],
        datetime(2023, 12, 29, 13, 45, tzinfo=UTC),
    ),
    "1001": (
        "Министерство открыло приём заявок на гранты",
        [
            "Министерство открыло приём заявок на гранты для молодых предпринимателей.",
            "Заявки принимаются до 30 апреля 2012 года.",
        ],
        datetime(2012, 3, 15, 6, 0, tzinfo=UTC),
    ),
}


def _page(name: str) -> Reply:
    return Reply(200, (SITE / name).read_bytes(), HTML)


@pytest.fixture
def site() -> Iterator[FakeServer]:
    """The saved example_ru pages on a loopback port."""
    with FakeServer() as srv:
        srv.route("/robots.txt", Reply(404))
        srv.route("/news/", _page("listing-1.html"))
        srv.route("/news/?PAGEN_1=2", _page("listing-2.html"))
        srv.route("/news/?PAGEN_1=3", _page("listing-2.html"))  # past the end Bitrix repeats the last page
        for key in TRUTH:
            srv.route(f"/news/{key}/", _page(f"news-{key}.html"))
        yield srv


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shipped config plus the README's block, made the config every command reads."""
    path = readme.config_with_example(tmp_path)
    monkeypatch.setenv(settings.SOURCES_ENV_VAR, str(path))
    return path


def _releases(db_path: Path) -> dict[str, tuple[str, str, datetime | None, str | None]]:
    sql = "select url, title, body_text, published_at, published_tz from releases where source_id = ?"
    found = rows(db_path, sql, [readme.example_id()])
    return {url: (title, body, at, tz) for url, title, body, at, tz in found}


@pytest.mark.usefixtures("prefect_harness", "config")
def test_the_readme_block_ingests_from_the_command_line(
    site: FakeServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sid, db_path = readme.example_id(), tmp_path / "w.duckdb"
    args = ["ingest", "--source", sid, "--db", str(db_path), "--base-url", f"{sid}={site.base_url}"]
    assert cli.main([*args, "--min-delay", "0"]) == 0, capsys.readouterr()
    stored = _releases(db_path)
    assert sorted(stored) == sorted(f"https://example.gov.ru/news/{key}/" for key in TRUTH)
    for key, (title, paragraphs, at) in TRUTH.items():
        got_title, body, got_at, tz = stored[f"https://example.gov.ru/news/{key}/"]
        # The share block inside the text and the related block after it are dropped (article.drop).
        assert (got_title, body) == (title, "\n\n".join(paragraphs)), key
        assert (got_at.astimezone(UTC) if got_at else None, tz) == (at, "Europe/Moscow"), key
    assert site.hits("/news/?PAGEN_1=3") == 1 and site.hits("/news/?PAGEN_1=4") == 0  # the repeat ends it
    assert site.hits("/docs/77/") == 0  # a card linking elsewhere is not a release
    capsys.readouterr()
    assert cli.main(["sources", "--db", str(db_path)]) == 0
    line = next(ln for ln in capsys.readouterr().out.splitlines() if ln.split()[0] == sid)
    assert f"releases={len(TRUTH)}" in line and "status=ok" in line


@pytest.mark.usefixtures("config")
def test_a_first_page_showing_the_empty_marker_is_a_quiet_end(tmp_path: Path) -> None:
    source = load_sources()[readme.example_id()]
    assert source.listing is not None and source.listing.empty_marker  # the README block declares one
    with FakeServer() as srv:
        srv.route("/robots.txt", Reply(404))
        srv.route("/news/", _page("listing-empty.html"))
        con = db.connect(tmp_path / "w.duckdb")
        try:
            with Fetcher() as fetcher:
                pointed = source.with_overrides(base_url=srv.base_url, min_delay=0)
                report = ingest_source(pointed, con, fetcher, IngestOptions())
            errors = con.execute("select count(*) from errors").fetchone()
        finally:
            con.close()
    assert (report.status, report.new, report.failed, report.message) == ("ok", 0, 0, "")
    assert errors == (0,)
    assert srv.hits("/news/?PAGEN_1=2") == 0  # nothing more was asked for
