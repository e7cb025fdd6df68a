#!/usr/bin/env python3
"""Agent load benchmark for issue 4: N agents on CometD, changing state.

  .venv/bin/python hack/bench-agents.py --agents 100,1000 [--bin-dir .build/release]

For each N it starts a cluster of its own (`gws-operator run --state-dir <tmp>`,
all ports ephemeral), provisions N agents, drives them through the proxy and
stops the cluster (`gwsctl down`). Every agent:

  1. POST /workspace/v3/initialize-workspace (keeps the WORKSPACE_SESSIONID cookie);
  2. CometD (raw Bayeux long-polling over aiohttp) at /workspace/v3/notifications:
     handshake with the cookie, subscribe /workspace/v3/voice, then a /meta/connect
     loop that always holds one long poll;
  3. POST /workspace/v3/activate-channels {"data": {}} (login on the default place's DN);
  4. every --interval seconds (uniformly random in the range) alternates
     POST voice/ready and voice/not-ready and measures the time from sending the
     request to receiving the matching DnStateChanged (agentState Ready/NotReady)
     on its long poll.

Agents connect gradually (--ramp-rate per second); after --warmup seconds the
measurement window of --duration seconds starts: only requests sent inside it
count. Failures are HTTP errors (status != 200 or envelope code != 1),
transport errors, and events that did not arrive within --event-timeout.

Provisioning shortcut: agents are persons WITHOUT passwords (PBKDF2 on
thousands of users is slow), each with a DN and a place, created with the
Configuration API (`POST /configuration/v3/dns|places|persons`) using the demo
tenant admin's token; each agent's access token is minted here with the
cluster's HS256 key (`<state>/secrets/jwt.key`) and the claims the auth role
puts in a password-grant token (sub = person dbid, userName, tenant,
authorities ["ROLE_AGENT"], clientId, iat, exp, jti).

Memory: RSS of the workspace (all replicas), voice and proxy processes, the
sum of RSS of every GWS process (the operator and its gws-service instances)
and the sum of PSS of every cluster process (the operator's descendants,
PostgreSQL backends and Redis included: their RSS counts shared buffers once
per backend, so PSS is the honest total), after provisioning, before any agent
connects, and at the end of the measurement window; per agent = delta / N.
CPU seconds of each cluster process in the window are reported too, with the
load generator's own (it shares the cores) and the rest of the machine's
("others": on a shared machine, other people's builds). The event-loop lag of
the load generator (how late a 50 ms sleep wakes) says when the client itself
was starved. At the end, failures are summed up by reason, with the instances
the operator restarted.

Load generator (--generator): `swift` (the default once built) runs each of the --workers as
Benchmarks' `agent-load` (SwiftNIO, every agent on one event-loop thread; build it with
`nice -n 19 swift build -c release --package-path Benchmarks --product agent-load`): it gets
`cfg` and its agents as JSON and prints the result worker_main would send, with the same
protocol, measurements, failure classes and lag probe. `python` runs the Agent/Worker classes
below (aiohttp, uvloop), which at 1,000 agents cost ~2.7× the CPU (0.33 vs 0.12 cores) and whose
event loop lags 35–53 ms at p99 (3–4 ms for agent-load): docs/benchmarks.md.

Prints a Markdown table; --json writes every number. docs/benchmarks.md records runs.
"""
from __future__ import annotations

import argparse
import asyncio
import base64
import hashlib
import hmac
import json
import multiprocessing as mp
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid

try:
    import aiohttp
    import psutil
except ImportError as error:  # pragma: no cover
    sys.exit(f"{error}: run with the repository's .venv/bin/python (pip install -r hack/pytests/requirements.txt)")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VOICE = "/workspace/v3/voice"
NOTIFICATIONS = "/workspace/v3/notifications"
# Store processes (RSS of PostgreSQL backends counts the shared buffers they touch: see PSS).
STORES = {"postgres", "redis", "elasticsearch", "osmem"}


def pct(values, p):
    values = sorted(values)
    if not values:
        return float("nan")
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def mint_token(key: bytes, *, dbid: int, user: str, tenant: str, client_id: str, lifetime: int = 4 * 3600) -> str:
    """An HS256 JWT with the claims of `AccessTokenClaims` (as AuthTokenIssuer signs them)."""
    now = int(time.time())
    claims = {"authorities": ["ROLE_AGENT"], "clientId": client_id, "exp": now + lifetime, "iat": now,
              "jti": str(uuid.uuid4()), "sub": str(dbid), "tenant": tenant, "userName": user}
    signing_input = b64url(b'{"alg":"HS256","typ":"JWT"}') + "." + b64url(
        json.dumps(claims, sort_keys=True, separators=(",", ":")).encode())
    return signing_input + "." + b64url(hmac.new(key, signing_input.encode(), hashlib.sha256).digest())


