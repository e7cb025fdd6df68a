"""Shared pytest fixtures for the hack/pytests suite."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass(frozen=True)
class ConsulEndpoint:
    """Where a Consul-compatible HTTP API answers."""

    host: str
    port: int

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"


def _wait_until_serving(endpoint: ConsulEndpoint, proc: subprocess.Popen | None, log: Path | None) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{endpoint.url}/v1/status/leader", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if proc is not None and proc.poll() is not None:
            pytest.fail(f"registry exited with {proc.returncode}:\n{log.read_text() if log else ''}")
        if time.monotonic() > deadline:
            pytest.fail(f"no Consul API at {endpoint.url}")
        time.sleep(0.05)


@pytest.fixture(scope="session")
def consul_registry():
    """A Consul-compatible registry for the session.

    `GWS_TEST_CONSUL_URL` (e.g. `http://127.0.0.1:8500`) points the tests at a running one (our
    registry or a real Consul agent). Otherwise the fixture starts
    `gws-operator registry --port 0 --port-file <tmp>` from `GWS_BIN_DIR` (default
    `<repo>/.build/debug`), reads its port from the file, and stops it afterwards.
    """
    url = os.environ.get("GWS_TEST_CONSUL_URL")
    if url:
        parsed = urllib.parse.urlsplit(url if "://" in url else f"http://{url}")
        endpoint = ConsulEndpoint(parsed.hostname or "127.0.0.1", parsed.port or 8500)
        _wait_until_serving(endpoint, None, None)
        yield endpoint
        return

    binary = Path(os.environ.get("GWS_BIN_DIR", str(Path(__file__).resolve().parents[2] / ".build" / "debug"))) / "gws-operator"
    if not binary.exists():
        pytest.skip(f"{binary} is not built (set GWS_BIN_DIR or GWS_TEST_CONSUL_URL)")

    with tempfile.TemporaryDirectory(prefix="gws-registry-") as tmp:
        port_file = Path(tmp) / "port"
        log = Path(tmp) / "registry.log"
        with log.open("wb") as log_file:
            proc = subprocess.Popen(
                [str(binary), "registry", "--port", "0", "--port-file", str(port_file)],
                stdout=log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            deadline = time.monotonic() + 30
            port = None
            while port is None:
                text = port_file.read_text().strip() if port_file.exists() else ""
                if text.isdigit():
                    port = int(text)
                elif proc.poll() is not None:
                    pytest.fail(f"`gws-operator registry` exited with {proc.returncode}:\n{log.read_text()}")
                elif time.monotonic() > deadline:
                    pytest.fail(f"`gws-operator registry` wrote no port to {port_file}:\n{log.read_text()}")
                else:
                    time.sleep(0.05)
            endpoint = ConsulEndpoint("127.0.0.1", port)
            _wait_until_serving(endpoint, proc, log)
            yield endpoint
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture(scope="session")
def gws_cluster():
    """The whole local cluster (real binaries and stores) with the demo tenant.

    Attributes: `proxy_url`, `proxy_https_url`, `credentials` (the dict of
    `<state-dir>/credentials.json`) and `state_dir`. Started once per session
    and stopped with `gwsctl down`; `GWS_TEST_STATE_DIR` reuses a running one.
    """
    from gws_cluster import GWSCluster, bin_dir

    if not (bin_dir() / "gws-operator").exists():
        pytest.skip(f"{bin_dir()}/gws-operator is not built (set GWS_BIN_DIR)")
    cluster = GWSCluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()
