"""English cues for decisions, orders and undertakings stated in the past or the present tense.

"We prolonged them for two more months", "£5 million approved by Parliament", "confirmed allocations for
councils", "we started to make payments", "the President charged the Government to establish a council",
"Mr Smith, please take this under your supervision", "supported the idea to hold matches", "we decided
to build", "we are completing the programme" each state an action still to come that someone has taken
on or ordered. Each cue needs the words that make it forward-looking (an infinitive, a duration, an
amount), so the same verbs in a plain report ("approved it on November 26") stay out.
"""

from __future__ import annotations

import re

from extractors.commitments.cues import PAST_PERIOD, Cue, find_all, search, words

_I = re.IGNORECASE
# "charged the Government under my leadership to establish", "gave the military an order to halt".
_ORDERED = re.compile(
    r"\bcharged\s+(?:the\s+)?(?-i:[A-Z])\w+(?:\s+[\w-]+){0,5}?\s+to\s+(?!be\b)[a-z]+|"
    r"\b(?:gave|give|gives|has\s+given|have\s+given)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:instructions?|orders?|an\s+order|the\s+order|a\s+command|the\s+command)\s+to\s+[a-z]+",
    _I,
)
# "Mr Siluanov, please take this issue under your supervision" (a request to someone named: "Please
# register by May" guides the reader), "I would like to ask you to draft ...".
_REQUEST = re.compile(
    r"^(?P<addressee>(?-i:(?:Mr|Mrs|Ms|Dr|Minister|Secretary|Governor|Mayor|Colleagues|Friends|Comrades)\b\.?"
    r"(?:\s+[A-Z][\w.-]*){0,3}|[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){1,3})),\s+(?P<please>(?:please\s+)?)(?:also\s+)?"
    r"(?P<verb>[a-z]+)|"
    r"\b(?:i|we)\s+(?:would\s+like\s+to\s+|want\s+to\s+|would\s+|am\s+|are\s+)?"
    r"(?:ask|asking|request|requesting|urge|urging|call\s+on|calling\s+on)\s+"
    r"(?P<asked>you|(?:the\s+)?(?-i:[A-Z])[\w-]+(?:\s+(?:(?:of|for|and|the)\s+)?(?-i:[A-Z])[\w-]+){0,4})\s+"
    r"(?:\w+\s+)?to\s+(?P<verb2>[a-z]+)",
    _I,
)
# Requests that are courtesies or speech, not tasks ("please note", "ask you to convey my regards").
_COURTESY = frozenset(
    words(
        "note accept send convey pass give extend join welcome see find let bear excuse forgive allow "
        "remember understand listen look thank contact visit enjoy be"
    )
)
_TASK_VERBS = frozenset(
    words(
        "ensure submit prepare provide develop allocate complete present adopt implement introduce take "
        "establish create build pay finance fund report draft approve consider deliver launch review "
        "resolve settle check monitor control supervise speed accelerate organise organize analyse analyze "
        "make set amend update expand increase"
    )
)
# "we prolonged them for two more months", "extends the scheme for a further year".
_PROLONGED = re.compile(
    r"\b(?:prolong(?:s|ed)?|extend(?:s|ed)?)\b(?=[^.;!?]{0,60}?\bfor\s+(?:(?:a|an|another|two|three|four|"
    r"five|six|more|further|additional|\d+)\s+){1,3}(?:days?|weeks?|months?|years?)\b)",
    _I,
)
# "confirmed allocations for councils", "funding boosts confirmed", "£5 million approved by Parliament":
# funding approved or confirmed (an amount alone may be a statistic that is "confirmed").
_APPROVED = re.compile(r"\b(?:approv(?:e|es|ed)|confirm(?:s|ed)?)\b", _I)
_FUNDING_NOUN = re.compile(r"\b(?:allocations?|funding|grants?)\b", _I)
_MONEY_APPROVED = re.compile(r"\bapproved\b", _I)
_MONEY = re.compile(
    r"[£$€₽]\s?\d|\d[\d,.]*\s*(?:million|billion|trillion|bn|m)?\s*(?:roubles|rubles|pounds|dollars|euros)\b",
    _I,
)
# "we started to make lump sum payments", "began paying the benefit".
_PAYMENTS_STARTED = re.compile(
    r"\b(?:start(?:s|ed)?|began|begin(?:s)?|(?:is|are|am)\s+starting|(?:is|are|am)\s+beginning)\s+"
    r"(?:to\s+)?(?:(?:make|making)\s+(?:[\w-]+\s+){0,3}?(?:payments?|transfers?)|pay|paying|disburse|"
    r"disbursing)\b",
    _I,
)
# "supported the idea to organise matches", "backed the proposal of the ministry to extend".
_SUPPORTED = re.compile(
    r"(?<!not\s)\b(?:support(?:s|ed)?|back(?:s|ed)?|endorse(?:s|d)?)\s+(?:the|a|this|that|his|her|their|our)\s+"
    r"(?:idea|proposal|initiative|plan)\s+(?:(?:of|by)\s+[\w-]+(?:\s+[\w-]+){0,3}\s+)?to\s+[a-z]+",
    _I,
)
# "we decided to build", "the Government has taken a decision to extend".
_DECIDED = re.compile(
    r"\b(?:decided|decides|(?:took|taken|made|make|take)\s+(?:a|the)\s+decision)\s+to\s+(?!be\b)[a-z]+",
    _I,
)
# "we have set ourselves the task of ...", "we set the goal to ..." (the speakers' own task).
_TASK_SET = re.compile(
    r"\bwe\s+(?:have\s+)?set\s+(?:ourselves\s+)?(?:the|a)\s+(?:task|goal|target|aim)\s+(?:of|to)\s+[a-z]+",
    _I,
)
# "we are completing the programme", "we continue to rebuild roads": the rest of it lies ahead ("we
# continue to believe" states a view).
_PHASE = re.compile(
    r"\bwe\s+(?:are\s+(?:also\s+)?(?:continuing|completing|finishing|launching)|(?:also\s+)?continue\s+to"
    r"(?!\s+(?:believe|see|think|hope|feel|expect|regard|view|face|be|have|need|want)\b))\s+[a-z]+",
    _I,
)
_NOW = re.compile(r"\b(?:today|now|at\s+this\s+meeting)\b", _I)
_DONE_NOW = re.compile(r"(?:completing|finishing|launching)\s+[a-z]+$", _I)
# "we want to build a campus", "we would like to open two more centres" (not "we want to thank").
_WISH = re.compile(r"\bwe\s+(?:really\s+)?(?:want|would\s+like)\s+to\s+(?P<verb>[a-z]+)", _I)
_NOT_INTENT = frozenset(
    words(
        "thank congratulate welcome say note express ask invite hear see discuss present inform draw "
        "emphasise emphasize stress take touch mention wish pay remind add begin start highlight share"
    )
)
# "a working group is being set up", "an expert commission is being established".
_BODY_SET_UP = re.compile(
    r"\b(?:group|groups|commission|council|committee|task\s+force|centre|center|fund|body)\s+"
    r"(?:is|are)\s+(?:being|to\s+be)\s+(?:set\s+up|established|created|formed)\b",
    _I,
)
# "we guarantee their safety", "I can guarantee that ...".
_GUARANTEE = re.compile(r"\b(?:we|i)\s+(?:can\s+|will\s+)?guarantee\b", _I)


