"""The fault matrix: `pressroom ingest` as a subprocess against loopback mirrors, one case per campaign row.

Each case disturbs a first ingest (kill -9, SIGTERM or SIGINT at some point; a broken feed page; a short
feed), then runs one more healthy ingest, and checks what a user would: the exit codes, the runs' statuses,
and that every release of the mirror's expected.json is stored exactly once, with nothing else stored.
Flow runs go to one shared temporary Prefect API (tests/conftest.py), except the case that checks that a
stopped ingest leaves no temporary server of its own behind. The matrix is printed at the end.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from flows.signals import descendants
from tests.mirrors import Mirror
from tests.stored import rows

pytestmark = pytest.mark.e2e

PRESSROOM = [sys.executable, "-m", "flows.cli"]
RUN_TIMEOUT_S = 120.0
EXIT_WITHIN_S = 10.0  # what the README promises after SIGINT/SIGTERM
FEED_PAGE_3 = "/events/president/news/feed/page/3"
MATRIX: list[tuple[str, str, int, int]] = []  # (case, outcome, lost, duplicated), printed at the end


def _html_error(original: bytes) -> bytes:
    return b"<!DOCTYPE html><html><body><h1>Service temporarily unavailable</h1></body></html>"


def _with_dtd(original: bytes) -> bytes:
    decl, rest = original.split(b"\n", 1)
    return decl + b'\n<!DOCTYPE feed [\n  <!ENTITY site "President of Russia">\n]>\n' + rest


def _truncated(original: bytes) -> bytes:
    return original[: len(original) * 6 // 10]


@dataclass(frozen=True)
class Case:
    """One row of the campaign: a site, and either a signal after some requests or a broken feed page."""

    name: str
    site: str
    sig: signal.Signals | None = None
    after: int = 0  # requests the mirror has answered when the signal is sent
    page: Callable[[bytes], bytes] | None = None  # what replaces feed page 3
    content_type: str = "application/atom+xml; charset=utf-8"
    # True: `pressroom ingest` with PREFECT_API_URL set (a Prefect flow run holding concurrency slots);
    # False: the ad-hoc command without a Prefect API (the nightly's code in this process).
    prefect: bool = False


CASES = [
    Case("kill -9 while walking the listing", "economy_en", signal.SIGKILL, after=3),
    Case("kill -9 before the first batch is stored", "economy_en", signal.SIGKILL, after=40),
    Case("kill -9 after the first batch is stored", "economy_en", signal.SIGKILL, after=75),
    Case("SIGINT (Ctrl-C) mid-way", "economy_en", signal.SIGINT, after=30),
    Case("SIGTERM late", "economy_en", signal.SIGTERM, after=85),
    # Graceful under Prefect: the run gives its slots back. (A kill -9 there holds its source's slot until
    # the lease lapses on a server that runs its services: docs/prefect.md.)
    Case("SIGTERM under a Prefect flow run", "economy_en", signal.SIGTERM, after=20, prefect=True),
    Case("HTML error page (200) as feed page 3", "kremlin_en", page=_html_error, content_type="text/html"),
    Case("feed page 3 with a DTD", "kremlin_en", page=_with_dtd),
    Case("truncated feed page 3", "kremlin_en", page=_truncated),
    Case("short RSS feed (20 of 51), first ingest", "government_en"),
]


@dataclass
class Built:
    """A mirror built once per module; each case serves its own copy of the routes."""

    site: str
    out: Path
    expected: list[dict[str, Any]] = field(default_factory=list)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    root = tmp_path_factory.mktemp("fault-mirrors")
    out: dict[str, Built] = {}
    for site, synthetic in (("economy_en", 80), ("kremlin_en", 30), ("government_en", 30)):
        mirror = Mirror.build(site, root / site, synthetic=synthetic, faults=False)
        out[site] = Built(site, mirror.out, mirror.expected())
    return out


@pytest.fixture(scope="module")
def prefect_api(prefect_harness: None) -> str:
    from prefect.settings import PREFECT_API_URL

    url = PREFECT_API_URL.value()
    assert url, "the Prefect test harness gives an API URL"
    return str(url)


@pytest.fixture(scope="module", autouse=True)
def matrix_summary(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    reporter = request.config.pluginmanager.getplugin("terminalreporter")
    lines = ["", "fault matrix: case | outcome | lost | duplicated"]
    lines += [f"  {case:<45} | {outcome:<40} | {lost} | {dup}" for case, outcome, lost, dup in MATRIX]
    survived = sum(1 for _, outcome, lost, dup in MATRIX if outcome.startswith("survived") and not lost + dup)
    lines.append(f"  {survived}/{len(MATRIX)} survived, {sum(m[2] for m in MATRIX)} releases lost")
    text = "\n".join(lines)
    print(text)
    if reporter is not None:
        reporter.write_line(text)


def _case_mirror(built: Built, tmp: Path, case: Case) -> Mirror:
    """A served mirror sharing the built files, with this case's own routes (and broken page)."""
    out = tmp / "mirror"
    out.mkdir()
    for name in ("expected.json", "manifest.json"):
        shutil.copy(built.out / name, out / name)
    (out / "files").symlink_to(built.out / "files")
    routes = json.loads((built.out / "routes.json").read_text(encoding="utf-8"))
    if case.page is not None:
        original = (built.out / routes[FEED_PAGE_3]["file"]).read_bytes()
        (out / "broken.xml").write_bytes(case.page(original))
        routes[FEED_PAGE_3] = {"file": "broken.xml", "type": case.content_type}
    (out / "routes.json").write_text(json.dumps(routes), encoding="utf-8")
    return Mirror(built.site, out).serve()


