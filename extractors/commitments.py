"""Find sentences that state a future action (commitments) in English and Russian releases.

Each sentence is checked for a cue (commit_en / commit_ru): a modal or perfective future, a plan, an
agreement, an instruction, a document that provides for action, or a funding allocation. Forecasts and
effects ("will help", "позволит") are kept as kind="prediction" with core=False, so a consumer that wants
pledges only filters on `core`.
"""

from __future__ import annotations

import datetime

from extractors.commit_cues import Cue
from extractors.commit_en import find_cues_en
from extractors.commit_parts import find_action, find_actor
from extractors.commit_ru import find_cues_ru
from extractors.domains import classify_domain
from extractors.horizons import find_horizon, resolve_horizon
from extractors.models import Commitment
from extractors.sentences import sentence_spans

_FINDERS = {"en": find_cues_en, "ru": find_cues_ru}


def extract_commitments(text: str, lang: str, ref_date: datetime.date | None = None) -> list[Commitment]:
    """Return the commitments (and marked predictions) stated in text, in order of occurrence."""
    lang = _lang(lang)
    out: list[Commitment] = []
    for start, end in sentence_spans(text, lang):
        commitment = _commitment(text, start, end, lang, ref_date)
        if commitment is not None:
            out.append(commitment)
    return out


def _lang(lang: str) -> str:
    """Return the two-letter language the cue lexicons cover ("ru" or "en")."""
    return "ru" if (lang or "").lower().startswith("ru") else "en"


def _commitment(
    text: str, start: int, end: int, lang: str, ref_date: datetime.date | None
) -> Commitment | None:
    """Return the commitment text[start:end] states, or None."""
    sentence = text[start:end]
    horizon = find_horizon(sentence, lang)
    horizon_start, horizon_end = resolve_horizon(horizon, ref_date)
    cue = _FINDERS[lang](sentence, _is_future(horizon, horizon_end, ref_date))
    if cue is None:
        return None
    return Commitment(
        sentence=sentence,
        char_start=start,
        char_end=end,
        actor=find_actor(text, start, sentence, cue, lang),
        action=find_action(sentence, cue, lang),
        horizon=horizon,
        horizon_start=horizon_start,
        horizon_end=horizon_end,
        cue=cue.text(sentence),
        kind=cue.kind,
        domain=classify_domain(sentence, lang),
        core=cue.core,
    )


def _is_future(horizon: str | None, end: datetime.date | None, ref_date: datetime.date | None) -> bool:
    """Tell whether a horizon lies ahead of the release date (unknown dates count as ahead)."""
    if horizon is None:
        return False
    return ref_date is None or end is None or end >= ref_date


__all__ = ["Cue", "extract_commitments"]
