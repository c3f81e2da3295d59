"""Recognise pages that refuse us while answering 200: anti-bot interstitials and challenge pages."""

from __future__ import annotations

import re
from collections.abc import Iterable

# A real release or listing carries paragraphs of text; an interstitial carries a line or two. Generic
# challenge signs only count on a page this short, so a release that quotes one of the phrases is not refused.
SHORT_PAGE_CHARS = 1500

# (reason, sign) pairs seen on anti-bot interstitials served with status 200 (or 503).
CHALLENGE_SIGNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("bobcmn JS challenge", re.compile(r"\bbobcmn\b")),
    ("'Data processing... Please, wait.'", re.compile(r"data processing\W*please,? wait", re.I)),
    ("'Just a moment...'", re.compile(r"<title>\s*just a moment", re.I)),
    ("browser check", re.compile(r"checking (your browser|if the site connection is secure)", re.I)),
    ("Cloudflare challenge", re.compile(r"cf[-_]chl|challenge-platform|cf-browser-verification", re.I)),
    ("JS and cookies required", re.compile(r"enable javascript and cookies to continue", re.I)),
    ("DDoS-Guard check", re.compile(r"ddos-guard", re.I)),
    ("Incapsula block", re.compile(r"_incapsula_resource|incapsula incident", re.I)),
)

_INVISIBLE = re.compile(r"<(script|style|noscript)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def visible_text(html: str) -> str:
    """Return the text a reader would see: no scripts, styles, comments or tags."""
    return _SPACE.sub(" ", _TAG.sub(" ", _INVISIBLE.sub(" ", html))).strip()


def is_challenge(body_text: str, markers: Iterable[str] = ()) -> str | None:
    """Return why a page is a challenge/refusal page, or None when it looks like real content.

    Args:
        body_text: the decoded response body.
        markers: the source's own refusal markers; any one found (case-insensitive) refuses,
            whatever the page length, because the source's config vouches for it.
    """
    lowered = body_text.lower()
    for marker in markers:
        if marker and marker.lower() in lowered:
            return f"challenge page: source marker {marker!r}"
    if len(visible_text(body_text)) > SHORT_PAGE_CHARS:
        return None
    for reason, sign in CHALLENGE_SIGNS:
        if sign.search(body_text):
            return f"challenge page: {reason}"
    return None
