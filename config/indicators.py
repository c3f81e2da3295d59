"""The controlled vocabulary of indicators (config/indicators.toml), loaded into typed, validated values."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

INDICATORS_FILE = Path(__file__).with_name("indicators.toml")
KINDS = frozenset({"money", "percent", "count", "quantity"})
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_KEYS = {"id", "en", "ru", "kinds", "units", "cues"}


class IndicatorError(ValueError):
    """The vocabulary file is unreadable, or an indicator is missing a field or holds a bad value."""


@dataclass(frozen=True)
class Indicator:
    """One indicator: its id, names and synonyms per language (the name first), kinds and units."""

    id: str
    en: tuple[str, ...]
    ru: tuple[str, ...]
    kinds: frozenset[str]
    units: frozenset[str] | None = None  # None: any unit
    cues: tuple[str, ...] = ()  # words next to a figure that name the indicator whatever its measure says

    @property
    def terms(self) -> tuple[str, ...]:
        """Every name and synonym, English then Russian."""
        return self.en + self.ru


def load_indicators(path: Path = INDICATORS_FILE) -> tuple[Indicator, ...]:
    """Return the indicators of a vocabulary file in file order; raise IndicatorError naming what is wrong."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise IndicatorError(f"{path}: {exc}") from exc
    unknown = set(raw) - {"indicator"}
    if unknown:
        raise IndicatorError(f"{path}: unknown top-level key(s) {sorted(unknown)}")
    blocks = raw.get("indicator")
    if not isinstance(blocks, list) or not blocks:
        raise IndicatorError(f"{path}: no [[indicator]] blocks")
    out: list[Indicator] = []
    seen: set[str] = set()
    for n, block in enumerate(blocks, start=1):
        where = f"{path.name}: indicator #{n}"
        indicator = _indicator(block, where)
        if indicator.id in seen:
            raise IndicatorError(f"{where}: duplicate id {indicator.id!r}")
        seen.add(indicator.id)
        out.append(indicator)
    return tuple(out)


@cache
def default_indicators() -> tuple[Indicator, ...]:
    """The indicators of config/indicators.toml, read once per process."""
    return load_indicators()


def _indicator(block: Mapping[str, Any], where: str) -> Indicator:
    """Validate one [[indicator]] table and build its value."""
    unknown = set(block) - _KEYS
    if unknown:
        raise IndicatorError(f"{where}: unknown key(s) {sorted(unknown)}")
    ident = block.get("id")
    if not isinstance(ident, str) or not _ID.match(ident):
        raise IndicatorError(f"{where}: id must be a snake_case string, got {ident!r}")
    where = f"{where} ({ident})"
    kinds = _strings(block.get("kinds"), f"{where}: kinds")
    bad = set(kinds) - KINDS
    if bad:
        raise IndicatorError(f"{where}: unknown kind(s) {sorted(bad)} (known: {sorted(KINDS)})")
    units, cues = block.get("units"), block.get("cues")
    return Indicator(
        id=ident,
        en=_strings(block.get("en"), f"{where}: en"),
        ru=_strings(block.get("ru"), f"{where}: ru"),
        kinds=frozenset(kinds),
        units=None if units is None else frozenset(_strings(units, f"{where}: units")),
        cues=() if cues is None else _strings(cues, f"{where}: cues"),
    )


def _strings(value: Any, where: str) -> tuple[str, ...]:
    """Return a non-empty list of non-empty strings as a tuple, or raise IndicatorError."""
    if not isinstance(value, list) or not value:
        raise IndicatorError(f"{where} must be a non-empty list of strings")
    if not all(isinstance(v, str) and v.strip() for v in value):
        raise IndicatorError(f"{where} must hold only non-empty strings, got {value!r}")
    return tuple(v.strip() for v in value)
