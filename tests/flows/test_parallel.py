"""Work in worker processes: results in input order, computed elsewhere, errors passed on."""

from __future__ import annotations

import os

import pytest

from flows.parallel import ordered_map


def square_with_pid(n: int) -> tuple[int, int]:
    """A worker's answer and the process that gave it."""
    return n * n, os.getpid()


def test_results_come_back_in_input_order_from_worker_processes() -> None:
    out = list(ordered_map(square_with_pid, iter(range(40)), workers=2, ahead=1))
    assert [value for value, _ in out] == [n * n for n in range(40)]
    assert os.getpid() not in {pid for _, pid in out}


def test_one_worker_runs_inline() -> None:
    assert {pid for _, pid in ordered_map(square_with_pid, range(3), workers=1)} == {os.getpid()}


def test_a_worker_error_reaches_the_caller() -> None:
    with pytest.raises(TypeError):
        list(ordered_map(square_with_pid, ["x", 2], workers=2))  # type: ignore[list-item]
