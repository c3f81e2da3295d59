"""The `pressroom` command line: ingest, serve, sql, sources (Prefect is imported only when needed)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from config import settings
from config.sources import ConfigError, load_sources
from extractors.web.browser import BrowserUnavailable  # cheap: Playwright is imported only when rendering
from flows.arguments import Parser, ShowVersion, UsageError, base_url, check, count, delay, iso_date, web_url
from flows.arguments import report as report_usage

if TYPE_CHECKING:
    from flows.nightly_run import NightlyParams

BROWSER_HELP = "render JavaScript challenge pages in headless Chromium (optional extra; see docs/browser.md)"


def _common_fetch_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--source", action="append", dest="sources", metavar="ID", help="source id (repeatable)")
    p.add_argument("--db", help=f"DuckDB file (default ${settings.DB_ENV_VAR} or {settings.DEFAULT_DB_PATH})")
    p.add_argument(
        "--base-url",
        action="append",
        type=base_url,
        metavar="[ID=]URL",
        help="replace a source's scheme+host for this run (e.g. a loopback mirror); repeatable",
    )
    p.add_argument("--min-delay", type=delay, metavar="SECONDS", help="replace the politeness delay")


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser of every sub-command."""
    ap = Parser(prog="pressroom", description=__doc__)
    ap.add_argument("--version", action=ShowVersion)
    sub = ap.add_subparsers(dest="command", required=True)

    ing = sub.add_parser("ingest", help="run one nightly ingest now")
    _common_fetch_args(ing)
    ing.add_argument("--browser", action="store_true", help=BROWSER_HELP)
    ing.add_argument("--since", type=iso_date, metavar="DATE", help="ignore releases published before DATE")

    srv = sub.add_parser("serve", help="serve the nightly flow on a Prefect server, 03:00 Europe/Moscow")
    _common_fetch_args(srv)
    srv.add_argument("--cron", default="0 3 * * *", help="cron schedule (default: %(default)s)")
    srv.add_argument("--timezone", default="Europe/Moscow", help="schedule time zone (default: %(default)s)")

    dep = sub.add_parser(
        "deploy", help="register the nightly, backfill and reextract deployments on a work pool"
    )
    _common_fetch_args(dep)
    dep.add_argument("--pool", required=True, metavar="NAME", help="work pool (a `process` pool is created)")
    dep.add_argument("--cron", default="0 3 * * *", help="nightly schedule (default: %(default)s)")
    dep.add_argument("--timezone", default="Europe/Moscow", help="schedule time zone (default: %(default)s)")

    sql = sub.add_parser("sql", help="run a read-only SQL query")
    sql.add_argument("query")
    sql.add_argument("--db")
    sql.add_argument("--format", choices=("table", "csv", "json"), default="table")

    rex = sub.add_parser("reextract", help="recompute figures and commitments from stored bodies, offline")
    rex.add_argument("--db")
    rex.add_argument("--source", metavar="ID", help="only this source's releases")
    rex.add_argument("--batch-size", type=count, default=200)
    rex.add_argument(
        "--workers", type=count, help="extraction processes (default: one per core this process may use)"
    )

    src = sub.add_parser("sources", help="list configured sources with their last run and counts")
    src.add_argument("--db")
    _backfill_args(sub)
    _reparse_args(sub)
    _search_args(sub)
    _output_args(sub)
    demo = sub.add_parser(
        "demo", help="run the pipeline on loopback mirrors of the sites into data/demo.duckdb"
    )
    demo.add_argument("--db", default=None, metavar="PATH", help="demo warehouse (default data/demo.duckdb)")
    return ap


def _output_args(sub: argparse._SubParsersAction[Parser]) -> None:
    rep = sub.add_parser("report", help="write one static HTML page with charts of the warehouse")
    rep.add_argument(
        "--out", default="report.html", metavar="FILE", help="page to write (default: %(default)s)"
    )
    rep.add_argument("--db", help="DuckDB file (default as for ingest)")
    exp = sub.add_parser("export", help="write the warehouse as Parquet, partitioned by source and year")
    exp.add_argument("--parquet", required=True, metavar="DIR", help="folder to write (an earlier export's)")
    exp.add_argument("--db", help="DuckDB file (default as for ingest)")


