"""`pressroom report`: one static HTML page describing the warehouse, with charts, readable offline.

The charts are drawn by matplotlib as inline SVG (no script, no network: the file opens anywhere); every
number comes from a read-only, sandboxed query (warehouse.query). Text from the sites is escaped.
"""

from __future__ import annotations

import html
import io
import os
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from warehouse import query

MONTHLY = """
SELECT source_id, date_trunc('month', coalesce(published_date, CAST(published_at AS DATE))) AS month,
       count(*) AS n
FROM releases WHERE coalesce(published_date, CAST(published_at AS DATE)) IS NOT NULL
GROUP BY ALL ORDER BY month, source_id
"""
LATEST_RUNS = """
SELECT source_id, releases, figures, commitments, last_flow, last_run_at, last_status, open_errors
FROM source_status ORDER BY source_id
"""
# The series an analyst would chart first: the measures stated most often with one unit.
TOP_SERIES = """
WITH stated AS (
    SELECT lower(measure) AS measure, unit, coalesce(published_date, CAST(published_at AS DATE)) AS day, value
    FROM figure_timeline WHERE core AND measure IS NOT NULL AND unit IS NOT NULL),
top AS (
    SELECT measure, unit FROM stated GROUP BY ALL HAVING count(DISTINCT day) >= 3
    ORDER BY count(*) DESC, measure LIMIT ?)
SELECT s.measure, s.unit, s.day, s.value FROM stated s JOIN top USING (measure, unit)
WHERE s.day IS NOT NULL ORDER BY s.measure, s.unit, s.day
"""
HORIZON_YEARS = """
SELECT year(horizon_end) AS year, count(*) FILTER (WHERE core) AS core,
       count(*) FILTER (WHERE NOT core) AS other
FROM commitments WHERE horizon_end IS NOT NULL GROUP BY ALL ORDER BY year
"""
DUE = """
SELECT horizon_end, source_id, actor, action, horizon, url
FROM commitment_horizons WHERE core AND horizon_status = 'past'
ORDER BY horizon_end DESC LIMIT ?
"""
TOP_SERIES_SHOWN = 4
DUE_SHOWN = 25


@dataclass(frozen=True)
class Section:
    """One part of the page: a heading, a chart (SVG markup) or a table, and a note."""

    title: str
    svg: str = ""
    table: str = ""
    note: str = ""


def build_report(db: str | os.PathLike[str], *, today: date | None = None) -> str:
    """Return the report page of the warehouse at `db` as one self-contained HTML document."""
    sections = [
        _monthly(db),
        _latest_runs(db),
        _series(db),
        _horizon_years(db),
        _due(db),
    ]
    stamp = (today or date.today()).isoformat()
    return _page(f"pressroom report, {stamp}", str(db), sections)


