"""Full-text search over release titles and bodies: one DuckDB fts index per language, ranked by BM25.

Each release is stemmed by its language: Russian releases go to the index `fts_main_search_ru` (Snowball
Russian stemmer), all others to `fts_main_search_en` (Snowball English), so "росте" finds "ростом" and
"invest" finds "investments". Words are runs of Unicode letters and digits: the extension's default
ignore pattern keeps only a-z and would drop every Cyrillic word. `refresh` rebuilds an index after a
batch of loads when its releases changed (the table `search_index` records what each was built from);
`search` reads only.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from warehouse import bulk, catalog, extensions
from warehouse.db import connect, now_utc, transaction

STEMMERS = {"en": "english", "ru": "russian"}  # one index per language, named search_<lang>
DEFAULT_INDEX = "en"  # releases of any other (or no) language
# The extension knows English stop words only; in the Russian index BM25's idf weighs common words down.
STOPWORDS = {"en": "english", "ru": "none"}
IGNORE = r"[^\p{L}\p{N}]+"  # RE2: whatever is not a Unicode letter or digit separates words
SNIPPET_BEFORE, SNIPPET_AFTER = 60, 100  # characters of body shown around the first match
_WORD = re.compile(r"[^\W_]+")  # Python's side of IGNORE: letters and digits
Built = tuple[str, int, int]  # an index's recorded (options, releases, fingerprint)


class SearchIndexMissing(RuntimeError):
    """The warehouse has no full-text index yet (it is built after a load)."""


class SearchError(ValueError):
    """A search asked for something there is no answer to (an unknown language, a limit below 1)."""


@dataclass(frozen=True)
class Hit:
    """One release that matches a query, with its score and a snippet around the first match."""

    release_id: str
    source_id: str
    published_date: date | None
    title: str
    url: str
    lang: str | None
    score: float
    snippet: str


@dataclass(frozen=True)
class SearchResult:
    """The ranked hits, and a warning per index older than the releases it covers."""

    hits: list[Hit]
    warnings: list[str]


@dataclass(frozen=True)
class IndexBuild:
    """What a refresh did to one language's index."""

    lang: str
    releases: int
    rebuilt: bool
    seconds: float


def index_schema(lang: str) -> str:
    """Return the schema holding a language's index tables and its match_bm25 macro."""
    return f"fts_main_search_{lang}"


def options(lang: str) -> str:
    """Return the index's build options as recorded in search_index (a change forces a rebuild)."""
    return f"fields=title,body_text stopwords={STOPWORDS[lang]} ignore={IGNORE} lower=1 strip_accents=0"


def _members(lang: str) -> str:
    """SQL condition on releases.lang selecting a language's index members (a constant, not user input)."""
    if lang != DEFAULT_INDEX:
        return f"lang = '{lang}'"
    others = ", ".join(f"'{other}'" for other in STEMMERS if other != DEFAULT_INDEX)
    return f"lang IS NULL OR lang NOT IN ({others})"


def _fingerprint(con: duckdb.DuckDBPyConnection, lang: str) -> tuple[int, int]:
    """Return (releases, an order-free hash of their ids and contents) for a language's index."""
    row = con.execute(
        "SELECT count(*), coalesce(bit_xor(hash(release_id, content_sha256)), 0) "
        f"FROM releases WHERE {_members(lang)}"
    ).fetchone()
    return (int(row[0]), int(row[1])) if row else (0, 0)


def _built(con: duckdb.DuckDBPyConnection) -> dict[str, Built]:
    """Return each existing index's recorded (options, releases, fingerprint)."""
    exists = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = 'search_index'"
    ).fetchone()
    if not exists or not exists[0]:
        return {}  # a warehouse last written before search existed, opened read-only
    rows = con.execute(
        "SELECT lang, options, releases, fingerprint FROM search_index "
        "WHERE 'fts_main_search_' || lang IN (SELECT schema_name FROM duckdb_schemas())"
    ).fetchall()
    return {row[0]: (row[1], int(row[2]), int(row[3])) for row in rows}