def _backfill_args(sub: argparse._SubParsersAction[Parser]) -> None:
    bf = sub.add_parser("backfill", help="fetch one source's releases of a date range (resumable)")
    bf.add_argument("--source", required=True, metavar="ID", help="source id")
    bf.add_argument(
        "--start", required=True, type=iso_date, metavar="DATE", help="first local date (inclusive)"
    )
    bf.add_argument("--end", required=True, type=iso_date, metavar="DATE", help="last local date (inclusive)")
    bf.add_argument("--db", help="DuckDB file (default as for ingest)")
    bf.add_argument(
        "--base-url", action="append", type=web_url, metavar="URL", help="replace the source's scheme+host"
    )
    bf.add_argument("--min-delay", type=delay, metavar="SECONDS", help="replace the politeness delay")
    bf.add_argument("--from-wayback", action="store_true", help="take captures from the Wayback Machine")
    bf.add_argument("--browser", action="store_true", help=BROWSER_HELP)
    bf.add_argument(
        "--wayback-url",
        type=web_url,
        metavar="URL",
        help="Wayback base URL (default https://web.archive.org)",
    )
    warc = sub.add_parser("import-warc", help="load the releases found in WARC files")
    warc.add_argument("files", nargs="+", metavar="FILE", help="WARC file, gzipped or not")
    warc.add_argument("--db", help="DuckDB file (default as for ingest)")


def _reparse_args(sub: argparse._SubParsersAction[Parser]) -> None:
    rep = sub.add_parser(
        "reparse", help="rebuild releases from stored raw pages with today's parsers, then re-extract"
    )
    rep.add_argument("--source", action="append", dest="sources", metavar="ID", help="source id (repeatable)")
    rep.add_argument(
        "--since", type=iso_date, metavar="DATE", help="only releases published on or after DATE"
    )
    rep.add_argument("--db", help="DuckDB file (default as for ingest)")


def _search_args(sub: argparse._SubParsersAction[Parser]) -> None:
    fts = sub.add_parser("search", help="full-text search of release titles and bodies (English and Russian)")
    fts.add_argument("query", help="words to find, each in any inflection of its language")
    fts.add_argument("--source", metavar="ID", help="only this source's releases")
    fts.add_argument(
        "--since", type=iso_date, metavar="DATE", help="only releases published on or after DATE"
    )
    fts.add_argument("--lang", choices=("en", "ru"), help="only releases in this language")
    fts.add_argument("--limit", type=count, default=10, metavar="N", help="at most N releases (default: 10)")
    fts.add_argument("--db", help="DuckDB file (default as for ingest)")
    fts.add_argument("--refresh", action="store_true", help="first rebuild a stale index (a write)")


def cmd_ingest(args: argparse.Namespace) -> int:
    """Run the nightly once (a Prefect flow run only when a Prefect API is configured).

    Exit 1 when any source failed, 130 when stopped by SIGINT/SIGTERM.
    """
    from flows.nightly_run import NightlyParams, SourcesFailed, chosen_sources
    from flows.orchestration import prefect_api_configured
    from flows.runlog import summary_text
    from flows.signals import EXIT_INTERRUPTED, graceful_stop

    params = NightlyParams(
        sources=args.sources,
        since=args.since,
        db=str(settings.db_path(args.db)),
        base_url=args.base_url,
        min_delay=args.min_delay,
        browser=args.browser,
    )
    chosen_sources(params)  # bad ids or URLs fail here, before any work starts
    with graceful_stop() as stop:
        outcome = _nightly_with_prefect(params) if prefect_api_configured() else _nightly_plain(params)
    if stop.requested:
        if isinstance(outcome, SourcesFailed):
            print(summary_text(outcome.reports))
        print("pressroom: interrupted; what was fetched is saved, the next run continues", file=sys.stderr)
        return EXIT_INTERRUPTED
    if isinstance(outcome, SourcesFailed):
        print(summary_text(outcome.reports))
        print(f"pressroom: {outcome}", file=sys.stderr)
        return 1
    if isinstance(outcome, BaseException):
        print(f"pressroom: ingest failed: {outcome}", file=sys.stderr)
        return 1
    print(summary_text(outcome))
    return 0


def _nightly_plain(params: NightlyParams) -> list[dict[str, Any]] | BaseException:
    """The nightly's code in this process, sources side by side in threads: no Prefect server to start."""
    from flows.nightly_run import run_nightly, threads
    from flows.progress import Board

    board = Board()  # a bar per source on a terminal, a line per source every few seconds otherwise
    try:
        return run_nightly(params, threads(), board).settle()
    except Exception as exc:  # deliberate: reported as the flow's failure would be (exit 1)
        return exc
    finally:
        board.close()