# ----------------------------------------------------------------------------- cluster

class Cluster:
    def __init__(self, bindir: str, args: list[str]):
        self.bindir = bindir
        self.state = tempfile.mkdtemp(prefix="gws-bench-agents-")
        self.log = open(os.path.join(self.state, "bench-operator.out"), "w")
        self.proc = subprocess.Popen(
            [os.path.join(bindir, "gws-operator"), "run", "--state-dir", self.state] + args,
            stdout=self.log, stderr=self.log, stdin=subprocess.DEVNULL, start_new_session=True)

    def status(self):
        out = subprocess.run([os.path.join(self.bindir, "gwsctl"), "status", "-o", "json", "--state-dir", self.state],
                             capture_output=True, text=True, timeout=60)
        if out.returncode != 0:
            return None
        try:
            return json.loads(out.stdout)
        except json.JSONDecodeError:
            return None

    def wait_running(self, timeout=300):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gws-operator exited with {self.proc.returncode}; see {self.state}")
            s = self.status()
            if s and s.get("phase") == "Running":
                return s
            time.sleep(0.5)
        raise RuntimeError("cluster not running; see " + self.state)

    def credentials(self, timeout=120):
        path = os.path.join(self.state, "credentials.json")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with open(path) as f:
                    return json.load(f)
            except (OSError, json.JSONDecodeError):
                time.sleep(0.2)
        raise RuntimeError(f"no {path}")

    def processes(self) -> list[psutil.Process]:
        try:
            root = psutil.Process(self.proc.pid)
            return [root] + root.children(recursive=True)
        except psutil.NoSuchProcess:
            return []

    def down(self, keep: bool):
        subprocess.run([os.path.join(self.bindir, "gwsctl"), "down", "--state-dir", self.state],
                       capture_output=True, timeout=180)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
        if not keep:
            shutil.rmtree(self.state, ignore_errors=True)
            # As root with a private (0700) state dir, the operator keeps PostgreSQL's data in
            # /var/lib/gws-operator/<FNV-1a of the state path> (LocalStores.postgresHome).
            h = 0xCBF29CE484222325
            for byte in os.path.normpath(self.state).encode():
                h = ((h ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
            shutil.rmtree(f"/var/lib/gws-operator/{h:x}", ignore_errors=True)


class Sampler:
    """RSS and CPU time of the cluster's processes, by role."""

    def __init__(self, cluster: Cluster, status: dict):
        self.cluster = cluster
        self.roles = {}
        for inst in status.get("instances", []):
            if inst.get("pid"):
                self.roles[inst["pid"]] = inst.get("role") or inst.get("instance")
        self.roles[cluster.proc.pid] = "operator"

    def sample(self) -> dict:
        """{"total": rss bytes, "<role>": rss bytes, "cpu": {role: seconds}}"""
        out = {"total": 0, "pss_total": 0, "cpu": {}, "cpu_total": 0.0}
        for p in self.cluster.processes():
            try:
                mem = p.memory_full_info()  # rss, and pss (shared pages split among their users)
                rss = mem.rss
                out["pss_total"] += getattr(mem, "pss", 0)
                cpu = p.cpu_times()
                cpu_s = cpu.user + cpu.system
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
            role = self.roles.get(p.pid)
            if role is None:
                try:
                    role = "other:" + p.name()
                except psutil.Error:
                    role = "other"
            out["total"] += rss
            if role not in STORES and not role.startswith("other:"):
                out["services"] = out.get("services", 0) + rss
            out[role] = out.get(role, 0) + rss
            out["cpu"][role] = out["cpu"].get(role, 0.0) + cpu_s
            out["cpu_total"] += cpu_s
        return out


# ----------------------------------------------------------------------------- provisioning

async def provision(proxy: str, creds: dict, n: int, concurrency: int, prefix: str) -> list[dict]:
    """N persons (no password) + a DN and a place each, via the Configuration API."""
    tenant = creds["tenant"]
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=concurrency)) as http:
        async with http.post(f"{proxy}/auth/v3/oauth/token", data={
                "grant_type": "password", "username": f"{tenant}\\{creds['admin']['username']}",
                "password": creds["admin"]["password"], "client_id": "agent-setup"}) as r:
            body = await r.json()
            if r.status != 200:
                raise RuntimeError(f"admin token: {r.status} {body}")
            admin = {"Authorization": f"Bearer {body['access_token']}"}

        async def post(path, data):
            for attempt in range(5):
                async with http.post(f"{proxy}/configuration/v3/{path}", json={"data": data}, headers=admin) as r:
                    body = await r.json(content_type=None)
                    if r.status == 200:
                        return body["data"]
                    if r.status < 500 or attempt == 4:
                        raise RuntimeError(f"POST {path} {data}: {r.status} {body}")
                await asyncio.sleep(0.5 * (attempt + 1))

        sem = asyncio.Semaphore(concurrency)

        async def one(i):
            async with sem:
                dn = str(50000 + i)
                place = f"{prefix}_place_{i:05d}"
                user = f"{prefix}{i:05d}"
                await post("dns", {"number": dn})
                await post("places", {"name": place, "dn": dn})
                person = (await post("persons", {
                    "userName": user, "firstName": "Bench", "lastName": f"Agent{i}", "employeeId": f"B{i:05d}",
                    "isAgent": True, "agentLogin": user, "defaultPlace": place}))["person"]
                return {"i": i, "user": user, "dbid": person["dbid"], "dn": dn, "place": place}

        return list(await asyncio.gather(*(one(i) for i in range(n))))


