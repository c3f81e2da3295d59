"""English commitment cues: modal futures, plans, agreements, instructions, provisions, allocations."""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.commitments.cues import (
    PAST_PERIOD,
    Cue,
    alternation,
    find_all,
    finditer,
    is_question,
    search,
    strongest,
    words,
)
from extractors.commitments.en_acts import act_cues_en
from extractors.commitments.items import continued_directive_en, list_item_en, signed_agreement_en

_I = re.IGNORECASE
_INSTRUCTION = re.compile(
    r"\b(?:instruct(?:ed|s|ing)?|instructions?\s+(?:to|for|on|concern|regard|about|related\s+to)\w*|ordered|"
    r"orders\s+(?:that|the)|tasked|directed\s+(?:the\s+)?(?-i:[A-Z])\w+(?:\s+\w+){0,4}?\s+to|charged\s+with|"
    r"(?:is|are|was|were|has\s+been|have\s+been)\s+(?:requested|asked|told|obliged|required)\s+to)\b",
    _I,
)
_AGREEMENT = re.compile(
    r"\b(?:agree[ds]?|agreeing)\s+(?:to|on|upon|that)\b|\breached\s+(?:an?\s+)?(?:agreement|understanding|"
    r"consensus)\b|\b(?:have|has)\s+agreed\b",
    _I,
)
# "is due to open" plans; "is due to more data" gives a reason.
_DUE_VERBS = alternation(
    "be take start begin open close end finish complete sign meet visit hold come arrive launch publish "
    "present submit receive announce make get enter travel attend deliver report return"
)
_PLAN = re.compile(
    r"\bplans\s+to\b|\bplan(?:s|ned)?\s+(?:(?:in|within|over|during|by|for|next|this)\s+[^,.;]{1,40}?\s+)?to\s+"
    r"(?!be\s+(?:completed|finished)\b|(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve)\b)[a-z]+|\bit\s+is\s+(?:also\s+)?(?:planned|envisaged|intended|proposed)\b|"
    r"\b(?:intends?|intended|intention|aims?|seeks?|pledged?|promised?|vowed?|undertakes?|undertook)\s+to\b|"
    r"(?:\b(?:is|are|am)|['’](?:s|re|m))\s+(?:going|scheduled|slated|set)\s+to\b(?!\s+(?:the|a|an)\b)|\b(?:is|are)\s+to\s+(?:be\s+)?[a-z]+(?:ed|en)?\b|"
    r"\b(?:is|are)\s+due\s+to\s+(?:" + _DUE_VERBS + r")\b|"
    r"\b(?:(?:remains?|is|are|am|has|have)\s+(?:also\s+)?(?:committed|determined)|commits)\s+to\b|"
    r"\b(?:reaffirmed|confirmed|reiterated|declared)\s+(?:their|its|his|her|our|the)\s+(?:firm\s+)?"
    r"(?:commitment|intention|determination)\s+to\b|\bset\s+out\s+plans\b|\bplans?\s+(?:include|are)\b",
    _I,
)
_PROVISION = re.compile(
    r"\b(?:envisag(?:es|ed|e|ing)|provides?\s+for|stipulat(?:es|ed|e)|foresees?|shall)\b", _I
)
_ALLOCATION = re.compile(r"\b(?:allocat(?:e|es|ed|ing)|earmark(?:s|ed)?|set\s+aside)\b", _I)
# Funding in the present ("is investing £2 billion", "has committed £5 million"), with an amount (the
# amount opens the action).
_FUNDING = re.compile(
    r"\b(?:(?:is|are)\s+(?:(?:also|now|further|additionally)\s+)?(?:investing|providing|allocating|committing|"
    r"spending|repurposing|redirecting|reallocating|channelling|channeling|contributing|awarding|making\s+available)|"
    r"commit(?:s|ted)?)(?=\s+"
    r"(?:(?:a\s+further|an\s+additional|additional|more\s+than|over|almost|nearly|up\s+to)\s+)?[£$€₽]?\d)",
    _I,
)
# Funding being handed out now ("£20 million is being made available to councils"), with money named.
_FUNDING_PASSIVE = re.compile(
    r"\b(?:is|are)\s+(?:also\s+|now\s+)?being\s+(?:made\s+available|provided|allocated|invested|awarded|"
    r"distributed)\b",
    _I,
)
# A decision taken now that runs into the future ("extended the scheme until 2026"), or a rule taking
# effect on a future date ("The rules come into force on 1 April 2030"), with a future horizon.
_DECISION = re.compile(
    r"\b(?:extended|approved|adopted|introduced|launched|set\s+up|established|comes?\s+into\s+force|"
    r"takes?\s+effect|enters?\s+into\s+force)\b",
    _I,
)
_PARTICIPLE = re.compile(
    r"\s+(?:(?:also|further|then|fully)\s+)?(?:[a-z]+ed|[a-z]+en|built|paid|held|set|made|"
    r"sent|spent|put|run|met|kept|brought|bought|taken|given|done)\b",
    _I,
)
_NOT_VERBS = frozenset(words("of to and or the a an in on at for from with that this which is was as by"))
_SIGNED = re.compile(r"\bsigned\b[^.;]{0,40}?\b(?:decree|order|resolution|directive)\b", _I)
_MONEY = re.compile(
    r"\b(?:fund(?:s|ing|ed)?|financ\w+|subsid\w+|budget\w*|grants?|payments?|allocat\w+|billion|million|"
    r"rubles?|roubles?|pounds?|dollars?|euros?)\b|[£$€₽]",
    _I,
)
# "will" / "shall" / "'ll", optional adverbs, then the verb.
_WILL = re.compile(
    r"\b(?:will|'ll|’ll)\s+(?:(?:not|also|further|now|then|soon|still|jointly|continue\s+to|"
    r"actively|immediately|additionally|definitely|certainly|always|never|forever|gladly|closely|carefully|"
    r"fully|quickly|swiftly|urgently|promptly|gradually|be\s+able\s+to)\s+)*([a-z]+)",
    _I,
)
_WOULD = re.compile(
    r"\b(?:said|stated|announced|noted|added|promised|pledged|confirmed|assured|told\s+\w+)\b[^.;]*?\bwould\s+"
    r"(?:(?:also|further|now)\s+)*([a-z]+)",
    _I,
)
_EFFECT_VERBS = frozenset(
    words(
        "help contribute allow enable make lead result benefit boost mean bring give improve increase "
        "decrease rise fall grow decline reduce exceed reach amount total remain become stay see "
        "affect cause serve strengthen"
    )
)
# Effects that stay forecasts whoever the subject is ("the government will see revenues rise" aside).
_FUNDING_SUBJECT = re.compile(
    r"\b(?:funding|funds|investment|grants?|subsid\w+|allocations?|payments?|benefits?|allowances?|"
    r"compensation|pensions?|bonus(?:es)?|support)\b[^.;:]{0,40}$",
    _I,
)
_STATE_VERBS = frozenset(
    words("rise fall grow decline exceed reach amount total remain become stay see mean")
)
_INDICATOR_SUBJECT = re.compile(
    r"\b(?:gdp|gross\s+domestic\s+product|inflation|growth|prices?|rates?|exports?|imports?|turnover|deficit|"
    r"surplus|revenues?|unemployment|demand|output|production|economy|market|figures?|numbers?|volume|"
    r"share|index|costs?|temperatures?|weather)\b[^.;,]{0,30}$",
    _I,
)
_EFFECT_SUBJECT = re.compile(
    r"(?:^|[,;:]\s*|\b(?:and|which|that)\s+)(?:this|that|it|these|which|such\s+\w+)\s*$", _I
)
_HEDGE = re.compile(
    r"\b(?:(?:is|are)\s+(?:expected|forecast|projected|likely|anticipated|estimated|predicted)\s+to|"
    r"(?-i:could|may|might)|(?:is|are|was|were)\s+(?:forecast|projected)|forecasts?\s+(?:that|to)|"
    r"projections?\s+(?:that|show)|expects?|expected|hope[sd]?|hopefully|believes?|"
    r"(?:am|are|is)\s+(?:sure|confident|convinced|certain|hopeful)|i\s+think|we\s+think)\b",
    _I,
)
_OBLIGATION = re.compile(
    r"\b(?:must|should|needs?\s+to|has\s+to|have\s+to|(?:is|are)\s+required\s+to|"
    r"it\s+is\s+(?:also\s+)?(?:necessary|essential|imperative)(?:\s+to)?)\s+(?:(?:also|further|[a-z]+ly)\s+)*"
    r"(?P<not>not\s+)?(?:be\s+)?([a-z]+)",
    _I,
)
_SPEECH_VERBS = frozenset(
    words(
        "say said note noted stress stressed emphasise emphasised emphasize emphasized mention mentioned "
        "admit admitted recall recalled acknowledge acknowledged recognise recognised recognize recognized "
        "remember remembered point pointed underline underlined repeat repeated add added clarify clarified "
        "confess confessed tell told stated"
    )
)
# "I believe that we should listen ...", "I think it should be extended": an opinion of what is needed.
_OPINION = re.compile(
    r"\b(?:i|we)\s+(?:\w+\s+)?(?:believe|think|feel|consider|suppose)\b|\bin\s+(?:my|our)\s+(?:view|opinion)\b",
    _I,
)
_CONCRETE = frozenset(
    words(
        "ensure submit prepare provide provided develop allocate allocated complete completed present adopt "
        "adopted implement implemented introduce introduced take taken establish established create created "
        "build built pay paid finance financed fund funded report draft approve approved consider considered "
        "deliver delivered launch launched"
    )
)
_FUTURE_PRESENT = re.compile(
    r"\b(?:are|is|am)\s+(?:launching|opening|starting|introducing|building|creating|holding|extending|"
    r"expanding|investing|providing|allocating)\b|"
    r"\b(?:opens|starts|begins|launches|closes|kicks\s+off|takes\s+place|get\s+under\s?way|gets\s+under\s?way)\b",
    _I,
)


