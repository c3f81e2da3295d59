"""The fetch kinds are one table: each kind a source may name has a config block, a parser, a page kind."""

from __future__ import annotations

from dataclasses import fields
from typing import get_args

from config.sources import FETCH_KINDS, FetchKind, Source, load_sources
from extractors.pages.discover import PAGE_URLS
from extractors.pages.parse import ARTICLE_PARSERS, PAGE_PARSERS
from warehouse.rawpages import PAGE_KINDS


def test_config_and_parsers_cover_the_same_fetch_kinds() -> None:
    kinds = set(get_args(FetchKind))
    assert set(FETCH_KINDS) == set(PAGE_PARSERS) == set(ARTICLE_PARSERS) == set(PAGE_URLS) == kinds


def test_each_fetch_kind_names_a_source_block_and_a_raw_page_kind_the_warehouse_accepts() -> None:
    blocks = {f.name for f in fields(Source)}
    for spec in FETCH_KINDS.values():
        assert spec.block in blocks and spec.page_kind in PAGE_KINDS


def test_every_configured_source_has_the_block_its_fetch_kind_reads() -> None:
    for source in load_sources().values():
        assert getattr(source, FETCH_KINDS[source.fetch_kind].block) is not None, source.id
