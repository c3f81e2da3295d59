"""Classify a sentence into a policy domain from a keyword lexicon (documented in docs/domains.md).

Each domain lists word stems per language. A stem matches at the start of a word; a trailing "$" makes it
a whole word ("газ$" is gas, not "газета"); "_" stands for a space; an all-capital stem (IT, ЖКХ) is
matched case-sensitively. The domain with the most matches wins; finance counts half, because budgets and
funds are mentioned in passing by sentences about every other domain.
"""

from __future__ import annotations

import re
from functools import cache

from extractors.commitments.cues import finditer

LEXICON: dict[str, dict[str, tuple[str, ...]]] = {
    "trade": {
        "en": ("trade", "export", "import$", "imports", "imported", "importer", "turnover", "tariff",
               "customs", "commerce", "WTO", "free_trade"),
        "ru": ("торгов", "товарооборот", "экспорт", "импорт", "пошлин", "таможен", "ВТО"),
    },
    "energy": {
        "en": ("energy", "oil$", "gas$", "gas_", "electricity", "power_plant", "nuclear", "coal$",
               "fuel", "renewable", "pipeline", "LNG"),
        "ru": ("энерг", "нефт", "газ$", "газа$", "газов", "газифик", "газопровод", "электроэнерг",
               "электростанц", "уголь", "угольн", "топлив", "АЭС", "трубопровод", "СПГ"),
    },
    "transport": {
        "en": ("transport", "rail", "road$", "roads$", "road_", "highway", "airport", "aviation",
               "port$", "ports$", "shipping", "logistic", "corridor", "bridge", "metro$", "checkpoint"),
        "ru": ("транспорт", "железнодорож", "дорога$", "дороги$", "дорог$", "дорогу$", "дорогам$",
               "дорогах$", "дорожн", "автодорог", "аэропорт", "авиа", "порт$", "портов", "логистик",
               "мост", "метро$", "метрополитен", "коридор", "пункт_пропуска", "пунктов_пропуска"),
    },
    "agriculture": {
        "en": ("agricultur", "farm", "crop", "livestock", "grain", "fertiliz", "fertilis", "fisher",
               "food_security", "food_supplies", "food_products", "foodstuff"),
        "ru": ("сельск", "аграр", "агро", "фермер", "зерн", "урожа", "животновод", "растениевод", "рыбн",
               "продовольств"),
    },
    "tourism": {
        "en": ("touris", "hotel", "resort", "visitor"),
        "ru": ("турист", "туризм", "гостиниц", "отел", "курорт"),
    },
    "education": {
        "en": ("educat", "school", "universit", "student", "teacher", "college", "kindergarten", "pupil"),
        "ru": ("образован", "школ", "вуз", "университет", "студент", "учител", "педагог", "колледж",
               "детских_садов", "детские_сады", "детский_сад", "детсад", "обучени", "воспитани",
               "школьник"),
    },
    "health": {
        "en": ("health", "hospital", "medic", "clinic", "vaccin", "pandemic", "coronavirus", "covid",
               "doctor", "patient", "drug"),
        "ru": ("здравоохран", "больниц", "медицин", "врач", "клиник", "вакцин", "пандеми", "коронавирус",
               "лекарств", "пациент", "поликлиник"),
    },
    "defence": {
        "en": ("defence", "defense", "military", "army", "armed_forces", "troops", "weapon", "terror"),
        "ru": ("оборон", "военн", "армии", "армия", "вооруж", "войск", "террор", "военнослужащ"),
    },
    "finance": {
        "en": ("budget", "tax$", "taxes", "taxation", "taxpayer", "financ", "bank", "loan", "credit",
               "bond", "inflation", "reserve_fund", "debt"),
        "ru": ("бюджет", "налог", "финанс", "банк", "кредит", "займ", "заём", "облигац", "инфляц",
               "резервного_фонда", "резервный_фонд", "долг$", "долга$", "долги$", "долгов$",
               "задолженност"),
    },
    "housing": {
        "en": ("housing", "homes", "mortgage", "residential", "utilities", "homeless", "rent$"),
        "ru": ("жиль", "жилищ", "жилых", "жилой", "ипотек", "ЖКХ", "коммунальн", "многоквартирн", "МКД",
               "застройщ", "водоснабжен", "водопровод", "канализац", "теплосет"),
    },
    "industry": {
        "en": ("industr", "manufactur", "factory", "factories", "machine-building", "automotive", "car$",
               "cars$", "steel", "engineering", "vehicle"),
        "ru": ("промышлен", "производств", "завод", "предприяти", "машиностро", "автопром", "станк",
               "металлург", "технопарк", "индустриальн", "автомобил"),
    },
    "digital": {
        "en": ("digital", "IT$", "information_technolog", "software", "internet",
               "artificial_intelligence", "AI$", "cyber", "telecom", "data$"),
        "ru": ("цифров", "информационных_технологий", "информационные_технологии", "ИТ", "IT",
               "программного_обеспечения", "интернет", "искусственного_интеллекта",
               "искусственный_интеллект", "кибер", "телеком"),
    },
    "social": {
        "en": ("social", "pension", "family", "families", "children", "low_income", "poverty",
               "disabilit", "welfare", "elderly", "retire"),
        "ru": ("социальн", "пенси", "семей", "семьи", "семьям", "семья", "детей", "малоимущ", "пособи",
               "инвалид", "многодетн", "малообеспечен", "пенсионер"),
    },
    "culture": {
        "en": ("cultur", "museum", "theatre", "theater", "arts$", "heritage", "film", "library",
               "concert"),
        "ru": ("культур", "музе", "театр", "искусств", "наследи", "кино", "библиотек", "концерт"),
    },
    "science": {
        "en": ("scien", "research", "laborator", "academ", "innovat"),
        "ru": ("наук", "научн", "исследован", "лаборатор", "академи", "инновац", "естественнонаучн"),
    },
    "environment": {
        "en": ("environment", "climate", "emission", "ecolog", "waste", "pollution", "forest",
               "biodiversity"),
        "ru": ("эколог", "климат", "выброс", "отход", "загрязн", "лесн", "лесов", "природоохран"),
    },
    "employment": {
        "en": ("job", "employment", "unemploy", "worker", "wage", "salar", "labour_market",
               "labor_market"),
        "ru": ("занятост", "рабочих_мест", "рабочие_места", "безработ", "зарплат", "заработн",
               "трудоустр"),
    },
    "humanitarian": {
        "en": ("humanitarian", "refugee", "convoy", "relief", "stranded"),
        "ru": ("гуманитарн", "беженц", "эвакуац"),
    },
    "sport": {
        "en": ("sport", "athlete", "olympic", "stadium"),
        "ru": ("спорт", "олимпи", "стадион", "физкультур"),
    },
}  # fmt: skip
_WEIGHT = {"finance": 0.5}


