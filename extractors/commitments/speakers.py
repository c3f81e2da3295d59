"""Who speaks where in a transcript, and what the release says each speaker is.

Transcripts label each turn with the speaker ("В.Путин: ...", "И.Руденя : ...", "Vladimir Putin: ...",
"Chairman of the Management Board of Sberbank German Gref: ...", "Mikhail Mishustin's opening remarks:").
A first-person commitment ("мы построим", "we will allocate") is the speaker's, so its actor is resolved
to the speaker's label and role: the role is read from the label itself or from where the release first
names the speaker ("встреча с губернатором Тверской области Игорем Руденей", "Deputy Prime Minister
Alexander Novak"). When the release names no role, a chair who speaks of "the Government" in the first
turn, or opens a release about a Government meeting, speaks for the Government.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from extractors.commitments.cues import words
from extractors.text.words import nominative_phrase, ru_grammemes

# "И.Руденя:", "В.Путин :", and a scraped page's bio insert before the colon: "И.Кобзев Кобзев Игорь
# Иванович губернатор Иркутской области :" (the role is the insert's tail).
_RU_LABEL = re.compile(
    r"(?<![\w.])(?P<label>[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.\s?)?(?P<surname>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?))"
    r"(?:\s+(?P=surname)\s+[А-ЯЁ][а-яё]+(?:\s+[А-ЯЁ][а-яё]+)?\s+(?P<role>[^:.!?\n]{3,160}?))?\s?:\s"
)
_EN_NAME = r"[A-Z][\w’'-]+[ ]+[A-Z][\w’'-]+"
# A label opens a paragraph or follows the end of the previous turn's sentence.
_EN_LABEL = re.compile(
    r"(?:^|(?<=\n)|(?<=[.!?…] )|(?<=/ ))(?P<label>(?:(?:[A-Z][\w’'-]*|of|the|and|for|on|at|in)[ ]+){0,12}?"
    r"(?P<name>" + _EN_NAME + r"))(?:[’']s\s+(?:opening\s+|closing\s+|introductory\s+)?"
    r"(?:remarks|speech|address|statement)[^:\n]{0,40})?[ ]?:\s"
)
_EN_ROLE_BEFORE = re.compile(r"((?:(?:[A-Z][\w’'-]*|of|the|and|for)[ ]+){1,10})$")
_EN_NOT_ROLES = re.compile(r"^(?:The|Mr|Ms|Mrs|Dr|And|Of)$")
_GOVERNMENT_MEETING = re.compile(
    r"\bGovernment\s+meeting|\bmeeting\s+of\s+the\s+Government\b|\bзаседани[еия]\s+Правительства\b"
)
_GOVERNMENT_SUBJECT = re.compile(
    r"(?:^|[.!?]\s+)(?:The\s+Government|Правительство)\s+[a-zа-яё]|\bGovernment\s+under\s+my\s+(?:leadership|"
    r"chairmanship)|\bПравительств[оау]\s+под\s+моим\s+руководством"
)
_GOVERNMENT = {"en": "the Government", "ru": "Правительство"}
# Where a speaker's role ends, read backwards from the name: a preposition, a verb or a sentence end.
_RU_ROLE_STOP = frozenset(words("с со к у для от в во на за и о об при по провёл провел встретился принял"))
_OPENING_SPAN = 1500  # the chair's first turn, where "the Government continues ..." is looked for


@dataclass(frozen=True)
class Speaker:
    """A speaker's label as written ("И.Руденя") and role ("губернатор Тверской области"), if named."""

    label: str
    role: str | None = None

    def describe(self) -> str:
        """Return the label with the role: "И.Руденя, губернатор Тверской области"."""
        return f"{self.label}, {self.role}" if self.role else self.label


class Speakers:
    """The speaker turns of a release; built once per release, lazily (most releases have none)."""

    def __init__(self, text: str, lang: str) -> None:
        self._text, self._lang = text, lang

    @cached_property
    def _turns(self) -> tuple[list[int], list[Speaker]]:
        """Return the start offsets of the turns and their speakers, in order."""
        found = _ru_turns(self._text) if self._lang == "ru" else _en_turns(self._text)
        roles: dict[str, str | None] = {}
        starts, speakers = [], []
        for pos, label, role in found:
            if label not in roles or (role and not roles[label]):
                roles[label] = role or _role_in_text(self._text, label, self._lang)
            starts.append(pos)
            speakers.append(Speaker(label, roles[label]))
        if speakers and speakers[0].role is None and self._chairs_government(starts[0]):
            chair = Speaker(speakers[0].label, _GOVERNMENT[self._lang])
            speakers = [chair if s.label == chair.label else s for s in speakers]
        return starts, speakers

    def _chairs_government(self, first: int) -> bool:
        """Tell whether the first speaker chairs the Government: the release is about a Government
        meeting, or the first turn speaks of "the Government" as a subject."""
        return bool(
            _GOVERNMENT_MEETING.search(self._text)
            or _GOVERNMENT_SUBJECT.search(self._text, first, first + _OPENING_SPAN)
        )

    def addressee(self, pos: int) -> Speaker | None:
        """Return who "you" is in the turn at pos: the other speaker of a two-person conversation."""
        speaker = self.at(pos)
        others = {s.label: s for s in self._turns[1] if speaker is None or s.label != speaker.label}
        everyone = {s.label for s in self._turns[1]}
        return next(iter(others.values())) if len(everyone) == 2 and len(others) == 1 else None

    def at(self, pos: int) -> Speaker | None:
        """Return the speaker of the turn that holds offset pos, or None before the first turn."""
        starts, speakers = self._turns
        i = bisect.bisect_right(starts, pos) - 1
        return speakers[i] if i >= 0 else None


