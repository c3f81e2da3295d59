"""Challenge-page detection: interstitials are refused, real pages that mention the phrases are not."""

from __future__ import annotations

import pytest

from extractors.web.refusal import is_challenge

BOBCMN = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Data processing</title>
<script type="text/javascript">
(function(){var bobcmn = "11111111111110102000000052000000062000000002b1d5a9b32/TSPD/?type=9";
window.TSPD_101_DID=bobcmn;})();
</script><noscript>Please enable JavaScript to view the page content.</noscript></head>
<body><div class="tspd-challenge">Data processing... Please, wait.</div></body></html>"""

CLOUDFLARE = """<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title>
<script>window._cf_chl_opt={cvId: '3'};</script></head>
<body><div>Checking if the site connection is secure</div>
<noscript>Enable JavaScript and cookies to continue</noscript></body></html>"""

ARTICLE_PARAGRAPH = (
    "<p>The Ministry reported that industrial output grew by 3.5 per cent year on year, while investment in "
    "fixed capital rose to 12 trillion roubles. Officials said the figures confirm the recovery.</p>"
)


@pytest.mark.parametrize("page", [BOBCMN, CLOUDFLARE], ids=["bobcmn", "cloudflare"])
def test_interstitials_are_challenges(page: str) -> None:
    reason = is_challenge(page, ())
    assert reason is not None and reason.startswith("challenge page")


def test_wait_text_alone_is_enough() -> None:
    page = "<html><body><div>Data processing... Please, wait.</div></body></html>"
    assert is_challenge(page, ()) is not None


def test_real_article_quoting_a_challenge_phrase_is_not_refused() -> None:
    quote = "<p>Users reported seeing 'Checking your browser' and 'Just a moment' screens.</p>"
    page = f"<html><head><title>Just a moment of history</title></head><body>{ARTICLE_PARAGRAPH * 12}{quote}"
    assert is_challenge(page + "</body></html>", ()) is None


def test_short_ordinary_page_is_not_refused() -> None:
    assert is_challenge("<html><body><p>Nothing found</p></body></html>", ()) is None
    assert is_challenge('{"results": [], "total": 0}', ()) is None


def test_source_markers_refuse_any_page_case_insensitively() -> None:
    page = f"<html><body>{ARTICLE_PARAGRAPH * 12}<div>ACCESS DENIED by policy</div></body></html>"
    assert is_challenge(page, ()) is None
    reason = is_challenge(page, ("", "access denied"))
    assert reason is not None and "access denied" in reason
