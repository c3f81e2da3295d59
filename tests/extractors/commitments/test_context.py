"""Commitments that depend on context (lists, decrees, paragraphs) and the fields each one carries."""

from __future__ import annotations

import datetime

from extractors.commitments.extract import extract_commitments
from extractors.extract import extract
from extractors.models import Commitment

REF = datetime.date(2024, 1, 24)


def one(sentence: str, lang: str) -> Commitment | None:
    """Return the commitment a single sentence yields, or None."""
    found = extract_commitments(sentence, lang, REF)
    assert len(found) <= 1
    return found[0] if found else None


def test_items_of_an_instruction_list_are_instructions() -> None:
    text = (
        "The Prime Minister signed an Executive Order to the Finance Ministry:\n\n"
        "to guarantee the allocation of 53 billion roubles to the Corporation in 2010;\n\n"
        "b) in order to support exporters, to extend the loan programme:\n\n"
        "The minister said:\n\nTo complement the new funding, the council has reviewed its rules."
    )
    items = [c for c in extract_commitments(text, "en", REF) if c.kind == "instruction"]
    assert [(c.cue, c.core) for c in items] == [("to guarantee", True), ("in order to support", True)]
    assert items[0].action is not None and items[0].action.startswith("guarantee the allocation")
    text = "The Government shall:\n\na) ensure the allocation of funds;\n\nb) submit proposals.\n\nEnsure it."
    found = [(c.cue, c.action) for c in extract_commitments(text, "en", REF) if c.kind == "instruction"]
    assert found == [("ensure", "ensure the allocation of funds"), ("submit", "submit proposals")]


def test_a_signed_agreement_names_its_subject_as_the_action_and_its_parties_as_the_actor() -> None:
    found = one("A loan agreement between the two banks on granting up to 12 billion yuan was signed.", "en")
    assert found is not None and found.core
    assert (found.actor, found.action) == ("the two banks", "granting up to 12 billion yuan")


def test_items_of_a_decree_are_instructions_except_acts_done_on_signing() -> None:
    text = (
        "Постановляю: 1. Создать при Министерстве культуры Совет по кино. 2. Назначить Иванова И.И. "
        "председателем Совета. 3. Внести в Положение изменения согласно приложению.\n\n"
        "Правительству Российской Федерации:\n\nОбеспечить финансирование Совета.\n\n"
        "Строить заводы – дело рискованное."
    )
    found = [(c.cue, c.core) for c in extract_commitments(text, "ru", REF)]
    assert found == [("Создать", True), ("Внести", False), ("Обеспечить", True)]


def test_a_need_to_come_is_a_generic_obligation() -> None:
    found = one("В текущем году нам придётся увеличивать ресурс.", "ru")
    assert found is not None and (found.kind, found.core) == ("instruction", False)


def test_a_pledge_to_help_is_not_an_effect() -> None:
    found = one("Мы будем помогать регионам.", "ru")
    assert found is not None and (found.kind, found.core) == ("pledge", True)
    found = one("Наверное, нужно обеспечить регионы техникой.", "ru")
    assert found is not None and found.core  # a concrete instruction stays, however hedged


def test_fields_of_an_english_commitment() -> None:
    text = "Trade grew last year.\n\nThe ministry will publish a full response in the next six months."
    (found,) = extract_commitments(text, "en", REF)
    assert found.sentence == text[found.char_start : found.char_end]
    assert found.actor == "The ministry"
    assert found.action == "publish a full response in the next six months"
    assert found.cue == "will publish"
    assert found.horizon == "in the next six months"
    assert (found.horizon_start, found.horizon_end) == (REF, datetime.date(2024, 7, 24))


def test_fields_of_russian_commitments() -> None:
    text = (
        "Стороны договорились расширить поставки до 2030 года. "
        "Целевое расходование средств проконтролирует Минстрой."
    )
    first, second = extract_commitments(text, "ru", REF)
    assert (first.actor, first.kind, first.horizon) == ("Стороны", "agreement", "до 2030 года")
    assert first.action is not None and first.action.startswith("расширить поставки")
    assert first.horizon_end == datetime.date(2030, 12, 31)
    assert (second.actor, second.cue) == ("Минстрой", "проконтролирует")


def test_first_person_pledge_takes_the_paragraph_speaker_as_actor() -> None:
    text = "В.Путин: Спасибо.\n\nС.Кравцов: Школы отремонтировали. Будем и дальше поддерживать эти проекты."
    (found,) = [c for c in extract_commitments(text, "ru", REF) if c.core]
    assert found.actor == "С.Кравцов"
    assert found.sentence == "Будем и дальше поддерживать эти проекты."


def test_decree_instruction_names_the_addressee_and_the_term() -> None:
    text = (
        "Текст Указа: 1. Назначить Иванова И.И. заместителем Министра. 2. Правительству Российской Федерации "
        "в 3-месячный срок: а) представить предложения; б) обеспечить финансирование расходов."
    )
    (found,) = [c for c in extract_commitments(text, "ru", datetime.date(2025, 4, 2)) if c.core]
    assert (found.kind, found.actor, found.action) == (
        "instruction",
        "Правительству Российской Федерации",
        "представить предложения",
    )
    assert (found.horizon, found.horizon_end) == ("в 3-месячный срок", datetime.date(2025, 7, 2))


def test_introductory_phrase_is_not_the_actor() -> None:
    found = one("Under the plans, councils will be given new powers to tackle fly-tipping.", "en")
    assert found is not None and found.actor == "councils"
    found = one("The minister said that the department would publish a response in the autumn.", "en")
    assert found is not None and (found.actor, found.cue) == ("the department", "would publish")


def test_a_dated_past_decision_is_not_a_commitment_without_a_release_date() -> None:
    text = "The upper house approved the law on November 26, 2014."
    assert extract_commitments(text, "en", None) == []
    assert [
        c.kind for c in extract_commitments("The government extended the scheme until 2030.", "en", None)
    ] == ["provision"]


def test_passive_agent_is_the_actor() -> None:
    found = one("All processes will be implemented by the working group on agriculture.", "en")
    assert found is not None and found.actor == "the working group on agriculture"


def test_language_codes_are_normalised() -> None:
    # The language is decided once per release, by `extract`, before any extractor runs.
    assert extract("Правительство выделит средства на ремонт школ.", "ru-RU", REF).commitments
    assert extract("The council will fund new buses.", "EN", REF).commitments


def test_a_bare_date_or_month_ahead_of_the_release_dates_a_present_tense_plan() -> None:
    january = datetime.date(2024, 1, 24)
    found = extract_commitments("Одна школа уже сдана, открываем вторую в феврале.", "ru", january)
    assert [(c.kind, c.horizon, c.horizon_end) for c in found] == [
        ("plan", "в феврале", datetime.date(2024, 2, 29))
    ]
    # The release's own day and a month already past date what is reported, not what is planned.
    assert extract_commitments("24 января Правительство утвердило программу.", "ru", january) == []
    march = datetime.date(2025, 3, 20)
    assert extract_commitments("В октябре Правительство утвердило программу.", "ru", march) == []
