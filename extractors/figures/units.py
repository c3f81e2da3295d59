"""Word lists for figures: scale words, currencies, percent forms and physical units (English and Russian)."""

from __future__ import annotations

import re

# Each table maps a regex (matched right after the number, case-insensitive) to what it means.
# Longer alternatives come first within a table; all patterns end at a word boundary.

# Scale words after digits: "1.5 billion", "295 млн", "3,5 тысячи", "£10m" (m/b/k only glued, see below).
SCALES: list[tuple[str, float]] = [
    (r"thousand", 1e3),
    (r"million|mln\.?|mn", 1e6),
    (r"billion|bln\.?|bn", 1e9),
    (r"trillion|trln\.?|tn", 1e12),
    (r"тыс\.|тыс(?!\w)|тысяч(?:ами|ах|ам|ей|а|и|у|е)?", 1e3),
    (r"млн\.?|миллион(?:ами|ах|ам|ов|ом|а|у|е|ы)?", 1e6),
    (r"млрд\.?|миллиард(?:ами|ах|ам|ов|ом|а|у|е|ы)?", 1e9),
    (r"трлн\.?|триллион(?:ами|ах|ам|ов|ом|а|у|е|ы)?", 1e12),
]
# Single letters glued to a money number: "£10m", "$5bn", "$3k", "€2b".
GLUED_MONEY_SCALES = {"k": 1e3, "m": 1e6, "b": 1e9}

# Currency symbols and codes written before the number.
CURRENCY_PREFIX: list[tuple[str, str]] = [
    (r"US\$|U\.S\.\s?\$|\$", "USD"),
    (r"€", "EUR"),
    (r"£", "GBP"),
    (r"¥|CN¥", "CNY"),
    (r"₽", "RUB"),
    (r"₹", "INR"),
    (r"₺", "TRY"),
    (r"₸", "KZT"),
    (r"₼", "AZN"),
    (r"(?:USD|EUR|GBP|RUB|CNY|JPY|INR|CHF|AED|KZT|AZN|TRY|BYN|UZS|RMB)\s?", "CODE"),
]

# Currency words or codes written after the number (and its scale word).
_RU_RUB = r"(?:белорусск\w+\s+)?руб(?:л(?:ей|я|ю|ем|ь|ям|ями|ях|е)|\.(?!\w)|(?!\w))"
CURRENCY_SUFFIX: list[tuple[str, str]] = [
    (r"(?:belarusian|belarus)\s+(?:rubles?|roubles?)", "BYN"),
    (r"(?:russian\s+)?(?:rubles?|roubles?|rub(?!\w)|rbl\.?)", "RUB"),
    (r"(?:us\s+|u\.s\.\s+|american\s+)?dollars?|usd", "USD"),
    (r"euros?|eur(?!\w)", "EUR"),
    (r"pounds?(?:\s+sterling)?|gbp|sterling", "GBP"),
    (r"pence|(?<=\d)p", "GBp"),  # "50p", "20 pence": hundredths of a pound (read as GBP)
    (r"(?:chinese\s+)?yuan|renminbi|rmb|cny", "CNY"),
    (r"(?:japanese\s+)?yen|jpy", "JPY"),
    (r"(?:azerbaijani\s+)?manats?|azn", "AZN"),
    (r"(?:kazakh(?:stani)?\s+)?tenge|kzt", "KZT"),
    (r"(?:indian\s+)?rupees?|inr", "INR"),
    (r"dirhams?|aed", "AED"),
    (r"swiss\s+francs?|chf", "CHF"),
    (r"(?:turkish\s+)?liras?|try(?!\w)", "TRY"),
    (r"(?:uzbek\s+)?(?:soums?|sums?)|uzs", "UZS"),
    (r"hryvnias?|hryvnia|uah", "UAH"),
    (r"белорусск\w+\s+руб\w*", "BYN"),
    (_RU_RUB + r"|₽|р\.(?=\s)", "RUB"),
    (r"долл(?:ар(?:ов|ы|а|ам|ами|ах)?|\.)(?:\s+сша)?|\$", "USD"),
    (r"евро|€", "EUR"),
    (r"фунт(?:ов|а|ы|ам)?(?:\s+стерлингов)?|£", "GBP"),
    (r"юан(?:ей|я|ь|ям|ями|ях|и)", "CNY"),
    (r"иен[ыа]?|йен[ыа]?", "JPY"),
    (r"манат(?:ов|а|ы)?", "AZN"),
    (r"тенге", "KZT"),
    (r"рупи(?:й|и|я)", "INR"),
    (r"дирхам(?:ов|а|ы)?", "AED"),
    (r"лир(?:ы|а)?(?!\w)", "TRY"),
    (r"гривен|гривн[аыу]", "UAH"),
    (r"сумов|сум(?!\w)", "UZS"),
]

# Percent and percentage points (pp before percent so "процентных пункта" is not read as percent).
PERCENT_SUFFIX: list[tuple[str, str]] = [
    (r"percentage\s+points?|p\.\s?p\.|pp(?!\w)|п\.\s?п\.?|процентн(?:ого|ых|ый|ым|ыми|ом)\s+пункт\w*", "pp"),
    (r"basis\s+points?|bps?(?!\w)|б\.\s?п\.|базисн\w+\s+пункт\w*", "bp"),
    (r"%|per\s?cent|pct\.?|процент(?:ами|ах|ам|ов|ом|а|у|ы)?|проц\.", "percent"),
]

