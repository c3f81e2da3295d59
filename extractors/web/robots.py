"""robots.txt rules: parsed by urllib.robotparser, matched the RFC 9309 way (wildcards, longest match)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol, cast
from urllib.parse import quote, unquote, urlsplit
from urllib.robotparser import RobotFileParser

from extractors.web.charset import decode_body


class _RuleLine(Protocol):
    """One Allow/Disallow line as urllib.robotparser stores it (its RuleLine class)."""

    path: str  # quoted
    allowance: bool


class _Entry(Protocol):
    """One user-agent group as urllib.robotparser stores it (its Entry class)."""

    rulelines: list[_RuleLine]
    delay: int | None

    def applies_to(self, useragent: str) -> bool: ...


class _ParsedRobots(Protocol):
    """The parsed groups of a RobotFileParser: attributes it has but does not document."""

    entries: list[_Entry]
    default_entry: _Entry | None


@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern[str]
    length: int  # length of the rule path: the longest matching rule wins
    allow: bool


@dataclass(frozen=True)
class _Group:
    rules: tuple[_Rule, ...]
    crawl_delay: float | None


class RobotsRules:
    """What one host's robots.txt allows; an empty instance allows everything."""

    def __init__(self, parser: RobotFileParser | None = None, *, note: str = "") -> None:
        self._parser = parser
        self.note = note  # why the rules are what they are ("no robots.txt (HTTP 404)", ...)
        self._groups: dict[str, _Group | None] = {}

    @classmethod
    def allow_all(cls, note: str) -> RobotsRules:
        """Rules that allow every URL, with the reason."""
        return cls(None, note=note)

    @classmethod
    def parse(cls, text: str) -> RobotsRules:
        """Parse the text of a robots.txt file."""
        parser = RobotFileParser()
        parser.parse(text.splitlines())
        return cls(parser, note="robots.txt")

    @classmethod
    def from_response(cls, status: int | None, content_type: str | None, body: bytes) -> RobotsRules | None:
        """Read a robots.txt answer (status None: no answer); None when the host cannot say right now."""
        if status is None or status >= 500:
            return None  # RFC 9309: an unreachable robots.txt is not a licence to crawl
        if status >= 400:
            return cls.allow_all(f"no robots.txt (HTTP {status})")
        if "html" in (content_type or "").lower() or body.lstrip()[:1] == b"<":
            return cls.allow_all("robots.txt is an HTML page")  # government.ru serves its home page
        return cls.parse(decode_body(body, content_type))

    def allows(self, url: str, user_agent: str) -> bool:
        """Tell whether `user_agent` may fetch `url`."""
        parts = urlsplit(url)
        if parts.path == "/robots.txt":
            return True
        group = self._group(user_agent)
        if group is None:
            return True
        target = _normalize(parts.path + (f"?{parts.query}" if parts.query else ""))
        best: _Rule | None = None
        for rule in group.rules:
            if not rule.pattern.match(target):
                continue
            # Longest path wins; on a tie, allow wins (RFC 9309 section 2.2.2).
            if best is None or rule.length > best.length or (rule.length == best.length and rule.allow):
                best = rule
        return best is None or best.allow

    def crawl_delay(self, user_agent: str) -> float | None:
        """Return the Crawl-delay the group for `user_agent` asks for, if any."""
        group = self._group(user_agent)
        return group.crawl_delay if group else None

    def _group(self, user_agent: str) -> _Group | None:
        if self._parser is None:
            return None
        if user_agent not in self._groups:
            self._groups[user_agent] = _select_group(self._parser, user_agent)
        return self._groups[user_agent]


def robots_url(url: str) -> str:
    """Return the robots.txt URL for the host of `url`."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


def _select_group(parser: RobotFileParser, user_agent: str) -> _Group | None:
    """Pick the group naming our agent, else the `*` group, else none."""
    # RobotFileParser answers only can_fetch; the groups it parsed are read here to match the RFC 9309
    # way, and typeshed (rightly) leaves those undocumented attributes out.
    parsed = cast(_ParsedRobots, parser)
    entry = next((e for e in parsed.entries if e.applies_to(user_agent)), None)
    entry = entry or parsed.default_entry
    if entry is None:
        return None
    rules = tuple(_compile(line.path, line.allowance) for line in entry.rulelines)
    delay = float(entry.delay) if entry.delay is not None else None
    return _Group(rules, delay)


def _normalize(path: str) -> str:
    """Quote a path the way urllib.robotparser quotes rule paths, so both compare alike."""
    return quote(unquote(path)) or "/"


def _compile(quoted_path: str, allow: bool) -> _Rule:
    """Turn a rule path (as robotparser stored it, quoted) into an anchored pattern with * and $."""
    path = quoted_path.replace("%2A", "*")
    anchored = path.endswith("%24")
    if anchored:
        path = path[: -len("%24")]
    body = ".*".join(re.escape(part) for part in path.split("*"))
    return _Rule(re.compile(body + ("$" if anchored else "")), len(quoted_path), allow)
