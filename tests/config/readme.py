"""The source block README.md shows under "Adding a source", read from the README itself.

Tests load this block rather than a copy of it, so the README's example and what is tested cannot drift.
"""

from __future__ import annotations

import re
from pathlib import Path

from config import settings
from tests.paths import README

SECTION = "### Adding a source"


def example_block() -> str:
    """The ```toml block of README.md's "Adding a source" section."""
    text = README.read_text(encoding="utf-8")
    _, found, section = text.partition(SECTION)
    block = re.search(r"^```toml\n(.*?)^```", section, re.S | re.M) if found else None
    if block is None:
        raise ValueError(f"README.md has no ```toml block under {SECTION!r}")
    return block.group(1)


def example_id() -> str:
    """The id of the README's example source (its first [sources.ID] table)."""
    found = re.search(r"^\[sources\.([\w-]+)\]", example_block(), re.M)
    if found is None:
        raise ValueError("README.md's example block declares no [sources.ID] table")
    return found.group(1)


def config_with_example(folder: Path) -> Path:
    """Write the shipped config/sources.toml plus the README's block to `folder`; return the file."""
    shipped = settings.DEFAULT_SOURCES_PATH.read_text(encoding="utf-8")
    path = folder / "sources.toml"
    path.write_text(f"{shipped}\n{example_block()}", encoding="utf-8")
    return path
