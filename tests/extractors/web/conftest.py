"""Fixtures of the fetch tests: loopback servers and a fake clock."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest

from extractors.web.fetch import Fetcher
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


@pytest.fixture
def fetcher(clock: FakeClock) -> Iterator[Fetcher]:
    """A fetcher paced by the fake clock, with seeded backoff jitter."""
    with Fetcher(sleep=clock.sleep, clock=clock, rng=random.Random(1)) as f:
        yield f