def write_report(db: str | os.PathLike[str], out: str | os.PathLike[str]) -> Path:
    """Build the report and write it to `out`; return the path."""
    target = Path(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(build_report(db), encoding="utf-8")
    return target


# -- sections ---------------------------------------------------------------------------------------


def _monthly(db: str | os.PathLike[str]) -> Section:
    _, rows = query.query(db, MONTHLY)
    per_source: dict[str, list[tuple[Any, float]]] = defaultdict(list)
    for source_id, month, n in rows:
        per_source[source_id].append((month, n))
    title = "Releases per month, by source"
    if not rows:
        return Section(title, note="No dated release is stored yet.")
    return Section(title, svg=_lines(per_source, "releases"))


def _latest_runs(db: str | os.PathLike[str]) -> Section:
    columns, rows = query.query(db, LATEST_RUNS)
    return Section("Latest run of each source", table=_table(columns, rows))


def _series(db: str | os.PathLike[str]) -> Section:
    _, rows = query.query(db, TOP_SERIES, [TOP_SERIES_SHOWN])
    per_series: dict[str, list[tuple[Any, float]]] = defaultdict(list)
    for measure, unit, day, value in rows:
        per_series[f"{measure} ({unit})"].append((day, float(value)))
    title = "Figure series stated most often"
    if not per_series:
        return Section(title, note="No measure has been stated on three different days yet.")
    return Section(title, svg=_lines(per_series, "value", separate=True))


def _horizon_years(db: str | os.PathLike[str]) -> Section:
    _, rows = query.query(db, HORIZON_YEARS)
    title = "Commitments by the year their horizon ends"
    if not rows:
        return Section(title, note="No commitment with a dated horizon is stored yet.")
    return Section(title, svg=_bars([str(r[0]) for r in rows], [r[1] for r in rows], [r[2] for r in rows]))


def _due(db: str | os.PathLike[str]) -> Section:
    columns, rows = query.query(db, DUE, [DUE_SHOWN])
    note = f"The {DUE_SHOWN} most recently due core commitments whose horizon has passed."
    return Section("Commitments due", table=_table(columns, rows), note=note)


# -- charts -----------------------------------------------------------------------------------------


def _figure(rows: int = 1) -> Any:
    import matplotlib

    matplotlib.use("Agg")  # no display: render to SVG only
    import matplotlib.pyplot as plt

    plt.rcParams["svg.fonttype"] = "none"  # text stays text: searchable, small, any script
    return plt.subplots(rows, 1, figsize=(9, 3.2 * rows), squeeze=False)


def _svg(fig: Any) -> str:
    import matplotlib.pyplot as plt

    buf = io.StringIO()
    fig.tight_layout()
    fig.savefig(buf, format="svg")
    plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg") :]  # drop the XML prolog and DOCTYPE: the SVG sits inside HTML


def _lines(series: dict[str, list[tuple[Any, float]]], ylabel: str, *, separate: bool = False) -> str:
    fig, axes = _figure(len(series) if separate else 1)
    for i, (name, points) in enumerate(series.items()):
        ax = axes[i if separate else 0][0]
        ax.plot([p[0] for p in points], [p[1] for p in points], marker="o", markersize=3, label=name)
        ax.set_ylabel(ylabel)
        if separate:
            ax.set_title(name, fontsize=10)
    if not separate:
        axes[0][0].legend(fontsize=8, ncol=3)
    fig.autofmt_xdate()  # dates slanted, so a few years of months stay readable
    return _svg(fig)


def _bars(labels: list[str], core: list[int], other: list[int]) -> str:
    fig, axes = _figure()
    ax = axes[0][0]
    ax.bar(labels, core, label="core")
    ax.bar(labels, other, bottom=core, label="other")
    ax.set_ylabel("commitments")
    ax.legend(fontsize=8)
    return _svg(fig)


# -- HTML -------------------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M UTC")
    text = str(value)
    if text.startswith(("http://", "https://")):
        return f'<a href="{html.escape(text, quote=True)}">link</a>'
    return html.escape(text if len(text) <= 120 else text[:119] + "…")


def _table(columns: list[str], rows: list[tuple[Any, ...]]) -> str:
    if not rows:
        return "<p>None.</p>"
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{_cell(v)}</td>" for v in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;color:#222}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse;font-size:.85rem}
td,th{border:1px solid #ccc;padding:.2rem .4rem;text-align:left}
svg{max-width:100%;height:auto}.note{color:#555;font-size:.9rem}
"""


def _page(title: str, db: str, sections: list[Section]) -> str:
    parts = [
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>',
        f"<style>{STYLE}</style></head><body><h1>{html.escape(title)}</h1>",
        f'<p class="note">Warehouse: {html.escape(db)}</p>',
    ]
    for s in sections:
        parts.append(f"<section><h2>{html.escape(s.title)}</h2>")
        if s.svg:
            parts.append(f'<figure class="chart">{s.svg}</figure>')
        if s.table:
            parts.append(s.table)
        if s.note:
            parts.append(f'<p class="note">{html.escape(s.note)}</p>')
        parts.append("</section>")
    parts.append("</body></html>")
    return "\n".join(parts)
