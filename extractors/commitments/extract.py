"""Find sentences that state a future action (commitments) in English and Russian releases.

Each sentence is checked for a cue (commit_en / commit_ru): a modal or perfective future, a plan or a
stated task, an agreement (or a signed one with a stated subject), an instruction (including the items of
an instruction list or a decree, and a bare infinitive or verb right after a directive, commit_items), an
order in the imperative or a request to someone named, a document that provides for action, or a funding
allocation. Undertakings worded in the past or present tense count too (commit_en_acts / commit_ru_acts):
decisions taken, tasks set, proposals backed, programmes continued or finished, prolongations for a
period, approved or confirmed funding, bodies being set up, documents being drafted. Forecasts and effects
("will help", "позволит") are kept as kind="prediction" with core=False, so a consumer that wants pledges
only filters on `core`. core=False also marks the marginal cases: generic obligations ("нужно
учитывать"), courtesy requests, offers (readiness, stated interest, invitations), past funding
announcements, a cue inside a "because" clause or an indirect question, a sentence that opens with "if"
or is dated "... ago", the meeting's own agenda ("Сегодня рассмотрим ..."), a one- or two-word reply
("Договорились."), and a sentence that trails off after its cue. Questions, cues inside an "if" clause,
needs inside a relative clause ("проблемы, которые нужно решать"), past or speech obligations ("надо было",
"должен сказать") are skipped. Past allocations ("выделил", "signed a decree to allocate") count as core,
as in the gold guidelines, unless they sum up a period ("за последние два года направлено ...").
Russian documents count too (ru_documents: laws and decrees signed, what a decree envisages, decree text
quoted, present-tense provisions dated ahead). Opinions without a future, speech formulas ("it should be
said") and verbless headings are skipped. The actor is who is to act (actors, speakers); the horizon is
the time frame of the cue's clause still ahead of the release (horizons, relative).
"""

from __future__ import annotations

import datetime
import re

from extractors.commitments.actors import Scene, find_actor, lead_addressee
from extractors.commitments.cues import Cue, is_question
from extractors.commitments.domains import classify_domain
from extractors.commitments.en import find_cues_en
from extractors.commitments.horizons import find_horizons, resolve_horizon
from extractors.commitments.parts import find_action
from extractors.commitments.relative import near_terms
from extractors.commitments.ru import find_cues_ru
from extractors.models import Commitment
from extractors.text.lang import Lang
from extractors.text.sentences import sentence_spans

# Bump when the output of extract_commitments changes for some input (stored extractions get redone).
COMMITMENTS_VERSION = "commitments-1.6"
_FINDERS = {"en": find_cues_en, "ru": find_cues_ru}
_MAX_SCAN = 1500
_AHEAD = re.compile(
    r"(?:by|before|until|till|no\s+later|within|in\s+the\s+(?:next|coming|near)|next|this|the\s+coming|"
    r"до|к|не\s+позднее|в\s+течение|в\s+ближайш|в\s+следующ|в\s+будущ|в\s+этом|в\s+текущ|в\s+(?:\S+\s+)?срок)\b|"
    r"на\s+(?:текущ|этот|следующ|ближайш|предстоящ)|ближайш",
    re.IGNORECASE,
)


def extract_commitments(text: str, lang: Lang, ref_date: datetime.date | None = None) -> list[Commitment]:
    """Return the commitments (and marked predictions) stated in text, in order of occurrence."""
    out: list[Commitment] = []
    scene = Scene(text, lang)
    para_start = seen = 0
    directive = False  # the sentence before, in the same paragraph, gave an instruction
    for start, end in sentence_spans(text, lang):
        # The paragraph start is tracked forward (each stretch of text searched once: linear time).
        brk = text.rfind("\n\n", seen, start)
        para_start, seen = (brk + 2 if brk >= 0 else para_start), start
        in_list = _in_list(text, start)
        # The addressee of an instruction list's lead holds for its items ("... to the Ministry: a) ...").
        lead = lead_addressee(text[start:end], lang, scene.signer) if text[start:end].endswith(":") else None
        scene.lead = (lead or scene.lead) if in_list else lead
        commitment = _commitment(scene, start, end, ref_date, in_list, directive and brk < 0)
        directive = commitment is not None and commitment.kind == "instruction"
        if commitment is not None:
            out.append(commitment)
    return out