def _ru_turns(text: str) -> list[tuple[int, str, str | None]]:
    """Return (offset, label, role) for each Russian speaker label ("В.Путин:", "И.Руденя :"); the role
    only where a bio insert gives it."""
    return [
        (m.start(), re.sub(r"\s", "", m.group("label")), m.group("role")) for m in _RU_LABEL.finditer(text)
    ]


def _en_turns(text: str) -> list[tuple[int, str, str | None]]:
    """Return (offset, name, role) for each English speaker label; the role is what precedes the name
    in the label ("Chairman of the Management Board of Sberbank German Gref:")."""
    out = []
    for m in _EN_LABEL.finditer(text):
        role = m.group("label")[: m.start("name") - m.start("label")].strip()
        out.append((m.start(), m.group("name"), _en_role(role)))
    return out


def _en_role(words: str) -> str | None:
    """Return an English role phrase without leading articles, or None when it is empty."""
    role = re.sub(r"^(?:(?:the|of|and|for|on|at|in)\s+)+", "", words.strip(), flags=re.IGNORECASE)
    return role or None


def _role_in_text(text: str, label: str, lang: str) -> str | None:
    """Return the role the release gives the speaker where it first names them, or None."""
    return _ru_role(text, label) if lang == "ru" else _en_role_in_text(text, label)


def _ru_role(text: str, label: str) -> str | None:
    """Return the role before the first full mention of a Russian speaker ("губернатором Тверской
    области Игорем Руденей" for "И.Руденя"), in the nominative ("губернатор Тверской области")."""
    initial, surname = label[0], label.rsplit(".", 1)[-1]
    stem = surname[:-1] if surname[-1] in "аяйь" and len(surname) > 4 else surname
    m = _first_mention(text, initial, stem)
    if m is None:
        return None
    taken: list[str] = []
    before = text[max(0, m.start() - 200) : m.start()]
    for token in reversed(re.findall(r"«[^»]{1,60}»|[\w-]+|[,.!?:;]", before)):
        if token in ".!?:;" or token.lower() in _RU_ROLE_STOP or len(taken) >= 12:
            break
        taken.insert(0, token)
    while taken and taken[0] == ",":
        taken.pop(0)
    role = " ".join(taken).replace(" ,", ",")
    return nominative_phrase(role) if _names_a_person(taken, m.group(1)) else None


def _first_mention(text: str, initial: str, stem: str) -> re.Match[str] | None:
    """Return the first "<first name> <surname>" of a speaker in text (found by the surname's stem first:
    a regex search of the whole release per speaker would cost more)."""
    name = re.compile(rf"(?<![\w.])({initial}[а-яё]+)\s+{re.escape(stem)}[а-яё]*\b")
    pos = text.find(stem)
    while pos >= 0:
        m = name.search(text, max(0, pos - 40), pos + len(stem) + 8)
        if m is not None:
            return m
        pos = text.find(stem, pos + 1)
    return None


_CASES = frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct"})


def _names_a_person(phrase: list[str], first_name: str) -> bool:
    """Tell whether a Russian role phrase is headed by a noun naming a person ("губернатором", "главой"),
    not a place or a circumstance ("режиме видеоконференции"), in the case of the name it goes with
    ("губернатором ... Игорем", not "участниками ... Владимир")."""
    for word in phrase:
        grams = ru_grammemes(word.lower())
        if "NOUN" in grams:
            return "anim" in grams and bool(grams & ru_grammemes(first_name.lower()) & _CASES)
    return False


def _en_role_in_text(text: str, name: str) -> str | None:
    """Return the capitalised role right before the first mention of an English speaker ("Deputy Prime
    Minister Alexander Novak"), or None."""
    pos = text.find(name)
    if pos < 0:
        return None
    m = _EN_ROLE_BEFORE.search(text, max(0, pos - 160), pos)
    if m is None:
        return None
    taken = m.group(1).split()
    while taken and not taken[0][0].isupper():
        taken.pop(0)
    role = " ".join(taken)
    return role if role and not _EN_NOT_ROLES.match(role) else None


# Who "we" is in a release without speaker turns: the parties of a joint statement ("Joint Statement
# following the meeting of the British and Polish Prime Ministers"), else the government the release
# names most often ("the Scottish Government").
_JOINT_STATEMENT = re.compile(
    r"\b[Jj]oint\s+[Ss]tatement\b[^.\n]{0,80}?\b(?:of|by|from|between)\s+(the\s+[^.\n]{3,60}?)"
    r"(?=\s+(?:in|on|at|at|following|after)\s|[.,;:\n]|$)"
)
_EN_GOVERNMENTS = re.compile(r"\b(?:[Tt]he\s+)?((?:(?!The\b)[A-Z][\w-]+\s+){0,2}Government)\b")


def release_voice(text: str) -> str | None:
    """Return who "we" stands for in an English release without speaker turns, or None."""
    joint = _JOINT_STATEMENT.search(text)
    if joint is not None:
        return joint.group(1)
    counts: dict[str, int] = {}
    for m in _EN_GOVERNMENTS.finditer(text):
        counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    if not counts:
        return None
    name = max(counts, key=lambda k: counts[k])  # the first of the most frequent: dicts keep order
    return f"the {name}" if name.split()[0] != "Government" else "the Government"
