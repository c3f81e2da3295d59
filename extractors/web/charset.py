"""Decode a response body: byte-order mark, then Content-Type charset, then the document's own declaration."""

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
    return body.decode(candidates[0], errors="replace")