def find_cues_en(
    sentence: str, has_future_time: bool = False, in_list: bool = False, after_directive: bool = False
) -> Cue | None:
    """Return the cue that makes an English sentence a commitment (or a prediction), or None; in_list
    tells that the sentence follows a lead or an item ending with a colon or a semicolon, after_directive
    that the sentence before it in the paragraph gave an instruction."""
    if is_question(sentence) or _is_heading(sentence):
        return None
    found = (
        list_item_en(sentence, in_list),
        continued_directive_en(sentence, after_directive),
        signed_agreement_en(sentence),
    )
    cues = [c for c in found if c is not None]
    cues += find_all(_INSTRUCTION, "instruction", sentence) + find_all(_AGREEMENT, "agreement", sentence)
    cues += _plan_cues(sentence) + find_all(_PROVISION, "provision", sentence)
    allocations = find_all(_ALLOCATION, "allocation", sentence)
    cues += [c for c in allocations if not _past_report(sentence, c)] + find_all(
        _FUNDING, "allocation", sentence
    )
    if search(_MONEY, sentence):
        cues += find_all(_SIGNED, "allocation", sentence) + find_all(_FUNDING_PASSIVE, "allocation", sentence)
    cues += _modal_cues(sentence, _WILL) + _modal_cues(sentence, _WOULD)
    cues += _obligation_cues(sentence) + act_cues_en(sentence)
    if has_future_time:
        cues += find_all(_FUTURE_PRESENT, "plan", sentence) + find_all(_DECISION, "provision", sentence)
    if not cues and (m := search(_HEDGE, sentence)) and _FORECAST.search(sentence, m.start()):
        cues.append(Cue("prediction", m.start(), m.end(), False, None))
    return strongest(cues, sentence)