# Readiness ("we are ready to increase supplies", "reaffirmed its readiness to") and invitations ("we invite
# you to visit") offer an action without taking it on: the guidelines keep them as marginal rows. Only the
# speakers' own readiness or a side's stated one counts ("the crew is ready for duty" describes a state).
_READY = re.compile(
    r"\b(?:we|i)\s+(?:are|am)\s+(?:also\s+|fully\s+|always\s+|still\s+)?(?:ready|prepared|willing|open)\s+to\b|"
    r"\b(?:side|sides|country|countries|government|russia)\s+(?:is|are|stands?|remains?)\s+(?:also\s+)?ready\s+to\b|"
    r"\b(?:reaffirm\w*|confirm\w*|express\w*|declar\w*|stated|reiterat\w*)\s+(?:its|their|his|her|our|the)\s+"
    r"(?:\w+\s+)?(?:readiness|willingness)\s+to\b|"
    r"\b(?:express\w*|confirm\w*|reaffirm\w*)\s+(?:(?:its|their|his|her|our|the)\s+)?(?:mutual\s+|strong\s+)?"
    r"interest\s+in\b",
    _I,
)
_INVITE = re.compile(r"\b(?:we|i)\s+(?:would\s+like\s+to\s+|also\s+)?invite\b", _I)
# Documents being drafted ("the ministry is developing a draft law", "we are preparing proposals"), and a
# document that sets a goal ("The strategy sets the goal of increasing ..."): action in the making.
_DRAFTING = re.compile(
    r"\b(?:is|are|am)\s+(?:currently\s+|now\s+|also\s+)?(?:developing|drafting|preparing|working\s+on|"
    r"finali[sz]ing)\s+(?:(?:a|an|the|new|its|their|our)\s+)?(?:[\w-]+\s+){0,2}?(?:draft|bill|law|plan|"
    r"programme|program|road\s?map|strategy|proposals?|legislation|amendments?|regulations?|agreement)\b",
    _I,
)
_SETS_GOAL = re.compile(
    r"\bsets\s+(?:out\s+)?(?:the|a|an)\s+(?:[\w-]+\s+)?(?:goal|target|task|objective)s?\s+(?:of|to)\b", _I
)
# "has today announced £30 million to help councils", "provided more than £27 billion": the guidelines
# call past announcements marginal (an announcement in a relative clause is background).
_ANNOUNCED = re.compile(
    r"(?<!which\s)(?<!that\s)(?<!already\s)\b(?:announced|unveiled|awarded|provided)\b(?=[^.;]{0,40}?"
    r"(?:[£$€₽]\s?\d|\d[\d,.]*\s*(?:million|billion|trillion|bn)?\s*(?:roubles|rubles|pounds|dollars|euros)\b))",
    _I,
)
# One scan for the stems every cue above needs: most sentences hold none and skip the dozen patterns.
# It runs over the lower-cased sentence: a case-insensitive scan of Cyrillic is several times slower.
_STEMS = re.compile(
    r"charged|gave|give|given|please|ask|request|urge|call|prolong|extend|approv|confirm|start|begin|began|"
    r"support|back|endorse|decid|decision|task|goal|target|aim|continu|complet|finish|launch|want|would\s+like|"
    r"set\s+up|established|created|formed|guarantee|ready|prepared|willing|open|readiness|willingness|invite|interest|"
    r"developing|drafting|preparing|working|finali|sets|announced|unveiled|awarded|provided",
)
_VOCATIVE = re.compile(r"[A-Z][\w.-]*(?:\s+[\w.-]+){0,3},\s")  # "Mr Petrov, take ..." (an order, no stem)


