"""Normalize the date strings press sites print into UTC instants or local calendar dates."""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from extractors.models import Published
from extractors.text.calendar import (
    EN_MONTHS,
    EN_MONTHS_SHORT,
    RU_MONTHS_GENITIVE,
    RU_MONTHS_NOMINATIVE,
    RU_MONTHS_SHORT,
    numbered,
)

# Month names as press sites print them: English, Russian genitive ("24 января"), nominative, short.
MONTHS = {
    **numbered(EN_MONTHS, RU_MONTHS_GENITIVE, RU_MONTHS_NOMINATIVE, RU_MONTHS_SHORT, EN_MONTHS_SHORT),
    **{"sept": 9, "сент": 9, "февр": 2},
}

_ISO_FULL = re.compile(
    r"^(?P<d>\d{4}-\d{2}-\d{2})(?:[T ](?P<h>\d{2}):(?P<m>\d{2})(?::(?P<s>\d{2})(?:[.,]\d+)?)?)?"
    r"\s*(?P<off>Z|[+-]\d{2}(?::?\d{2})?)?$"
)
# "Wed, 24 Jan 2024 11:30:00 +0300" (RSS pubDate, HTTP dates).
_RFC822 = re.compile(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?\s*\S*$")
# "(UTC+3 MSK)", "(GMT+04:00)": an explicit offset printed next to a display date.
_OFFSET_PAREN = re.compile(r"\(\s*(?:UTC|GMT)\s*(?P<sign>[+\-−])\s*(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?[^)]*\)")
_OFFSET_BARE = re.compile(r"\b(?:UTC|GMT)\s*(?P<sign>[+\-−])\s*(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?\b")
_OFFSET_AFTER_TIME = re.compile(r"(?<=\d)\s*(?P<sign>[+\-])(?P<h>\d{2}):?(?P<m>\d{2})\b")
_UTC_AFTER_TIME = re.compile(r"(?<=\d)\s*(?:UTC|GMT|Z)\b")
_TIME = re.compile(
    r"(?<![\d:.])(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?(?![\d:])\s*(?P<ampm>[ap]\.?m\.?)?", re.I
)
_DATE_ISO = re.compile(r"\b(?P<y>\d{4})-(?P<mo>\d{1,2})-(?P<d>\d{1,2})\b")
_DATE_DOTTED = re.compile(r"\b(?P<d>\d{1,2})\.(?P<mo>\d{1,2})\.(?P<y>\d{4})\b")
_DATE_SLASHED = re.compile(r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})\b")
_DATE_DAY_MONTH = re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<mon>[^\W\d_]+)\.?,?\s+(?P<y>\d{4})\b")
_DATE_MONTH_DAY = re.compile(r"\b(?P<mon>[^\W\d_]+)\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})\b")
_WORD = re.compile(r"[^\W\d_]+")
# strptime directives that read a wall time; a format without one reads a date only.
_TIME_DIRECTIVES = frozenset({"%H", "%I", "%c", "%X"})
# Real UTC offsets run from -12:00 to +14:00; anything wider is a typo or garbage, never a zone.
MAX_OFFSET = timedelta(hours=14)


@dataclass(frozen=True)
class _Parts:
    """What a date string says: a calendar date, maybe a wall time, maybe an explicit offset."""

    day: date
    wall: time | None = None
    offset: timedelta | None = None


def normalize_published(
    raw: str | None, *, tz: str, lang: str | None = None, formats: Sequence[str] = ()
) -> Published:
    """Turn a site's date string into a UTC instant (when it has a time) and a local date; never raise.

    `formats` are the source's own strptime formats (its `date_formats`), tried before the generic readers.
    A string that reads but cannot be a real time (offset beyond +-14 h, a year at the edge of the
    calendar) gives no date and says why in `rejected`.
    """
    if raw is None or not raw.strip():
        return Published(raw)
    text = " ".join(raw.split())
    try:
        parts = _parse_declared(text, formats) or _parse_parts(text, lang)
    except (ValueError, OverflowError):  # impossible dates such as 31.02.2024 or hour 25
        parts = None
    if parts is None:
        return Published(raw)
    if parts.offset is not None and abs(parts.offset) > MAX_OFFSET:
        return Published(raw, rejected=f"UTC offset {_offset_label(parts.offset)} is beyond +-14 h")
    try:
        return _to_published(raw, parts, tz)
    except (ValueError, OverflowError):  # year 1 in a zone east of UTC falls off the calendar
        return Published(raw, rejected=f"{parts.day.isoformat()} cannot be placed in UTC")


def choose_published(
    *raws: str | None, tz: str, lang: str | None = None, formats: Sequence[str] = ()
) -> Published:
    """Return the most precise candidate: one with a time beats a date only; earlier wins ties.

    When none gives a date, the first rejected one is returned, so its reason is not lost.
    """
    best = Published(next((r for r in raws if r), None))
    rejected: Published | None = None
    for raw in raws:
        cand = normalize_published(raw, tz=tz, lang=lang, formats=formats)
        if _rank(cand) > _rank(best):
            best = cand
        rejected = rejected or (cand if cand.rejected else None)
    return best if _rank(best) or rejected is None else rejected


def _rank(p: Published) -> int:
    return 2 if p.at is not None else 1 if p.date is not None else 0


