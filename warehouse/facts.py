"""Figures and commitments: validation, bulk replacement per release, offline re-extraction."""

from __future__ import annotations

import decimal
import math
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import duckdb

from warehouse import bulk
from warehouse.db import transaction
from warehouse.records import CommitmentRecord, FigureRecord

FIGURE_KINDS = ("money", "percent", "count", "quantity")
COMMITMENT_KINDS = ("pledge", "agreement", "plan", "instruction", "provision", "allocation", "prediction")
FIGURE_COLUMNS: list[bulk.Column] = [
    ("release_id", "VARCHAR"), ("text", "VARCHAR"), ("value", "DECIMAL(38, 6)"), ("unit", "VARCHAR"),
    ("kind", "VARCHAR"), ("measure", "VARCHAR"), ("period", "VARCHAR"), ("period_start", "DATE"),
    ("period_end", "DATE"), ("direction", "VARCHAR"), ("qualifier", "VARCHAR"), ("sentence", "VARCHAR"),
    ("char_start", "INTEGER"), ("char_end", "INTEGER"), ("core", "BOOLEAN"), ("extractor_version", "VARCHAR"),
    ("indicator", "VARCHAR"), ("subject", "VARCHAR"),
]  # fmt: skip
COMMITMENT_COLUMNS: list[bulk.Column] = [
    ("release_id", "VARCHAR"), ("sentence", "VARCHAR"), ("actor", "VARCHAR"), ("action", "VARCHAR"),
    ("horizon", "VARCHAR"), ("horizon_start", "DATE"), ("horizon_end", "DATE"), ("cue", "VARCHAR"),
    ("kind", "VARCHAR"), ("domain", "VARCHAR"), ("core", "BOOLEAN"), ("char_start", "INTEGER"),
    ("char_end", "INTEGER"), ("extractor_version", "VARCHAR"), ("actor_key", "VARCHAR"),
    ("action_terms", "VARCHAR[]"),
]  # fmt: skip
ExtractionItem = tuple[str, Sequence[FigureRecord], Sequence[CommitmentRecord], str]
# figures.value is DECIMAL(38, 6): 32 digits before the point, 6 after.
VALUE_DIGITS = 15  # significant digits kept: a double's exact range, more than any release prints
VALUE_PLACES = Decimal("0.000001")
VALUE_LIMIT = Decimal("1e32")
_VALUE_CONTEXT = decimal.Context(prec=38)


class LoadError(ValueError):
    """Records that cannot be stored as given (bad offsets, unknown kinds, naive times)."""


def exact_value(value: float | int | Decimal) -> Decimal:
    """Return the number as printed: the value rounded to 15 significant digits, then to 6 decimal places.

    The extractor's arithmetic leaves binary noise (66.6 * 1e9 == 66599999999.99999); the rounding removes
    it, as migration 0004 does for stored rows. The result has no exponent (should it ever be bound as a
    parameter: DuckDB's Python client reads Decimal("6.66E+10") as 6.66, duckdb/duckdb-python#566).
    """
    printed = Decimal(format(value, f".{VALUE_DIGITS}g"))
    return printed.quantize(VALUE_PLACES, context=_VALUE_CONTEXT)


def figure_row(release_id: str, f: FigureRecord, extractor_version: str) -> tuple[Any, ...]:
    """Return one figures row in FIGURE_COLUMNS order."""
    return (
        release_id, f["text"], exact_value(f["value"]), f.get("unit"), f["kind"], f.get("measure"),
        f.get("period"), f.get("period_start"), f.get("period_end"), f.get("direction"),
        f.get("qualifier"), f.get("sentence", ""), int(f["char_start"]), int(f["char_end"]),
        bool(f.get("core", True)), extractor_version, f.get("indicator"), f.get("subject"),
    )  # fmt: skip


def commitment_row(release_id: str, c: CommitmentRecord, extractor_version: str) -> tuple[Any, ...]:
    """Return one commitments row in COMMITMENT_COLUMNS order."""
    return (
        release_id, c["sentence"], c.get("actor"), c.get("action"), c.get("horizon"),
        c.get("horizon_start"), c.get("horizon_end"), c.get("cue"), c.get("kind", "pledge"),
        c.get("domain"), bool(c.get("core", True)), int(c["char_start"]), int(c["char_end"]),
        extractor_version, c.get("actor_key"), tuple(c.get("action_terms") or ()),
    )  # fmt: skip


