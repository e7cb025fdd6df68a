"""A whole local GWS cluster for the end-to-end pytest suites.

`GWSCluster.start()` runs `gws-operator run` on a private state directory (all
ports ephemeral), waits until every instance is ready and the operator has
written the demo tenant's `credentials.json`, and `stop()` runs `gwsctl down`.
`GWS_TEST_STATE_DIR` points the tests at a cluster that is already up instead.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def bin_dir() -> Path:
    return Path(os.environ.get("GWS_BIN_DIR", str(REPO / ".build" / "debug")))


@dataclass
class GWSCluster:
    state_dir: Path
    proxy_url: str = ""
    proxy_https_url: str | None = None
    credentials: dict = field(default_factory=dict)
    owned: bool = True
    _proc: subprocess.Popen | None = None

    def gwsctl(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(bin_dir() / "gwsctl"), *args, "--state-dir", str(self.state_dir)],
            capture_output=True, text=True, timeout=timeout,
        )

    def status(self) -> dict | None:
        result = self.gwsctl("status", "-o", "json", timeout=30)
        if result.returncode != 0:
            return None
        try:
            return json.loads(result.stdout)
        except json.JSONDecodeError:
            return None

    def wait_until_running(self, timeout: float = 240) -> dict:
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            if self._proc is not None and self._proc.poll() is not None:
                raise RuntimeError(f"gws-operator exited with {self._proc.returncode}: {self.operator_log()}")
            last = self.status()
            if last and last.get("phase") == "Running":
                return last
            time.sleep(0.5)
        raise RuntimeError(f"cluster not running after {timeout} s; last status {last}; log:\n{self.operator_log()}")

    def wait_for_credentials(self, timeout: float = 60) -> dict:
        path = self.state_dir / "credentials.json"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if path.exists():
                try:
                    return json.loads(path.read_text())
                except json.JSONDecodeError:
                    pass
            time.sleep(0.2)
        raise RuntimeError(f"no {path} after {timeout} s; log:\n{self.operator_log()}")

    def operator_log(self, lines: int = 60) -> str:
        log = self.state_dir / "operator.log"
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log.exists() else "(no log)"

    @classmethod
    def start(cls, extra_args: list[str] | None = None) -> "GWSCluster":
        existing = os.environ.get("GWS_TEST_STATE_DIR")
        if existing:
            cluster = cls(state_dir=Path(existing), owned=False)
        else:
            state = Path(tempfile.mkdtemp(prefix="gws-e2e-"))
            cluster = cls(state_dir=state)
            out = (state / "operator.out").open("wb")
            cluster._proc = subprocess.Popen(
                [str(bin_dir() / "gws-operator"), "run", "--state-dir", str(state), *(extra_args or [])],
                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
            )
        status = cluster.wait_until_running()
        cluster.proxy_url = status["proxy"]
        cluster.proxy_https_url = status.get("proxyHTTPS")
        cluster.credentials = cluster.wait_for_credentials()
        return cluster

    def stop(self) -> None:
        if not self.owned:
            return
        self.gwsctl("down", timeout=120)
        if self._proc is not None:
            try:
                self._proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self._proc.kill()