# ----------------------------------------------------------------------------- the agents (worker processes)

class Agent:
    def __init__(self, w: "Worker", spec: dict):
        self.w = w
        self.spec = spec
        self.auth = {"Authorization": f"Bearer {spec['token']}"}
        self.headers = dict(self.auth)
        self.client_id = None
        self.msg_id = 0
        self.pending = None  # (target state, future)
        self.last_event = None
        self.connected = asyncio.Event()

    def next_id(self):
        self.msg_id += 1
        return str(self.msg_id)

    async def bayeux(self, messages):
        async with self.w.http.post(self.w.proxy + NOTIFICATIONS, json=messages, headers=self.headers,
                                    timeout=self.w.poll_timeout) as r:
            if r.status != 200:
                raise RuntimeError(f"bayeux HTTP {r.status}: {(await r.text())[:200]}")
            return await r.json(content_type=None)

    async def handshake(self):
        reply = await self.bayeux([{"channel": "/meta/handshake", "version": "1.0", "minimumVersion": "1.0",
                                    "supportedConnectionTypes": ["long-polling"], "id": self.next_id()}])
        hs = next(m for m in reply if m.get("channel") == "/meta/handshake")
        if not hs.get("successful"):
            raise RuntimeError(f"handshake refused: {hs}")
        self.client_id = hs["clientId"]
        reply = await self.bayeux([{"channel": "/meta/subscribe", "clientId": self.client_id,
                                    "subscription": VOICE, "id": self.next_id()}])
        self.dispatch(reply)
        sub = next((m for m in reply if m.get("channel") == "/meta/subscribe"), {})
        if not sub.get("successful"):
            raise RuntimeError(f"subscribe refused: {sub}")

    def dispatch(self, messages):
        now = time.monotonic()
        rehandshake = False
        for m in messages:
            channel = m.get("channel")
            if channel == "/meta/connect":
                if not m.get("successful"):
                    # Unknown client (e.g. swept for inactivity) or advice reconnect=handshake.
                    rehandshake = True
            elif channel == VOICE:
                data = m.get("data") or {}
                if data.get("messageType") != "DnStateChanged":
                    continue
                state = (data.get("dn") or {}).get("agentState")
                self.last_event = state
                if self.pending and not self.pending[1].done() and state == self.pending[0]:
                    self.pending[1].set_result(now)
        return rehandshake

    async def poll(self):
        first = True
        while not self.w.stopping:
            msg = {"channel": "/meta/connect", "clientId": self.client_id, "connectionType": "long-polling",
                   "id": self.next_id()}
            if first:
                msg["advice"] = {"timeout": 0}
            try:
                reply = await self.bayeux([msg])
            except asyncio.CancelledError:
                raise
            except Exception as error:  # noqa: BLE001
                if self.w.stopping:
                    return
                self.w.count("connect_errors", repr(error))
                await asyncio.sleep(1)
                continue
            first = False
            self.connected.set()
            if self.dispatch(reply):
                self.w.count("rehandshakes", str([m for m in reply if m.get("channel") == "/meta/connect"])[:200])
                try:
                    await self.handshake()
                except Exception as error:  # noqa: BLE001
                    self.w.count("connect_errors", repr(error))
                    await asyncio.sleep(1)
                first = True

    async def command(self, path, target, data=None):
        """(http seconds, event seconds or None, error or None); `path` under /workspace/v3."""
        fut = asyncio.get_running_loop().create_future()
        self.pending = (target, fut)
        t0 = time.monotonic()
        error = None
        http_s = None
        try:
            async with self.w.http.post(f"{self.w.proxy}/workspace/v3/{path}", json={"data": data or {}},
                                        headers=self.headers, timeout=self.w.request_timeout) as r:
                body = await r.json(content_type=None)
                http_s = time.monotonic() - t0
                if r.status != 200 or (body.get("status") or {}).get("code") != 1:
                    error = f"HTTP {r.status} {str(body.get('status'))[:160]}"
        except asyncio.CancelledError:
            raise
        except Exception as error_:  # noqa: BLE001
            error = f"transport {type(error_).__name__}: {error_}"[:200]
        if error:
            self.pending = None
            return t0, http_s, None, error
        try:
            t1 = await asyncio.wait_for(fut, self.w.event_timeout - (time.monotonic() - t0))
            return t0, http_s, t1 - t0, None
        except (asyncio.TimeoutError, ValueError):
            return t0, http_s, None, "timeout"
        finally:
            self.pending = None

    async def run(self):
        w = self.w
        try:
            t0 = time.monotonic()
            async with w.http.post(f"{w.proxy}/workspace/v3/initialize-workspace", headers=self.auth,
                                   timeout=w.request_timeout) as r:
                body = await r.json(content_type=None)
                cookie = r.cookies.get("WORKSPACE_SESSIONID")
                if r.status != 200 or not cookie:
                    raise RuntimeError(f"initialize-workspace: {r.status} {str(body)[:200]}")
            self.headers = {**self.auth, "Cookie": f"WORKSPACE_SESSIONID={cookie.value}"}
            await self.handshake()
            w.tasks.append(asyncio.ensure_future(self.poll()))
            await asyncio.wait_for(self.connected.wait(), w.event_timeout)
            data = {"dn": self.spec["dn"]} if w.activate_dn else {}
            _, _, event_s, error = await self.command("activate-channels", "LoggedIn", data)
            if error:
                raise RuntimeError(f"activate-channels: {error}")
            w.setup_s.append(time.monotonic() - t0)
            w.activation_s.append(event_s)
        except asyncio.CancelledError:
            raise
        except Exception as error:  # noqa: BLE001
            w.count("setup_failures", repr(error)[:300])
            return
        w.ready_agents += 1
        ready_state = self.last_event == "Ready"
        # Spread the first changes over one interval so agents do not move in lockstep.
        await asyncio.sleep(random.uniform(0, w.interval[1]))
        while time.monotonic() < w.measure_end:
            target = "NotReady" if ready_state else "Ready"
            t_send, http_s, event_s, error = await self.command(
                "voice/not-ready" if ready_state else "voice/ready", target)
            counted = w.measure_start <= t_send < w.measure_end
            if error is None:
                ready_state = not ready_state
            elif error != "timeout":
                # A refused command names the DN's state ("DN 50001 is Ready: ready is not allowed"):
                # a command whose answer was lost may have been applied.
                m = re.search(r"is (Ready|NotReady|LoggedIn)\b", error)
                ready_state = (m.group(1) if m else self.last_event) == "Ready"
            if counted:
                w.sent += 1
                if error is None:
                    w.latencies.append(event_s)
                    w.http_latencies.append(http_s)
                elif error == "timeout":
                    w.count("event_timeouts", f"{target} after {w.event_timeout}s")
                    if http_s is not None:
                        w.http_latencies.append(http_s)
                else:
                    w.count("http_errors", error)
            await asyncio.sleep(random.uniform(*w.interval))


