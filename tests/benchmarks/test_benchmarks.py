"""Benchmarks in their fast mode: they must run and print sane figures (timing is not asserted)."""

from __future__ import annotations

import json

import pytest

from tests.benchmarks import bench_ingest


@pytest.mark.slow
def test_ingest_benchmark_fast_mode_stores_everything_and_the_rerun_fetches_one_page(capsys) -> None:
    figures = bench_ingest.main(["--releases", "40"])
    assert figures["first_stored"] == figures["releases"]
    assert figures["nochange_new"] == 0
    assert figures["nochange_requests"] == 1  # one listing page (robots.txt is cached per fetcher)
    assert figures["plain_script_stored"] == figures["releases"]  # the peer did the same fetching work
    assert figures["plain_script_s"] > 0 and figures["cli_first_s"] > 0 and figures["cli_nochange_s"] > 0
    assert "releases_per_s" in capsys.readouterr().out


@pytest.mark.slow
def test_extract_benchmark_fast_mode_reports_both_extractors(capsys) -> None:
    from tests.benchmarks import bench_extract

    figures = bench_extract.main(["--releases", "20"])
    assert figures["releases"] > 40 and figures["pressroom_figures_per_s"] > 0
    assert "quantulum3_en_releases_per_s" in figures  # a dev dependency: the comparison always runs
    assert "pressroom_releases_per_s" in capsys.readouterr().out


@pytest.mark.slow
def test_search_benchmark_fast_mode_finds_releases_in_both_languages(capsys) -> None:
    from tests.benchmarks import bench_search

    figures = bench_search.main(["--releases", "200"])
    assert figures["releases"] == 200
    assert all(figures[f"query{n}_hits"] > 0 for n in range(1, len(bench_search.QUERIES) + 1))
    assert figures["query4_hits"] == 20  # --limit 20 over 100 Russian releases
    assert "slowest_query_s" in capsys.readouterr().out


@pytest.mark.slow
def test_parse_benchmark_fast_mode_parses_every_kind_of_page_of_every_source(tmp_path, capsys) -> None:
    from tests.benchmarks import bench_parse

    dump = tmp_path / "parsed.json"
    figures = bench_parse.main(["--releases", "5", "--rounds", "1", "--dump", str(dump)])
    assert figures["pages"] > 9 * 5 and figures["article_pages_per_s"] > 0
    parsed = json.loads(dump.read_text(encoding="utf-8"))
    assert set(parsed) >= set(bench_parse.SITES)
    articles = [value for rows in parsed.values() for kind, _, value in rows if kind == "article"]
    assert articles and sum("error" not in value for value in articles) > len(articles) // 2
    assert "articles alone" in capsys.readouterr().out


@pytest.mark.slow
def test_scale_benchmark_fast_mode_times_every_query_on_a_warehouse_that_answers_it(capsys) -> None:
    from tests.benchmarks import bench_scale

    (row,) = bench_scale.main(["--figures", "5000", "--rounds", "1"])
    assert row["figures"] == 5000 and row["file_mb"] > 0
    for name, _ in bench_scale.QUERIES:
        assert row[f"{name} rows"] > 0, name  # a query that finds nothing would time nothing
    assert "full-text sear" in capsys.readouterr().out


@pytest.mark.slow
def test_reextract_benchmark_fast_mode_stores_the_same_rows_on_one_and_two_workers(capsys) -> None:
    from tests.benchmarks import bench_reextract

    figures = bench_reextract.main(["--releases", "60"])
    assert figures["releases"] == 60 and figures["workers1_rows"] > 0
    assert figures["workers1_rows"] == figures["workers2_rows"]
    assert "speedup_2_vs_1" in capsys.readouterr().out


def test_threads_benchmark_fast_mode_groups_restatements_and_reads_every_view(capsys) -> None:
    from tests.benchmarks import bench_threads

    figures = bench_threads.main(["--releases", "200"])
    assert figures["commitments"] == 200 * bench_threads.COMMITMENTS
    assert 0 < figures["restated_threads"] < figures["threads"] < figures["commitments"]
    assert all(f"{name}_s" in figures for name in bench_threads.QUERIES)
    assert "refresh_s" in capsys.readouterr().out
