"""Sentence segmentation of English and Russian releases: abbreviations, quotes, speech, paragraphs, speed."""

from __future__ import annotations

import json
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.text.sentences import sentence_spans
from tests.paths import KREMLIN_RU_CORPUS

CORPUS = KREMLIN_RU_CORPUS


def split(text: str, lang: str) -> list[str]:
    """Return the sentences of text as strings."""
    return [text[a:b] for a, b in sentence_spans(text, lang)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr. Smith met Dr. Jones at St. Paul's on Jan. 5. They talked.",
            ["Mr. Smith met Dr. Jones at St. Paul's on Jan. 5.", "They talked."],
        ),
        ("Law No. 4468-I applies. It was amended.", ["Law No. 4468-I applies.", "It was amended."]),
        (
            "Sectors, e.g. Energy and i.e. Transport, grew. Next.",
            ["Sectors, e.g. Energy and i.e. Transport, grew.", "Next."],
        ),
        ("V. Putin met U.S. officials. Talks followed.", ["V. Putin met U.S. officials.", "Talks followed."]),
        (
            "Output rose 3.5 percent to 1,809.9 tonnes. Good.",
            ["Output rose 3.5 percent to 1,809.9 tonnes.", "Good."],
        ),
        ("Wait... What happened? Nothing! Fine.", ["Wait...", "What happened?", "Nothing!", "Fine."]),
    ],
)
def test_english_abbreviations_initials_decimals_and_ellipses(text: str, expected: list[str]) -> None:
    assert split(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "В.Путин встретился с В. Песковым. Обсудили планы.",
            ["В.Путин встретился с В. Песковым.", "Обсудили планы."],
        ),
        (
            "Выделено 5 млн. рублей, т.е. больше. Ещё 2 млрд. руб. и 3 тыс. руб. направят позже. Итог.",
            [
                "Выделено 5 млн. рублей, т.е. больше.",
                "Ещё 2 млрд. руб. и 3 тыс. руб. направят позже.",
                "Итог.",
            ],
        ),
        ("Школы, больницы и т.д. Всё это важно.", ["Школы, больницы и т.д.", "Всё это важно."]),
        ("Дороги, мосты и т.п. будут отремонтированы.", ["Дороги, мосты и т.п. будут отремонтированы."]),
        (
            "Музей им. Пушкина на ул. Волхонка открыт. В 2024–2025 гг. его расширят.",
            ["Музей им. Пушкина на ул. Волхонка открыт.", "В 2024–2025 гг. его расширят."],
        ),
        (
            "В 2025 г. Правительство выделит средства. Решение принято 1 мая 2024 г. Затем всё.",
            ["В 2025 г. Правительство выделит средства.", "Решение принято 1 мая 2024 г.", "Затем всё."],
        ),
        (
            "Встреча прошла в г. Москве. Рост составил 17,5%.",
            ["Встреча прошла в г. Москве.", "Рост составил 17,5%."],
        ),
    ],
)
def test_russian_abbreviations_and_initials(text: str, expected: list[str]) -> None:
    assert split(text, "ru") == expected


def test_quotes_do_not_split_before_an_attribution() -> None:
    text = '«Мы будем работать. Это важно», – сказал министр. “We will act,” he said. "Done." Next one.'
    assert split(text, "ru") == [
        "«Мы будем работать.",
        "Это важно», – сказал министр.",
        "“We will act,” he said.",
        '"Done."',
        "Next one.",
    ]


def test_question_in_quotes_followed_by_attribution_stays_one_sentence() -> None:
    assert split("«Когда откроете?» – спросил Президент. Ответили сразу.", "ru") == [
        "«Когда откроете?» – спросил Президент.",
        "Ответили сразу.",
    ]


def test_russian_dash_introduced_speech_starts_a_sentence() -> None:
    text = "Президент спросил о сроках. – Да, конечно. – Когда? – В мае."
    assert split(text, "ru") == ["Президент спросил о сроках.", "– Да, конечно.", "– Когда?", "– В мае."]