def _nightly_with_prefect(params: NightlyParams) -> Any:
    """The nightly as a flow run on the configured Prefect API: its reports, or the exception it raised."""
    from flows.failures import quiet_expected_failures
    from flows.nightly import SourceFailed, nightly
    from flows.nightly_run import DataChecksFailed, SourcesFailed

    # Each failure was printed once already: the flow and task run logs say it in one line.
    quiet_expected_failures((SourcesFailed, SourceFailed, DataChecksFailed))
    state = nightly(**vars(params), return_state=True)
    return state.result(raise_on_failure=False)


def cmd_serve(args: argparse.Namespace) -> int:
    """Register the nightly deployment with its schedule and serve it until interrupted."""
    from flows.deploy import serve

    serve(args)
    return 0


def cmd_deploy(args: argparse.Namespace) -> int:
    """Register the deployments on a work pool of the configured Prefect API; workers run them."""
    from flows.deploy import register
    from flows.orchestration import prefect_api_configured

    if not prefect_api_configured():
        print("pressroom: deploy needs a Prefect API: set PREFECT_API_URL", file=sys.stderr)
        return 2
    for name in register(args):
        print(f"registered {name} on work pool {args.pool}")
    print(f"start workers with: prefect worker start --pool {args.pool}")
    return 0


def cmd_sql(args: argparse.Namespace) -> int:
    """Print a read-only query's result."""
    from warehouse import query

    columns, rows = query.query(settings.db_path(args.db), args.query)
    fmt = {"table": query.format_table, "csv": query.format_csv, "json": query.format_json}[args.format]
    print(fmt(columns, rows).rstrip("\n"))
    return 0


def cmd_reextract(args: argparse.Namespace) -> int:
    """Re-run extraction over every stored release and report the rows changed."""
    from flows.orchestration import prefect_api_configured
    from flows.reextract import reextract, reextract_file

    run = reextract if prefect_api_configured() else reextract_file  # no temporary Prefect server
    result = run(
        db=str(settings.db_path(args.db)),
        source=args.source,
        batch_size=args.batch_size,
        workers=args.workers,
    )
    print(
        f"re-extracted {result['releases']} releases; {result['rows_changed']} figure/commitment rows"
        f" changed; {result['threads']} commitment threads"
    )
    return 0


def cmd_sources(args: argparse.Namespace) -> int:
    """Print each configured source with its last run and stored counts, then the parked URLs."""
    from warehouse import query
    from warehouse.failures import read_parked

    path = settings.db_path(args.db)
    status = query.source_status(path) if path.exists() else {}
    parked = read_parked(path) if path.exists() else []
    for sid, src in load_sources().items():
        st = status.get(sid, {})
        print(
            f"{sid:<14} {src.fetch_kind:<12} {'on ' if src.enabled else 'off'} {src.base_url:<28} "
            f"releases={st.get('releases', 0)} figures={st.get('figures', 0)} "
            f"commitments={st.get('commitments', 0)} last_run={st.get('last_run_at') or '-'} "
            f"status={st.get('last_status') or '-'} parked={sum(p.source_id == sid for p in parked)}"
        )
    if parked:
        print("\nparked URLs (no run retries them; see the parked_urls view):")
    for p in parked:
        when = f"{p.attempts} attempt(s), parked {p.parked_at:%Y-%m-%d}"
        print(f"  {p.source_id:<14} {p.url}  {p.reason} ({when})")
    return 0


def cmd_backfill(args: argparse.Namespace) -> int:
    """Backfill one source over a date range; exit 1 when it stopped on an error, 130 when interrupted."""
    from flows.backfill import run_backfill
    from flows.progress import Reporter, StopFlag
    from flows.runlog import summary_text

    stop = StopFlag()
    with stop.installed():
        report = run_backfill(
            args.source,
            args.start,
            args.end,
            db=args.db,
            base_url=args.base_url,
            min_delay=args.min_delay,
            from_wayback=args.from_wayback,
            wayback_url=args.wayback_url,
            browser=args.browser,
            stop=stop,
            progress=Reporter(),
        )
    print(summary_text([vars(report)]))
    if stop.requested:
        return 130
    return 0 if report.status == "ok" else 1


