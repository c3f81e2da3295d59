"""The indicator vocabulary: a valid file of 50-80 indicators, and clear errors for a bad one."""

from __future__ import annotations

from pathlib import Path

import pytest

from config.indicators import KINDS, IndicatorError, default_indicators, load_indicators


def test_the_shipped_vocabulary_loads_with_50_to_80_indicators_in_both_languages() -> None:
    indicators = default_indicators()
    assert 50 <= len(indicators) <= 80
    ids = [i.id for i in indicators]
    assert len(ids) == len(set(ids))
    assert all(i.en and i.ru and i.kinds <= KINDS for i in indicators)
    assert {"gdp", "gdp_growth", "inflation", "unemployment", "trade_turnover", "tourist_trips"} <= set(ids)


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "indicators.toml"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[[indicator]]\nid = "GDP"\nen = ["gdp"]\nru = ["ввп"]\nkinds = ["money"]\n', "snake_case"),
        ('[[indicator]]\nid = "gdp"\nen = []\nru = ["ввп"]\nkinds = ["money"]\n', "gdp): en"),
        ('[[indicator]]\nid = "gdp"\nen = ["gdp"]\nru = ["ввп"]\nkinds = ["cash"]\n', "unknown kind"),
        ('[[indicator]]\nid = "gdp"\nen = ["gdp"]\nru = ["ввп"]\nkinds = ["money"]\nnote = 1\n', "unknown"),
        ('[[indicator]]\nid = "a"\nen = ["a"]\nru = ["а"]\nkinds = ["count"]\n' * 2, "duplicate id 'a'"),
        ("[[indicator]\n", "indicators.toml"),
        ('title = "x"\n', "unknown top-level"),
    ],
)
def test_a_bad_vocabulary_is_refused_with_a_message_naming_the_fault(
    tmp_path: Path, body: str, message: str
) -> None:
    with pytest.raises(IndicatorError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_indicators(_write(tmp_path, body))


def test_units_are_optional_and_kept_when_given(tmp_path: Path) -> None:
    body = '[[indicator]]\nid = "gdp_growth"\nen = ["GDP growth"]\nru = ["рост ВВП"]\nkinds = ["percent"]\n'
    (plain,) = load_indicators(_write(tmp_path, body))
    assert plain.units is None and plain.terms == ("GDP growth", "рост ВВП")
    (with_units,) = load_indicators(_write(tmp_path, body + 'units = ["percent", "pp"]\n'))
    assert with_units.units == frozenset({"percent", "pp"})


def test_cues_are_optional_and_read_as_strings(tmp_path: Path) -> None:
    body = '[[indicator]]\nid = "funding"\nen = ["funding"]\nru = ["средства"]\nkinds = ["money"]\n'
    (with_cues,) = load_indicators(_write(tmp_path, body + 'cues = ["allocate", "выделить"]\n'))
    assert with_cues.cues == ("allocate", "выделить")
    with pytest.raises(IndicatorError, match="cues"):
        load_indicators(_write(tmp_path, body + "cues = [1]\n"))
