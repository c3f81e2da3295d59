"""Commitment extraction: cue forms in English and Russian, predictions, fields, robustness, quality."""

from __future__ import annotations

import datetime
import importlib.util
import json
import time
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.commitments import extract_commitments
from extractors.domains import LEXICON, classify_domain
from extractors.models import Commitment

FIXTURES = Path(__file__).parent / "fixtures"
REF = datetime.date(2024, 1, 24)


def one(sentence: str, lang: str) -> Commitment | None:
    """Return the commitment a single sentence yields, or None."""
    found = extract_commitments(sentence, lang, REF)
    assert len(found) <= 1
    return found[0] if found else None


def load_module(path: Path, name: str) -> ModuleType:
    """Import a fixture script as a module."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


EN_COMMITMENTS = [
    ("The ministry will publish new guidance for exporters.", "pledge"),
    ("The regulations shall apply to all operators.", "provision"),
    ("The company plans to open two plants in Tatarstan.", "plan"),
    ("It is planned to hold a business forum in Kazan.", "plan"),
    ("The two countries agreed to expand supplies of grain.", "agreement"),
    ("Russia intends to increase its contribution to the fund.", "plan"),
    ("The programme envisages the construction of 40 schools.", "provision"),
    ("The new law provides for tax breaks for small firms.", "provision"),
    ("The Government was instructed to submit proposals on the matter.", "instruction"),
    ("The President ordered a one-time payment to pensioners.", "instruction"),
    ("The regions must ensure that every school has internet access.", "instruction"),
    ("The Cabinet allocated 2 billion rubles to rebuild the bridge.", "allocation"),
    ("The Prime Minister signed a decree to allocate 900 million rubles to hospitals.", "allocation"),
    ("Another 57 million rubles will be allocated to vehicle production.", "allocation"),
    ("Farmers will receive subsidies for new machinery.", "allocation"),
    ("Proposals are to be submitted to the Cabinet.", "plan"),
    ("The government will help small firms export.", "pledge"),
    ("Funding for the scheme will total £50 million.", "allocation"),
    ("We are determined to deliver faster trains.", "plan"),
    ("Both leaders reaffirmed their commitment to expanding trade.", "plan"),
    ("Applications will open on 1 April.", "pledge"),
    ("Among the documents signed was a memorandum on building a joint research centre.", "agreement"),
    ("A loan agreement between the two banks on granting up to 5 billion yuan was signed.", "agreement"),
    ("The decree also states it is necessary to prepare a draft law on the matter.", "instruction"),
    ("The council is also repurposing £5 million of its budget towards bursaries.", "allocation"),
    ("The Government has also received instructions regarding subsidies to airlines.", "instruction"),
    ("The new plant is due to open in May.", "plan"),
    ("We're going to build 40 new schools.", "plan"),
    ("The ministry will review the rules next year.", "pledge"),
    ("The new rules come into force on 1 April 2025.", "provision"),
    ("The region is set to receive £5 million for flood defences.", "plan"),
    ("The council has committed to planting 1,000 trees.", "plan"),
    ("£20 million is being made available to councils.", "allocation"),
    ("A memorandum of understanding on cooperation in health care was signed.", "agreement"),
]
RU_COMMITMENTS = [
    ("В рамках проекта будет построено 100 новых детских садов.", "pledge"),
    ("Средства будут направлены на ремонт школ.", "allocation"),
    ("Новый центр будет открыт в мае.", "pledge"),
    ("И дальше будем эту работу продолжать.", "pledge"),
    ("Также будет программа по капитальному ремонту колледжей.", "pledge"),
    ("В 2024 году планируется направить 30,5 млрд рублей на жильё.", "plan"),
    ("Стороны договорились расширить поставки зерна.", "agreement"),
    ("Министерство намерено расширить программу льготной ипотеки.", "plan"),
    ("Документ предусматривает меры поддержки экспортёров.", "provision"),
    ("Президент поручил Правительству подготовить предложения.", "instruction"),
    ("Правительству необходимо обеспечить своевременные выплаты.", "instruction"),
    ("Правительство выделит 5 млрд рублей на строительство дорог.", "allocation"),
    ("Деньги направят 20 регионам.", "allocation"),
    ("Четыре области получат дополнительные 308 млн рублей из бюджета.", "allocation"),
    ("В новых кварталах построят дороги и школы.", "pledge"),
    ("Целевое расходование средств проконтролирует Минстрой.", "pledge"),
    ("Кабмин выделил более 6 миллиардов рублей регионам.", "allocation"),
    ("Десяти регионам выделено более 1,8 миллиарда рублей.", "allocation"),
    ("В следующем году мы его открываем.", "plan"),
    ("Прошу Правительство рассмотреть эту инициативу.", "instruction"),
    ("3. Министру финансов в месячный срок обеспечить финансирование расходов.", "instruction"),
    ("Постановление вступит в силу с 1 января 2025 года.", "provision"),
    ("Правительство продлило программу льготной ипотеки до конца 2026 года.", "provision"),
    ("Общий объём финансирования программы составит 10 млрд рублей.", "allocation"),
    ("Сегодня намечается подписание соглашения о сотрудничестве.", "plan"),
    ("Наша главная задача – снизить инфляцию до 4 процентов.", "plan"),
    ("Сейчас мы готовим с регионами план мероприятий.", "plan"),
    ("В этом году мы продолжаем выплаты семьям.", "plan"),
    ("1. Создать при Министерстве культуры Совет по кино.", "instruction"),
    ("На февраль намечен Форум будущих технологий.", "plan"),
    ("Я хотел бы Вас попросить обратить внимание на укомплектованность больниц.", "instruction"),
    ("Стороны достигли договорённости о продлении перемирия.", "agreement"),
    ("Ключевая задача на ближайшие годы – повысить доступность жилья.", "plan"),
    ("Перед нами поставлена задача, чтобы 85 процентов автобусов было новыми.", "plan"),
    ("В этом году сдадим ещё три моста.", "pledge"),
    ("К 2030 году нарастим расходы на науку.", "pledge"),
    ("Мы рассмотрим эту инициативу в Правительстве.", "pledge"),
    ("Кабмин выделил в этом году более 6 миллиардов рублей регионам.", "allocation"),
]


@pytest.mark.parametrize(("sentence", "kind"), EN_COMMITMENTS)
def test_english_cue_forms_are_core_commitments(sentence: str, kind: str) -> None:
    found = one(sentence, "en")
    assert found is not None and found.core
    assert found.kind == kind


@pytest.mark.parametrize(("sentence", "kind"), RU_COMMITMENTS)
def test_russian_cue_forms_are_core_commitments(sentence: str, kind: str) -> None:
    found = one(sentence, "ru")
    assert found is not None and found.core
    assert found.kind == kind


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("The minister visited the plant last week.", "en"),
        ("Exports grew by 5% in 2023.", "en"),
        ("Will the ministry publish the data?", "en"),
        ("Министр посетил завод на прошлой неделе.", "ru"),
        ("Товарооборот вырос на 17,5% и достиг 5 млрд долларов.", "ru"),
        ("Когда будет построена школа?", "ru"),
        ("Стороны обсудили сотрудничество в области энергетики.", "ru"),
        ("Настоящий Указ вступает в силу со дня его подписания.", "ru"),
        ("Правительству удалось обеспечить рост доходов.", "ru"),
        ("В 2023 году Правительство продлило программу.", "ru"),
        ("The Executive Order establishes the conditions of payments.", "en"),
        ("A road map was signed during the meeting.", "en"),
        ("Forty years ago the two countries signed an agreement on establishing diplomatic relations.", "en"),
        ("The agreement signed in Moscow on October 21, 2003 was ratified.", "en"),
        ("The regions had previously directed funds to support families.", "en"),
        ("The rise is due to more data becoming available.", "en"),
        ("Вы ставили задачу увеличить количество маршрутов.", "ru"),
        ("Раньше надо было приносить справки в МФЦ.", "ru"),
        ("Должен подчеркнуть, что работа идёт.", "ru"),
        ("Об этом должны знать школьники.", "ru"),
        ("Чтобы удержать рынки, им нужно совершенствовать продукцию.", "ru"),
        ("Наверное, надо сделать скидку на погоду.", "ru"),
        ("Давай ещё новые программы расширим.", "ru"),
        ("5. Признать утратившим силу Указ от 1 марта 2011 г. № 253.", "ru"),
        ("Наша задача – защита границ, безопасность жителей.", "ru"),
        ("Тогда была поставлена задача обеспечить рост.", "ru"),
        ("Возьмём Тверскую улицу.", "ru"),
        ("В моём понимании её задача – снижать стоимость жизни.", "ru"),
        ("The federal law is based on the forecast for the next three years.", "en"),
        ("Киевский режим нарушал договорённости о ненанесении ударов.", "ru"),
        ("За последние два года регионам направлено более 1,7 миллиарда рублей.", "ru"),
        ("На сегодня предприятиям выплачен 101 миллион рублей.", "ru"),
        ("The Government has allocated £2 billion to schools over the past decade.", "en"),
        ("Если будет поддержка с Вашей стороны, там 15 мероприятий.", "ru"),
        ("Все программы, которые были намечены, исполнены.", "ru"),
        ("The price is set to the market level.", "en"),
        ("It should be noted that exports grew.", "en"),
        ("The agreement on trade signed in 2015 has expired.", "en"),
    ],
)
def test_past_events_and_questions_are_not_commitments(sentence: str, lang: str) -> None:
    assert one(sentence, lang) is None


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("The new fund will help families on low incomes.", "en"),
        ("This investment will boost growth in the region.", "en"),
        ("Prices could see a rise next year.", "en"),
        ("Revenues are expected to total 15 billion rubles.", "en"),
        ("Inflation will not exceed 5.5% next year.", "en"),
        ("Это позволит ускорить завершение работ.", "ru"),
        ("В этом году динамика ВВП будет чуть ниже, чем в прошлом.", "ru"),
        ("Уверен, что это будет полезная поездка.", "ru"),
        ("Эти меры обеспечат рост производства.", "ru"),
        ("Рост ВВП составит 2%.", "ru"),
        ("Строительство порта будет способствовать росту грузооборота.", "ru"),
        ("Inflation is set to rise next year.", "en"),
        ("Выражаю надежду на то, что будет сделано ещё больше.", "ru"),
        ("Мы будем очень благодарны за поддержку.", "ru"),
    ],
)
def test_predictions_and_effects_are_marked_not_core(sentence: str, lang: str) -> None:
    found = one(sentence, lang)
    assert found is not None
    assert found.kind == "prediction" and not found.core


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("Я сейчас не буду вдаваться в детали.", "ru"),
        ("Давайте перейдём к обсуждению.", "ru"),
        ("Договорились.", "ru"),
        ("Поскольку регионы получат средства позже, работы сдвинутся.", "ru"),
        ("If the ministry will publish the data, analysts can check it.", "en"),
        ("Но в этом году, в сентябре, мы начинаем…", "ru"),
        ("Нужно не только отслеживать эти факторы.", "ru"),
        ("Если поручите, мы с удовольствием проработаем такой трек.", "ru"),
        ("If the council agrees, we will build the bridge.", "en"),
        ("Два года назад мы договорились построить мост.", "ru"),
        ("The two sides agreed to expand trade three years ago.", "en"),
        ("Мы рассмотрим с вами сегодня вопросы развития отношений.", "ru"),
        ("Now we will review the state of our bilateral trade.", "en"),
    ],
)
def test_discourse_conditions_and_generic_obligations_are_not_core(sentence: str, lang: str) -> None:
    found = one(sentence, lang)
    assert found is None or not found.core


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
    assert one("Правительство выделит средства на ремонт школ.", "ru-RU") is not None
    assert one("The council will fund new buses.", "EN") is not None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["en", "ru"]))
def test_property_never_raises_and_sentences_are_exact(text: str, lang: str) -> None:
    for c in extract_commitments(text, lang, REF):
        assert c.sentence == text[c.char_start : c.char_end]
        assert all(part is None or part in c.sentence for part in (c.action, c.horizon, c.cue))
        assert c.actor is None or c.actor in text
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
        started = time.perf_counter()
        extract_commitments(unit * n, lang, REF)
        return time.perf_counter() - started

    single, quadruple = seconds(2_000), seconds(8_000)
    assert quadruple < 4 * single * 2 + 0.2  # quadratic behaviour would give about 16x


def test_real_kremlin_texts_go_through() -> None:
    docs = json.loads((FIXTURES / "corpora" / "kremlin_ru_200.json").read_text(encoding="utf-8"))
    total = 0
    for doc in docs:
        ref = datetime.date.fromisoformat(doc["published_utc"][:10]) if doc.get("published_utc") else None
        found = extract_commitments(doc["body"], "ru", ref)
        for c in found:
            assert c.sentence == doc["body"][c.char_start : c.char_end]
            assert all(part is None or part in c.sentence for part in (c.action, c.horizon, c.cue))
            assert c.actor is None or c.actor in doc["body"]  # a speaker label may open the paragraph
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
                assert (match[0].horizon, match[0].actor) == (expected["horizon"], expected["actor"])
                checked += 1
    assert checked > 100


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
    doc = (Path(__file__).parent.parent / "docs" / "domains.md").read_text(encoding="utf-8")
    for domain, by_lang in LEXICON.items():
        row = next(line for line in doc.splitlines() if line.startswith(f"| {domain} |"))
        for stems in by_lang.values():
            for stem in stems:
                assert f"`{stem}`" in row, (domain, stem)