class Worker:
    def __init__(self, cfg: dict):
        self.proxy = cfg["proxy"]
        self.interval = cfg["interval"]
        self.event_timeout = cfg["event_timeout"]
        self.activate_dn = cfg["activate_dn"]
        self.start = cfg["start"]
        self.ramp_rate = cfg["ramp_rate"]
        self.measure_start = cfg["measure_start"]
        self.measure_end = cfg["measure_end"]
        self.poll_timeout = aiohttp.ClientTimeout(total=120)
        self.request_timeout = aiohttp.ClientTimeout(total=max(30.0, self.event_timeout))
        self.stopping = False
        self.tasks = []
        self.sent = 0
        self.ready_agents = 0
        self.latencies, self.http_latencies = [], []
        self.setup_s, self.activation_s = [], []
        self.counts, self.examples, self.reasons = {}, {}, {}
        self.lag = []

    def count(self, what, example):
        self.counts[what] = self.counts.get(what, 0) + 1
        self.examples.setdefault(what, example)
        # Also by reason (numbers and ports folded), so a summary says which limit was hit.
        reason = what + ": " + re.sub(r"\d+", "N", example)[:140]
        self.reasons[reason] = self.reasons.get(reason, 0) + 1

    async def lag_probe(self):
        """Event-loop lag: how late a 50 ms sleep wakes up (the client's own saturation)."""
        while not self.stopping:
            t = time.monotonic()
            await asyncio.sleep(0.05)
            if self.measure_start <= t < self.measure_end:
                self.lag.append(time.monotonic() - t - 0.05)

    async def main(self, agents):
        connector = aiohttp.TCPConnector(limit=0, ttl_dns_cache=None, keepalive_timeout=60)
        self.http = aiohttp.ClientSession(connector=connector, cookie_jar=aiohttp.DummyCookieJar())
        probe = asyncio.ensure_future(self.lag_probe())
        runs = []
        for spec in agents:
            at = self.start + spec["order"] / self.ramp_rate
            delay = at - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            runs.append(asyncio.ensure_future(Agent(self, spec).run()))
        cpu0 = cpu1 = None
        while time.monotonic() < self.measure_start:
            await asyncio.sleep(min(0.5, max(0.0, self.measure_start - time.monotonic())))
        ru = resource.getrusage(resource.RUSAGE_SELF)
        cpu0 = ru.ru_utime + ru.ru_stime
        await asyncio.sleep(max(0.0, self.measure_end - time.monotonic()))
        ru = resource.getrusage(resource.RUSAGE_SELF)
        cpu1 = ru.ru_utime + ru.ru_stime
        # Let the last commands of the window finish (each waits at most event_timeout).
        await asyncio.wait(runs, timeout=self.event_timeout + 5)
        self.stopping = True
        for t in runs + self.tasks + [probe]:
            t.cancel()
        await asyncio.gather(*runs, *self.tasks, probe, return_exceptions=True)
        await self.http.close()
        return {"sent": self.sent, "ready_agents": self.ready_agents, "latencies": self.latencies,
                "http_latencies": self.http_latencies, "setup_s": self.setup_s, "activation_s": self.activation_s,
                "counts": self.counts, "examples": self.examples, "reasons": self.reasons, "cpu_s": cpu1 - cpu0, "lag": self.lag}


