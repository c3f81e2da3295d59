"""Tell the language of a release from its script: Cyrillic or Latin letters."""

from __future__ import annotations

import re

# Languages written in Cyrillic; a source's own language wins when the script agrees with it.
CYRILLIC_LANGS = frozenset({"ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "tg", "mn"})
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
# Below this many letters the script share says little (a title of initials, a bare number).
MIN_LETTERS = 12


def cyrillic_share(text: str) -> float | None:
    """Share of Cyrillic among Cyrillic and Latin letters, or None when there are too few letters."""
    cyr = len(_CYRILLIC.findall(text))
    lat = len(_LATIN.findall(text))
    if cyr + lat < MIN_LETTERS:
        return None
    return cyr / (cyr + lat)


def detect_lang(text: str, default: str) -> str:
    """Return "ru" for mostly Cyrillic text, "en" for mostly Latin text, else `default`."""
    share = cyrillic_share(text)
    if share is None:
        return default
    default_cyrillic = default in CYRILLIC_LANGS
    if share >= 0.5:
        return default if default_cyrillic else "ru"
    return "en" if default_cyrillic else default
