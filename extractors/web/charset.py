"""Decode a response body: byte-order mark, then Content-Type charset, then the document's own declaration.

A body that declares nothing that fits and is not UTF-8 is read in the single-byte charset its letters
make most sense in: old Russian sites send windows-1251 without saying so.
"""

from __future__ import annotations

import codecs
import re

# Declarations sit in the head; looking further only risks matching quoted markup in the body.
SNIFF_BYTES = 4096
DEFAULT_CHARSET = "utf-8"

_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([-\w.:]+)""", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([-\w.:]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+?encoding\s*=\s*["']([-\w.:]+)""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Charsets an undeclared non-UTF-8 body is tried in: Cyrillic (the sites' own), then Western European.
GUESSED_CHARSETS = ("cp1251", "koi8_r", "cp1252")
_WORD = re.compile(r"[^\W\d_]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f\ufffd]")


def charset_from_content_type(content_type: str | None) -> str | None:
    """Return the charset parameter of a Content-Type header, if any."""
    m = _HEADER_CHARSET.search(content_type or "")
    return m.group(1) if m else None


def declared_charset(body: bytes) -> str | None:
    """Return the charset the document declares in an XML declaration or a <meta> tag."""
    head = body[:SNIFF_BYTES]
    m = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii", "replace") if m else None


def _codec(name: str | None) -> str | None:
    """Return Python's codec name for a charset label, or None when unknown."""
    if not name:
        return None
    try:
        return codecs.lookup(name.strip()).name
    except LookupError:
        return None


def decode_body(body: bytes, content_type: str | None = None) -> str:
    """Decode bytes to text; the first charset that decodes cleanly wins, else the first known, lossy."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body.decode(name, errors="replace")
    labels = (charset_from_content_type(content_type), declared_charset(body), DEFAULT_CHARSET)
    candidates = [c for c in dict.fromkeys(_codec(label) for label in labels) if c]
    for codec in candidates:
        try:
            return body.decode(codec)
        except UnicodeDecodeError:
            continue  # a header that lies (utf-8 declared, cp1251 sent) falls through to the next guess
    return body.decode(guess_charset(body) or candidates[0], errors="replace")


def guess_charset(body: bytes) -> str | None:
    """Return the single-byte charset a non-UTF-8 body reads best in, or None when it is damaged UTF-8.

    A charset scores the lower-case letters it yields in words that look like words: one script, cased as
    words are (lower, Capitalised or UPPER). Read in the wrong Cyrillic charset, Russian text comes out in
    inverted case; read as Western European, it comes out as words made only of accented letters.
    """
    lossy = body.decode("utf-8", errors="replace")
    damaged = lossy.count("\ufffd")
    if len(_NON_ASCII.findall(lossy)) > damaged:
        return None  # more well-formed UTF-8 characters than broken ones: UTF-8 with a few bad bytes
    scores = {name: _letter_score(body.decode(name, errors="replace"), name) for name in GUESSED_CHARSETS}
    # max() keeps the first of equals: a body without a single telling letter is read as windows-1251.
    return max(GUESSED_CHARSETS, key=lambda name: scores[name])


def _letter_score(text: str, charset: str) -> int:
    """Count lower-case non-ASCII letters in plausible words of `text` read as `charset`."""
    cyrillic = charset != "cp1252"
    score = 0
    for word in _WORD.findall(text):
        if word.isascii() or not (word.islower() or word.isupper() or word.istitle()):
            continue
        foreign = [ch for ch in word if not ch.isascii()]
        if cyrillic and (len(foreign) < len(word) or not all(_is_cyrillic(ch) for ch in foreign)):
            continue  # a Cyrillic word has no Latin letters in it
        if not cyrillic and 2 * len(foreign) > len(word):
            continue  # a Western word is mostly plain Latin letters with a few accented ones
        score += sum(1 for ch in foreign if ch.islower())
    return score


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"
