"""Benchmarks in their fast mode: they must run and print sane figures (timing is not asserted)."""

from __future__ import annotations

import pytest

from tests.benchmarks import bench_ingest


@pytest.mark.slow
def test_ingest_benchmark_fast_mode_stores_everything_and_the_rerun_fetches_one_page(capsys) -> None:
    figures = bench_ingest.main(["--releases", "40"])
    assert figures["first_stored"] == figures["releases"]
    assert figures["nochange_new"] == 0
    assert figures["nochange_requests"] == 1  # one listing page (robots.txt is cached per fetcher)
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