def worker_main(cfg, agents, conn):
    try:
        import uvloop  # optional: a faster event loop for the load generator
        if cfg.get("uvloop"):
            uvloop.install()
    except ImportError:
        pass
    try:
        result = asyncio.run(Worker(cfg).main(agents))
    except BaseException as error:  # noqa: BLE001
        result = {"fatal": repr(error)}
    conn.send(result)
    conn.close()


def swift_worker_result(proc: subprocess.Popen, timeout: float) -> dict:
    """The result an agent-load process prints (or {"fatal": ...})."""
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        return {"fatal": "agent-load: no result"}
    try:
        return json.loads(out)
    except json.JSONDecodeError:
        return {"fatal": f"agent-load exited {proc.returncode}: {out[:300]!r}"}


# ----------------------------------------------------------------------------- one size

def wait_idle(max_busy: float, settle: float = 10.0, give_up: float = 1200.0):
    """Waits (at most `give_up` s) until the machine's CPU use stays under `max_busy` (0–1) for `settle` s:
    the machine is shared, and other builds distort the numbers."""
    deadline = time.monotonic() + give_up
    while time.monotonic() < deadline:
        busy = psutil.cpu_percent(interval=settle) / 100
        if busy < max_busy:
            return
        print(f"machine {busy:.0%} busy; waiting for it to settle under {max_busy:.0%}", file=sys.stderr, flush=True)
    print("machine still busy; running anyway", file=sys.stderr, flush=True)


