"""Commitment extraction robustness and quality: properties, linear time, real texts, gold dev scores."""

from __future__ import annotations

import datetime
import importlib.util
import json
import re
import time
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.commitments.extract import extract_commitments
from tests.extractors.commitments.test_cues import EN_COMMITMENTS, RU_COMMITMENTS
from tests.paths import FIXTURES

REF = datetime.date(2024, 1, 24)


def load_module(path: Path, name: str) -> ModuleType:
    """Import a fixture script as a module."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def from_text(actor: str, text: str) -> bool:
    """Tell whether an actor is made of the release's words: a phrase as written, or a pronoun with the
    speaker and role it stands for ("мы (И.Руденя, губернатор Тверской области)": the role put in the
    nominative, so each word is compared without its ending)."""
    if actor in text:
        return True
    lowered = text.lower()
    written = re.sub(
        r"[(;] ?(?:instructed by|поручение:) ", "(", actor
    )  # who instructs, named by the extractor
    return all(w.lower()[: max(3, len(w) - 3)] in lowered for w in re.findall(r"[^\W\d_]+", written))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["en", "ru"]))
def test_property_never_raises_and_sentences_are_exact(text: str, lang: str) -> None:
    for c in extract_commitments(text, lang, REF):
        assert c.sentence == text[c.char_start : c.char_end]
        assert all(part is None or part in c.sentence for part in (c.action, c.horizon, c.cue))
        assert c.actor is None or from_text(c.actor, text)
        assert c.kind in (
            "pledge",
            "agreement",
            "plan",
            "instruction",
            "provision",
            "allocation",
            "prediction",
        )


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [s for s, _ in EN_COMMITMENTS + RU_COMMITMENTS]
            + ["Рост составил 5%.", "Exports grew.", "\n\n", " "]
        ),
        max_size=8,
    )
)
def test_property_joined_sentences_keep_exact_offsets(parts: list[str]) -> None:
    text = " ".join(parts)
    for lang in ("en", "ru"):
        for c in extract_commitments(text, lang, None):
            assert c.sentence == text[c.char_start : c.char_end]


@pytest.mark.parametrize(
    ("unit", "lang"),
    [
        ("if we will build ", "en"),  # one endless sentence full of cues
        ("если будем строить ", "ru"),
        ("Будем строить. ", "ru"),  # many first-person pledges in one paragraph (speaker look-up)
        ("a) to ensure; ", "en"),
    ],
)
def test_commitment_extraction_time_grows_linearly(unit: str, lang: str) -> None:
    def seconds(n: int) -> float:
        started = time.process_time()
        extract_commitments(unit * n, lang, REF)
        return time.process_time() - started

    single, quadruple = seconds(2_000), seconds(8_000)
    assert quadruple < 4 * single * 2 + 0.2  # quadratic behaviour would give about 16x


@pytest.mark.e2e  # a sweep over the 200 real transcripts
def test_real_kremlin_texts_go_through() -> None:
    docs = json.loads((FIXTURES / "corpora" / "kremlin_ru_200.json").read_text(encoding="utf-8"))
    total = 0
    for doc in docs:
        ref = datetime.date.fromisoformat(doc["published_utc"][:10]) if doc.get("published_utc") else None
        found = extract_commitments(doc["body"], "ru", ref)
        for c in found:
            assert c.sentence == doc["body"][c.char_start : c.char_end]
            assert all(part is None or part in c.sentence for part in (c.action, c.horizon, c.cue))
            assert c.actor is None or from_text(c.actor, doc["body"])
        total += sum(c.core for c in found)
    assert total > 200  # meetings and speeches are full of pledges and instructions


def dev_scores() -> dict[str, tuple[float, float, float]]:
    """Return P, R, F1 per language of the core commitments on the gold dev set (rules of score.py)."""
    scorer = load_module(FIXTURES / "gold" / "score.py", "gold_score")
    gold = scorer.load_gold([str(FIXTURES / "gold" / "dev")])
    counts: dict[str, list[int]] = {}
    for doc in gold.values():
        ref = datetime.date.fromisoformat(doc["published_utc"][:10]) if doc.get("published_utc") else None
        preds = [
            {"sentence": c.sentence, "start": c.char_start, "end": c.char_end}
            for c in extract_commitments(doc["body"], doc["lang"], ref)
            if c.core
        ]
        result = scorer.match(preds, doc["commitments"], doc["body"], "sentence", scorer.com_match)
        total = counts.setdefault(doc["lang"], [0, 0, 0, 0])
        for i in range(4):
            total[i] += result[i]
    return {lang: scorer.prf(c) for lang, c in counts.items()}


def test_dev_set_f1_per_language_meets_the_target() -> None:
    for lang, (precision, recall, f1) in dev_scores().items():
        assert f1 >= 0.85, (lang, precision, recall, f1)


def instructed(expected: dict[str, str | None]) -> str | None:
    """Return the actor a synthetic commitment should get: the generator names the one who instructs,
    the extractor the party instructed and then who instructs ("профильным ведомствам (поручение: Игорь
    Белов)", "the relevant agencies (instructed by Igor Belov)")."""
    named = r"(?:поручил|instructed) (профильным ведомствам|the relevant agencies)"
    m = re.search(named, expected["sentence"] or "")
    if m is None:
        return expected["actor"]
    by = "поручение:" if m.group(1).startswith("проф") else "instructed by"
    return f"{m.group(1)} ({by} {expected['actor']})"


def test_synthetic_releases_yield_their_commitments_with_horizon_and_actor() -> None:
    mirror = load_module(FIXTURES / "sites" / "mirror.py", "mirror_tool")
    checked = 0
    for i in range(40):
        for lang, flavour in (("en", "ru"), ("ru", "ru"), ("en", "uk")):
            doc = mirror.gen_synthetic(7, i, lang, flavour)
            body = "\n\n".join(doc.paras)
            found = [c for c in extract_commitments(body, lang, doc.pub.date()) if c.core]
            for expected in doc.commitments:
                match = [c for c in found if c.sentence == expected["sentence"]]
                assert match, expected["sentence"]
                assert (match[0].horizon, match[0].actor) == (expected["horizon"], instructed(expected))
                checked += 1
    assert checked > 100
