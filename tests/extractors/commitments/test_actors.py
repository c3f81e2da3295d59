"""Who acts in a commitment: the party instructed, a list lead's addressee, the subject without the
words before it, and a pronoun or first-person verb resolved to the speaker and their role."""

from __future__ import annotations

import datetime

import pytest

from extractors.commitments.extract import extract_commitments
from extractors.models import Commitment

REF = datetime.date(2025, 5, 6)


def found(text: str, lang: str) -> list[Commitment]:
    """Return the commitments of a text (core or not)."""
    return extract_commitments(text, lang, REF)


def test_a_governors_we_is_the_governor_and_the_region_the_release_names() -> None:
    text = (
        "В Кремле состоялась рабочая встреча Владимира Путина с губернатором Тверской области Игорем Руденей."
        "\n\nВ.Путин: Добрый день!\n\nИ.Руденя: Мы планируем открыть три отеля."
    )
    (c,) = found(text, "ru")
    assert c.actor == "Мы (И.Руденя, губернатор Тверской области)"


def test_a_first_person_verb_without_a_pronoun_is_the_speakers() -> None:
    text = (
        "Владимир Путин провёл встречу с главой Республики Бурятия Алексеем Цыденовым.\n\n"
        "А.Цыденов : Сейчас национальные проекты приняты, будем в их рамках работать."
    )
    (c,) = found(text, "ru")
    assert c.actor == "А.Цыденов, глава Республики Бурятия"


def test_an_english_speaker_label_gives_the_role_of_the_speaker() -> None:
    text = (
        "Vladimir Putin: How are things?\n\n"
        "Chairman of the Management Board of Sberbank German Gref: This year we will open 30 new offices."
    )
    (c,) = found(text, "en")
    assert c.actor == "we (German Gref, Chairman of the Management Board of Sberbank)"


def test_the_chair_of_a_government_meeting_speaks_for_the_government() -> None:
    text = (
        "Mikhail Mishustin’s opening remarks:\n\nGood afternoon, colleagues. The Government continues its "
        "work to support the economy.\n\nThis year, we will allocate 4.5 billion roubles for these purposes."
    )
    c = found(text, "en")[-1]
    assert c.actor == "we (Mikhail Mishustin, the Government)"


@pytest.mark.parametrize(
    ("sentence", "lang", "actor"),
    [
        (
            "The Government instructed the Ministry of Finance to prepare proposals by June.",
            "en",
            "the Ministry of Finance (instructed by the Government)",
        ),
        (
            "Президент поручил Правительству подготовить предложения до 1 июля.",
            "ru",
            "Правительству (поручение: Президент)",
        ),
        ("Согласно документу, сделать это поручается Минфину.", "ru", "Минфину"),
        ("The Government was instructed to submit proposals on support for regions.", "en", "The Government"),
    ],
)
def test_an_instruction_is_acted_on_by_the_party_instructed(sentence: str, lang: str, actor: str) -> None:
    (c,) = found(sentence, lang)
    assert (c.kind, c.actor) == ("instruction", actor)


def test_the_items_of_an_instruction_list_take_the_addressee_of_its_lead() -> None:
    text = (
        "Prime Minister Vladimir Putin signed an Executive Order to the Finance Ministry:\n\n"
        "a) to guarantee the Corporation 1 billion rouble allocation in 2010;\n\n"
        "in the drafting of the federal budget, earmark 25 billion rouble allocation to the Corporation;"
    )
    items = found(text, "en")[1:]
    assert [c.actor for c in items] == ["the Finance Ministry", "the Finance Ministry"]