def _build(con: duckdb.DuckDBPyConnection, lang: str, size: tuple[int, int]) -> float:
    """Rebuild one language's index in one transaction (readers see the old one until it commits)."""
    start = time.perf_counter()
    table = f"search_{lang}"  # the index takes its schema's name from its input table
    with transaction(con):
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {table} AS "
            f"SELECT release_id, title, body_text FROM releases WHERE {_members(lang)}"
        )
        con.execute(
            f"PRAGMA create_fts_index('{table}', 'release_id', 'title', 'body_text', "
            f"stemmer='{STEMMERS[lang]}', stopwords='{STOPWORDS[lang]}', ignore='{IGNORE}', "
            "strip_accents=0, lower=1, overwrite=1)"
        )
        con.execute(f"DROP TABLE temp.{table}")  # the index keeps terms and ids, not the text
        seconds = time.perf_counter() - start
        con.execute(
            "INSERT OR REPLACE INTO search_index VALUES (?, ?, ?, ?, ?, ?, ?)",
            [lang, STEMMERS[lang], options(lang), size[0], size[1], now_utc(), seconds],
        )
    return seconds


def refresh(con: duckdb.DuckDBPyConnection, *, force: bool = False) -> list[IndexBuild]:
    """Rebuild each language's index whose releases (or build options) changed since it was built."""
    extensions.load(con, "fts")
    built = _built(con)
    report = []
    for lang in STEMMERS:
        size = _fingerprint(con, lang)
        if not force and built.get(lang) == (options(lang), *size):
            report.append(IndexBuild(lang, size[0], rebuilt=False, seconds=0.0))
            continue
        report.append(IndexBuild(lang, size[0], rebuilt=True, seconds=_build(con, lang, size)))
    if any(b.rebuilt for b in report):
        catalog.sync_comments(con)  # the rebuilt index tables are new tables, without comments
    return report


def refresh_file(path: str | os.PathLike[str], *, force: bool = False) -> list[IndexBuild]:
    """Open the warehouse for writing, refresh its search index, close it."""
    con = connect(path)
    try:
        return refresh(con, force=force)
    finally:
        con.close()


def _ranked_sql(langs: Sequence[str]) -> str:
    """Score the query in each chosen index, filter and keep the best; only then read those bodies."""
    scored = " UNION ALL ".join(
        f"SELECT name AS release_id, {index_schema(lang)}.match_bm25(name, $query) AS score "
        f"FROM {index_schema(lang)}.docs"
        for lang in langs
    )
    order = "s.score DESC, r.published_date DESC NULLS LAST, r.release_id"
    return f"""
        WITH best AS (
            SELECT s.release_id, s.score FROM ({scored}) s JOIN releases r USING (release_id)
            WHERE s.score IS NOT NULL
              AND ($source IS NULL OR r.source_id = $source)
              AND ($since IS NULL OR r.published_date >= $since)
            ORDER BY {order} LIMIT $limit)
        SELECT r.release_id, r.source_id, r.published_date, r.title, r.url, r.lang, s.score, r.body_text
        FROM best s JOIN releases r USING (release_id)
        ORDER BY {order}"""


def search(
    path: str | os.PathLike[str],
    query: str,
    *,
    source: str | None = None,
    since: date | None = None,
    lang: str | None = None,
    limit: int = 10,
) -> SearchResult:
    """Return the releases that best match query (read-only), optionally of one source, language or since."""
    if lang is not None and lang not in STEMMERS:
        raise SearchError(f"no search index for language {lang!r}; there are {sorted(STEMMERS)}")
    if limit < 1:
        raise SearchError(f"the limit must be at least 1, not {limit}")
    con = connect(path, read_only=True)
    try:
        extensions.load(con, "fts")
        built = _built(con)
        langs = [code for code in STEMMERS if code in built and lang in (None, code)]
        if not langs:
            raise SearchIndexMissing(
                f"{path} has no search index yet: it is built after each nightly load "
                "(or run `pressroom search --refresh`)"
            )
        params = {"query": query, "source": source, "since": since, "limit": limit}
        rows = con.execute(_ranked_sql(langs), params).fetchall()
        snippets = _snippets(con, query, rows)
        warnings = _stale(con, built, langs)
    finally:
        con.close()
    hits = [
        Hit(row[0], row[1], row[2], row[3], row[4], row[5], float(row[6]), text)
        for row, text in zip(rows, snippets, strict=True)
    ]
    return SearchResult(hits, warnings)


