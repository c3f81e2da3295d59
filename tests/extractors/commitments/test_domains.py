"""Commitment domains: the keyword lexicon and its documentation."""

from __future__ import annotations

import datetime

import pytest

from extractors.commitments.domains import LEXICON, classify_domain
from extractors.commitments.extract import extract_commitments
from extractors.models import Commitment
from tests.paths import DOCS

REF = datetime.date(2024, 1, 24)


def one(sentence: str, lang: str) -> Commitment | None:
    """Return the commitment a single sentence yields, or None."""
    found = extract_commitments(sentence, lang, REF)
    assert len(found) <= 1
    return found[0] if found else None


@pytest.mark.parametrize(
    ("sentence", "lang", "domain"),
    [
        ("The ministry will build 40 new schools for rural pupils.", "en", "education"),
        ("Moscow and Baku agreed to expand supplies of food and agricultural goods.", "en", "agriculture"),
        ("The budget will fund two new hospitals.", "en", "health"),
        ("The roadmap will be implemented next year.", "en", None),
        ("Правительство выделит средства на ремонт дорог и мостов.", "ru", "transport"),
        ("Из федерального бюджета направят 5 млрд рублей на строительство школ.", "ru", "education"),
        ("Стороны договорились расширить поставки сжиженного газа.", "ru", "energy"),
        ("Дорогие друзья, будем работать вместе.", "ru", None),
        ("Регионы получат средства на строительство жилья и водопроводов.", "ru", "housing"),
        ("It is important that the coalition will act.", "en", None),
        ("Долгосрочная программа поможет ввести 600 тысяч квадратных метров жилья.", "ru", "housing"),
    ],
)
def test_domain_from_the_keyword_lexicon(sentence: str, lang: str, domain: str | None) -> None:
    assert classify_domain(sentence, lang) == domain
    found = one(sentence, lang)
    assert found is not None and found.domain == domain


def test_every_lexicon_stem_is_documented() -> None:
    doc = (DOCS / "domains.md").read_text(encoding="utf-8")
    for domain, by_lang in LEXICON.items():
        row = next(line for line in doc.splitlines() if line.startswith(f"| {domain} |"))
        for stems in by_lang.values():
            for stem in stems:
                assert f"`{stem}`" in row, (domain, stem)