def run_size(n: int, a) -> dict:
    args = ["--set", "gwsServices.gwsServiceProxy.service.port=0,gwsServices.gwsServiceProxy.tls.port=0"]
    if a.workspace_replicas != 1:
        args += ["--set", f"gwsServices.gwsAppWorkspace.deployment.replicaCount={a.workspace_replicas}"]
    for s in a.set:
        args += ["--set", s]
    if a.wait_idle:
        wait_idle(a.wait_idle)
    print(f"[{n}] starting a cluster ({a.bin_dir})", file=sys.stderr, flush=True)
    cluster = Cluster(a.bin_dir, args)
    try:
        if a.autogroup_nice is not None:
            # The kernel schedules by autogroup (one per session): the cluster (its own session, every
            # service in it) and this script would otherwise get one share each among everyone's builds.
            for pid in (cluster.proc.pid, os.getpid()):
                with open(f"/proc/{pid}/autogroup", "w") as f:
                    f.write(str(a.autogroup_nice))
        status = cluster.wait_running()
        proxy = status["proxy"].rstrip("/")
        creds = cluster.credentials()
        t0 = time.monotonic()
        agents = asyncio.run(provision(proxy, creds, n, a.setup_concurrency, "bench"))
        provision_s = time.monotonic() - t0
        print(f"[{n}] provisioned {n} persons + DNs + places in {provision_s:.1f} s", file=sys.stderr, flush=True)
        with open(os.path.join(cluster.state, "secrets", "jwt.key"), "rb") as f:
            key = f.read()
        for agent in agents:
            agent["token"] = mint_token(key, dbid=agent["dbid"], user=agent["user"], tenant=creds["tenant"],
                                        client_id="agent-setup")
        status = cluster.status() or status
        sampler = Sampler(cluster, status)
        time.sleep(3)
        before = sampler.sample()

        random.shuffle(agents)
        for order, agent in enumerate(agents):
            agent["order"] = order
        start = time.monotonic() + 1.0
        ramp_s = n / a.ramp_rate
        measure_start = start + ramp_s + a.warmup
        measure_end = measure_start + a.duration
        cfg = {"proxy": proxy, "interval": a.interval, "event_timeout": a.event_timeout, "activate_dn": a.activate_dn,
               "start": start, "ramp_rate": a.ramp_rate, "measure_start": measure_start, "measure_end": measure_end,
               "uvloop": a.uvloop}
        procs, pipes = [], []
        if a.generator == "swift":
            # Each worker is an agent-load process: cfg + its agents as JSON in a file, its result
            # (the structure worker_main sends over the pipe) as JSON on its standard output.
            for k in range(a.workers):
                path = os.path.join(cluster.state, f"agent-load-{k}.json")
                with open(path, "w") as f:
                    json.dump({"cfg": cfg, "agents": agents[k::a.workers]}, f)
                procs.append(subprocess.Popen([a.agent_load, "--config", path], stdin=subprocess.DEVNULL,
                                              stdout=subprocess.PIPE))
        else:
            ctx = mp.get_context("fork")
            for k in range(a.workers):
                parent, child = ctx.Pipe(duplex=False)
                p = ctx.Process(target=worker_main, args=(cfg, agents[k::a.workers], child), daemon=True)
                p.start()
                procs.append(p)
                pipes.append(parent)
        print(f"[{n}] ramp {ramp_s:.0f} s + warm-up {a.warmup:.0f} s, then a {a.duration:.0f} s window",
              file=sys.stderr, flush=True)
        peak = dict(before)
        samples = []
        while time.monotonic() < measure_start:
            time.sleep(0.5)
        at_start = sampler.sample()
        client_cpu0 = sum(sum(psutil.Process(p.pid).cpu_times()[:2]) for p in procs)
        sys_cpu0 = psutil.cpu_times()
        while time.monotonic() < measure_end:
            time.sleep(min(2.0, max(0.0, measure_end - time.monotonic())))
            s = sampler.sample()
            samples.append(s)
            if s["total"] > peak["total"]:
                peak = s
        at_end = samples[-1] if samples else sampler.sample()
        client_cpu1 = sum(sum(psutil.Process(p.pid).cpu_times()[:2]) for p in procs)
        sys_cpu1 = psutil.cpu_times()
        load = os.getloadavg()
        final = cluster.status() or {}
        restarts = {i["instance"]: i.get("restarts", 0) for i in final.get("instances", []) if i.get("restarts")}
        results = []
        if a.generator == "swift":
            for p in procs:
                results.append(swift_worker_result(p, a.event_timeout + 120))
        else:
            for p, pipe in zip(procs, pipes):
                results.append(pipe.recv() if pipe.poll(a.event_timeout + 120) else {"fatal": "no result"})
                p.join(timeout=30)
    finally:
        cluster.down(a.keep)

    fatal = [r["fatal"] for r in results if "fatal" in r]
    if fatal:
        raise RuntimeError(f"worker failed: {fatal}")
    merged = {"latencies": [], "http_latencies": [], "setup_s": [], "activation_s": [], "lag": []}
    counts, examples, reasons = {}, {}, {}
    sent = ready_agents = 0
    worker_cpu = 0.0
    for r in results:
        for k in merged:
            merged[k] += [x for x in r[k] if x is not None]
        for k, v in r["counts"].items():
            counts[k] = counts.get(k, 0) + v
        for k, v in r["examples"].items():
            examples.setdefault(k, v)
        for k, v in r["reasons"].items():
            reasons[k] = reasons.get(k, 0) + v
        sent += r["sent"]
        ready_agents += r["ready_agents"]
        worker_cpu += r["cpu_s"]
    window = a.duration
    busy = lambda t: t.user + t.nice + t.system + t.irq + t.softirq  # noqa: E731
    sys_busy = busy(sys_cpu1) - busy(sys_cpu0)
    sys_total = sys_busy + (sys_cpu1.idle - sys_cpu0.idle) + (sys_cpu1.iowait - sys_cpu0.iowait)
    cluster_cpu = at_end["cpu_total"] - at_start["cpu_total"]
    ncpu = psutil.cpu_count() or 1
    cpu_by_role = {role: at_end["cpu"].get(role, 0.0) - at_start["cpu"].get(role, 0.0) for role in at_end["cpu"]}
    mib = 1024 * 1024
    out = {
        "agents": n, "ready_agents": ready_agents, "provision_s": provision_s, "sent": sent,
        "restarts": restarts, "state_dir": cluster.state if a.keep else None,
        "delivered": len(merged["latencies"]),
        "p50_ms": pct(merged["latencies"], 50) * 1000, "p99_ms": pct(merged["latencies"], 99) * 1000,
        "max_ms": max(merged["latencies"], default=float("nan")) * 1000,
        "http_p50_ms": pct(merged["http_latencies"], 50) * 1000, "http_p99_ms": pct(merged["http_latencies"], 99) * 1000,
        "setup_p50_s": pct(merged["setup_s"], 50), "setup_p99_s": pct(merged["setup_s"], 99),
        "activation_p50_ms": pct(merged["activation_s"], 50) * 1000,
        "counts": counts, "examples": examples,
        "reasons": dict(sorted(reasons.items(), key=lambda kv: -kv[1])),
        "client_cpu_cores": (client_cpu1 - client_cpu0) / window, "client_cpu_cores_self": worker_cpu / window,
        "client_loop_lag_p50_ms": pct(merged["lag"], 50) * 1000, "client_loop_lag_p99_ms": pct(merged["lag"], 99) * 1000,
        "machine_cpu_busy": sys_busy / sys_total if sys_total else float("nan"), "loadavg": load,
        "cluster_cpu_cores": cluster_cpu / window,
        # Everything else on the machine (other engineers' builds and tests) during the window.
        "other_cpu_cores": (sys_busy / sys_total * ncpu if sys_total else 0) - cluster_cpu / window
        - (client_cpu1 - client_cpu0) / window,
        "cluster_cpu_cores_by_role": {k: v / window for k, v in sorted(cpu_by_role.items(), key=lambda kv: -kv[1]) if v > 0.01 * window},
        "rss_before_mib": {k: v / mib for k, v in before.items() if k not in ("cpu", "cpu_total")},
        "rss_during_mib": {k: v / mib for k, v in at_end.items() if k not in ("cpu", "cpu_total")},
        "rss_peak_total_mib": peak["total"] / mib,
        "interval_s": a.interval, "window_s": window, "workers": a.workers, "generator": a.generator,
        "bin_dir": a.bin_dir,
        "autogroup_nice": a.autogroup_nice, "workspace_replicas": a.workspace_replicas,
        "activate": "dn" if a.activate_dn else "default place",
    }
    for role in ("workspace", "voice", "proxy", "services", "total", "pss_total"):
        delta = at_end.get(role, 0) - before.get(role, 0)
        out[f"rss_delta_{role}_mib"] = delta / mib
        out[f"rss_per_agent_{role}_kib"] = delta / 1024 / max(1, n)
    return out