def _heal(mirror: Mirror, built: Built) -> None:
    """Serve the real feed page 3 again."""
    routes = json.loads((built.out / "routes.json").read_text(encoding="utf-8"))
    (mirror.out / "routes.json").write_text(json.dumps(routes), encoding="utf-8")
    import urllib.request

    urllib.request.urlopen(f"{mirror.base_url}/__reload__", timeout=5).read()


def _command(site: str, mirror: Mirror, db: Path) -> list[str]:
    base = f"{site}={mirror.base_url}"
    return [*PRESSROOM, "ingest", "--source", site, "--base-url", base, "--min-delay", "0", "--db", str(db)]


def _env(prefect_api: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    if prefect_api:
        env["PREFECT_API_URL"] = prefect_api
    return env


def _run(cmd: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT_S)


@dataclass
class Signalled:
    """How a signalled ingest ended."""

    code: int
    exit_s: float  # from the signal to the process's end
    children: list[int]  # the CLI's descendants just before the signal
    stderr: str


def _signalled(cmd: list[str], env: dict[str, str], mirror: Mirror, case: Case) -> Signalled:
    """Start an ingest, send `case.sig` once the mirror has answered `case.after` requests, wait."""
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + RUN_TIMEOUT_S
    while len(mirror.requests()) < case.after and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert proc.poll() is None, f"the ingest ended before {case.after} requests: {proc.communicate()}"
    children = descendants(proc.pid)
    assert case.sig is not None
    sent = time.monotonic()
    proc.send_signal(case.sig)
    _, err = proc.communicate(timeout=RUN_TIMEOUT_S)
    return Signalled(proc.returncode, time.monotonic() - sent, children, err)


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _loss(db: Path, built: Built) -> tuple[int, int, int]:
    """(lost, duplicated, foreign): expected releases not stored, stored more than once, not expected."""
    want = {r["canonical_url"] for r in built.expected}
    got = rows(
        db,
        "select url, count(*) from releases where source_id = ? group by url",
        [built.site],
    )
    versions = rows(
        db,
        "select count(*) from release_versions v join releases r using (release_id) "
        "where r.source_id = ? group by release_id having count(*) > 1",
        [built.site],
    )
    stored = {url for url, _ in got}
    dup = sum(n - 1 for _, n in got if n > 1) + len(versions)
    return len(want - stored), dup, len(stored - want)


def _statuses(db: Path) -> list[str]:
    return [s for (s,) in rows(db, "select status from runs order by run_id")]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fault_then_one_more_run_stores_every_release_exactly_once(
    case: Case, built: dict[str, Built], prefect_api: str, tmp_path: Path
) -> None:
    site = built[case.site]
    mirror = _case_mirror(site, tmp_path, case)
    db = tmp_path / "w.duckdb"
    env = _env(prefect_api if case.prefect else None)
    cmd = _command(case.site, mirror, db)
    try:
        outcome = _disturbed_run(case, cmd, env, mirror, site, db)
        if case.page is not None:
            _heal(mirror, site)
        healthy = _run(cmd, env)
    finally:
        mirror.stop()
    lost, dup, foreign = _loss(db, site)
    survived = healthy.returncode == 0 and not (lost or dup or foreign)
    MATRIX.append((case.name, ("survived: " if survived else "FAILED: ") + outcome, lost, dup))
    assert healthy.returncode == 0, healthy.stderr[-2000:]
    assert (lost, dup, foreign) == (0, 0, 0)
    assert _statuses(db)[-1] == "ok"
    assert "running" not in _statuses(db)  # a killed run is marked abandoned by the next start


def _disturbed_run(
    case: Case, cmd: list[str], env: dict[str, str], mirror: Mirror, site: Built, db: Path
) -> str:
    """Run the disturbed first ingest, check how it ended, and say so in a few words."""
    if case.sig is not None:
        done = _signalled(cmd, env, mirror, case)
        if case.sig == signal.SIGKILL:
            assert done.code == -signal.SIGKILL
            statuses = _statuses(db) if db.exists() else []
            assert set(statuses) <= {"running"}, statuses  # nobody could close it
            return f"killed; {len(statuses)} run left running"
        assert done.code == 130, done.stderr[-2000:]
        assert done.exit_s < EXIT_WITHIN_S
        assert _statuses(db) == ["interrupted"]
        saved = _loss(db, site)[0] < len(site.expected)
        assert not [pid for pid in done.children if _running(pid)], "a child process outlived the ingest"
        kids = f", {len(done.children)} child process(es) ended" if done.children else ""
        return f"exit 130 in {done.exit_s:.1f}s, interrupted, saved={saved}{kids}"
    first = _run(cmd, env)
    if case.page is None:
        assert first.returncode == 0, first.stderr[-2000:]
        return f"ok, {site.expected and len(site.expected)} listed"
    # A broken page is an error of the source, never the end of its listing: loud, and on record.
    assert first.returncode == 1, first.stderr[-2000:]
    assert "broken page" in first.stderr
    assert _statuses(db) != ["ok"]
    errors = rows(db, "select stage, url from errors where resolved_at is null")
    assert [(stage, url.endswith(FEED_PAGE_3)) for stage, url in errors] == [("discover", True)]
    return "exit 1, error on record for feed page 3"