def test_paragraph_break_always_ends_a_sentence() -> None:
    text = "A heading without a stop\n\nsecond paragraph starts lower case\n\n  Third paragraph.  "
    assert split(text, "en") == [
        "A heading without a stop",
        "second paragraph starts lower case",
        "Third paragraph.",
    ]


def test_wrapped_line_is_joined_but_a_new_line_with_a_capital_is_not() -> None:
    text = "The ministry will build\nroads and bridges. Then\nA list item\n1. First point."
    assert split(text, "en") == [
        "The ministry will build\nroads and bridges.",
        "Then",
        "A list item",
        "1. First point.",
    ]


def test_speaker_labels_and_stage_directions() -> None:
    text = "А.Муцоев: Это покажет масштаб. (Демонстрируется видеоролик.)\n\nВ.Путин: Пожалуйста."
    assert split(text, "ru") == [
        "А.Муцоев: Это покажет масштаб.",
        "(Демонстрируется видеоролик.)",
        "В.Путин: Пожалуйста.",
    ]


def test_each_numbered_item_of_a_decree_is_a_sentence() -> None:
    text = (
        "Текст Указа: постановляю: 1. Создать Совет по кино. 2. Правительству: а) представить предложения; "
        "б) обеспечить финансирование. 3. Признать утратившим силу Указ от 1 марта 2011 г. № 253 «О Совете»."
    )
    assert split(text, "ru") == [
        "Текст Указа: постановляю:",
        "1. Создать Совет по кино.",
        "2. Правительству: а) представить предложения; б) обеспечить финансирование.",
        "3. Признать утратившим силу Указ от 1 марта 2011 г. № 253 «О Совете».",
    ]
    assert split("The cargo includes: 69 generators. Done.", "en") == [
        "The cargo includes: 69 generators.",
        "Done.",
    ]


def check_spans(text: str, spans: list[tuple[int, int]]) -> None:
    """Assert spans are ordered, disjoint, trimmed, non-empty and cover every non-space character."""
    covered = 0
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        covered += sum(1 for ch in text[start:end] if not ch.isspace())
        previous_end = end
    assert covered == sum(1 for ch in text if not ch.isspace())


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("aZ яЖ.!?…«»“”\"'()–-\n\t0,:;гтМr")), max_size=300),
    st.sampled_from(["en", "ru"]),
)
def test_property_never_raises_and_spans_are_exact(text: str, lang: str) -> None:
    check_spans(text, sentence_spans(text, lang))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_property_arbitrary_unicode(text: str) -> None:
    check_spans(text, sentence_spans(text, "ru"))


@pytest.mark.parametrize(
    "filler",
    ["." * 200_000, " " * 200_000, "\n" * 200_000, "a. " * 70_000, "Г. " * 70_000, ": 1. Да" * 40_000],
)
def test_pathological_inputs_stay_linear(filler: str) -> None:
    started = time.process_time()
    check_spans(filler, sentence_spans(filler, "ru"))
    assert time.process_time() - started < 5.0


def test_long_text_is_split_in_linear_time() -> None:
    unit = "Правительство выделит 5 млн. руб. на ремонт школ в г. Москве, т.е. больше. Mr. Smith agreed. "
    short, long = unit * 1_000, unit * 8_000  # about 95,000 and 760,000 characters
    started = time.process_time()
    n_short = len(sentence_spans(short, "ru"))
    t_short = time.process_time() - started
    started = time.process_time()
    n_long = len(sentence_spans(long, "ru"))
    t_long = time.process_time() - started
    assert n_long == 8 * n_short == 8 * 2_000
    assert t_long < 8 * t_short * 3 + 0.5  # linear, with slack for timer noise


@pytest.mark.e2e  # a sweep over the 200 real transcripts
def test_real_kremlin_texts_go_through() -> None:
    docs = json.loads(CORPUS.read_text(encoding="utf-8"))
    longest = max(len(d["body"]) for d in docs)
    assert longest > 100_000
    for doc in docs:
        spans = sentence_spans(doc["body"], "ru")
        check_spans(doc["body"], spans)
        assert spans
