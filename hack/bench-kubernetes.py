#!/usr/bin/env python3
"""Benchmark of `gws-kube-operator run --kubernetes` (what the chart runs) with N GWSDeployments in the API stand-in.

Measures, against hack/kube-standin (an in-memory stand-in, not a real API
server: see its README):

1. the initial sync: N GWSDeployments (examples/kubernetes/gwsdeployment-minimal.yaml,
   37 objects each, one per namespace) created before the operator starts;
   time until every one has status.observedGeneration, reconciles/s, API requests;
2. a readiness wave: every Deployment reported ready at once (what
   kube-controller-manager would do), time until every status is Running;
3. an idle period (default 60 s): reconciles (operator metric) and writes
   (stand-in request log) during it; Lease renewals are counted apart;
4. the operator's resident memory (VmRSS, and VmHWM, the peak) after each phase.

Usage: .venv/bin/python hack/bench-kubernetes.py [--count 1000] [--idle 60] [--workers 4] [--bin-dir DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "hack" / "kube-standin"))

from harness import Operator, StandIn, tempdir, wait_for  # noqa: E402


def memory(op: Operator) -> tuple[float, float]:
    fields = {}
    for line in Path(f"/proc/{op.proc.pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        fields[name] = value.strip()
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return round((int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"), 1)


def statuses(standin: StandIn) -> list[dict]:
    items = standin.get("/apis/gws.genesys.com/v1alpha1/gwsdeployments")["items"]
    return [o.get("status") or {} for o in items]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--idle", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--bin-dir", help="where gws-operator is (default: $GWS_BIN_DIR or .build/debug)")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()
    if args.bin_dir:
        os.environ["GWS_BIN_DIR"] = args.bin_dir

    spec = yaml.safe_load((REPO / "examples/kubernetes/gwsdeployment-minimal.yaml").read_text())["spec"]
    work = tempdir("gws-bench-k8s-")
    standin = StandIn(work, bookmark_interval=60.0)
    results: dict = {"count": args.count, "workers": args.workers, "binary": os.environ.get("GWS_BIN_DIR", ".build/debug")}
    op = None
    try:
        started = time.monotonic()
        for i in range(args.count):
            standin.create_gwsd(f"bench-{i:04d}", "gws", spec)
        results["create_seconds"] = round(time.monotonic() - started, 1)
        print(f"created {args.count} GWSDeployments in {results['create_seconds']} s", flush=True)

        seq0 = standin.seq()
        started = time.monotonic()
        op = Operator(standin, work, name="bench", leader_elect=True, extra=[f"--workers={args.workers}"])

        def synced():
            done = sum(1 for s in statuses(standin) if s.get("observedGeneration") == 1)
            return done == args.count
        wait_for(synced, 3600, "every GWSDeployment reconciled", interval=1.0)
        elapsed = time.monotonic() - started
        requests = standin.requests_since(seq0)
        reconciles = op.reconciles()
        rss, peak = memory(op)
        results["initial"] = {
            "seconds": round(elapsed, 1),
            "reconciles": reconciles,
            "reconciles_per_second": round(reconciles / elapsed, 1),
            "api_requests": len(requests),
            "api_requests_per_second": round(len(requests) / elapsed, 1),
            "errors": op.metric("controller_runtime_reconcile_errors_total"),
            "operator_cpu_seconds": cpu_seconds(op.proc.pid),
            "standin_cpu_seconds": cpu_seconds(standin.proc.pid),
            "rss_mib": round(rss, 1),
            "peak_rss_mib": round(peak, 1),
        }
        print("initial sync:", json.dumps(results["initial"]), flush=True)

        seq1 = standin.seq()
        before = op.reconciles()
        started = time.monotonic()
        standin.control("deployments-ready")

        def running():
            return sum(1 for s in statuses(standin) if s.get("phase") == "Running") == args.count
        wait_for(running, 3600, "every GWSDeployment Running", interval=1.0)
        elapsed = time.monotonic() - started
        time.sleep(2)
        requests = standin.requests_since(seq1)
        rss, peak = memory(op)
        results["readiness_wave"] = {
            "seconds": round(elapsed, 1),
            "reconciles": op.reconciles() - before,
            "status_writes": sum(1 for r in requests if r["path"].endswith("/status")),
            "api_requests": len(requests),
            "rss_mib": round(rss, 1),
            "peak_rss_mib": round(peak, 1),
        }
        print("readiness wave:", json.dumps(results["readiness_wave"]), flush=True)

        time.sleep(3)
        seq2 = standin.seq()
        before = op.reconciles()
        print(f"idle for {args.idle:.0f} s…", flush=True)
        time.sleep(args.idle)
        requests = [r for r in standin.requests_since(seq2) if not r["watch"]]
        lease = [r for r in requests if "/leases/" in r["path"]]
        other = [r for r in requests if "/leases/" not in r["path"]]
        rss, peak = memory(op)
        results["idle"] = {
            "seconds": args.idle,
            "reconciles": op.reconciles() - before,
            "writes": sum(1 for r in other if r["method"] != "GET"),
            "other_requests": len(other),
            "lease_requests": len(lease),
            "lease_writes": sum(1 for r in lease if r["method"] != "GET"),
            "rss_mib": round(rss, 1),
            "peak_rss_mib": round(peak, 1),
        }
        print("idle:", json.dumps(results["idle"]), flush=True)
    finally:
        if op is not None:
            op.stop()
        standin.stop()
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n")
    ok = results["idle"]["reconciles"] == 0 and results["idle"]["writes"] == 0
    print(json.dumps(results, indent=2))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
