"""Start the Kubernetes API stand-in and gws-operator processes, and talk to them.

Used by hack/pytests/test_kubernetes_controller.py and hack/bench-kubernetes.py.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
GWSD = "/apis/gws.genesys.com/v1alpha1"
TOKEN = "stand-in-token"


def bin_dir() -> Path:
    return Path(os.environ.get("GWS_BIN_DIR", str(REPO / ".build" / "debug")))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, timeout: float, message: str, interval: float = 0.05):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s: {message}")
        time.sleep(interval)


class APIError(Exception):
    def __init__(self, code: int, body: dict):
        super().__init__(f"{code}: {body.get('message', body)}")
        self.code = code
        self.body = body


class StandIn:
    """The stand-in API server process, and a small client for it."""

    def __init__(self, workdir: Path, bookmark_interval: float = 60.0, token: str = TOKEN):
        self.workdir = workdir
        self.token = token
        port_file = workdir / "standin.port"
        self.log_path = workdir / "standin.log"
        self._log = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE / "standin.py"), "--port", "0", "--port-file", str(port_file),
             "--bookmark-interval", str(bookmark_interval), "--token", token],
            stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True)
        text = wait_for(lambda: port_file.exists() and port_file.read_text().strip(), 20,
                        f"stand-in port file ({self.log_path})")
        self.url = f"http://127.0.0.1:{int(text)}"

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()

    def kubeconfig(self, path: Path) -> Path:
        path.write_text(json.dumps({
            "apiVersion": "v1", "kind": "Config", "current-context": "standin",
            "clusters": [{"name": "standin", "cluster": {"server": self.url}}],
            "users": [{"name": "tester", "user": {"token": self.token}}],
            "contexts": [{"name": "standin", "context": {"cluster": "standin", "user": "tester"}}],
        }))
        return path

    # -- API --------------------------------------------------------------

    def request(self, method: str, path: str, body=None, content_type: str = "application/json"):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.url + path, data=data, method=method)
        req.add_header("Authorization", f"Bearer {self.token}")
        if data is not None:
            req.add_header("Content-Type", content_type)
        try:
            with urllib.request.urlopen(req, timeout=30) as response:
                return json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            raw = error.read()
            try:
                parsed = json.loads(raw)
            except ValueError:
                parsed = {"message": raw.decode(errors="replace")}
            raise APIError(error.code, parsed) from None

    def get(self, path: str):
        return self.request("GET", path)

    def exists(self, path: str) -> bool:
        try:
            self.get(path)
            return True
        except APIError as error:
            if error.code == 404:
                return False
            raise

    def gwsd_path(self, namespace: str, name: str | None = None) -> str:
        base = f"{GWSD}/namespaces/{namespace}/gwsdeployments"
        return base if name is None else f"{base}/{name}"

    def create_gwsd(self, namespace: str, name: str, spec: dict) -> dict:
        body = {"apiVersion": "gws.genesys.com/v1alpha1", "kind": "GWSDeployment",
                "metadata": {"name": name, "namespace": namespace}, "spec": spec}
        return self.request("POST", self.gwsd_path(namespace), body)

    def merge_patch(self, path: str, patch: dict) -> dict:
        return self.request("PATCH", path, patch, "application/merge-patch+json")

    def delete(self, path: str) -> dict:
        return self.request("DELETE", path)

    def items(self, path: str, selector: str | None = None) -> list[dict]:
        query = f"?labelSelector={urllib.request.quote(selector)}" if selector else ""
        return self.get(path + query)["items"]

    # -- control ----------------------------------------------------------

    def control(self, action: str, **query) -> dict:
        qs = "&".join(f"{k}={v}" for k, v in query.items())
        with urllib.request.urlopen(f"{self.url}/_standin/{action}" + (f"?{qs}" if qs else ""), timeout=30) as r:
            return json.loads(r.read())

    def requests_since(self, seq: int) -> list[dict]:
        return self.control("requests", since=seq)["requests"]

    def seq(self) -> int:
        return self.control("requests", since=10**12)["seq"]


class Operator:
    """A `gws-kube-operator run --kubernetes` process (what the chart runs) against a stand-in;
    `binary="gws-operator"` runs the same controller inside the local-mode binary."""

    def __init__(self, standin: StandIn, workdir: Path, name: str = "op", leader_elect: bool = False,
                 lease: tuple[int, int, int] = (15, 10, 2), extra: list[str] | None = None,
                 env: dict | None = None, binary: str = "gws-kube-operator"):
        self.name = name
        self.metrics_port = free_port()
        self.health_port = free_port()
        self.log_path = workdir / f"{name}.log"
        kubeconfig = standin.kubeconfig(workdir / f"{name}.kubeconfig")
        args = [
            str(bin_dir() / binary), "run", "--kubernetes", f"--kubeconfig={kubeconfig}",
            f"--leader-elect={'true' if leader_elect else 'false'}", "--leader-election-namespace=gws-system",
            "--leader-election-id=gws-operator", f"--lease-duration-seconds={lease[0]}",
            f"--renew-deadline-seconds={lease[1]}", f"--retry-period-seconds={lease[2]}",
            f"--metrics-port={self.metrics_port}", f"--health-port={self.health_port}", "--bind-address=127.0.0.1",
            "--service-image=registry.example/gws-service:1.2.3", "--log-level=info",
        ] + (extra or [])
        self._log = self.log_path.open("wb")
        self.proc = subprocess.Popen(args, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True,
                                     env={**os.environ, "POD_NAME": name, **(env or {})})
        wait_for(self._healthy, 30, f"{name} health port ({self.log_path})")

    def _healthy(self) -> bool:
        if self.proc.poll() is not None:
            raise AssertionError(f"{self.name} exited with {self.proc.returncode}:\n{self.log()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.health_port}/healthz", timeout=2) as r:
                return r.status == 200
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return False

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def ready(self) -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.health_port}/readyz", timeout=2) as r:
                return r.status == 200
        except urllib.error.HTTPError:
            return False

    def metrics(self) -> dict[str, float]:
        """`name{labels}` → value (labels as written, sorted by the registry)."""
        with urllib.request.urlopen(f"http://127.0.0.1:{self.metrics_port}/metrics", timeout=5) as r:
            text = r.read().decode()
        out: dict[str, float] = {}
        for line in text.splitlines():
            if line and not line.startswith("#"):
                key, _, value = line.rpartition(" ")
                out[key] = float(value)
        return out

    def metric(self, name: str, **labels) -> float:
        """The sum over the series of `name` whose labels include `labels`."""
        total = 0.0
        for key, value in self.metrics().items():
            base, _, rest = key.partition("{")
            if base != name:
                continue
            if all(f'{k}="{v}"' in rest for k, v in labels.items()):
                total += value
        return total

    def reconciles(self) -> float:
        return self.metric("controller_runtime_reconcile_total")

    def rss_kib(self) -> int:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return 0

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 20) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()
        return self.proc.returncode


def tempdir(prefix: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=prefix))
