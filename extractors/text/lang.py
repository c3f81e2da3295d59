"""Tell the language of a release from its script: Cyrillic or Latin letters.

Decided once per release: `detect_lang` when a page is parsed (the source's language unless the script says
otherwise), `extraction_lang` when the extractors run (the two languages their rules cover).
"""

from __future__ import annotations

import re
from typing import Literal

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


Lang = Literal["en", "ru"]
# The extractors judge the script on a release's opening: enough to tell, cheap on a 100 KB transcript.
EXTRACTION_SAMPLE = 4000


def extraction_lang(text: str, lang: str | None) -> Lang:
    """Return the extractors' language: "ru" or "en" when `lang` names one, else the script of the text."""
    code = (lang or "").lower()[:2]
    if code == "ru":
        return "ru"
    if code == "en":
        return "en"
    share = cyrillic_share(text[:EXTRACTION_SAMPLE])
    return "ru" if share is not None and share > 0.5 else "en"
