"""Command-line input checked before any work starts: each mistake is one line and exit status 2."""

from __future__ import annotations

import argparse
import math
import sys
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlsplit

from config import settings
from config.sources import load_sources

# Commands that only read the warehouse: a missing file is an error, never created.
READS_WAREHOUSE = frozenset({"sql", "sources", "reextract", "reparse", "search", "report", "export"})


class UsageError(Exception):
    """A command line that cannot be run as given (reported in one line, exit status 2)."""


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and whose plain options may be given only once."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.register("action", "store", Once)
        self.register("action", None, Once)

    def error(self, message: str) -> NoReturn:
        """Print `pressroom CMD: MESSAGE` (no usage block) and exit 2."""
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


class Once(argparse._StoreAction):
    """A plain option: giving it twice with different values is a conflict, not "the last one wins"."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, *args: Any) -> None:
        values, option = args[0], args[1] if len(args) > 1 else None
        seen: set[str] = namespace.__dict__.setdefault("_given", set())
        if self.dest in seen and getattr(namespace, self.dest) != values:
            parser.error(f"{option or self.dest} given twice ({getattr(namespace, self.dest)} and {values})")
        seen.add(self.dest)
        super().__call__(parser, namespace, *args)


def iso_date(value: str) -> date:
    """A YYYY-MM-DD date that exists on the calendar."""
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from exc


def delay(value: str) -> float:
    """A finite number of seconds, zero or more."""
    try:
        seconds = float(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from exc
    if not math.isfinite(seconds) or seconds < 0:
        raise argparse.ArgumentTypeError(f"a delay is zero or more seconds, not {value!r}")
    return seconds


def count(value: str) -> int:
    """A whole number, one or more."""
    try:
        number = int(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from exc
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value!r}")
    return number


def web_url(value: str) -> str:
    """An absolute http(s) URL with a host."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise argparse.ArgumentTypeError(f"not an http(s) URL: {value!r}")
    return value


def base_url(value: str) -> str:
    """`URL` or `ID=URL`, the URL checked as `web_url` checks it."""
    sid, sep, url = value.partition("=")
    if sep and "://" not in sid:
        web_url(url)
    else:
        web_url(value)
    return value


class ShowVersion(argparse.Action):
    """`--version`: print the versions and exit (computed only when asked: it imports the extractors)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, help="print the versions and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: Any) -> None:
        print(version())
        parser.exit(0)


def version() -> str:
    """The installed version, the extractors' version and DuckDB's."""
    import duckdb

    from extractors.extract import EXTRACTOR_VERSION

    try:
        own = metadata.version("pressroom")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        own = "unknown"
    return f"pressroom {own} (extractors {EXTRACTOR_VERSION}, duckdb {duckdb.__version__})"


def check(args: argparse.Namespace) -> None:
    """Raise UsageError for input the parser cannot see wrong: unknown sources, ranges, missing files."""
    known = load_sources()
    named = [*(getattr(args, "sources", None) or [])]
    if isinstance(getattr(args, "source", None), str):
        named.append(args.source)
    unknown = sorted({sid for sid in named if sid not in known})
    if unknown:
        raise UsageError(f"unknown source {', '.join(unknown)} (known: {', '.join(known)})")
    _check_base_urls(getattr(args, "base_url", None) or [], args.command)
    start, end = getattr(args, "start", None), getattr(args, "end", None)
    if start and end and start > end:
        raise UsageError(f"--start {start} is after --end {end}")
    if args.command in READS_WAREHOUSE:
        path = settings.db_path(args.db)
        if not Path(path).is_file():
            raise UsageError(f"no warehouse at {path}")


def _check_base_urls(values: list[str], command: str) -> None:
    """One --base-url per source: a repeated one that disagrees is a conflict."""
    if command == "backfill" and len(set(values)) > 1:
        raise UsageError(f"--base-url given twice ({' and '.join(values)}); backfill takes one source")
    chosen: dict[str, str] = {}
    for value in values:
        sid, sep, url = value.partition("=")
        key = sid if sep and "://" not in sid else ""
        url = url if key else value
        if chosen.get(key, url) != url:
            raise UsageError(f"--base-url for {key or 'the source'} given twice ({chosen[key]} and {url})")
        chosen[key] = url


def report(error: UsageError, command: str) -> int:
    """Print the one-line error; the exit status of bad input."""
    print(f"pressroom {command}: {error}", file=sys.stderr)
    return 2
