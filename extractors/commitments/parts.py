"""Pick the action of a commitment sentence, as written (a substring of the sentence)."""

from __future__ import annotations

import re

from extractors.commitments.cues import Cue

_EN_CLAUSE_END = re.compile(
    r";|\s[–—]\s|[”\"]|,\s(?:which|as\s+(?:stated|told|said)|the\s+\w+\s+(?:press\s+service\s+)?said|he\s+said|"
    r"she\s+said|said)\b"
)
_RU_CLAUSE_END = re.compile(
    r";|\s[–—]\s|,\s(?:чтобы|потому\s+что|так\s+как|поскольку|который|которая|которые)\b|»,"
)


def find_action(sentence: str, cue: Cue, lang: str) -> str | None:
    """Return the promised action: the words from the cue's verb to the end of its clause."""
    begin = cue.action_start if cue.action_start is not None else cue.end
    if cue.action_end is not None:
        return sentence[begin : cue.action_end].strip() or None
    if lang == "en":
        to_verb = re.search(r"\bto\s+([a-z]+)$", sentence[cue.start : cue.end])
        begin = cue.start + to_verb.start(1) if to_verb and begin >= cue.end else begin
    rest = sentence[begin:]
    if lang == "en":
        rest = re.sub(r"^\s*(?:to|that|on|upon)\s+", "", rest)
    else:  # "ставим цель, чтобы 85 процентов ...": the goal follows the conjunction
        rest = re.sub(r"^\s*(?:[,:–—]\s*)?(?:(?:чтобы|что)\s+)?", "", rest)
    m = (_EN_CLAUSE_END if lang == "en" else _RU_CLAUSE_END).search(rest)
    action = (rest[: m.start()] if m else rest).strip().rstrip(".!…,:").strip()
    return action or None