def act_cues_en(sentence: str) -> list[Cue]:
    """Return cues for orders, requests, decisions, prolongations, approved funding, support for a
    proposal, continued programmes and intentions stated in the past or the present tense."""
    if _STEMS.search(sentence.lower()) is None and _VOCATIVE.match(sentence) is None:
        return []
    cues = find_all(_ORDERED, "instruction", sentence) + _request_cues(sentence)
    cues += find_all(_PROLONGED, "provision", sentence) + find_all(_DECIDED, "provision", sentence)
    cues += find_all(_SUPPORTED, "agreement", sentence) + find_all(_TASK_SET, "plan", sentence)
    cues += find_all(_BODY_SET_UP, "plan", sentence) + find_all(_GUARANTEE, "pledge", sentence)
    cues += [
        c
        for c in find_all(_PHASE, "plan", sentence, verb_first=True)
        if not (_DONE_NOW.search(c.text(sentence)) and search(_NOW, sentence))
    ]
    cues += [
        Cue("plan", m.start(), m.end(), True, m.start("verb"))
        for m in _WISH.finditer(sentence)
        if m.group("verb").lower() not in _NOT_INTENT
    ]
    cues += find_all(_DRAFTING, "plan", sentence) + find_all(_SETS_GOAL, "plan", sentence)
    cues += find_all(_ANNOUNCED, "allocation", sentence, core=False)
    cues += find_all(_READY, "pledge", sentence, core=False) + find_all(
        _INVITE, "pledge", sentence, core=False
    )
    if not search(PAST_PERIOD, sentence):
        cues += find_all(_PAYMENTS_STARTED, "allocation", sentence)
        if _FUNDING_NOUN.search(sentence):
            cues += find_all(_APPROVED, "allocation", sentence)
        elif _MONEY.search(sentence):
            cues += find_all(_MONEY_APPROVED, "allocation", sentence)
    return cues


def _request_cues(sentence: str) -> list[Cue]:
    """Return instruction cues for "Mr X, please <verb>" and "I ask you to <verb>" (core for a task,
    marginal for anything else; courtesies are left out)."""
    cues = []
    for m in _REQUEST.finditer(sentence):
        group = "verb" if m.group("verb") else "verb2"
        verb = m.group(group).lower()
        if verb in _COURTESY or (m.group("please") == "" and verb not in _TASK_VERBS):
            continue  # without "please", only a task verb makes "Mr X, <verb> ..." an order
        noted = verb == "take" and re.match(r"\s+note\b", sentence[m.end(group) :], _I) is not None
        core = verb in _TASK_VERBS and not noted
        if m.group("addressee") is not None:  # the person addressed is the one to act
            start = m.start("please") if m.group("please") else m.start(group)
            cues.append(Cue("instruction", start, m.end(), core, m.start(group), None, m.span("addressee")))
        else:
            cues.append(Cue("instruction", m.start(), m.end(), core, m.start(group), None, m.span("asked")))
    return cues