# Physical units (a short unit symbol per GUIDELINES.md) and multipliers.
QUANTITY_SUFFIX: list[tuple[str, str]] = [
    (r"billion\s+cubic\s+met(?:re|er)s?|bcm|млрд\s+(?:куб\.\s?м\.?|кубометров|кубических\s+метров)", "bcm"),
    (r"square\s+kilomet(?:re|er)s?|sq\.?\s?km|km2|km²|кв\.\s?км|квадратн\w+\s+километр\w*", "km2"),
    (r"square\s+met(?:re|er)s?|sq\.?\s?m(?!\w)|m2|m²|кв\.\s?м(?:етр\w*)?\.?|квадратн\w+\s+метр\w*", "m2"),
    (r"cubic\s+met(?:re|er)s?|m3|m³|куб\.\s?м\.?|кубометр\w*|кубическ\w+\s+метр\w*", "m3"),
    (r"kilomet(?:re|er)s?|km(?!\w)|километр\w*|км(?!\w)", "km"),
    (r"hectares?|ha(?!\w)|гектар\w*|га(?!\w)", "ha"),
    (r"(?:metric\s+)?tonnes?|tons?|тонн\w*|т(?!\.[дпе]\.)\.?", "t"),
    (r"kilograms?|kg(?!\w)|килограмм\w*|кг(?!\w)", "kg"),
    (r"barrels?|bbl(?!\w)|баррел\w*", "barrels"),
    (r"quintals?|центнер\w*", "q"),  # 100 kg, the unit of Russian crop yields
    (r"lit(?:re|er)s?|литр\w*", "l"),
    (r"gigawatt[\s-]hours?|гигаватт[\s-]час\w*|GWh|ГВт[·∙*]?ч", "GWh"),
    (r"megawatt[\s-]hours?|мегаватт[\s-]час\w*|MWh|МВт[·∙*]?ч", "MWh"),
    (r"kilowatt[\s-]hours?|киловатт[\s-]час\w*|kWh|кВт[·∙*]?ч", "kWh"),
    (r"terawatt[\s-]hours?|тераватт[\s-]час\w*|TWh|ТВт[·∙*]?ч", "TWh"),
    (r"gigawatts?|GW(?!\w)|ГВт(?!\w)|гигаватт\w*", "GW"),
    (r"megawatts?|MW(?!\w)|МВт(?!\w)|мегаватт\w*", "MW"),
    (r"kilowatts?|kW(?!\w)|кВт(?!\w)|киловатт\w*", "kW"),
    (r"TEU|ДФЭ", "TEU"),
    # Speeds of hypersonic missiles: "скорость под 10 Махов" (the English "Mach 9" is read as a prefix).
    (r"(?-i:Mach|Мах(?:а|ов|ам|ами|ах)?)", "Mach"),
    (r"met(?:re|er)s?|m(?!\w)|метр(?:ов|а|ы|ах|ами)?(?!\w)|м(?!\w)", "m"),
    (r"times(?!\s+(?:a|per|each|every)\s)|-?fold|раз(?:а)?(?!\w)", "times"),
]

# Durations: marginal figures (GUIDELINES.md lists project durations with ordinals).
DURATION_SUFFIX: list[tuple[str, str]] = [
    (r"years?|лет|года?(?!\w)", "years"),
    (r"months?|месяц(?:ев|а)?(?!\w)", "months"),
    (r"weeks?|недел(?:ь|и|ю)(?!\w)", "weeks"),
    (r"days?|дн(?:ей|я)|день|суток", "days"),
    (r"hours?|час(?:ов|а)?", "hours"),
    (r"minutes?|минут[ыу]?", "minutes"),
    (r"seconds?|секунд[ыу]?", "seconds"),
]


def compile_table(table: list[tuple[str, str]]) -> tuple[re.Pattern[str], list[str]]:
    """Compile a table into one regex matching right after a number; the matching group names the value."""
    alts = "|".join(f"(?P<g{i}>{p})" for i, (p, _) in enumerate(table))
    # An optional space and an editorial bracket may stand between ("19,5 [миллиона человек]").
    pattern = re.compile(rf"[ \u00a0\u202f\u2009]*\[?(?:{alts})(?!\w)", re.IGNORECASE)
    return pattern, [v for _, v in table]


def match_table(table: tuple[re.Pattern[str], list[str]], text: str, pos: int) -> tuple[str, int] | None:
    """Return (value, end) of the table entry that matches text at pos, or None."""
    m = table[0].match(text, pos)
    if not m or not m.lastgroup:
        return None
    end = m.end()
    if "[" in m.group() and text[end : end + 1] == "]":
        end += 1  # the editorial bracket closes after the word: "54 [тысячи]"
    return table[1][int(m.lastgroup[1:])], end


# A unit written before the number: "Mach 9", "Мах 10".
UNIT_PREFIX_RE = re.compile(r"(?<!\w)(?-i:Mach|М[аА][хХ])[ \u00a0]?$")

SCALE_TABLE = compile_table([(p, str(v)) for p, v in SCALES])
CURRENCY_PREFIX_RE = re.compile(
    "(?:" + "|".join(f"(?P<g{i}>{p})" for i, (p, _) in enumerate(CURRENCY_PREFIX)) + r")[ \u00a0]?$"
)
CURRENCY_PREFIX_CODES = [v for _, v in CURRENCY_PREFIX]
CURRENCY_TABLE = compile_table(CURRENCY_SUFFIX)
PERCENT_TABLE = compile_table(PERCENT_SUFFIX)
QUANTITY_TABLE = compile_table(QUANTITY_SUFFIX)
DURATION_TABLE = compile_table(DURATION_SUFFIX)