def _pattern(stems: tuple[str, ...], upper: bool) -> re.Pattern[str] | None:
    """Compile the stems of one letter case into a word-start regex (None when there are none)."""
    chosen = [s for s in stems if s.replace("$", "").replace("_", "").isupper() == upper]
    if not chosen:
        return None
    parts = [
        re.escape(s.rstrip("$")).replace("_", r"\s+") + (r"\b" if s.endswith("$") else "") for s in chosen
    ]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")", 0 if upper else re.IGNORECASE)


@cache
def _patterns(lang: str) -> dict[str, list[re.Pattern[str]]]:
    """Return the compiled stem patterns of each domain for a language."""
    out: dict[str, list[re.Pattern[str]]] = {}
    for domain, by_lang in LEXICON.items():
        stems = by_lang.get(lang, by_lang["en"])
        out[domain] = [p for p in (_pattern(stems, False), _pattern(stems, True)) if p is not None]
    return out


def classify_domain(sentence: str, lang: str) -> str | None:
    """Return the policy domain a sentence is about, or None when no keyword matches."""
    best: tuple[float, int, str] | None = None
    for domain, patterns in _patterns("ru" if lang.lower().startswith("ru") else "en").items():
        hits = [m.start() for p in patterns for m in finditer(p, sentence)]
        if hits:
            key = (-len(hits) * _WEIGHT.get(domain, 1.0), min(hits), domain)
            best = key if best is None or key < best else best
    return best[2] if best else None