def _to_published(raw: str, parts: _Parts, tz: str) -> Published:
    zone = _zone(tz)
    if parts.offset is not None:
        fixed = timezone(parts.offset)
        label = _offset_label(parts.offset)
        if parts.wall is None:
            return Published(raw, None, parts.day, label)
        at = datetime.combine(parts.day, parts.wall, tzinfo=fixed).astimezone(UTC)
        return Published(raw, at, at.astimezone(zone or fixed).date(), label)
    if zone is None:  # a bad zone name and no offset in the string: nothing trustworthy to report
        return Published(raw)
    if parts.wall is None:
        return Published(raw, None, parts.day, tz)
    at = datetime.combine(parts.day, parts.wall, tzinfo=zone).astimezone(UTC)
    return Published(raw, at, parts.day, tz)


def _zone(tz: str) -> tzinfo | None:
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _offset_label(offset: timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hh, mm = divmod(abs(minutes), 60)
    return f"{sign}{hh:02d}:{mm:02d}"


def _parse_declared(text: str, formats: Sequence[str]) -> _Parts | None:
    """Read the string with the first of the source's strptime formats that matches all of it."""
    for fmt in formats:
        directives = set(re.findall(r"%.", fmt))
        try:
            parsed = datetime.strptime(_english_months(text, directives), fmt)
        except ValueError:
            continue  # another format, or the generic readers, may still read it
        wall = parsed.time() if directives & _TIME_DIRECTIVES else None
        # An offset in the format (%z) wins over the source's zone, as an offset in the text always does.
        return _Parts(parsed.date(), wall, parsed.utcoffset())
    return None


def _english_months(text: str, directives: set[str]) -> str:
    """Spell Russian (or any known) month names the way strptime's %B / %b read them (C locale)."""
    if "%B" in directives:
        names = calendar.month_name
    elif "%b" in directives:
        names = calendar.month_abbr
    else:
        return text

    def english(m: re.Match[str]) -> str:
        month = MONTHS.get(m[0].lower().replace("ё", "е"))
        return names[month] if month else m[0]

    return _WORD.sub(english, text)


def _parse_parts(text: str, lang: str | None) -> _Parts | None:
    """Split a date string into date, time and offset, trying the strict shapes first."""
    return _parse_iso(text) or _parse_rfc822(text) or _parse_loose(text, lang)


def _parse_iso(text: str) -> _Parts | None:
    m = _ISO_FULL.match(text)
    if not m:
        return None
    day = date.fromisoformat(m["d"])
    wall = time(int(m["h"]), int(m["m"]), int(m["s"] or 0)) if m["h"] else None
    return _Parts(day, wall, _offset_from_iso(m["off"]))


def _offset_from_iso(off: str | None) -> timedelta | None:
    if not off:
        return None
    if off == "Z":
        return timedelta(0)
    digits = off[1:].replace(":", "")
    delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
    return -delta if off[0] == "-" else delta


def _parse_rfc822(text: str) -> _Parts | None:
    if not _RFC822.match(text):
        return None
    try:
        dt = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    offset = dt.utcoffset()
    # "-0000" means "zone unknown" in RFC 5322: parsedate_to_datetime then returns a naive value.
    return _Parts(dt.date(), dt.time().replace(microsecond=0), offset)


def _parse_loose(text: str, lang: str | None) -> _Parts | None:
    """Read display strings: '24 января 2024 года, 11:30', 'date 2024-01-24 24 Jan. 11:30 (UTC+3 MSK)'."""
    offset, text = _pop_offset(text)
    found = _find_date(text, lang)
    if found is None:
        return None
    day, span = found
    # Look for the time outside the date itself so "2024" or "24.01" never read as a time.
    rest = text[: span[0]] + " " + text[span[1] :]
    return _Parts(day, _find_time(rest), offset)


def _pop_offset(text: str) -> tuple[timedelta | None, str]:
    for pattern in (_OFFSET_PAREN, _OFFSET_BARE, _OFFSET_AFTER_TIME):
        m = pattern.search(text)
        if m:
            delta = timedelta(hours=int(m["h"]), minutes=int(m["m"] or 0))
            delta = delta if m["sign"] == "+" else -delta
            return delta, text[: m.start()] + " " + text[m.end() :]
    m = _UTC_AFTER_TIME.search(text)
    if m:
        return timedelta(0), text[: m.start()] + " " + text[m.end() :]
    return None, text


def _find_date(text: str, lang: str | None) -> tuple[date, tuple[int, int]] | None:
    """Find the first calendar date; an ISO date wins over a display date in the same string."""
    m = _DATE_ISO.search(text) or _DATE_DOTTED.search(text)
    if m:
        return date(int(m["y"]), int(m["mo"]), int(m["d"])), m.span()
    m = _DATE_SLASHED.search(text)
    if m:
        a, b = int(m["a"]), int(m["b"])
        month, day = (a, b) if lang == "en" and a <= 12 else (b, a)
        return date(int(m["y"]), month, day), m.span()
    for pattern in (_DATE_DAY_MONTH, _DATE_MONTH_DAY):
        for m in pattern.finditer(text):
            named = MONTHS.get(m["mon"].lower().replace("ё", "е"))
            if named:
                return date(int(m["y"]), named, int(m["d"])), m.span()
    return None


def _find_time(text: str) -> time | None:
    m = _TIME.search(text)
    if not m:
        return None
    hour = int(m["h"])
    ampm = (m["ampm"] or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    minute, second = int(m["m"]), int(m["s"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        return None  # not a clock time (a score, a ratio): the date alone is still right
    return time(hour, minute, second)