# A heading names a topic ("Plans for economic recovery", "Instructions on support for families"): no
# terminal punctuation, and no verb (a headline's "Government to invest £5m" or "funding confirmed" has one).
_TERMINAL = re.compile(r"[.!?…;:\"'”’»)\]]\s*$")
_HEADLINE_VERB = re.compile(
    r"\b(?:will|shall|would|is|are|was|were|has|have|had|must|should|can|could|may|might|to\s+[a-z]+|"
    r"[a-z]{3,}ed|[a-z]{3,}(?<!i)es)\b",
    _I,
)


def _is_heading(sentence: str) -> bool:
    """Tell whether a sentence is a heading: short, unpunctuated and verbless."""
    return (
        not _TERMINAL.search(sentence)
        and len(sentence.split()) <= 12
        and _HEADLINE_VERB.search(sentence) is None
    )


# An opinion ("We believe that the country is committed", "I think this is the secret") states no future:
# a hedge makes a forecast only with a future or a possibility after it (or when it is a forecast word).
_FORECAST = re.compile(
    r"\b(?:will|would|shall|could|may|might|going\s+to|expected|forecasts?|projected|likely|anticipated|"
    r"estimated|predicted)\b|['’]ll\b",
    _I,
)


def _past_report(sentence: str, cue: Cue) -> bool:
    """Tell whether a past allocation sums up a period ("has allocated £2 billion over the past decade")."""
    past = cue.text(sentence).lower().endswith("ed") and not re.search(
        r"\b(?:will|to|shall)\s+(?:\w+\s+)?be\s+$", sentence[: cue.start], _I
    )
    return past and search(PAST_PERIOD, sentence) is not None


