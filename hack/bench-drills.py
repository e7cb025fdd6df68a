#!/usr/bin/env python3
"""Failover drill benchmark (issue 5): every drill kind N times, p50/p95.

  python3 hack/bench-drills.py [--runs 20] [--kinds instance-kill,...] [--bin-dir .build/debug]
                               [--docs docs/failover.md] [--json results.json]

Starts one cluster of its own (`gws-operator run --state-dir <tmp>`, ephemeral
ports; Workspace twice; Provisioning, Statistics, Data Collector, Ixn, Voice
and the Provisioning UI off, as the load does not use them; stableRunSeconds 2,
so that every kill is a first crash and not a crash loop), then runs each
drill of examples/drills/ --runs times with `gwsctl drill run --output`,
shortened for the benchmark (1 s warm-up, a 2-4 s window; the steady-state
checks of the example are kept). Before each run it waits until every
instance is ready again. It reads each JSON report and prints, per kind, the
p50 and p95 (nearest rank) of detection, out-of-rotation, recovery and
service-restored seconds, the failed requests, lost writes and how many runs
passed; with --docs it writes that table into the file between the
`<!-- bench-drills:begin -->` and `<!-- bench-drills:end -->` markers.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]

SPEC = [
    "--set", "gwsServices.gwsAppWorkspace.deployment.replicaCount=2",
    "--set", "gwsServices.gwsAppProvisioning.enabled=false,gwsServices.gwsPlatformStatistics.enabled=false",
    "--set", "gwsServices.gwsPlatformDatacollector.enabled=false,gwsServices.gwsPlatformIxn.enabled=false",
    "--set", "gwsServices.gwsUiProvisioning.enabled=false,gwsServices.gwsPlatformVoice.enabled=false",
    # Every run is a first crash (restarted at once), as after 30 s of clean running with the default;
    # without it, kills 10 s apart are a crash loop and measure the restart backoff (1 s, 2 s, 4 s…).
    "--set", "local.stableRunSeconds=2",
]

# Drill file → the window used here (seconds), and for a hang its length.
KINDS = {
    "instance-kill": {"duration": 3},
    "instance-hang": {"duration": 4, "seconds": 3},
    "instance-restart": {"duration": 3},
    "role-kill-one": {"duration": 3},
    "rolling-restart": {"duration": 1},
    # The same drill on a single-replica role (a surge instance serves meanwhile) and on the proxy (no stand-in).
    "rolling-restart-setting": {"duration": 1, "base": "rolling-restart", "target": {"role": "setting"}},
    "rolling-restart-proxy": {"duration": 1, "base": "rolling-restart", "target": {"role": "proxy"}},
    "store-kill-postgres": {"duration": 3},
    "store-kill-redis": {"duration": 3},
    # The same with Redis HA (a master, a replica, three Sentinels): a cluster of its own.
    "store-kill-redis-sentinel": {"duration": 3, "base": "store-kill-redis", "set": ["redis.sentinel.enabled=true"]},
    # The same with PostgreSQL HA (a primary and a synchronous standby): a cluster of its own.
    "store-kill-postgres-ha": {"duration": 3, "base": "store-kill-postgres", "set": ["postgres.ha.enabled=true"]},
    # The Data Collector's elected indexer (two instances): "promoted" is when an instance leads it again.
    "singleton-kill-datacollector": {"duration": 3, "base": "singleton-leader-kill", "leader": "datacollector",
                                     "set": ["gwsServices.gwsPlatformDatacollector.enabled=true",
                                             "gwsServices.gwsPlatformDatacollector.deployment.replicaCount=2"]},
    "operator-kill": {"duration": 2},
    # The same with a standby operator waiting (`gws-operator run --standby`): it takes over, the drill starts none.
    "operator-kill-standby": {"duration": 2, "base": "operator-kill", "standby": True,
                              "rollback": {"startOperatorAfter": None}},
    "operator-hang": {"duration": 4, "seconds": 3},
    # A planned handover (`gwsctl step-down`) to a standby operator.
    "operator-step-down-standby": {"duration": 2, "base": "operator-step-down", "standby": True,
                                   "rollback": {"startOperatorAfter": None}},
    # The two above with the operators electing their leader through a registry of their own
    # (`gws-operator registry`, `consul.address`): a cluster of its own.
    "operator-kill-registry": {"duration": 2, "base": "operator-kill", "standby": True, "registry": True,
                               "rollback": {"startOperatorAfter": None}},
    "operator-step-down-registry": {"duration": 2, "base": "operator-step-down", "standby": True,
                                    "registry": True, "rollback": {"startOperatorAfter": None}},
    # The leader paused past its lease (15 s): the standby is elected but acts only once the old
    # leader ran again and stepped down (the state directory's flock).
    "operator-hang-registry": {"duration": 16, "seconds": 15, "base": "operator-hang", "standby": True,
                               "registry": True, "rollback": {"startOperatorAfter": None}},
}

METRICS = ["detectionSeconds", "outOfRotationSeconds", "recoverySeconds", "promotedSeconds", "serviceRestoredSeconds"]


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


class Cluster:
    def __init__(self, bin_dir: Path, extra: tuple[str, ...] = (), registry: bool = False):
        self.bin_dir = bin_dir
        self.state = Path(tempfile.mkdtemp(prefix="gws-bench-drills-"))
        out = (self.state / "operator.out").open("ab")
        sets = [a for value in extra for a in ("--set", value)]
        self.registry = None
        if registry:
            port_file = self.state / "registry.port"
            self.registry = subprocess.Popen(
                [str(bin_dir / "gws-operator"), "registry", "--port", "0", "--port-file", str(port_file)],
                stdout=(self.state / "registry.out").open("ab"), stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, start_new_session=True)
            deadline = time.monotonic() + 20
            while not (port_file.exists() and port_file.read_text().strip()):
                if time.monotonic() > deadline:
                    raise RuntimeError("the registry did not start")
                time.sleep(0.1)
            sets += ["--set", "consul.address=127.0.0.1", "--set", f"consul.port={port_file.read_text().strip()}"]
        self.proc = subprocess.Popen(
            [str(bin_dir / "gws-operator"), "run", "--state-dir", str(self.state), *SPEC, *sets],
            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)

    def gwsctl(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
        return subprocess.run([str(self.bin_dir / "gwsctl"), *args, "--state-dir", str(self.state)],
                              capture_output=True, text=True, timeout=timeout)

    def wait_ready(self, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            result = self.gwsctl("status", "-o", "json", timeout=30)
            if result.returncode == 0 and json.loads(result.stdout).get("phase") == "Running" \
                    and (self.state / "credentials.json").exists():
                return
            time.sleep(0.5)
        raise RuntimeError(f"cluster not ready after {timeout} s")

    def wait_leader(self, role: str, timeout: float = 60) -> None:
        """Until an instance of `role` leads its elected singleton (after a kill the lock waits out TTL + lock-delay)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            result = self.gwsctl("status", "-o", "json", timeout=30)
            if result.returncode == 0 and any(i.get("role") == role and i.get("replication") == "leader"
                                              for i in json.loads(result.stdout).get("instances", [])):
                return
            time.sleep(0.5)
        raise RuntimeError(f"no {role} instance leads after {timeout} s")

    def ensure_standby(self) -> None:
        """A standby operator waits on the state directory (a new one once the last took over)."""
        if getattr(self, "standby", None) is not None and self.standby.poll() is None and not self._standby_leads():
            return
        out = (self.state / "operator-standby.out").open("ab")
        self.standby = subprocess.Popen(
            [str(self.bin_dir / "gws-operator"), "run", "--state-dir", str(self.state), "--standby"],
            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
        # A leader that lost its lock (a hang past the lease) stands by again: every one is stopped in down().
        self.standbys = getattr(self, "standbys", []) + [self.standby]
        time.sleep(0.5)

    def _standby_leads(self) -> bool:
        try:
            return json.loads((self.state / "operator.json").read_text()).get("pid") == self.standby.pid
        except (OSError, ValueError):
            return False

    def down(self) -> None:
        self.gwsctl("down", timeout=120)
        for standby in getattr(self, "standbys", []):
            if standby.poll() is None:
                standby.kill()
        if self.registry is not None:
            self.registry.kill()


def drill_file(kind: str, directory: Path) -> Path:
    base = KINDS[kind].get("base", kind)
    drill = yaml.safe_load((REPO / "examples" / "drills" / f"{base}.yaml").read_text())
    drill["name"] = kind
    if "target" in KINDS[kind]:
        drill["target"] = KINDS[kind]["target"]
    drill["warmup"] = 1
    drill["duration"] = KINDS[kind]["duration"]
    if "seconds" in KINDS[kind]:
        drill["fault"]["seconds"] = KINDS[kind]["seconds"]
    if "rollback" in KINDS[kind]:
        drill["rollback"] = KINDS[kind]["rollback"]
    path = directory / f"{kind}.yaml"
    path.write_text(yaml.safe_dump(drill))
    return path


def run_kind(cluster: Cluster, kind: str, runs: int, work: Path, settle: float = 0) -> list[dict]:
    """Runs one kind's drill `runs` times, each once every instance is ready again (and `settle` s later)."""
    path = drill_file(kind, work)
    reports = []
    for n in range(runs):
        cluster.wait_ready()
        if KINDS[kind].get("standby"):
            cluster.ensure_standby()
        if KINDS[kind].get("leader"):
            cluster.wait_leader(KINDS[kind]["leader"])
        time.sleep(settle)
        output = work / f"{kind}-{n}.json"
        result = cluster.gwsctl("drill", "run", str(path), "--output", str(output))
        if not output.exists():
            print(f"{kind} #{n}: no report (exit {result.returncode}): {result.stderr.strip()}", file=sys.stderr)
            continue
        report = json.loads(output.read_text())
        reports.append(report)
        print(f"{kind} #{n}: {'passed' if report['passed'] else 'FAILED'} detection {fmt(report['detectionSeconds'])} "
              f"out {fmt(report['outOfRotationSeconds'])} recovery {fmt(report['recoverySeconds'])} "
              f"promoted {fmt(report.get('promotedSeconds'))} "
              f"restored {fmt(report['serviceRestoredSeconds'])} failed {report['requests']['failed']}/"
              f"{report['requests']['sent']} lost {report['writes']['lost']} "
              f"latency max {fmt(report['requests'].get('latency', {}).get('max'))}", flush=True)
    return reports


def summarize(kind: str, reports: list[dict]) -> dict:
    row: dict = {"kind": kind, "runs": len(reports)}
    for metric in METRICS:
        values = [r[metric] for r in reports if r.get(metric) is not None]
        row[metric] = {"p50": percentile(values, 0.5), "p95": percentile(values, 0.95), "observed": len(values)}
    failed = [r["requests"]["failed"] for r in reports]
    sent = [r["requests"]["sent"] for r in reports]
    row["failedRequests"] = {"p50": percentile(failed, 0.5), "p95": percentile(failed, 0.95), "max": max(failed, default=0),
                             "total": sum(failed), "sent": sum(sent), "runsWithFailures": sum(1 for f in failed if f)}
    longest = [r["requests"]["latency"]["max"] for r in reports if "latency" in r["requests"]]
    row["longestRequest"] = {"p50": percentile(longest, 0.5), "p95": percentile(longest, 0.95)}
    row["lostWrites"] = sum(r["writes"]["lost"] for r in reports)
    row["acknowledgedWrites"] = sum(r["writes"]["acknowledged"] for r in reports)
    row["sessionsInvalidRuns"] = sum(1 for r in reports if r["sessions"]["valid"] != r["sessions"]["agents"])
    row["passed"] = sum(1 for r in reports if r["passed"])
    row["aborted"] = sum(1 for r in reports if r["aborted"])
    return row


def fmt(value) -> str:
    return "—" if value is None else f"{value:.3f}"


def table(rows: list[dict], runs: int, bin_dir: str) -> str:
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on this machine (2 cores, shared), debug build "
        f"(`{bin_dir}`), {runs} runs per kind unless the runs column says otherwise; seconds after the fault, "
        "p50 / p95 (nearest rank); \"—\" = never observed for this kind.",
        "",
        "| drill | runs | detection | out of rotation | recovery | promoted | service restored | longest request | failed requests p50 / p95 / max (total of sent) | lost writes | runs with sessions lost | passed |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        m = {k: f"{fmt(r[k]['p50'])} / {fmt(r[k]['p95'])}" for k in METRICS if k in r}
        lr = r.get("longestRequest") or {}
        longest = f"{fmt(lr.get('p50'))} / {fmt(lr.get('p95'))}"
        f = r["failedRequests"]
        lines.append(
            f"| {r['kind']} | {r['runs']} | {m['detectionSeconds']} | {m['outOfRotationSeconds']} | {m['recoverySeconds']} "
            f"| {m.get('promotedSeconds', '— / —')} | {m['serviceRestoredSeconds']} | {longest} "
            f"| {f['p50']} / {f['p95']} / {f['max']} ({f['total']} of {f['sent']}) "
            f"| {r['lostWrites']} of {r['acknowledgedWrites']} | {r['sessionsInvalidRuns']} | {r['passed']}/{r['runs']} |")
    return "\n".join(lines)


def write_docs(path: Path, text: str) -> None:
    begin, end = "<!-- bench-drills:begin -->", "<!-- bench-drills:end -->"
    content = path.read_text() if path.exists() else f"{begin}\n{end}\n"
    head, rest = content.split(begin, 1)
    _, tail = rest.split(end, 1)
    path.write_text(f"{head}{begin}\n{text}\n{end}{tail}")


def stop(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


def main() -> int:
    # Stop cleanly (the cluster goes down) on SIGTERM, and on SIGINT even when started in the background.
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--runs-of", action="append", default=[], metavar="KIND=N",
                        help="a different number of runs for one kind (repeatable)")
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--bin-dir", default=".build/debug")
    parser.add_argument("--docs", help="write the table into this Markdown file (between the markers)")
    parser.add_argument("--json", help="write every summary and report here")
    parser.add_argument("--settle", type=float, default=0,
                        help="seconds to wait after the cluster is ready again, before each run")
    parser.add_argument("--merge", action="store_true",
                        help="keep the kinds of an existing --json file that this run does not repeat")
    args = parser.parse_args()
    bin_dir = (REPO / args.bin_dir).resolve() if not Path(args.bin_dir).is_absolute() else Path(args.bin_dir)
    kinds = [k for k in args.kinds.split(",") if k]
    for kind in kinds:
        if kind not in KINDS:
            parser.error(f"unknown kind {kind}; kinds: {', '.join(KINDS)}")

    runs_of = {k: int(n) for k, n in (item.split("=", 1) for item in args.runs_of)}
    rows, everything = [], {}
    groups: dict[tuple[tuple[str, ...], bool], list[str]] = {}
    for kind in kinds:
        groups.setdefault((tuple(KINDS[kind].get("set", [])), bool(KINDS[kind].get("registry"))), []).append(kind)
    for (extra, registry), group in groups.items():
        cluster = Cluster(bin_dir, extra, registry)
        try:
            cluster.wait_ready()
            work = cluster.state / "bench"
            work.mkdir()
            for kind in group:
                reports = run_kind(cluster, kind, runs_of.get(kind, args.runs), work, args.settle)
                rows.append(summarize(kind, reports))
                everything[kind] = reports
        finally:
            cluster.down()
    rows.sort(key=lambda r: list(KINDS).index(r["kind"]))
    if args.merge and args.json and Path(args.json).exists():
        previous = json.loads(Path(args.json).read_text())
        ran = {r["kind"] for r in rows}
        kept = {kind: summarize(kind, reports) for kind, reports in previous["reports"].items()
                if kind not in ran and kind in KINDS}
        rows = sorted(rows + list(kept.values()), key=lambda r: list(KINDS).index(r["kind"]))
        everything = {**{k: v for k, v in previous["reports"].items() if k in kept}, **everything}
    text = table(rows, args.runs, args.bin_dir)
    print(text)
    if args.docs:
        write_docs(Path(args.docs), text)
    if args.json:
        Path(args.json).write_text(json.dumps({"summary": rows, "reports": everything}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
