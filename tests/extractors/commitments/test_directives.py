"""Directives: orders given, requests to a named official, directives continued as bare infinitives or
verbs, and needs that only describe a noun."""

from __future__ import annotations

import datetime

import pytest

from extractors.commitments.extract import extract_commitments
from extractors.models import Commitment

REF = datetime.date(2024, 1, 24)


def one(sentence: str, lang: str) -> Commitment | None:
    """Return the commitment a single sentence yields, or None."""
    found = extract_commitments(sentence, lang, REF)
    assert len(found) <= 1
    return found[0] if found else None


@pytest.mark.parametrize(
    "sentence",
    [
        "Министр сразу дал подчинённым команду проверить все склады.",
        "Я сегодня дал указание Минфину подготовить предложения.",
        "Губернатор дал распоряжение закрыть переправу.",
    ],
)
def test_russian_orders_given_are_instructions(sentence: str) -> None:
    found = one(sentence, "ru")
    assert found is not None and (found.kind, found.core) == ("instruction", True)


@pytest.mark.parametrize(
    "sentence",
    [
        "The President charged the Cabinet under my leadership to set up a coordinating council.",
        "The President gave the military an order to halt the strikes.",
        "Mr Petrov, please take this issue under your personal control.",
        "We ask the Ministry of Finance to draft the rules by June.",
        "I am asking the Government to submit proposals by June.",
        "I would ask you to prepare a report on the matter.",
    ],
)
def test_english_orders_given_and_requests_to_someone_named_are_instructions(sentence: str) -> None:
    found = one(sentence, "en")
    assert found is not None and (found.kind, found.core) == ("instruction", True)


def test_a_request_names_who_is_to_act() -> None:
    found = one("Mr Petrov, please take this issue under your personal control.", "en")
    assert found is not None
    assert (found.actor, found.action) == ("Mr Petrov", "take this issue under your personal control")
    found = one("We ask the Ministry of Finance to draft the rules.", "en")
    assert found is not None and found.actor == "the Ministry of Finance"


@pytest.mark.parametrize(
    ("sentence", "core"),
    [
        ("Please register by 5 May.", None),  # guidance for the reader, not a request to someone named
        ("Colleagues, please note the new timetable.", None),  # a courtesy
        ("I would like to ask you to convey my regards to the President.", None),
        ("I would like to ask you to take note of this.", False),  # attention asked, no task
    ],
)
def test_english_courtesies_and_reader_guidance_are_not_core_requests(
    sentence: str, core: bool | None
) -> None:
    found = one(sentence, "en")
    assert (None if found is None else found.core) == core


def test_an_english_directive_continued_as_a_bare_verb_is_an_instruction() -> None:
    text = (
        "The ministry must draft new licensing rules. Also submit proposals on fees by June. "
        "Review of the rules is due in May.\n\nSubmit proposals by June."
    )
    found = [(c.kind, c.cue, c.core) for c in extract_commitments(text, "en", REF)]
    # A noun ("Review of ...") and a verb with no directive before it in its paragraph are not orders.
    assert found == [("instruction", "must draft", True), ("instruction", "submit", True)]


def test_a_russian_directive_continued_as_a_bare_infinitive_is_an_instruction() -> None:
    text = (
        "Нужно обновлять программы подготовки специалистов. Одновременно серьёзно пересматривать нормативы. "
        "Особое внимание уделить малым городам.\n\n"
        "Особое внимание уделить малым городам."
    )
    found = [(c.kind, c.cue, c.core) for c in extract_commitments(text, "ru", REF)]
    # The last paragraph has no directive before it: its infinitive alone is not an order.
    assert found[1:] == [("instruction", "пересматривать", True), ("instruction", "уделить", True)]


@pytest.mark.parametrize(
    "text",
    [
        "Нужно обновлять программы. Часть школ уже отремонтирована.",  # a noun, not an infinitive
        "Нужно обновлять программы. Строить заводы – дело рискованное.",  # an infinitive subject
        "Нужно обновлять программы. Начать я бы хотел с другой темы.",  # the infinitive hangs on a wish
        "Нужно обновлять программы. Детально эти вопросы мы обсуждали.",
    ],
)
def test_a_russian_sentence_after_a_directive_is_not_an_order_by_position_alone(text: str) -> None:
    assert len(extract_commitments(text, "ru", REF)) == 1


