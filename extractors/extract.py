"""Run every extractor over one release body and version the result."""

from __future__ import annotations

import datetime
from functools import cache

from config.indicators import default_indicators
from extractors.commitments.extract import COMMITMENTS_VERSION, extract_commitments
from extractors.commitments.threads import with_thread_keys
from extractors.figures.extract import extract_figures
from extractors.models import Extraction
from extractors.text.lang import extraction_lang
from extractors.text.terms import Entry, TermIndex

# Bump FIGURES_VERSION (or commitments.COMMITMENTS_VERSION) whenever that extractor's output changes for
# some input, so that rows stored by an older version can be found and redone by `pressroom reextract`.
FIGURES_VERSION = "figures-1.5"
# The keys that link a commitment to its restatements (extractors/commitments/threads.py).
THREAD_KEYS_VERSION = "threads-1"
EXTRACTOR_VERSION = f"{FIGURES_VERSION}+{COMMITMENTS_VERSION}+{THREAD_KEYS_VERSION}"


def extract(text: str, lang: str, ref_date: datetime.date | None = None) -> Extraction:
    """Return the figures and commitments of a release body, stamped with EXTRACTOR_VERSION."""
    decided = extraction_lang(text, lang)  # once per release; both extractors read it
    return Extraction(
        figures=extract_figures(text, decided, ref_date, indicator_index()),
        commitments=[with_thread_keys(c) for c in extract_commitments(text, decided, ref_date)],
        extractor_version=EXTRACTOR_VERSION,
    )


@cache
def indicator_index() -> TermIndex:
    """The indicator vocabulary of config/indicators.toml, prepared for matching once per process."""
    return TermIndex(Entry(i.id, i.terms, i.kinds, i.units, i.cues) for i in default_indicators())
