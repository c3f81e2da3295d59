"""Extraction never fails: arbitrary text, real long transcripts, linear time; plus a throughput benchmark.

Benchmark: python -m tests.extractors.test_extract_properties  (prints releases/s and figures/s on the corpus)
"""

from __future__ import annotations

import datetime
import itertools
import json
import math
import sys
import time
from functools import cache
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.extract import EXTRACTOR_VERSION, extract
from extractors.figures.extract import extract_figures
from extractors.models import Extraction, Figure
from tests.paths import KREMLIN_RU_CORPUS

CORPUS = KREMLIN_RU_CORPUS
KINDS = {"money", "percent", "count", "quantity"}

# Text made of the pieces figures are built from, so the generator reaches the interesting paths.
_PIECES = st.sampled_from(
    [
        " ",
        "  ",
        "\n\n",
        ",",
        ".",
        "-",
        "–",
        "/",
        ":",
        "%",
        "$",
        "£",
        "€",
        "₽",
        "(",
        ")",
        "[",
        "]",
        "+",
        "−",
        "0",
        "1",
        "7",
        "12",
        "2023",
        "1,809.9",
        "17,5",
        "77 498",
        "5\u00a0000",
        "million",
        "bn",
        "m",
        "тыс.",
        "млрд",
        "рублей",
        "процента",
        "п.п.",
        "раза",
        "в",
        "от",
        "до",
        "to",
        "and",
        "times",
        "tonnes",
        "km",
        "two",
        "thousand",
        "пять",
        "тысяч",
        "половиной",
        "с",
        "one",
        "a",
        "No.",
        "№",
        "года",
        "году",
        "ago",
        "назад",
        "next",
        "years",
        "лет",
        "first",
        "quarter",
        "January",
        "марта",
        "more than",
        "более",
        "сотни",
        "сотне",
        "десятков",
        "два-три",
        "пяти-шести",
        "one and a half",
        "Махов",
        "Mach",
        "p",
        "pence",
        "quarters of",
        "с лишним",
        "исполнилось",
        "Победы",
        "will",
        "по",
        "при",
        "сейчас",
        "В",
    ]
)
TEXTS = st.one_of(st.text(max_size=300), st.lists(_PIECES, max_size=60).map("".join))


def _check(text: str, figs: list[Figure]) -> None:
    for f in figs:
        assert text[f.char_start : f.char_end] == f.text
        assert f.text.strip() == f.text and f.text
        assert math.isfinite(f.value)
        assert f.kind in KINDS
        assert f.sentence and f.char_start >= 0
    spans = [(f.char_start, f.char_end) for f in figs]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))  # no overlaps


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.sampled_from(["en", "ru", "", "de"]), st.one_of(st.none(), st.dates()))
def test_extraction_never_raises_and_spans_are_exact(text: str, lang: str, ref: datetime.date | None) -> None:
    _check(text, extract_figures(text, lang, ref))


@settings(max_examples=50, deadline=None)
@given(TEXTS)
def test_extract_returns_a_versioned_extraction(text: str) -> None:
    ex = extract(text, "en", None)
    assert isinstance(ex, Extraction)
    assert ex.extractor_version == EXTRACTOR_VERSION
    for c in ex.commitments:
        assert text[c.char_start : c.char_end] == c.sentence


@cache
def _corpus() -> list[dict[str, Any]]:
    return json.loads(CORPUS.read_text(encoding="utf-8"))


def _ref(doc: dict[str, Any]) -> datetime.date | None:
    raw = doc.get("published_utc")
    return datetime.date.fromisoformat(raw[:10]) if raw else None


@pytest.mark.e2e  # a sweep over the 200 real transcripts
def test_real_long_russian_transcripts_go_through() -> None:
    docs = _corpus()
    assert max(len(d["body"]) for d in docs) > 100_000
    total = 0
    for doc in docs:
        figs = extract_figures(doc["body"], doc["lang"], _ref(doc))
        _check(doc["body"], figs)
        total += len(figs)
    assert total > 1000  # real transcripts are full of figures


def test_time_grows_about_linearly_with_text_length() -> None:
    longest = max(_corpus(), key=lambda d: len(d["body"]))["body"]

    def best_of_three(text: str) -> float:
        times = []
        for _ in range(3):
            t0 = time.process_time()
            extract_figures(text, "ru", None)
            times.append(time.process_time() - t0)
        return min(times)

    single, double = best_of_three(longest), best_of_three(longest + "\n\n" + longest)
    assert double < 4 * single + 0.05  # quadratic behaviour would give about 4x; linear gives about 2x


@pytest.mark.parametrize(
    "text",
    [
        "1" * 20_000,
        "1 " * 10_000,
        "1,000," * 5_000,
        "один " * 5_000,
        "12 " + "с " * 5_000,
        "No. " * 5_000,
        ("9 months of " * 3_000),
        "(" * 10_000 + "5%",
        "a " * 10_000 + "million",
    ],
)
def test_pathological_inputs_finish_quickly(text: str) -> None:
    t0 = time.process_time()
    _check(text, extract_figures(text, "en", None))
    assert time.process_time() - t0 < 5


def benchmark(docs: list[dict[str, Any]]) -> dict[str, float]:
    """Return releases/s and figures/s of extract_figures over docs (one core, one pass)."""
    t0 = time.perf_counter()
    n_figs = sum(len(extract_figures(d["body"], d["lang"], _ref(d))) for d in docs)
    elapsed = time.perf_counter() - t0
    chars = sum(len(d["body"]) for d in docs)
    return {
        "releases": len(docs),
        "figures": n_figs,
        "seconds": elapsed,
        "releases_per_s": len(docs) / elapsed,
        "figures_per_s": n_figs / elapsed,
        "kchars_per_s": chars / elapsed / 1000,
    }


def test_benchmark_reports_throughput(capsys: pytest.CaptureFixture[str]) -> None:
    result = benchmark(_corpus()[:40])
    assert result["releases_per_s"] > 0 and result["figures"] > 0


if __name__ == "__main__":
    docs = _corpus()
    typical = [d for d in docs if 3000 <= len(d["body"]) <= 5000]
    for name, subset in (("whole corpus", docs), ("3-5 KB bodies", typical)):
        r = benchmark(subset)
        print(
            f"{name}: {r['releases']} releases, {r['figures']} figures in {r['seconds']:.2f} s: "
            f"{r['releases_per_s']:.0f} releases/s, {r['figures_per_s']:.0f} figures/s, "
            f"{r['kchars_per_s']:.0f} kchars/s",
            file=sys.stdout,
        )