def _modal_cues(sentence: str, pattern: re.Pattern[str]) -> list[Cue]:
    """Return pledge, allocation or prediction cues for each "will <verb>" in the sentence."""
    cues = []
    for m in pattern.finditer(sentence):
        verb = m.group(1).lower()
        before = sentence[: m.start()]
        if verb in _NOT_VERBS or (m.group(0).startswith("Will") and m.start() > 0):
            continue  # "the will of the people", "Will Quince said"
        if verb in _FEELING_VERBS:
            continue  # "We will always remember him": a feeling, neither an action nor a forecast
        kind = (
            "allocation"
            if re.match(r"(?:receive|allocat|distribut|financ|fund|earmark|amount|total)", verb)
            else "pledge"
        )
        after = sentence[m.end() :]
        if verb == "be" and re.match(r"\s*(?:allocated|distributed|financed|funded|paid|provided)", after):
            kind = "allocation"
        if verb == "go" and re.match(r"\s+(?:to|towards)\b", after) and _MONEY.search(sentence):
            kind = "allocation"  # "£10 million will go to local councils"
        if _is_prediction(verb, before, after):
            kind = "prediction"
        if pattern is _WOULD and verb == "be" and _PARTICIPLE.match(after) is None:
            kind = "prediction"  # "said the talks would be difficult"
        reader = re.search(r"\byou\s*$", before, _I) is not None  # "you will need to apply": guidance
        reader = reader or (verb in _AGENDA_VERBS and _NOW.search(sentence) is not None)  # within the meeting
        start = m.start() + m.group(0).lower().rfind("would") if pattern is _WOULD else m.start()
        participle = _PARTICIPLE.match(after) if verb == "be" else None
        end = m.end() + participle.end() if participle else m.end()  # "will be allocated"
        cues.append(Cue(kind, start, end, kind != "prediction" and not reader, m.start(1)))
    return cues


_FEELING_VERBS = frozenset(words("remember cherish honour honor mourn love treasure"))
# "Now we will review ...", "Today we will discuss ...": the meeting's agenda, not a later action.
_AGENDA_VERBS = frozenset(words("review discuss consider hear talk look examine"))
_NOW = re.compile(r"\b(?:now|today|at\s+this\s+meeting|first)\b", _I)


def _is_prediction(verb: str, before: str, after: str) -> bool:
    """Tell whether "will <verb>" forecasts an effect or a state rather than announcing an action."""
    if verb in ("amount", "total") and _FUNDING_SUBJECT.search(before):
        return False  # "funding will total £5 million": an allocation
    if verb in _EFFECT_VERBS and (verb in _STATE_VERBS or not _agent_subject(before)):
        return True
    if _INDICATOR_SUBJECT.search(before):
        return True
    if _EFFECT_SUBJECT.search(before):  # "this will be the first ...", but "it will be funded by ..."
        return verb != "be" or _PARTICIPLE.match(after) is None
    return _HEDGE.search(before) is not None


def _agent_subject(before: str) -> bool:
    """Tell whether the words before "will" name someone who acts (the government, we, the ministry)."""
    return (
        re.search(
            r"\b(?:we|i|government|governments|ministry|ministries|ministers?|department|authorities|parties|"
            r"sides|councils?|agency|president|minister|cabinet|state|states|treasury|office|administration|regions|"
            r"commission|authority|leaders|countries|partners)\s*$",
            before,
            re.IGNORECASE,
        )
        is not None
    )


def _obligation_cues(sentence: str) -> list[Cue]:
    """Return instruction cues for "must / should / needs to <verb>" (core when the action is concrete or
    someone who acts is told to: "We must quickly scale up ...", "regional authorities should meet ...";
    a prohibition, "must not prevent", only when its action is concrete);
    "it should be noted", "I must say" organise the speech and an opinion of what should be done ("I think
    we should proceed from ...") commits nobody: both are left out."""
    return [
        Cue(
            "instruction",
            m.start(),
            m.end(),
            m.group(2).lower() in _CONCRETE or (not m.group("not") and _agent_subject(sentence[: m.start()])),
            m.start(2),
        )
        for m in finditer(_OBLIGATION, sentence)
        if m.group(2).lower() not in _SPEECH_VERBS
        and not _RELATIVE.search(sentence, 0, m.start())
        and (m.group(2).lower() in _CONCRETE or not _OPINION.search(sentence, 0, m.start()))
    ]


# "the issues which need to be resolved": the need describes the noun, nobody is told to act.
_RELATIVE = re.compile(r"\b(?:which|that|who)\s+$", _I)


# One scan for the words every plan cue holds: most sentences hold none and skip the long _PLAN pattern.
_PLAN_STEMS = re.compile(
    r"plan|inten[dt]|aim|seek|pledg|promis|vow|undert|going|schedul|slated|set|(?:is|are)\s+(?:to|due)|"
    r"commit|determin|reaffirm|confirm|reiterat|declar|envisag|propos"
)


def _plan_cues(sentence: str) -> list[Cue]:
    """Return plan cues; "prices are set to rise" forecasts a movement and is a prediction."""
    cues: list[Cue] = []
    if _PLAN_STEMS.search(sentence.lower()) is None:
        return cues
    for cue in find_all(_PLAN, "plan", sentence):
        verb = re.match(r"\s*(?:be\s+)?([a-z]+)", sentence[cue.end :], _I)
        before = sentence[max(0, cue.start - 80) : cue.start]
        if re.search(r"(?:going|set|due)\s+to$", cue.text(sentence), _I) and (
            (verb and verb.group(1).lower() in _EFFECT_VERBS) or _INDICATOR_SUBJECT.search(before)
        ):
            cue = replace(cue, kind="prediction", core=False)
        cues.append(cue)
    return cues
