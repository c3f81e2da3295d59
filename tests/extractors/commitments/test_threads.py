"""Thread keys: two phrasings of who acts and of what is to be done reduce to the same keys."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.commitments.threads import action_terms, actor_key
from extractors.extract import extract


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Правительству поручено", "Правительство"),
        ("Правительству (поручение: В.Путин)", "Правительство"),
        ("The Government", "the Government"),
        ("the Ministry (instructed by the Government)", "The Ministry"),
        ("Минэкономразвития России", "Минэкономразвития России"),
    ],
)
def test_two_phrasings_of_one_actor_have_one_key(first: str, second: str) -> None:
    assert actor_key(first) is not None
    assert actor_key(first) == actor_key(second)


def test_the_instructed_party_not_the_instructing_one_is_the_key() -> None:
    assert actor_key("the Ministry (instructed by the Government)") == "ministry"
    assert actor_key("the Ministry (instructed by the Government)") != actor_key("the Government")


def test_a_pronoun_takes_the_speaker_named_in_brackets() -> None:
    assert actor_key("We (Vladimir Putin)") == "putin vladimir"
    assert actor_key("мы (И.Руденя, губернатор Тверской области)") is not None


@pytest.mark.parametrize("actor", [None, "", "We", "мы", "Next year, it"])
def test_an_actor_that_names_nobody_has_no_key(actor: str | None) -> None:
    assert actor_key(actor) is None


def test_amounts_and_dates_do_not_change_the_action() -> None:
    assert action_terms("build 100 new schools by 2026") == action_terms("build new schools by December 2027")
    assert action_terms("build 100 new schools by 2026") == ("build", "new", "school")
    assert action_terms("выделить 10 млрд рублей на ремонт дорог в следующем году") == (
        "выделить",
        "дорога",
        "ремонт",
    )


def test_number_words_and_the_actors_own_words_are_not_the_action() -> None:
    assert action_terms("create a joint investment fund in the next five years") == action_terms(
        "create a joint investment fund in the next three years"
    )
    assert action_terms("модернизировать портовую инфраструктуру в ближайшие пять лет") == (
        "инфраструктура",
        "модернизировать",
        "портовый",
    )
    # "the federal budget" will "be funded" / "be covered" by itself: two different actions
    funded = action_terms("be funded by the federal budget", "the federal budget")
    assert funded == ("fund",)
    assert funded != action_terms("be covered by the federal budget", "the federal budget")


def test_english_forms_of_one_word_meet() -> None:
    assert action_terms("building new schools") == action_terms("build new school")
    assert action_terms("funding the programme") == action_terms("fund programmes")


def test_russian_inflections_meet_in_one_set_of_terms() -> None:
    a = set(action_terms("представить предложения о развитии Северного морского пути"))
    b = set(action_terms("подготовить предложений по развитию Северного морского пути до 1 июля 2025 года"))
    assert {"предложение", "развитие", "северный", "морской", "путь"} <= a & b


def test_extraction_sets_the_keys_on_every_commitment() -> None:
    body = (
        "Правительству поручено до 1 июля 2025 года представить предложения о развитии "
        "Северного морского пути."
    )
    (com,) = extract(body, "ru", date(2024, 3, 1)).commitments
    assert com.actor_key == "правительство"
    assert {"предложение", "развитие", "путь"} <= set(com.action_terms)


@pytest.mark.parametrize("text", ["", "   ", "12 345 678", "ъъъ ыыы", "x" * 5000])
def test_odd_input_never_raises(text: str) -> None:
    assert isinstance(action_terms(text), tuple)
    assert actor_key(text) is None or isinstance(actor_key(text), str)