def cmd_import_warc(args: argparse.Namespace) -> int:
    """Load releases from WARC files; exit 1 when some record could not be parsed, 2 on a bad file."""
    from extractors.archives.warc import WarcError
    from flows.runlog import summary_text
    from flows.webarchives import run_import_warc

    try:
        result = run_import_warc(args.files, db=args.db)
    except (OSError, WarcError) as exc:
        print(f"pressroom: {exc}", file=sys.stderr)
        return 2
    reports = [vars(r) for r in result.reports.values()]
    if reports:
        print(summary_text(reports))
    print(f"{result.responses} responses read, {result.skipped} skipped (not a new release of a source)")
    return 0 if all(r["status"] == "ok" for r in reports) else 1


def cmd_reparse(args: argparse.Namespace) -> int:
    """Re-parse stored raw pages; exit 1 when some release could not be rebuilt from its page."""
    from flows.reparse import run_reparse
    from flows.runlog import summary_text

    result = run_reparse(args.sources, since=args.since, db=args.db)
    print(summary_text([vars(r) for r in result.reports]))
    print(f"re-extracted {result.reextracted} releases; {result.rows_changed} figure/commitment rows changed")
    return 0 if all(r.status == "ok" for r in result.reports) else 1


def cmd_search(args: argparse.Namespace) -> int:
    """Print the releases that best match a query, each with a snippet around its first match."""
    from warehouse import search

    path = settings.db_path(args.db)
    if args.refresh:
        search.refresh_file(path)
    found = search.search(
        path, args.query, source=args.source, since=args.since, lang=args.lang, limit=args.limit
    )
    for warning in found.warnings:
        print(f"pressroom: {warning}", file=sys.stderr)
    print(search.format_hits(found.hits))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Write the HTML report of the warehouse."""
    from flows.report import write_report

    out = write_report(settings.db_path(args.db), args.out)
    print(f"report written to {out}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Export the warehouse as hive-partitioned Parquet files."""
    from warehouse.db import WarehouseMissing, connect
    from warehouse.export import ExportError, export_parquet

    path = settings.db_path(args.db)
    if not path.is_file():
        raise WarehouseMissing(str(path))  # reported with exit 2 by main, the file is not created
    con = connect(path, read_only=True)  # not the analysts' sandbox: the export writes files
    try:
        stats = export_parquet(con, args.parquet)
    except ExportError as exc:
        print(f"pressroom: {exc}", file=sys.stderr)
        return 2
    finally:
        con.close()
    counts = ", ".join(f"{table} {n}" for table, n in stats.rows.items())
    print(f"exported to {stats.folder}: {counts}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Mirror the sites on loopback, ingest them, print example queries."""
    from pathlib import Path

    from flows.demo import DEMO_DB, run_demo

    def ingest(ids: list[str], bases: list[str], db: Path) -> int:
        fetch = {"sources": ids, "since": None, "db": str(db), "base_url": bases, "min_delay": 0.0}
        return cmd_ingest(argparse.Namespace(**fetch, browser=False))

    return run_demo(ingest, db=Path(args.db) if args.db else DEMO_DB)


COMMANDS = {
    "ingest": cmd_ingest,
    "serve": cmd_serve,
    "deploy": cmd_deploy,
    "sql": cmd_sql,
    "sources": cmd_sources,
    "reextract": cmd_reextract,
    "reparse": cmd_reparse,
    "backfill": cmd_backfill,
    "import-warc": cmd_import_warc,
    "search": cmd_search,
    "report": cmd_report,
    "export": cmd_export,
    "demo": cmd_demo,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `pressroom` console script."""
    args = build_parser().parse_args(argv)
    try:
        check(args)
    except UsageError as exc:
        return report_usage(exc, args.command)
    try:
        return COMMANDS[args.command](args)
    except ConfigError as exc:
        print(f"pressroom: configuration error: {exc}", file=sys.stderr)
        return 2
    except BrowserUnavailable as exc:
        print(f"pressroom: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        # Known user-facing errors (locked or missing warehouse, bad SQL) carry their own message.
        if type(exc).__module__.startswith(("warehouse", "duckdb", "_duckdb")):
            print(f"pressroom: {exc}", file=sys.stderr)
            return 2
        raise


if __name__ == "__main__":
    sys.exit(main())
