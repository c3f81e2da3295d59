"""Fixtures of the fetch tests: loopback servers and a fake clock."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.httpfake import FakeClock, FakeServer


@pytest.fixture
def server() -> Iterator[FakeServer]:
    """A scripted loopback site."""
    with FakeServer() as srv:
        yield srv


@pytest.fixture
def other_server() -> Iterator[FakeServer]:
    """A second loopback site: another host, with its own pace."""
    with FakeServer() as srv:
        yield srv


@pytest.fixture
def clock() -> FakeClock:
    """A clock that moves only when slept on."""
    return FakeClock()
