"""End to end: nightly ingest of economy_en, economy_ru and kremlin_en from loopback mirrors.

The mirrors' expected.json is the truth. The tests of this module run in order on one warehouse:
first run, a no-change run, then a run after the mirrors gained releases and one edit.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from config.sources import Source, load_sources
from extractors.web.fetch import Fetcher
from flows.ingest import IngestOptions, ingest_source
from flows.runlog import SourceReport
from tests.mirrors import GOLD_DEV, Mirror
from warehouse import db

SITES = ("economy_en", "economy_ru", "kremlin_en")


@dataclass
class World:
    """The mirrors, their sources pointed at loopback, and one warehouse."""

    mirrors: dict[str, Mirror]
    sources: dict[str, Source]
    db_path: Path
    tmp: Path
    reports: dict[str, list[SourceReport]] = field(default_factory=dict)

    def newest(self) -> datetime:
        stamps = [r["published_utc"] for m in self.mirrors.values() for r in m.expected()]
        return max(datetime.fromisoformat(s.replace("Z", "+00:00")) for s in stamps)

    def run(self, label: str, days_later: int = 0) -> list[SourceReport]:
        """One nightly run over all three sources; the clock starts a day after the newest release."""
        self.clock = getattr(self, "clock", None) or self.newest() + timedelta(days=1)
        opts = IngestOptions(now=self.clock + timedelta(days=days_later))
        con = db.connect(self.db_path)
        fetcher = Fetcher()
        try:
            self.reports[label] = [ingest_source(s, con, fetcher, opts) for s in self.sources.values()]
        finally:
            fetcher.close()
            con.close()
        return self.reports[label]

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        con = db.connect(self.db_path, read_only=True)
        try:
            return con.execute(sql).fetchall()
        finally:
            con.close()


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    tmp = tmp_path_factory.mktemp("e2e")
    config = load_sources()
    mirrors, sources = {}, {}
    for site in SITES:
        mirrors[site] = Mirror.build(site, tmp / site, synthetic=30).serve()
        sources[site] = config[site].with_overrides(base_url=mirrors[site].base_url, min_delay=0)
    w = World(mirrors, sources, tmp / "pressroom.duckdb", tmp)
    try:
        yield w
    finally:
        for m in mirrors.values():
            m.stop()


def _instant(value: datetime | None) -> str | None:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if value else None


def article_hits(mirror: Mirror, since: int = 0) -> list[dict[str, Any]]:
    """Requests for article pages (not listings, feeds or robots.txt) after the `since`-th request."""
    paths = {r["url_path"] for r in mirror.expected()}
    return [r for r in mirror.requests()[since:] if r["target"].split("?")[0] in paths]


def test_first_run_stores_every_release_once_with_title_instant_and_body(world: World) -> None:
    reports = world.run("first")
    assert [r.status for r in reports] == ["ok"] * len(SITES), [r.message for r in reports]
    for site, mirror in world.mirrors.items():
        expected = {r["canonical_url"]: r for r in mirror.expected()}
        got = world.rows(
            "select url, title, published_at, body_text, count(*) over (partition by url) "
            f"from releases where source_id = '{site}'"
        )
        assert len(got) == len(expected), site
        for url, title, published_at, body, copies in got:
            truth = expected[url]
            assert copies == 1
            assert title == truth["title"], url
            assert _instant(published_at) == truth["published_utc"], url
            assert body == truth["body"], url


def test_injected_faults_are_survived(world: World) -> None:
    for site, mirror in world.mirrors.items():
        requested = {r["target"] for r in mirror.requests()}
        fired = [f for f in mirror.manifest()["faults"] if f["target"] in requested]
        statuses = {r["status"] for r in mirror.requests()}
        if world.sources[site].feed:
            # Feed entries carry full bodies: no article or HTML listing route (where faults sit) is needed.
            assert not fired and statuses <= {200, 404}, site
            continue
        assert {"status_503_x2", "status_429_once", "listing_500_once"} <= {f["kind"] for f in fired}, site
        assert {503, 429, 500} <= statuses, site  # the faults did fire
    assert world.rows("select count(*) from errors where resolved_at is null") == [(0,)]
    runs = world.rows("select source_id, status, releases_new from runs order by run_id")
    assert {(s, st) for s, st, _ in runs} == {(s, "ok") for s in SITES}


def test_the_warehouse_passes_its_declared_data_tests(world: World) -> None:
    from warehouse import load

    con = db.connect(world.db_path, read_only=True)
    try:
        assert load.check_data(con) == []
    finally:
        con.close()


def test_requests_name_pressroom_in_the_user_agent(world: World) -> None:
    uas = {r["ua"] for m in world.mirrors.values() for r in m.requests()}
    assert uas and all("pressroom" in ua for ua in uas)


def test_second_run_fetches_no_article_and_changes_no_row(world: World) -> None:
    before = world.rows("select * from releases order by release_id")
    figures_before = world.rows("select count(*) from figures")
    marks = {s: len(m.requests()) for s, m in world.mirrors.items()}
    reports = world.run("second")
    assert all(r.status == "ok" and r.new == 0 and r.updated == 0 for r in reports)
    for site, mirror in world.mirrors.items():
        assert article_hits(mirror, marks[site]) == [], site
        listing = [r for r in mirror.requests()[marks[site] :] if r["target"] != "/robots.txt"]
        assert len(listing) == 1, (site, listing)  # one listing/feed request per source
    assert world.rows("select * from releases order by release_id") == before
    assert world.rows("select count(*) from figures") == figures_before


def _new_docs(tmp: Path, site: str, lang: str) -> list[Path]:
    """Two new releases for a mirror, made from a gold document of the site's language."""
    seed = json.loads(next(iter(sorted(GOLD_DEV.glob(f"{lang}-d0*.json")))).read_text(encoding="utf-8"))
    out = []
    for n in (1, 2):
        doc = dict(seed, id=f"new-{site}-{n}", title=f"{seed['title']} (update {n})", published_utc=None)
        doc["published_raw"] = None
        path = tmp / f"new-{site}-{n}.json"
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        out.append(path)
    return out


def test_after_update_only_new_and_edited_releases_are_fetched_and_versioned(world: World) -> None:
    edited: dict[str, str] = {}
    marks = {}
    for site, mirror in world.mirrors.items():
        newest = mirror.expected()[0]
        edited[site] = newest["canonical_url"]
        marks[site] = len(mirror.requests())
        mirror.update(add_docs=_new_docs(world.tmp, site, world.sources[site].lang), edit=[newest["id"]])
    reports = world.run("third", days_later=1)  # the next night
    assert [(r.new, r.updated, r.status) for r in reports] == [(2, 1, "ok")] * len(SITES)
    for site, mirror in world.mirrors.items():
        truth = {r["canonical_url"]: r for r in mirror.expected()}
        fetched = {r["target"] for r in article_hits(mirror, marks[site]) if r["status"] == 200}
        wanted = {truth[u]["url_path"] for u in truth if truth[u]["id"].startswith("new-")}
        if not world.sources[site].feed:  # a feed carrying full bodies needs no article request
            assert fetched == wanted | {truth[edited[site]]["url_path"]}, site
        body, version = world.rows(f"select body_text, version from releases where url = '{edited[site]}'")[0]
        assert (body, version) == (truth[edited[site]]["body"], 2)
        old = world.rows(
            "select v.body_text from release_versions v join releases r using (release_id) "
            f"where r.url = '{edited[site]}' and v.version = 1"
        )
        assert len(old) == 1 and old[0][0] != body and body.startswith(old[0][0])
