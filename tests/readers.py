"""An analyst polling the warehouse from another process while a writer works (tests and benchmarks).

    python -m tests.readers DB STOPFILE [--interval S] [--wait S]

Until STOPFILE exists: open the warehouse as `pressroom sql` does, count releases, close, sleep. Prints one
JSON line: polls answered, errors, the counts seen, and how long each open waited for the writer.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.paths import REPO


@dataclass
class Polls:
    """What the polling reader saw."""

    answered: int = 0
    errors: list[str] = field(default_factory=list)
    counts: list[int] = field(default_factory=list)  # releases counted by each answered poll
    waits_s: list[float] = field(default_factory=list)  # time each open took (mostly waiting for the writer)


def poll(path: str, stop: Path, *, interval_s: float, wait_s: float) -> Polls:
    """Poll until `stop` exists."""
    from warehouse import db

    out = Polls()
    while not stop.exists():
        asked = time.monotonic()
        try:
            con = db.connect_reader(path, wait_s=wait_s)
            out.waits_s.append(time.monotonic() - asked)
            try:
                row = con.execute("SELECT count(*) FROM releases").fetchone()
            finally:
                con.close()
            out.answered += 1
            out.counts.append(int(row[0]) if row else 0)
        except Exception as exc:  # deliberate: every failure is what the caller wants to see
            out.waits_s.append(time.monotonic() - asked)
            out.errors.append(f"{type(exc).__name__}: {exc}")
        time.sleep(interval_s)
    return out


@contextmanager
def polling_reader(path: Path, *, interval_s: float = 0.02, wait_s: float = 5.0) -> Iterator[Polls]:
    """Run a polling reader in its own process for the block; the yielded Polls is filled at the end."""
    stop = path.with_suffix(".stop-readers")
    stop.unlink(missing_ok=True)
    cmd = [sys.executable, "-m", "tests.readers", str(path), str(stop)]
    cmd += ["--interval", str(interval_s), "--wait", str(wait_s)]
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, text=True)
    result = Polls()
    try:
        yield result
    finally:
        stop.touch()
        stdout, _ = proc.communicate(timeout=wait_s + 30)
        found = json.loads(stdout.strip().splitlines()[-1]) if stdout.strip() else {}
        result.__dict__.update(found)
        stop.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    """Poll and print the result as JSON."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("db")
    ap.add_argument("stop", type=Path)
    ap.add_argument("--interval", type=float, default=0.02)
    ap.add_argument("--wait", type=float, default=5.0)
    args = ap.parse_args(argv)
    print(json.dumps(poll(args.db, args.stop, interval_s=args.interval, wait_s=args.wait).__dict__))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
