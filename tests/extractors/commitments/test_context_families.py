"""Actor and horizon of commitments, by the error families seen on unseen releases: whose funding or
approval it is, who "we" is in a statement, the speaker behind a request to the room, subjects cut at
their own verb or a time phrase, datives inside an instruction, whose readiness, and deadlines."""

from __future__ import annotations

import datetime

import pytest

from extractors.commitments.extract import extract_commitments
from extractors.models import Commitment

REF = datetime.date(2024, 5, 1)


def only(text: str, lang: str) -> Commitment:
    """Return the one commitment of a text."""
    (c,) = extract_commitments(text, lang, REF)
    return c


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("£257.6 million to help tackle COVID-19 approved by Parliament.", "Parliament"),
        (
            "Students will be supported by £20 million of Scottish Government funding.",
            "Scottish Government",
        ),
        ("The report will be published by May 2025.", "The report"),  # a date is no agent
        ("2. The Ministry of Finance shall submit proposals by 1 June 2024.", "The Ministry of Finance"),
        (
            "The Chancellor announced today that the government will spend £2 billion on roads.",
            "the government",
        ),
    ],
)
def test_english_actor_is_who_acts_not_a_date_a_list_number_or_a_reporting_clause(
    text: str, actor: str
) -> None:
    assert only(text, "en").actor == actor


def test_a_joint_statements_we_is_its_parties() -> None:
    text = (
        "Joint Statement following the meeting of the British and Polish Prime Ministers in Warsaw.\n\n"
        "We agreed to continue joint support to Ukraine."
    )
    (c,) = extract_commitments(text, "en", REF)
    assert c.actor == "We (the British and Polish Prime Ministers)"


def test_a_releases_we_is_the_government_it_names_most() -> None:
    text = (
        "The Scottish Government has confirmed new funding for councils. The Scottish Government and COSLA "
        "met today.\n\nWe will continue to work with local authorities and the UK Government."
    )
    commitments = extract_commitments(text, "en", REF)
    assert commitments[-1].actor == "We (the Scottish Government)"


def test_a_request_to_the_room_is_the_speakers() -> None:
    text = (
        "В.Путин: Добрый день, уважаемые коллеги!\n\nС.Шойгу: Добрый день.\n\nД.Мантуров: Здравствуйте.\n\n"
        "В.Путин: Прошу вас самым внимательным образом всё анализировать."
    )
    commitments = extract_commitments(text, "ru", REF)
    assert commitments[-1].actor == "В.Путин"


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # the subject ends where its own verb begins
        (
            "Владимир Путин положительно откликнулся на эту инициативу и сразу дал российским военным "
            "соответствующую команду.",
            "российским военным (поручение: Владимир Путин)",
        ),
        # a range's dash and the time phrase are no part of the subject
        ("Правительство в августе – декабре 2024 года выделит 10 млрд рублей регионам.", "Правительство"),
        ("Минфин в 2025 году направит регионам 5 млрд рублей.", "Минфин"),
        # whose readiness a subjectless sentence states, in the nominative
        (
            "Подтверждена готовность российской стороны содействовать продвижению диалога.",
            "российская сторона",
        ),
    ],
)
def test_russian_actor_named_in_the_sentence_is_found(text: str, actor: str) -> None:
    assert only(text, "ru").actor == actor


def test_what_a_speakers_side_provides_for_is_the_speakers() -> None:
    text = (
        "В.Путин: Добрый день!\n\nС.Собянин: Здравствуйте.\n\n"
        "В.Путин: Отмечу, что в предстоящее десятилетие на строительство новых кораблей предусмотрено "
        "8 триллионов рублей."
    )
    commitments = extract_commitments(text, "ru", REF)
    assert commitments[-1].actor == "В.Путин"


def test_an_event_reported_in_a_reflexive_passive_is_not_the_speakers() -> None:
    text = "В.Путин: Добрый день!\n\nИ.Руденя: Здравствуйте. Уже планируется открытие трёх отелей."
    commitments = extract_commitments(text, "ru", REF)
    assert commitments and commitments[-1].actor is None


@pytest.mark.parametrize(
    ("text", "horizon", "end"),
    [
        (
            "The President has instructed the Government to submit proposals by 1 September.",
            "by 1 September",
            datetime.date(2024, 9, 1),
        ),
        # a month already past at the release date is next year's
        ("The Ministry must draft a plan by March.", "by March", datetime.date(2025, 3, 31)),
        (
            "Councils must submit bids by March, and the fund will open by September 30.",
            "by March",
            datetime.date(2025, 3, 31),
        ),
    ],
)
def test_a_deadline_without_a_year_is_the_next_one(text: str, horizon: str, end: datetime.date) -> None:
    c = only(text, "en")
    assert (c.horizon, c.horizon_end) == (horizon, end)


def test_today_of_an_announcement_does_not_date_the_action() -> None:
    c = only("The Chancellor announced today that the government will spend £2 billion on roads.", "en")
    assert c.horizon is None


def test_a_range_of_months_is_kept_whole() -> None:
    c = only("Правительство в августе – декабре 2024 года выделит 10 млрд рублей регионам.", "ru")
    assert c.horizon == "в августе – декабре 2024 года"


def test_a_later_item_of_a_signed_decree_is_the_decrees() -> None:
    text = (
        "Владимир Путин подписал Указ «О мерах».\n\nТекст Указа: постановляю: 1. Образовать Службу. "
        "2. Внести в акты Президента Российской Федерации изменения по перечню согласно приложению."
    )
    commitments = extract_commitments(text, "ru", REF)
    assert commitments[-1].actor == "Указ (Владимир Путин)"
