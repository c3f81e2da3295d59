"""Promise threads: each commitment with the later commitments that state the same action again.

Two commitments state the same thing when they have the same `actor_key` and their `action_terms` (both set
by the extractor: normalised words, Russian ones by lemma) share at least MIN_SHARED terms and their Dice
coefficient (twice the shared terms over both actions' terms) is at least SIMILAR_SHARE: "build new schools"
and "build 100 new schools by 2026" (build, new, school) are one action, "build new schools" and "build new
roads and bridges" (4 / 7) are not, nor is a short action inside a long one ("talk about current issues" in
a sentence of twelve terms, as transcripts have); an action of fewer terms ("build on it", "выделено 357
тыс. рублей") says too little to be recognised again and stays a thread of one. Commitments without an actor
key join only a thread whose terms are the very same set. Statements are taken in publication order; each
joins the most similar earlier thread (compared with the thread's first statement, so a thread never drifts
away from what was first said), else opens a new one; it is looked for among the latest RECENT_THREADS
threads of its actor that hold each of its terms. `refresh` recomputes every thread from `commitments` in
one transaction.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import duckdb

from warehouse import bulk
from warehouse.db import now_utc, transaction

SIMILAR_SHARE = 0.6  # 2 x shared terms / (terms of one action + terms of the other)
MIN_SHARED = 2  # terms two actions must share: an action of fewer terms is never linked
# A restatement is looked for among the latest RECENT_THREADS threads of its actor that hold each of its
# terms: a term common to thousands of one actor's threads would otherwise make a refresh quadratic.
RECENT_THREADS = 100

_SELECT = """
SELECT c.release_id, c.char_start, c.actor_key, coalesce(c.action_terms, []), r.published_date,
       c.actor, c.action, r.lang, r.source_id, c.horizon, c.horizon_end