def _commitment(
    scene: Scene,
    start: int,
    end: int,
    ref_date: datetime.date | None,
    in_list: bool,
    after_directive: bool = False,
) -> Commitment | None:
    """Return the commitment scene.text[start:end] states, or None; in_list tells that it follows a
    lead or an item ending with a colon or a semicolon, after_directive that the sentence before it in
    the paragraph gave an instruction."""
    text, lang = scene.text, scene.lang
    sentence = text[start:end]
    if is_question(sentence):
        return None
    # Cues are looked for in the sentence's first _MAX_SCAN characters only: the cue of a real sentence
    # comes early, and a runaway "sentence" (a page without full stops) would cost quadratic time.
    scan = sentence[:_MAX_SCAN]
    spans = find_horizons(scan, lang)
    ahead = any(_is_future(scan[a:b], ref_date) for a, b in spans)
    cue = _FINDERS[lang](scan, ahead, in_list, after_directive)
    if cue is None:
        return None
    spans = [span for span in spans if not _is_past(scan[span[0] : span[1]], ref_date)]
    if _still_to_come(sentence, cue):
        spans = sorted(spans + [s for s in near_terms(scan, lang) if _dates_cue(scan, s, cue)])
    horizon = _nearest(sentence, spans, cue)
    horizon_start, horizon_end = resolve_horizon(horizon, ref_date)
    return Commitment(
        sentence=sentence,
        char_start=start,
        char_end=end,
        actor=find_actor(scene, start, sentence, cue, in_list),
        action=find_action(sentence, cue, lang),
        horizon=horizon,
        horizon_start=horizon_start,
        horizon_end=horizon_end,
        cue=cue.text(sentence),
        kind=cue.kind,
        domain=classify_domain(sentence, lang),
        core=cue.core,
    )


def _in_list(text: str, start: int) -> bool:
    """Tell whether the text before start ends with a colon or a semicolon (a list lead or item)."""
    i = start - 1
    while i >= 0 and (text[i].isspace() or text[i] in "\"'»”’)]"):
        i -= 1
    return i >= 0 and text[i] in ":;"


def _is_past(horizon: str, ref_date: datetime.date | None) -> bool:
    """Tell whether a horizon ended before the release date ("in 2009" in a 2010 release): a date of
    the past dates what was done, it is no horizon."""
    end = resolve_horizon(horizon, ref_date)[1] if ref_date is not None else None
    return end is not None and ref_date is not None and end < ref_date


# A cue in the past tense or a short participle ("reaffirmed", "выделил", "направлено") reports what was
# done; a need ("нужно", "must") said "today" speaks of the present times ("сегодня нам нужно ...").
_PAST_CUE = re.compile(r"(?:ed|л|ла|ли|ло|лись|лся|лась|н|на|но|ны|т|та|то|ты)$", re.IGNORECASE)
_NEED_CUE = re.compile(
    r"^(?:нужно|надо|следует|необходимо|важно|должн\w*|обязан\w*|требуется|must|should|need|needs|has|have|it)\b",
    re.IGNORECASE,
)


def _still_to_come(sentence: str, cue: Cue) -> bool:
    """Tell whether the cue states an action still to come ("will allocate", "прошу доложить",
    "намечается"), which "today" or "сегодня" dates."""
    words = cue.text(sentence).split()
    if not words or _NEED_CUE.match(words[0]) or _PAST_CUE.search(words[0]):
        return False
    return cue.kind in ("pledge", "plan", "instruction", "allocation")


_REPORTED = re.compile(r"\b(?:that|что)\b", re.IGNORECASE)


def _dates_cue(sentence: str, span: tuple[int, int], cue: Cue) -> bool:
    """Tell whether a word like "today" dates the cue: it comes before the cue ("Today we will ...",
    "Сегодня здесь ... рассмотрим"), or after it in the same clause ("обсудить сегодня")."""
    if span[1] <= cue.start:  # "announced today that ... will": today dates the announcement
        between = sentence[span[1] : cue.start]
        return ";" not in between and _REPORTED.search(between) is None
    return not any(p in sentence[cue.end : span[0]] for p in ",;:–—")


def _is_future(horizon: str, ref_date: datetime.date | None) -> bool:
    """Tell whether a horizon lies ahead of the release date; without a date, only a horizon worded as
    ahead counts ("by 2030", "в ближайшие годы"), not a bare date ("on 26 November 2014")."""
    if ref_date is None:
        return _AHEAD.match(horizon) is not None
    start, end = resolve_horizon(horizon, ref_date)
    if start == end == ref_date:
        return False  # the release's own day dates what it reports ("19 апреля ... продолжают")
    if end is None:  # "с 2026 года" starts ahead; "с 1 января 2020 года" is a rule already in force
        return start is None or start >= ref_date
    return end >= ref_date


def _nearest(sentence: str, spans: list[tuple[int, int]], cue: Cue) -> str | None:
    """Return the horizon of the cue's clause nearest to it, else the nearest one (a sentence can date
    several things: "средства, которые планировалось использовать в 2023 году, направят в этом году")."""
    if not spans:
        return None

    def rank(span: tuple[int, int]) -> tuple[bool, int]:
        """Order horizons: the cue's own clause first, then by distance from the cue."""
        gap = sentence[span[1] : cue.start] if span[1] <= cue.start else sentence[cue.end : span[0]]
        return (any(p in gap for p in ",;:–—"), max(span[0] - cue.end, cue.start - span[1], 0))

    a, b = min(spans, key=rank)
    return sentence[a:b].strip()


__all__ = ["COMMITMENTS_VERSION", "Cue", "extract_commitments"]
