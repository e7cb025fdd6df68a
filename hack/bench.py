#!/usr/bin/env python3
"""Benchmarks for issue 2, against the real binaries (stdlib only).

  python3 hack/bench.py [--runs N] [--kills N] [--bin DIR]

Measures, with the binaries already built:
  1. time from starting the operator (examples/local.yaml, 2 replicas per role)
     to every instance ready, over --runs runs;
  2. time from `kill -9` of an instance to its replacement started (new pid
     recorded) and to the replacement ready, over --kills kills;
  3. operator resident memory (VmRSS) with that one deployment;
  4. operator VmRSS managing 1,000 instances, simulated with a stand-in
     service binary (`sleep`) since 1,000 real services do not fit here.
Prints a Markdown table; docs/benchmarks.md records a run.
"""
import argparse, json, os, random, shutil, signal, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def pct(values, p):
    values = sorted(values)
    if not values:
        return float("nan")
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


class Cluster:
    def __init__(self, bindir, args, env=None):
        self.bindir = bindir
        self.state = tempfile.mkdtemp(prefix="gws-bench-")
        self.log = open(os.path.join(self.state, "bench-operator.out"), "w")
        e = dict(os.environ)
        e.update(env or {})
        self.t0 = time.monotonic()
        self.proc = subprocess.Popen(
            [os.path.join(bindir, "gws-operator"), "run", "--state-dir", self.state] + args,
            stdout=self.log, stderr=self.log, env=e, start_new_session=True)

    def status(self):
        out = subprocess.run([os.path.join(self.bindir, "gwsctl"), "status", "-o", "json", "--state-dir", self.state],
                             capture_output=True, text=True)
        if out.returncode != 0:
            return None
        return json.loads(out.stdout)

    def wait(self, pred, timeout=120, interval=0.02):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            s = self.status()
            if s and pred(s):
                return s
            time.sleep(interval)
        raise RuntimeError("timeout; see " + self.state)

    def rss_kib(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def down(self):
        subprocess.run([os.path.join(self.bindir, "gwsctl"), "down", "--state-dir", self.state],
                       capture_output=True, timeout=120)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
        shutil.rmtree(self.state, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--bin", default=os.path.join(ROOT, ".build", "debug"))
    ap.add_argument("--simulated", type=int, default=1000)
    a = ap.parse_args()
    two = ["-f", os.path.join(ROOT, "examples", "local.yaml"), "--set",
           "gwsServices.gwsServiceProxy.service.port=0,gwsServices.gwsServiceProxy.tls.port=0"]
    for key in ["gwsServiceProxy", "gwsAppWorkspace", "gwsAppProvisioning", "gwsPlatformConfiguration",
                "gwsPlatformSetting", "gwsPlatformStatistics", "gwsPlatformDatacollector", "gwsPlatformVoice",
                "gwsPlatformIxn", "gwsUiProvisioning"]:
        two += ["--set", f"gwsServices.{key}.deployment.replicaCount=2"]
    two += ["--set", "externals.auth.deployment.replicaCount=2,externals.tenant.deployment.replicaCount=2"]

    ready_times, instances = [], 0
    for _ in range(a.runs):
        c = Cluster(a.bin, two)
        s = c.wait(lambda s: s["phase"] == "Running")
        ready_times.append(time.monotonic() - c.t0)
        instances = s["desiredInstances"]
        c.down()

    c = Cluster(a.bin, two)
    c.wait(lambda s: s["phase"] == "Running")
    time.sleep(2)
    rss_one = c.rss_kib()
    started, ready = [], []
    # Distinct victims: a second crash of the same instance within
    # stableRunSeconds is a crash loop and waits out its backoff on purpose.
    first = c.status()
    names = [i["instance"] for i in first["instances"] if i["role"] != "proxy"]
    random.shuffle(names)
    for n in range(a.kills):
        s = c.wait(lambda s: s["phase"] == "Running")
        victim = next(i for i in s["instances"] if i["instance"] == names[n % len(names)])
        t0 = time.monotonic()
        os.kill(victim["pid"], signal.SIGKILL)
        c.wait(lambda s: any(i["instance"] == victim["instance"] and i.get("pid") not in (None, victim["pid"])
                             for i in s["instances"]), interval=0.005)
        started.append(time.monotonic() - t0)
        c.wait(lambda s: any(i["instance"] == victim["instance"] and i["ready"] and i.get("pid") != victim["pid"]
                             for i in s["instances"]), interval=0.01)
        ready.append(time.monotonic() - t0)
        time.sleep(0.2)
    c.down()

    # 1,000 managed instances with a stand-in binary (probes fail; the operator still supervises them).
    stub_dir = tempfile.mkdtemp(prefix="gws-stub-")
    stub = os.path.join(stub_dir, "gws-service")
    with open(stub, "w") as f:
        f.write("#!/bin/sh\nexec sleep 600\n")
    os.chmod(stub, 0o755)
    many = ["--set", "gwsServices.gwsAppWorkspace.deployment.replicaCount=%d" % a.simulated,
            "--set", "probes.startup.failureThreshold=1000"]
    c = Cluster(a.bin, many, env={"GWS_SERVICE_BINARY": stub})
    s = c.wait(lambda s: sum(1 for i in s["instances"] if i.get("pid")) >= s["desiredInstances"], timeout=300, interval=0.5)
    time.sleep(5)
    rss_many = c.rss_kib()
    managed = s["desiredInstances"]
    c.down()
    shutil.rmtree(stub_dir, ignore_errors=True)

    print(f"| measurement | runs | p50 | p95 | max |")
    print(f"|---|---|---|---|---|")
    print(f"| operator start → all {instances} instances ready | {len(ready_times)} | {pct(ready_times,50):.2f} s | {pct(ready_times,95):.2f} s | {max(ready_times):.2f} s |")
    print(f"| kill -9 → replacement started (new pid) | {len(started)} | {pct(started,50)*1000:.0f} ms | {pct(started,95)*1000:.0f} ms | {max(started)*1000:.0f} ms |")
    print(f"| kill -9 → replacement ready | {len(ready)} | {pct(ready,50)*1000:.0f} ms | {pct(ready,95)*1000:.0f} ms | {max(ready)*1000:.0f} ms |")
    print(f"| operator VmRSS, 1 deployment ({instances} instances) | 1 | {rss_one/1024:.1f} MiB | | |")
    print(f"| operator VmRSS, {managed} instances (stand-in binary) | 1 | {rss_many/1024:.1f} MiB | | |")


if __name__ == "__main__":
    main()
