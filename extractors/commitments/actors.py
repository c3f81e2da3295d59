"""Pick who acts in a commitment: the instructed party, the subject, or the speaker behind a pronoun.

The actor is who is to carry the action out:
- for an instruction, the party instructed ("the Government instructed the Ministry" -> the Ministry;
  "поручил Правительству", "поручается Минфину"), and for the items of an instruction list or a decree,
  the addressee of its lead ("signed an Executive Order to the Finance Ministry:", "Правительству ...:");
- else the subject of the commitment's clause, without the time phrases, adverbs and speaker labels
  before it ("Next year, it", "Vladimir Putin: The Government"), or the agent of a passive;
- a pronoun ("we", "мы", "нам") or a first-person verb ("будем", "продолжим") is resolved to the
  speaker of the turn and the role the release gives them: "мы (И.Руденя, губернатор Тверской
  области)"; a need stated impersonally in a speech ("нужно обновлять программы") is the speaker's;
- money, a programme or an effect is not an actor ("750 mln rubles will be allocated", "Это позволит"):
  in a speaker's turn the speaker stands behind it, elsewhere the actor is left empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from extractors.commitments.cues import Cue, words
from extractors.commitments.speakers import Speaker, Speakers, release_voice
from extractors.commitments.subjects import first_person, subject_en, subject_ru, trim
from extractors.text.words import lemma, nominative_phrase, ru_grammemes
from extractors.text.words import words as tokens_of

_I = re.IGNORECASE
_PRONOUN_EN = re.compile(r"^(?:we|i|us)$", _I)
_PRONOUN_RU = re.compile(
    r"^(?:мы|я|нам|нами|нас|мне|нам\s+всем)(?:\s+(?:с|со)\s+(?:вами|тобой|коллегами))?$", _I
)
_YOU = re.compile(r"^(?:you|вы|вам|вас|вами|тебе|тебя)$", _I)
_ANY_PRONOUN_RU = re.compile(r"^(?:мы|я|они|он|она|оно|вы|это|всё\s+это|все\s+это|то)$", _I)
_ANY_PRONOUN_EN = re.compile(r"^(?:they|it|he|she|you|this|that|these|those|all\s+this|which|there)$", _I)
# Words that name someone who acts: institutions, offices, parties, places that govern themselves.
_AGENTS_EN = frozenset(
    words(
        """government governments ministry ministries minister ministers department departments council
    councils authority authorities parliament president premier cabinet commission committee agency agencies
    bank
    banks company companies corporation region regions party parties side sides country countries state
    states leaders leader officials office administration mayor governor treasury executive secretary
    chancellor board fund service services assembly duma senate court partners team group nato union
    document decree order law budget resolution agreement strategy plan funding investment"""
    )
)
_AGENTS_RU = frozenset(
    words(
        """правительство кабмин министерство министр ведомство губернатор глава президент премьер председатель
    администрация власть орган сторона компания группа банк фонд корпорация госкорпорация агентство служба
    комиссия совет дума парламент регион область край республика город округ муниципалитет россия страна
    государство партнёр партнер министерства руководство команда штаб центр институт университет
    указ распоряжение постановление закон бюджет документ соглашение договор программа"""
    )
)
# "750 mln rubles", "An additional 20 billion rubles", "£257.6 million to help ...": money, not an actor.
_AMOUNT_EN = re.compile(
    r"^(?:(?:an?|the|another|additional|further|extra|over|more\s+than|almost|nearly|up\s+to)\s+)*[£$€₽]?\d",
    _I,
)
_FRAGMENT_EN = re.compile(r"^(?:and|or|but|which|that|so|if|when|while|where|as)\b", _I)
_INDICATOR_EN = re.compile(
    r"\b(?:gdp|inflation|growth|prices?|rates?|revenues?|deficit|surplus|spending|spendings|exports?|imports?|"
    r"turnover|unemployment|output|demand|economy|help|parameters|figures?)\b",
    _I,
)
_EN_RECIPIENT = re.compile(
    r"\b(?:instruct(?:ed|s)?|order(?:ed|s)?|direct(?:ed|s)?|charged|tasked|asked|requested|obliged|told)\s+"
    r"(?P<who>the\s+[\w-]+(?:\s+[\w-]+){0,8}?|(?-i:[A-Z])[\w-]*(?:\s+(?:(?-i:[A-Z])[\w-]*|of|and|for|the)){0,8}|"
    r"us|you|them)"
    r"\s+(?:to|with)\b"
)
_EN_INSTRUCTIONS_TO = re.compile(
    r"\binstructions?\s+to\s+(?P<who>the\s+[A-Z][\w-]*(?:\s+(?:[A-Z][\w-]*|of|and|for|the|along|with)){0,10})"
)
_RU_INSTRUCTION_VERB = re.compile(r"^(?:поруч|обяза|дал|дала|дали|даю|даём|даем|поручено|поручается)", _I)
_RU_REQUEST_TO = re.compile(r"^(?:прошу|просим|попрошу|просил[аи]?\s+бы)\s+(вас|тебя)\b", _I)


_SIGNED_RU = re.compile(
    r"\b((?-i:[А-ЯЁ])[а-яё]+\s+(?-i:[А-ЯЁ])[а-яё]+)\s+подписал[аи]?\s+(указ|распоряжение|постановление)", _I
)
_DECREE_ITEM_RU = re.compile(r"^\s*\d{1,2}\.\s*(?-i:[А-ЯЁ])[а-яё]+(?:ть|ти)(?:ся)?\s", _I)
_DECREE_LEAD_RU = re.compile(r"\bпостановля(?:ю|ет)\s*:\s*$", _I)


@dataclass
class Scene:
    """What the actor of a sentence depends on beyond the sentence: the release and its speakers, and
    the addressee of the instruction list the sentence is an item of (set by the caller)."""

    text: str
    lang: str
    speakers: Speakers = field(init=False)
    lead: str | None = None

    def __post_init__(self) -> None:
        self.speakers = Speakers(self.text, self.lang)

    @cached_property
    def voice(self) -> str | None:
        """Return who "we" stands for outside speaker turns (English releases), or None."""
        return release_voice(self.text) if self.lang == "en" else None

    @cached_property
    def signer(self) -> str | None:
        """Return the document a release's decree text belongs to, with its signer when the release names
        them ("Указ (Владимир Путин)" from "Владимир Путин подписал Указ ..."), for its numbered items."""
        m = _SIGNED_RU.search(self.text) if self.lang == "ru" else None
        return f"{m.group(2).capitalize()} ({m.group(1)})" if m else None


def find_actor(scene: Scene, start: int, sentence: str, cue: Cue, item: bool = False) -> str | None:
    """Return who is to act on the commitment text[start:start + len(sentence)] (item: the sentence is
    an item of an instruction list), or None."""
    lang = scene.lang
    if cue.actor_span is not None:
        named = trim(sentence[cue.actor_span[0] : cue.actor_span[1]])
        return _addressed(scene, start, named) if named and _YOU.match(named) else named
    instructed = _instructed(sentence, cue, lang) if cue.kind == "instruction" else None
    if instructed:
        return _with_instructor(scene, start, instructed, sentence, cue)
    if item and scene.lead:
        return scene.lead
    subject = subject_ru(sentence, cue) if lang == "ru" else subject_en(sentence, cue)
    speaker = scene.speakers.at(start)
    if subject is not None and _is_pronoun(subject, lang):
        if speaker is None and scene.voice is not None and subject.lower() == "we":
            return f"{subject} ({scene.voice})"  # a statement's "we": who issues it
        return _resolve(subject, speaker, lang)
    if subject is not None:
        pronoun = _ANY_PRONOUN.get(lang, _ANY_PRONOUN_EN).match(subject) is not None
        if not pronoun and _can_act(subject, cue, lang):
            return subject
        if lang == "en":  # "Students ... will be supported by £20 million of Scottish Government funding"
            return None if pronoun else funder_en(sentence)
        if speaker is None or pronoun or cue.kind == "prediction" or not cue.core:
            return None
        return speaker.describe()
    holder = _ru_stance_holder(sentence) if lang == "ru" else None
    if holder is not None:  # "Подтверждена готовность российской стороны ...": whose readiness
        return holder
    if lang == "ru" and scene.signer and _DECREE_ITEM_RU.match(sentence):
        return scene.signer  # "4. Внести в акты ... изменения": a later item of the signed decree's text
    # No subject: a first-person verb, or an impersonal need or order in a speech, is the speaker's.
    if speaker is None:
        return funder_en(sentence) if lang == "en" else None
    if first_person(sentence, cue, lang) or (cue.core and cue.kind == "instruction"):
        return speaker.describe()
    # "предусмотрено", "принято решение", "нам предстоит", "наша задача": what the speaker's side has
    # provided for or taken on (a reflexive passive, "планируется", "запускается", reports an event).
    if cue.core and (
        cue.kind == "provision" or (cue.kind == "plan" and not _REFLEXIVE.search(cue.text(sentence)))
    ):
        return speaker.describe()
    return None


_REFLEXIVE = re.compile(r"(?:ся|сь)$")
# A stated readiness, intention or commitment and whose it is: "готовность российской стороны".
_RU_STANCE = re.compile(
    r"\b(?:готовность|намерение|намерения|стремление|решимость|заинтересованность|обязательство|"
    r"обязательства)\s+((?:[А-ЯЁа-яё-]+\s+){0,2}[А-ЯЁа-яё-]+)",
    _I,
)


def _ru_stance_holder(sentence: str) -> str | None:
    """Return who holds a readiness or intention a Russian sentence states without a subject, in the
    nominative ("готовность российской стороны" -> "российская сторона"), when it names an agent."""
    m = _RU_STANCE.search(sentence)
    if m is None:
        return None
    taken: list[str] = []
    for word in m.group(1).split():
        grams = ru_grammemes(word.lower())
        if "gent" not in grams or not grams & {"NOUN", "ADJF"}:
            break
        taken.append(word)
        if "NOUN" in grams:
            break
    phrase = " ".join(taken)
    return nominative_phrase(phrase) if taken and _is_agent(phrase, "ru") else None


_ANY_PRONOUN = {"ru": _ANY_PRONOUN_RU, "en": _ANY_PRONOUN_EN}


def lead_addressee(sentence: str, lang: str, signer: str | None = None) -> str | None:
    """Return the addressee of a lead that ends with a colon ("... Executive Order to the Finance
    Ministry:", "Правительству Российской Федерации в 3-месячный срок:"), or None."""
    if not sentence.rstrip().endswith(":"):
        return None
    if lang == "ru" and _DECREE_LEAD_RU.search(sentence):
        return signer
    if lang == "ru":
        m = re.search(
            r"(?:^|\d\.\s*)((?-i:[А-ЯЁ])[а-яё]+(?:у|ю|ам|ям)(?:\s+(?-i:[А-ЯЁ])?[а-яё]+){0,5}?)"
            r"(?=\s+(?:в|до|не)\s|\s*:)",
            sentence,
        )
        return m.group(1) if m and "DAT" in _case_tags(m.group(1).split()[0]) else None
    m = re.search(r"\bto\s+(the\s+[A-Z][\w-]*(?:\s+(?:[A-Z][\w-]*|of|and|for)){0,6})\s*:\s*$", sentence)
    return m.group(1) if m else None


def _case_tags(word: str) -> set[str]:
    """Return {"DAT"} when a Russian word reads as a dative noun."""
    grams = ru_grammemes(word.lower())
    return {"DAT"} if "NOUN" in grams and "datv" in grams else set()


def _with_instructor(scene: Scene, start: int, who: str, sentence: str, cue: Cue) -> str | None:
    """Return the party instructed with who instructs it, when the sentence or the turn names them:
    "the Ministry (instructed by the Government)", "Правительству (поручение: Президент)"; "you" is the
    other speaker of a two-person conversation (else no actor is known)."""
    lang, speaker = scene.lang, scene.speakers.at(start)
    addressed = _addressed(scene, start, who) if _YOU.match(who) else who
    if addressed is None:  # "Прошу вас ..." to a room: who is asked is unknown, the speaker asks
        return speaker.describe() if speaker is not None else None
    who = _resolve(addressed, speaker, lang)
    subject = subject_ru(sentence, cue) if lang == "ru" else subject_en(sentence, cue)
    spoken = subject is None and first_person(sentence, cue, lang)
    if (subject is not None and _is_pronoun(subject, lang)) or spoken:
        subject = speaker.describe() if speaker is not None else None
    elif subject is not None and _YOU.match(subject):
        addressee = scene.speakers.addressee(start)
        subject = addressee.describe() if addressee is not None else None
    if subject is None or subject == who or not (_is_agent(subject, lang) or speaker is not None):
        return who
    if lang == "en" and subject.startswith("The "):
        subject = "the " + subject[4:]  # "instructed by the President"
    by = f"instructed by {subject}" if lang == "en" else f"поручение: {subject}"
    return f"{who[:-1]}; {by})" if who.endswith(")") else f"{who} ({by})"


def _addressed(scene: Scene, start: int, you: str) -> str | None:
    """Return "you" with the person it addresses (the other speaker of a two-person conversation), or
    None when the release does not tell who that is."""
    addressee = scene.speakers.addressee(start)
    return f"{you} ({addressee.describe()})" if addressee is not None else None


def _instructed(sentence: str, cue: Cue, lang: str) -> str | None:
    """Return the party an instruction is given to, when the sentence names it."""
    if lang == "en":
        m = _EN_RECIPIENT.search(sentence, max(0, cue.start - 2)) or _EN_INSTRUCTIONS_TO.search(sentence)
        return trim(m.group("who")) if m and m.start() < cue.end + 40 else None
    asked = _RU_REQUEST_TO.match(cue.text(sentence))
    if asked is not None:  # "Прошу Вас подготовить": the one asked acts
        return sentence[cue.start + asked.start(1) : cue.start + asked.end(1)]
    if not _RU_INSTRUCTION_VERB.match(cue.text(sentence)):
        return None
    # The dative may be inside the cue ("дал российским военным команду") or right after it.
    verb_end = cue.start + len(cue.text(sentence).split()[0])
    return _ru_dative_after(sentence, verb_end) or _ru_dative_before(sentence, cue.start)


def _ru_dative_after(sentence: str, pos: int) -> str | None:
    """Return the dative noun phrase within the few words after pos ("поручил Правительству РФ")."""
    tokens = list(re.finditer(r"[А-ЯЁа-яё-]+", sentence[pos : pos + 80]))[:4]
    for i, m in enumerate(tokens):
        grams = ru_grammemes(m.group(0).lower())
        if "datv" in grams and ("NOUN" in grams or "ADJF" in grams or "NPRO" in grams):
            end = i + 1
            while (
                end < len(tokens)
                and "NOUN" not in ru_grammemes(tokens[end - 1].group(0).lower())
                and "datv" in ru_grammemes(tokens[end].group(0).lower())
            ):
                end += 1  # "российским военным": the adjective takes its noun along
            while end < len(tokens) and "gent" in ru_grammemes(tokens[end].group(0).lower()):
                end += 1  # "Правительству Российской Федерации"
            return sentence[pos + m.start() : pos + tokens[end - 1].end()]
    return None


def _ru_dative_before(sentence: str, pos: int) -> str | None:
    """Return a dative institution right before an impersonal instruction ("Минфину поручено")."""
    m = re.search(r"((?-i:[А-ЯЁ])[а-яё]+(?:у|ю|ам|ям))\s+(?:[а-яё]+\s+){0,2}$", sentence[:pos])
    return m.group(1) if m and _case_tags(m.group(1)) else None


def _is_pronoun(phrase: str, lang: str) -> bool:
    """Tell whether a phrase is a first-person pronoun that the speaker resolves."""
    return bool((_PRONOUN_RU if lang == "ru" else _PRONOUN_EN).match(phrase.strip()))


def _resolve(phrase: str, speaker: Speaker | None, lang: str) -> str:
    """Return a first-person pronoun with the speaker it stands for: "мы (И.Руденя, губернатор ...)"."""
    if speaker is None or not _is_pronoun(phrase, lang):
        return phrase
    return f"{phrase} ({speaker.describe()})"


def _can_act(subject: str, cue: Cue, lang: str) -> bool:
    """Tell whether a subject can be the actor: in Russian someone who acts or a document; in English
    anything but an amount of money, a clause fragment or (in a forecast) an economic indicator."""
    if lang == "ru":
        return _is_agent(subject, lang)
    if _AMOUNT_EN.match(subject) or _FRAGMENT_EN.match(subject):
        return False
    return cue.kind != "prediction" or _is_agent(subject, lang) or not _INDICATOR_EN.search(subject)


# "£20 million of Scottish Government funding", "a £104 million government funding boost": who pays.
_EN_FUNDER = re.compile(
    r"\b((?:the\s+)?(?:(?-i:[A-Z])[\w-]+\s+){0,3}[Gg]overnment)(?:['’]s)?\s+(?:funding|money|grants?|support)\b"
)


def funder_en(sentence: str) -> str | None:
    """Return the government whose funding an English sentence names, or None: "Scottish Government"."""
    m = _EN_FUNDER.search(sentence)
    if m is None:
        return None
    who = m.group(1)
    return f"the {who}" if who[:1].islower() and not who.startswith("the ") else who


def _is_agent(phrase: str, lang: str) -> bool:
    """Tell whether a phrase names someone who can act (an institution, an office, a person, a country)."""
    tokens = tokens_of(phrase)
    if lang == "ru":  # the head noun names who it is ("Общий объём номерного фонда" is a volume)
        nouns = [t for t in tokens if {"NOUN", "NPRO"} & ru_grammemes(t) and lemma(t) not in _COUNT_NOUNS]
        head = nouns[0] if nouns else None  # "115 тысяч детей": the children, not the thousands
        named = any(_PROPER & ru_grammemes(t) for t in tokens)  # "Минпромторг и Минфин", "Тульская область"
        return named or (_ru_agent(head) if head is not None else any(_ru_agent(t) for t in tokens))
    proper = [w for w in re.findall(r"\b[A-Z][\w-]+", phrase)[1 if phrase[:1].isupper() else 0 :]]
    return bool(proper) or any(t in _AGENTS_EN or t.rstrip("s") in _AGENTS_EN for t in tokens)


_PROPER = frozenset({"Name", "Surn", "Geox", "Orgn"})
_COUNT_NOUNS = frozenset(words("тысяча миллион миллиард сотня десяток пара ряд часть большинство половина"))


def _ru_agent(word: str) -> bool:
    """Tell whether a Russian word names an agent: animate, a proper name or an institution."""
    grams = ru_grammemes(word)
    return bool(grams & ({"anim"} | _PROPER)) or lemma(word) in _AGENTS_RU
