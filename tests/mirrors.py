"""Build and serve loopback mirrors of the real sites (tests/fixtures/sites) for end-to-end tests."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from tests.paths import FIXTURES

SITES = FIXTURES / "sites"
GOLD_DEV = FIXTURES / "gold" / "dev"


def free_port() -> int:
    """An ephemeral loopback port nobody listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Mirror:
    """One built mirror directory, optionally served on a loopback port."""

    def __init__(self, site: str, out: Path) -> None:
        self.site, self.out = site, out
        self.proc: subprocess.Popen[bytes] | None = None
        self.port = 0
        self.log = out / "requests.jsonl"

    @classmethod
    def build(cls, site: str, out: Path, *, synthetic: int = 30, seed: str = "7", **opts: Any) -> Mirror:
        """Build a mirror of `site` from the gold dev docs plus synthetic releases, with faults."""
        cmd = [sys.executable, str(SITES / "mirror.py"), "build", "--site", site, "--docs", str(GOLD_DEV)]
        cmd += ["--out", str(out), "--synthetic", str(synthetic), "--seed", seed]
        if opts.get("faults", True):
            cmd.append("--faults")
        if opts.get("per_page"):
            cmd += ["--per-page", str(opts["per_page"])]
        if opts.get("base_url"):
            cmd += ["--base-url", opts["base_url"]]
        subprocess.run(cmd, check=True, capture_output=True)
        return cls(site, out)

    @property
    def base_url(self) -> str:
        """Scheme+host of the running server."""
        return f"http://127.0.0.1:{self.port}"

    def serve(self, port: int | None = None) -> Mirror:
        """Start serve.py on a loopback port and wait until it answers."""
        self.port = port or free_port()
        cmd = [sys.executable, str(SITES / "serve.py"), str(self.out), "--port", str(self.port)]
        self.proc = subprocess.Popen([*cmd, "--log", str(self.log)], stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return self
            except OSError:
                time.sleep(0.05)
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
        return [json.loads(line) for line in self.log.read_text(encoding="utf-8").splitlines() if line]

    def update(self, *, add_docs: list[Path] = (), edit: list[str] = ()) -> None:  # type: ignore[assignment]
        """Add releases and/or edit some, then make the running server re-read its routes."""
        cmd = [sys.executable, str(SITES / "mirror.py"), "update", "--out", str(self.out)]
        if add_docs:
            cmd += ["--add-docs", *map(str, add_docs)]
        for e in edit:
            cmd += ["--edit", e]
        subprocess.run(cmd, check=True, capture_output=True)
        if self.proc:
            urllib.request.urlopen(f"{self.base_url}/__reload__", timeout=5).read()
