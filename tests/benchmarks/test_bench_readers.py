"""The readers benchmark in its fast mode: it must run and print sane figures (timing is not asserted)."""

from __future__ import annotations

import pytest


@pytest.mark.slow
def test_readers_benchmark_fast_mode_answers_every_poll_while_the_writer_works(capsys) -> None:
    from tests.benchmarks import bench_readers

    (row,) = bench_readers.main(["--releases", "20", "--delay", "0.01", "--interval", "0.05"])
    assert row["polls_answered"] > 0 and row["polls_failed"] == 0
    assert row["writer_sessions"] > 1 and row["writer_held_s"] < row["ingest_s"]
    assert "reader_wait_p95_s" in capsys.readouterr().out