@pytest.mark.parametrize(
    "sentence",
    [
        "Есть проблемы, которые нужно решать, и люди ждут решений.",
        "Это вопросы, которые нам следует обсудить отдельно.",
    ],
)
def test_a_russian_need_inside_a_relative_clause_is_not_an_instruction(sentence: str) -> None:
    assert one(sentence, "ru") is None


def test_an_english_need_inside_a_relative_clause_is_not_an_instruction() -> None:
    assert one("There are problems which need to be solved before winter.", "en") is None
    found = one("The regions must ensure that the problems are solved.", "en")
    assert found is not None and found.kind == "instruction"


def test_agreements_reached_earlier_and_named_as_a_noun_are_not_new_ones() -> None:
    assert one("Киевский режим саботировал достигнутые договорённости.", "ru") is None
    found = one("Достигнута договорённость о продлении перемирия.", "ru")
    assert found is not None and (found.kind, found.core) == ("agreement", True)


@pytest.mark.parametrize(
    ("sentence", "core"),
    [
        ("We must quickly scale up the production of medicines.", True),  # an adverb before the verb
        ("Regional authorities should meet the requirements of the army.", True),  # someone who acts
        ("The Cabinet together with the regions should assess the sufficiency of funds.", True),
        ("Unfriendly actions by some countries must not prevent the project.", False),  # a prohibition
        ("Prices should stabilise by the summer.", False),
    ],
)
def test_an_english_obligation_is_core_when_someone_who_acts_is_told_to(sentence: str, core: bool) -> None:
    found = one(sentence, "en")
    assert found is not None and (found.kind, found.core) == ("instruction", core)


@pytest.mark.parametrize(
    ("sentence", "lang", "actor"),
    [
        ("Антон Германович, обеспечьте финансирование до конца года.", "ru", None),
        ("Подготовьте, пожалуйста, предложения к маю.", "ru", None),
        ("Mr Petrov, take this issue under your personal control.", "en", "Mr Petrov"),
        ("Colleagues, please submit your proposals by Friday.", "en", "Colleagues"),
    ],
)
def test_an_order_in_the_imperative_is_an_instruction(sentence: str, lang: str, actor: str | None) -> None:
    found = one(sentence, lang)
    assert found is not None and (found.kind, found.core) == ("instruction", True)
    assert actor is None or found.actor == actor


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("Представьте, что ваш смартфон может всё.", "ru"),  # "imagine"
        ("Возьмите, к примеру, Краснодарский край.", "ru"),  # "take, for example"
        ("Передайте, пожалуйста, привет коллегам.", "ru"),
        ("However, review of the rules is due.", "en"),  # a connective is not someone addressed
        ("Colleagues, let us begin.", "en"),
    ],
)
def test_imperatives_of_speech_and_connectives_are_not_orders(sentence: str, lang: str) -> None:
    assert one(sentence, lang) is None


def test_taking_a_matter_under_control_is_a_pledge() -> None:
    found = one("Этот вопрос возьмём на контроль.", "ru")
    assert found is not None and (found.kind, found.core) == ("pledge", True)
    found = one("We will take this matter under control.", "en")
    assert found is not None and (found.kind, found.core) == ("pledge", True)


@pytest.mark.parametrize(
    ("sentence", "core"),
    [
        ("Прошу вас самым внимательным образом всё анализировать.", True),
        ("Прошу Вас уделить этому особое внимание.", True),
        ("Прошу Правительство держать этот вопрос на контроле.", True),
        ("Прошу передать привет коллегам.", False),  # a courtesy
        ("Сегодня прошу доложить, как идёт работа.", False),  # a step of the meeting
        ("Я просил бы возможности доложить Вам отдельно.", False),  # asks leave
    ],
)
def test_a_russian_request_sets_a_task_unless_it_is_a_courtesy(sentence: str, core: bool) -> None:
    found = one(sentence, "ru")
    assert found is not None and (found.kind, found.core) == ("instruction", core)
