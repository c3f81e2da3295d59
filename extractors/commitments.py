"""Find sentences that state a future action (commitments) in English and Russian releases."""

from __future__ import annotations

import datetime
import re

from extractors.models import Commitment
from extractors.sentences import sentence_spans

_CUES = {
    "en": re.compile(r"\b(will|shall|plans? to|agreed to|intends? to|envisages|instructed)\b", re.I),
    "ru": re.compile(
        r"(?<!\w)(будет|будут|будем|планируется|договорились|намерены|предусматривает|поручил)(?!\w)", re.I
    ),
}


def extract_commitments(text: str, lang: str, ref_date: datetime.date | None = None) -> list[Commitment]:
    """Return the commitments stated in text, in order of occurrence."""
    cue_re = _CUES.get(lang[:2].lower(), _CUES["en"])
    out: list[Commitment] = []
    for start, end in sentence_spans(text, lang):
        sent = text[start:end]
        m = cue_re.search(sent)
        if m:
            out.append(Commitment(sentence=sent, char_start=start, char_end=end, cue=m.group(0)))
    return out
