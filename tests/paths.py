"""Where the repository's files are, for tests at any depth of the tests/ tree."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
DOCS = REPO / "docs"
FIXTURES = REPO / "tests" / "fixtures"
PAGES = FIXTURES / "pages"
SITES = FIXTURES / "sites"
GOLD = FIXTURES / "gold"
KREMLIN_RU_CORPUS = FIXTURES / "corpora" / "kremlin_ru_200.json"
