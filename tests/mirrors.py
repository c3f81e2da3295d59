"""Loopback mirrors of the real sites for end-to-end tests (the builder and server `pressroom demo` uses)."""

from __future__ import annotations

from flows.mirrors import GOLD_DEV, TOOLS, Mirror, free_port

SITES = TOOLS  # the mirror builder and server (tests/fixtures/sites)

__all__ = ["GOLD_DEV", "SITES", "Mirror", "free_port"]