def _stale(con: duckdb.DuckDBPyConnection, built: dict[str, Built], langs: list[str]) -> list[str]:
    """Return a warning for each searched index whose releases changed since it was built."""
    warnings = []
    for lang in langs:
        if built[lang] != (options(lang), *_fingerprint(con, lang)):
            warnings.append(
                f"the {lang} search index is older than the releases (it is rebuilt after each nightly "
                "load; `pressroom search --refresh` rebuilds it now)"
            )
    return warnings


def _index_of(lang: str | None) -> str:
    return lang if lang in STEMMERS else DEFAULT_INDEX


def _stems(con: duckdb.DuckDBPyConnection, lang: str, words: Sequence[str]) -> dict[str, str]:
    """Return each (lower-case) word's stem in a language's index."""
    rows = con.execute(
        "SELECT word, stem(word, ?) FROM (SELECT unnest(CAST(? AS JSON)::VARCHAR[]) AS word)",
        [STEMMERS[lang], bulk.column_json(words)],
    ).fetchall()
    return dict(rows)


def _snippets(con: duckdb.DuckDBPyConnection, query: str, rows: Sequence[Sequence[Any]]) -> list[str]:
    """Return, per hit, the body around the first word whose stem is a stem of the query."""
    terms = [word.lower() for word in _WORD.findall(query)]
    # Stemming costs ~0.1 ms a word, so only words that begin like a query word are stemmed: two words
    # with one stem share their first two letters (even "dying" and "die", "skies" and "sky").
    starts = {term[:2] for term in terms}
    words = []  # per hit: its index and the candidate words of its body, in order
    for row in rows:
        found = [m for m in _WORD.finditer(row[7]) if m.group()[:2].lower() in starts]
        words.append((_index_of(row[5]), found))
    stems: dict[str, dict[str, str]] = {}  # per index: word -> stem, one statement per language
    for lang in {lang for lang, _ in words}:
        vocabulary = {m.group().lower() for index, found in words if index == lang for m in found}
        stems[lang] = _stems(con, lang, sorted(vocabulary.union(terms)))
    out = []
    for row, (lang, found) in zip(rows, words, strict=True):
        wanted = {stems[lang][term] for term in terms}
        first = next((m for m in found if stems[lang][m.group().lower()] in wanted), None)
        out.append(snippet(row[7], first.start() if first else 0, first.end() if first else 0))
    return out


def snippet(body: str, start: int, end: int) -> str:
    """Return the body around [start, end) on one line, cut at spaces, with an ellipsis where cut."""
    left = max(0, start - SNIPPET_BEFORE)
    right = min(len(body), end + SNIPPET_AFTER)
    if left > 0 and (space := body.find(" ", left, start)) != -1:
        left = space + 1
    if right < len(body) and (space := body.rfind(" ", end, right)) != -1:
        right = space
    text = " ".join(body[left:right].split())
    return ("…" if left > 0 else "") + text + ("…" if right < len(body) else "")


def format_hits(hits: Sequence[Hit]) -> str:
    """Return the hits as numbered blocks: source, date, title, then the URL and the snippet."""
    if not hits:
        return "no release matches"
    lines = []
    for n, hit in enumerate(hits, 1):
        day = hit.published_date.isoformat() if hit.published_date else "----------"
        lines += [f"{n:>2}. {hit.source_id}  {day}  {hit.title}", f"    {hit.url}", f"    {hit.snippet}"]
    return "\n".join(lines)
