"""Loopback mirrors of the real sites: built from the bundled tools and releases, served on 127.0.0.1.

The mirror builder and server (tests/fixtures/sites) imitate each site's URLs, markup, feeds and date strings
from the annotated real releases (tests/fixtures/gold/dev) plus generated ones, and write the truth
(`expected.json`). `pressroom demo` and the end-to-end tests use them; they need a source checkout.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
TOOLS = FIXTURES / "sites"
GOLD_DEV = FIXTURES / "gold" / "dev"
START_TIMEOUT_S = 10.0


class MirrorToolsMissing(RuntimeError):
    """The mirror builder is not here (an installed package rather than a source checkout)."""


def free_port() -> int:
    """An ephemeral loopback port nobody listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _tool(name: str) -> str:
    path = TOOLS / name
    if not path.is_file():
        raise MirrorToolsMissing(f"no mirror tool at {path}: the loopback mirrors need a source checkout")
    return str(path)


class Mirror:
    """One built mirror directory, optionally served on a loopback port."""

    def __init__(self, site: str, out: Path) -> None:
        self.site, self.out = site, out
        self.proc: subprocess.Popen[bytes] | None = None
        self.port = 0
        self.log = out / "requests.jsonl"

    @classmethod
    def build(
        cls,
        site: str,
        out: Path,
        *,
        synthetic: int = 30,
        seed: str = "7",
        faults: bool = True,
        per_page: int | None = None,
        base_url: str | None = None,
    ) -> Mirror:
        """Build a mirror of `site` from the annotated releases plus `synthetic` generated ones."""
        cmd = [sys.executable, _tool("mirror.py"), "build", "--site", site, "--docs", str(GOLD_DEV)]
        cmd += ["--out", str(out), "--synthetic", str(synthetic), "--seed", seed]
        if faults:
            cmd.append("--faults")
        if per_page:
            cmd += ["--per-page", str(per_page)]
        if base_url:
            cmd += ["--base-url", base_url]
        subprocess.run(cmd, check=True, capture_output=True)
        return cls(site, out)

    @property
    def base_url(self) -> str:
        """Scheme+host of the running server."""
        return f"http://127.0.0.1:{self.port}"

    def serve(self, port: int | None = None) -> Mirror:
        """Start the server on a loopback port and wait until it answers."""
        self.port = port or free_port()
        cmd = [sys.executable, _tool("serve.py"), str(self.out), "--port", str(self.port)]
        self.proc = subprocess.Popen([*cmd, "--log", str(self.log)], stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"mirror server for {self.site} did not start")

    def stop(self) -> None:
        """Stop the server."""
        if self.proc:
            self.proc.terminate()
            self.proc.wait(timeout=5)
            self.proc = None

    def expected(self) -> list[dict[str, Any]]:
        """The truth: every release the mirror holds, newest first."""
        data = json.loads((self.out / "expected.json").read_text(encoding="utf-8"))
        return list(data["releases"])

    def manifest(self) -> dict[str, Any]:
        """The build manifest (faults, url map, counts)."""
        return dict(json.loads((self.out / "manifest.json").read_text(encoding="utf-8")))

    def requests(self) -> list[dict[str, Any]]:
        """Every request the server has logged so far."""
        if not self.log.exists():
            return []
        lines = self.log.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line]

    def update(self, *, add_docs: Sequence[Path] = (), edit: Sequence[str] = ()) -> None:
        """Add releases and/or edit some, then make the running server re-read its routes."""
        cmd = [sys.executable, _tool("mirror.py"), "update", "--out", str(self.out)]
        if add_docs:
            cmd += ["--add-docs", *map(str, add_docs)]
        for e in edit:
            cmd += ["--edit", e]
        subprocess.run(cmd, check=True, capture_output=True)
        if self.proc:
            urllib.request.urlopen(f"{self.base_url}/__reload__", timeout=5).read()
