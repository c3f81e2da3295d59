"""Run every extractor over one release body and version the result."""

from __future__ import annotations

import datetime

from extractors.figures import detect_lang, extract_figures
from extractors.models import Extraction

# Bump whenever the output of extract() (figures or commitments) changes for some input, so that stored
# extractions made by an older version can be found and redone.
EXTRACTOR_VERSION = "1.0"


def extract(text: str, lang: str, ref_date: datetime.date | None = None) -> Extraction:
    """Return the figures and commitments of a release body, stamped with EXTRACTOR_VERSION."""
    from extractors.commitments import extract_commitments  # developed alongside; imported when used

    lang = detect_lang(text, lang)
    return Extraction(
        figures=extract_figures(text, lang, ref_date),
        commitments=extract_commitments(text, lang, ref_date),
        extractor_version=EXTRACTOR_VERSION,
    )