FROM commitments c JOIN releases r USING (release_id)
ORDER BY r.published_date NULLS LAST, r.published_at NULLS LAST, c.release_id, c.char_start
"""
THREAD_COLUMNS: list[bulk.Column] = [
    ("thread_id", "VARCHAR"), ("actor_key", "VARCHAR"), ("action_terms", "VARCHAR[]"), ("actor", "VARCHAR"),
    ("action", "VARCHAR"), ("lang", "VARCHAR"), ("times_stated", "INTEGER"), ("statements", "INTEGER"),
    ("first_stated", "DATE"), ("last_stated", "DATE"), ("first_release_id", "VARCHAR"),
    ("last_release_id", "VARCHAR"), ("sources", "VARCHAR[]"), ("release_ids", "VARCHAR[]"),
    ("first_horizon", "VARCHAR"), ("first_horizon_end", "DATE"), ("last_horizon", "VARCHAR"),
    ("last_horizon_end", "DATE"), ("refreshed_at", "TIMESTAMPTZ"),
]  # fmt: skip
MEMBER_COLUMNS: list[bulk.Column] = [
    ("thread_id", "VARCHAR"), ("release_id", "VARCHAR"), ("char_start", "INTEGER"), ("statement", "INTEGER"),
    ("published_date", "DATE"), ("similarity", "DOUBLE"),
]  # fmt: skip


@dataclass(frozen=True)
class Statement:
    """One stored commitment, as threading reads it."""

    release_id: str
    char_start: int
    actor_key: str | None
    terms: frozenset[str]
    published_date: date | None
    actor: str | None = None
    action: str | None = None
    lang: str | None = None
    source_id: str | None = None
    horizon: str | None = None
    horizon_end: date | None = None


@dataclass
class Thread:
    """A first statement and the restatements that joined it, with how similar each was to the first."""

    first: Statement
    members: list[tuple[Statement, float]] = field(default_factory=list)

    @property
    def thread_id(self) -> str:
        """A stable id: the first statement's position, hashed."""
        key = f"{self.first.release_id}:{self.first.char_start}"
        return hashlib.sha256(key.encode()).hexdigest()[:16]


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Return how alike two actions are: their Dice coefficient (1.0 for the same terms), or 0.0 when they
    share too few to be the same action (see SIMILAR_SHARE and MIN_SHARED)."""
    if len(a) < MIN_SHARED or len(b) < MIN_SHARED:
        return 0.0
    if a == b:
        return 1.0
    shared = len(a & b)
    share = 2 * shared / (len(a) + len(b))
    return share if shared >= MIN_SHARED and share >= SIMILAR_SHARE else 0.0


def group(statements: Iterable[Statement]) -> list[Thread]:
    """Group statements (in publication order) into threads, each joining its most similar earlier one."""
    threads: list[Thread] = []
    exact: dict[tuple[str | None, frozenset[str]], int] = {}  # (actor key, terms) -> thread
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)  # (actor key, term) -> threads
    for s in statements:
        best, best_score = _best(s, threads, exact, postings)
        if best is None:
            best, best_score = len(threads), 1.0
            threads.append(Thread(s))
            if len(s.terms) >= MIN_SHARED:
                exact.setdefault((s.actor_key, s.terms), best)
                if s.actor_key is not None:
                    for term in s.terms:
                        postings[(s.actor_key, term)].append(best)
        threads[best].members.append((s, best_score))
    return threads


def _best(
    s: Statement,
    threads: Sequence[Thread],
    exact: dict[tuple[str | None, frozenset[str]], int],
    postings: dict[tuple[str, str], list[int]],
) -> tuple[int | None, float]:
    """Return the earlier thread a statement restates best, with the similarity (None: no thread)."""
    if len(s.terms) < MIN_SHARED:
        return None, 0.0
    same = exact.get((s.actor_key, s.terms))
    if same is not None:
        return same, 1.0
    if s.actor_key is None:
        return None, 0.0
    shared: dict[int, int] = {}  # thread -> terms it shares with the statement
    for term in s.terms:
        for n in postings.get((s.actor_key, term), ())[-RECENT_THREADS:]:
            shared[n] = shared.get(n, 0) + 1
    best, best_score, size = None, 0.0, len(s.terms)
    for n, count in shared.items():
        if count < MIN_SHARED:
            continue
        score = 2 * count / (size + len(threads[n].first.terms))
        if score >= SIMILAR_SHARE and (
            score > best_score or (score == best_score and best is not None and n < best)
        ):
            best, best_score = n, score
    return best, best_score


def _thread_row(t: Thread, refreshed_at: Any) -> tuple[Any, ...]:
    stated = [m for m, _ in t.members]
    last = stated[-1]
    releases = list(dict.fromkeys(m.release_id for m in stated))
    dates = [m.published_date for m in stated if m.published_date is not None]
    return (
        t.thread_id, t.first.actor_key, sorted(t.first.terms), t.first.actor, t.first.action, t.first.lang,
        len(releases), len(stated), min(dates, default=None), max(dates, default=None),
        t.first.release_id, last.release_id, sorted({m.source_id for m in stated if m.source_id}),
        releases, t.first.horizon, t.first.horizon_end, last.horizon, last.horizon_end, refreshed_at,
    )  # fmt: skip


def _member_rows(t: Thread) -> list[tuple[Any, ...]]:
    return [
        (t.thread_id, m.release_id, m.char_start, n, m.published_date, round(score, 4))
        for n, (m, score) in enumerate(t.members, 1)
    ]


def read_statements(con: duckdb.DuckDBPyConnection) -> list[Statement]:
    """Return every stored commitment in publication order (undated releases last)."""
    return [
        Statement(rid, start, key, frozenset(terms), day, actor, action, lang, source, horizon, end)
        for rid, start, key, terms, day, actor, action, lang, source, horizon, end in con.execute(
            _SELECT
        ).fetchall()
    ]


def refresh(con: duckdb.DuckDBPyConnection) -> int:
    """Recompute commitment_threads and commitment_thread_members from commitments; return the threads."""
    threads = group(read_statements(con))
    now = now_utc()
    rows = [_thread_row(t, now) for t in threads]
    members = [row for t in threads for row in _member_rows(t)]
    with transaction(con):
        con.execute("DELETE FROM commitment_thread_members")
        con.execute("DELETE FROM commitment_threads")
        bulk.insert_rows(con, "commitment_threads", THREAD_COLUMNS, rows)
        bulk.insert_rows(con, "commitment_thread_members", MEMBER_COLUMNS, members)
    return len(threads)