def table(rows, target_ms):
    lines = [
        "| agents | connected | commands sent | p50 | p99 | max | failures (HTTP / transport / event timeouts) "
        "| RSS Δ workspace / voice / proxy (per agent) | Δ all GWS processes (RSS) / all cluster processes incl. stores (PSS) (per agent) "
        "| CPU cores: cluster / client / others | p99 ≤ 50 ms |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        c = r["counts"]
        http = sum(v for k, v in c.items() if k == "http_errors")
        ok = "✔" if (r["p99_ms"] <= target_ms and not http and not c.get("event_timeouts")
                     and r["ready_agents"] == r["agents"]) else "✘"
        lines.append(
            f"| {r['agents']:,} | {r['ready_agents']:,} | {r['sent']:,} | {r['p50_ms']:.1f} ms | {r['p99_ms']:.1f} ms "
            f"| {r['max_ms']:.0f} ms | {http} / {c.get('connect_errors', 0)} conn / {c.get('event_timeouts', 0)} "
            f"| {r['rss_delta_workspace_mib']:.1f} / {r['rss_delta_voice_mib']:.1f} / {r['rss_delta_proxy_mib']:.1f} MiB "
            f"({r['rss_per_agent_workspace_kib']:.1f} / {r['rss_per_agent_voice_kib']:.1f} / {r['rss_per_agent_proxy_kib']:.1f} KiB) "
            f"| RSS {r['rss_delta_services_mib']:.1f} MiB ({r['rss_per_agent_services_kib']:.1f} KiB); "
            f"PSS {r['rss_delta_pss_total_mib']:.1f} MiB ({r['rss_per_agent_pss_total_kib']:.1f} KiB) "
            f"| {r['cluster_cpu_cores']:.2f} / {r['client_cpu_cores']:.2f} / {r['other_cpu_cores']:.2f} "
            f"| {ok if r['agents'] == 1000 else '—'} |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--agents", default="100,1000,5000", help="comma-separated agent counts, one cluster each")
    ap.add_argument("--bin-dir", default=os.environ.get("GWS_BIN_DIR", os.path.join(ROOT, ".build", "release")))
    ap.add_argument("--interval", default="2,5", help="seconds between an agent's state changes: min,max")
    ap.add_argument("--ramp-rate", type=float, default=50.0, help="agents started per second")
    ap.add_argument("--warmup", type=float, default=15.0, help="seconds after the ramp before the window")
    ap.add_argument("--duration", type=float, default=45.0, help="measurement window, seconds")
    ap.add_argument("--event-timeout", type=float, default=10.0, help="a command's event later than this is missing")
    ap.add_argument("--workers", type=int, default=1, help="load-generator processes")
    ap.add_argument("--setup-concurrency", type=int, default=16)
    ap.add_argument("--activate-dn", action="store_true",
                    help="activate-channels with the agent's DN instead of {} (skips the default-place lookup)")
    ap.add_argument("--workspace-replicas", type=int, default=1)
    ap.add_argument("--set", action="append", default=[], help="extra --set for gws-operator run")
    ap.add_argument("--no-uvloop", dest="uvloop", action="store_false", help="use asyncio's default loop")
    ap.add_argument("--generator", choices=("swift", "python"),
                    help="load generator of each worker: swift (Benchmarks' agent-load, the default when it is "
                         "built) or python (the Agent/Worker classes here)")
    ap.add_argument("--agent-load", default=os.path.join(ROOT, "Benchmarks", ".build", "release", "agent-load"),
                    help="the agent-load binary (nice -n 19 swift build -c release --package-path Benchmarks "
                         "--product agent-load)")
    ap.add_argument("--wait-idle", type=float, default=0.0, metavar="FRACTION",
                    help="before each size, wait until the machine's CPU use is under FRACTION (e.g. 0.3) for 10 s")
    ap.add_argument("--autogroup-nice", type=int, metavar="N",
                    help="set the scheduler autogroup nice of the cluster and of this script (e.g. -10, as root) "
                         "so that other sessions' builds on a shared machine disturb the numbers less")
    ap.add_argument("--json", help="write all results to this file")
    ap.add_argument("--keep", action="store_true", help="keep each cluster's state directory")
    a = ap.parse_args()
    a.interval = tuple(float(x) for x in a.interval.split(","))
    a.bin_dir = os.path.abspath(a.bin_dir)
    a.agent_load = os.path.abspath(a.agent_load)
    if a.generator is None:
        a.generator = "swift" if os.access(a.agent_load, os.X_OK) else "python"
    elif a.generator == "swift" and not os.access(a.agent_load, os.X_OK):
        sys.exit(f"no {a.agent_load}: build it (nice -n 19 swift build -c release --package-path Benchmarks "
                 "--product agent-load) or use --generator python")
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # the cluster inherits it too
    rows = []
    for n in [int(x) for x in a.agents.split(",")]:
        try:
            r = run_size(n, a)
        except Exception as error:  # noqa: BLE001
            print(f"[{n}] failed: {error!r}", file=sys.stderr, flush=True)
            rows.append({"agents": n, "error": repr(error)})
            continue
        rows.append(r)
        print(json.dumps(r, indent=1), file=sys.stderr, flush=True)
        if a.json:
            with open(a.json, "w") as f:
                json.dump(rows, f, indent=1)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(rows, f, indent=1)
    print(f"nofile limit {hard}; bin {a.bin_dir}; interval {a.interval[0]:g}–{a.interval[1]:g} s; window {a.duration:g} s; "
          f"generator {a.generator} × {a.workers}")
    print(table([r for r in rows if "error" not in r], 50.0))
    for r in rows:
        if "error" not in r:
            print(f"{r['agents']} agents: client loop lag p50 {r['client_loop_lag_p50_ms']:.1f} ms / "
                  f"p99 {r['client_loop_lag_p99_ms']:.1f} ms; machine busy {r['machine_cpu_busy']:.0%}; "
                  f"HTTP p50 {r['http_p50_ms']:.1f} / p99 {r['http_p99_ms']:.1f} ms; "
                  f"delivered {r['delivered']:,} of {r['sent']:,}")
    for r in rows:
        if "error" in r:
            print(f"{r['agents']} agents: {r['error']}")
        if "error" not in r and r["restarts"]:
            print(f"{r['agents']} agents: instances restarted during the run: {r['restarts']}")
        if "error" not in r and r["reasons"]:
            print(f"\n{r['agents']} agents, failures by reason:")
            for reason, count in list(r["reasons"].items())[:8]:
                print(f"  {count:6d}  {reason}")


if __name__ == "__main__":
    main()