def test_numbered_decree_items_are_the_decrees_and_its_signers() -> None:
    text = (
        "Владимир Путин подписал Указ «О совершенствовании государственного управления в сфере миграции».\n\n"
        "Текст Указа: В целях совершенствования государственного управления постановляю: 1. Образовать "
        "Службу по вопросам гражданства. 2. Правительству Российской Федерации в 3-месячный срок: "
        "а) представить предложения."
    )
    actors = [c.actor for c in found(text, "ru")]
    assert actors == ["Владимир Путин", "Указ (Владимир Путин)", "Правительству Российской Федерации"]


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        ("Next year, it will be extended.", None),
        ("This year, the ministry will publish a new strategy.", "the ministry"),
        ("Vladimir Putin: The Government will allocate funds to the regions.", "The Government"),
        ("750 mln rubles will be allocated for these purposes.", None),
        ("This will help councils to plan.", None),
        ("I hope we will discuss these issues.", "we"),
    ],
)
def test_an_english_actor_is_the_subject_without_time_phrases_labels_or_effects(
    sentence: str, actor: str | None
) -> None:
    (c,) = found(sentence, "en")
    assert c.actor == actor


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        ("Так, уже принято решение, что с 2026 года семьи будут получать выплаты.", None),
        (
            "Амурская, Владимирская и Тульская области получат средства.",
            "Амурская, Владимирская и Тульская области",
        ),
        ("Это позволит ускорить завершение работ.", None),
        ("Деньги направят 20 регионам.", None),
    ],
)
def test_a_russian_actor_is_someone_who_acts_never_adverbs_money_or_an_effect(
    sentence: str, actor: str | None
) -> None:
    (c,) = found(sentence, "ru")
    assert c.actor == actor


def test_an_impersonal_need_in_a_speech_is_the_speakers_order() -> None:
    text = "В.Путин: Уважаемые коллеги! Нужно обеспечить регионы техникой до конца года."
    (c,) = [c for c in found(text, "ru") if c.core]
    assert c.actor == "В.Путин"


def test_you_is_the_other_speaker_of_a_conversation_and_else_no_actor() -> None:
    dialogue = (
        "В.Путин: Прошу Вас подготовить предложения.\n\nС.Собянин: Хорошо, подготовим к лету.\n\n"
        "В.Путин: Спасибо."
    )
    first = found(dialogue, "ru")[0]
    assert first.actor == "Вас (С.Собянин; поручение: В.Путин)"
    assert found("I would like to ask you to adopt these decisions.", "en")[0].actor is None


def test_a_scraped_bio_insert_in_a_label_gives_the_speakers_role() -> None:
    text = (
        "Москва, Кремль И.Кобзев Кобзев Игорь Иванович губернатор Иркутской области : Пять лет назад Вы "
        "доверили мне возглавить область. В этом году мы построим три школы."
    )
    (c,) = found(text, "ru")
    assert c.actor == "мы (И.Кобзев, губернатор Иркутской области)"


def test_a_role_in_another_case_than_the_name_is_not_the_speakers() -> None:
    text = (
        "Встреча с участниками марафона Владимир Путин провёл в Кремле.\n\nВ.Путин: Мы продолжим эту работу."
    )
    (c,) = found(text, "ru")
    assert c.actor == "Мы (В.Путин)"


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        ("This funding, which is part of the package, will be distributed to councils.", "This funding"),
        ("This year, we will allocate 4.5 billion roubles.", "we"),
        ("Those who apply will receive £500.", "Those who apply"),
    ],
)
def test_a_determiner_is_no_introductory_phrase_and_a_relative_clause_no_part_of_the_actor(
    sentence: str, actor: str
) -> None:
    (c,) = found(sentence, "en")
    assert c.actor == actor


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        ("Общий объём номерного фонда будет увеличен вдвое.", None),
        ("За год 115 тысяч детей получат медицинскую помощь.", "115 тысяч детей"),
        ("Минпромторг и Минфин подготовят предложения до конца года.", "Минпромторг и Минфин"),
    ],
)
def test_a_russian_subject_is_its_head_noun_in_the_nominative(sentence: str, actor: str | None) -> None:
    (c,) = found(sentence, "ru")
    assert c.actor == actor


def test_ready_said_in_the_first_person_is_the_speakers_offer() -> None:
    text = "Э.Рахмон: Готов обсудить сегодня их с Вами."
    (c,) = found(text, "ru")
    assert (c.core, c.actor) == (False, "Э.Рахмон")