def fact_rows(item: ExtractionItem) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Return the figure and commitment rows of one release, first one kept per primary key."""
    release_id, figures, commitments, version = item
    fig: dict[tuple[int, int], tuple[Any, ...]] = {}
    for f in figures:
        row = figure_row(release_id, f, version)
        fig.setdefault((row[12], row[13]), row)
    com: dict[int, tuple[Any, ...]] = {}
    for c in commitments:
        row = commitment_row(release_id, c, version)
        com.setdefault(row[11], row)
    return list(fig.values()), list(com.values())


def validate(item: ExtractionItem, body_length: int) -> list[str]:
    """Return what is wrong with one release's facts (empty when they can be stored)."""
    release_id, figures, commitments, _ = item
    problems = []
    for f in figures:
        if f["kind"] not in FIGURE_KINDS:
            problems.append(f"{release_id}: figure kind {f['kind']!r} not in {FIGURE_KINDS}")
        if not (math.isfinite(f["value"]) and abs(f["value"]) < VALUE_LIMIT):
            problems.append(f"{release_id}: figure value {f['value']!r} is not a number below 1e32")
        if not 0 <= f["char_start"] < f["char_end"] <= body_length:
            problems.append(f"{release_id}: figure span {f['char_start']}..{f['char_end']} outside body")
    for c in commitments:
        if not 0 <= c["char_start"] < c["char_end"] <= body_length:
            problems.append(f"{release_id}: commitment span {c['char_start']}..{c['char_end']} outside body")
    return problems


def replace(
    con: duckdb.DuckDBPyConnection, release_ids: Sequence[str], items: Iterable[ExtractionItem]
) -> None:
    """Delete the facts of release_ids and insert those of items (inside the caller's transaction)."""
    if not release_ids:
        return
    bulk.id_list(con, "_stage_fact_ids", release_ids)
    for table in ("figures", "commitments"):
        con.execute(f"DELETE FROM {table} WHERE release_id IN (SELECT release_id FROM _stage_fact_ids)")
    figs: list[tuple[Any, ...]] = []
    coms: list[tuple[Any, ...]] = []
    for item in items:
        f, c = fact_rows(item)
        figs.extend(f)
        coms.extend(c)
    bulk.insert_rows(con, "figures", FIGURE_COLUMNS, figs)
    bulk.insert_rows(con, "commitments", COMMITMENT_COLUMNS, coms)


def _stored_rows(
    con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[bulk.Column]
) -> dict[str, set[tuple[Any, ...]]]:
    names = ", ".join(name for name, _ in columns)
    rows = con.execute(
        f"SELECT {names} FROM {table} WHERE release_id IN (SELECT release_id FROM _stage_fact_ids)"
    ).fetchall()
    grouped: dict[str, set[tuple[Any, ...]]] = {}
    for row in rows:
        # A list column (action_terms) comes back as a list: a tuple, as fact_rows makes it, to compare.
        grouped.setdefault(row[0], set()).add(tuple(tuple(v) if isinstance(v, list) else v for v in row))
    return grouped


def _body_lengths(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    rows = con.execute(
        "SELECT release_id, length(body_text) FROM releases "
        "WHERE release_id IN (SELECT release_id FROM _stage_fact_ids)"
    ).fetchall()
    return dict(rows)


def _with_version(item: Sequence[Any], extractor_version: str | None) -> ExtractionItem:
    """Accept (release_id, figures, commitments[, extractor_version]); the keyword fills a missing version."""
    if len(item) == 4:
        return (item[0], item[1], item[2], item[3])
    if extractor_version is None:
        raise ValueError("extractor_version is required when items carry none")
    return (item[0], item[1], item[2], extractor_version)


def replace_extractions(
    con: duckdb.DuckDBPyConnection, items: Sequence[Sequence[Any]], *, extractor_version: str | None = None
) -> int:
    """Store fresh extractions of stored releases in one transaction; return fact rows added or removed.

    Items are (release_id, figures, commitments) with `extractor_version`, or carry their own version as a
    fourth element. Releases whose facts come out identical are not touched, so a rerun returns 0.
    """
    latest = {item[0]: _with_version(item, extractor_version) for item in items}
    with transaction(con):
        bulk.id_list(con, "_stage_fact_ids", list(latest))
        lengths = _body_lengths(con)
        unknown = sorted(set(latest) - set(lengths))
        problems = [f"{rid}: no such release" for rid in unknown]
        for rid, item in latest.items():
            problems += validate(item, lengths.get(rid, 0)) if rid in lengths else []
        if problems:
            raise LoadError("; ".join(problems[:20]))
        old_figs = _stored_rows(con, "figures", FIGURE_COLUMNS)
        old_coms = _stored_rows(con, "commitments", COMMITMENT_COLUMNS)
        changed, delta = [], 0
        for rid, item in latest.items():
            figs, coms = (set(rows) for rows in fact_rows(item))
            diff = len(figs ^ old_figs.get(rid, set())) + len(coms ^ old_coms.get(rid, set()))
            if diff:
                changed.append(rid)
                delta += diff
        replace(con, changed, [latest[rid] for rid in changed])
        _set_extractor_versions(con, [(rid, item[3]) for rid, item in latest.items()])
    return delta


def _set_extractor_versions(con: duckdb.DuckDBPyConnection, pairs: Sequence[tuple[str, str]]) -> None:
    if not pairs:
        return
    bulk.stage(con, "_stage_versions", [("release_id", "VARCHAR"), ("extractor_version", "VARCHAR")], pairs)
    con.execute(
        "UPDATE releases SET extractor_version = s.extractor_version FROM _stage_versions s "
        "WHERE releases.release_id = s.release_id "
        "AND releases.extractor_version IS DISTINCT FROM s.extractor_version"
    )
