"""The extractors' language is decided once per release, from the given code or else the script."""

from __future__ import annotations

from extractors.extract import extract
from extractors.text.lang import extraction_lang


def test_a_known_language_code_is_kept_whatever_the_script() -> None:
    assert extraction_lang("Trade rose by 40 per cent", "ru-RU") == "ru"
    assert extraction_lang("Товарооборот вырос на 40 процентов", "EN") == "en"


def test_language_is_detected_from_the_script_when_unknown() -> None:
    assert extraction_lang("Товарооборот вырос на 40 процентов", "") == "ru"
    assert extraction_lang("Trade rose by 40 per cent", None) == "en"
    assert extraction_lang("", "xx") == "en"


def test_extract_reads_an_unknown_language_release_by_its_script() -> None:
    figures = extract("Товарооборот вырос на 1,5% за год.", "xx").figures
    assert [(f.text, f.value, f.unit) for f in figures] == [("1,5%", 1.5, "percent")]
