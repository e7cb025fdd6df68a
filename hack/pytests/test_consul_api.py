"""Drives the embedded Consul-compatible registry with a Consul client we did not write (py-consul).

Run: `.venv/bin/pytest hack/pytests/test_consul_api.py` (needs `gws-operator registry`, see
conftest.py; `GWS_TEST_CONSUL_URL` runs the same tests against any Consul agent).

The tests never assert timings: they wait for changes with blocking queries and bound the number of
rounds only so that a broken registry cannot hang them.
"""

from __future__ import annotations

import base64
import http.server
import json
import socket
import threading
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

import consul
import pytest


@pytest.fixture
def client(consul_registry):
    return consul.Consul(host=consul_registry.host, port=consul_registry.port)


@pytest.fixture
def name():
    """A service name (and KV prefix) no other test uses."""
    return f"pytest-{uuid.uuid4().hex[:10]}"


class HealthServer:
    """A tiny HTTP service answering GET /health with 200, on an ephemeral port."""

    def __init__(self) -> None:
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's naming)
                body = b"ok"
                self.send_response(200 if self.path == "/health" else 404)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def wait_for(client, service, condition, passing=True, rounds=30):
    """Blocking-queries `service` until `condition(nodes)` holds; returns (index, nodes)."""
    index, nodes = client.health.service(service, passing=passing)
    for _ in range(rounds):
        if condition(nodes):
            break
        index, nodes = client.health.service(service, passing=passing, index=index, wait="2s")
    return index, nodes


def ids(nodes):
    return sorted(entry["Service"]["ID"] for entry in nodes)


def raw_request(registry, method, path, body=None):
    request = urllib.request.Request(f"{registry.url}{path}", data=body, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


def test_http_check_passes_then_goes_critical_and_deregisters(client, name):
    server = HealthServer()
    try:
        assert client.agent.service.register(
            name,
            service_id=f"{name}-1",
            address="127.0.0.1",
            port=server.port,
            tags=["v1"],
            meta={"version": "1"},
            check=consul.Check.http(f"http://127.0.0.1:{server.port}/health", interval="1s", timeout="1s"),
        )
        index, nodes = wait_for(client, name, lambda nodes: len(nodes) == 1)
        assert ids(nodes) == [f"{name}-1"]
        entry = nodes[0]
        assert entry["Service"]["Service"] == name
        assert entry["Service"]["Port"] == server.port
        assert entry["Service"]["Address"] == "127.0.0.1"
        assert entry["Service"]["Tags"] == ["v1"]
        assert entry["Service"]["Meta"] == {"version": "1"}
        assert entry["Node"]["Node"]
        statuses = {check["CheckID"]: check["Status"] for check in entry["Checks"]}
        assert statuses["serfHealth"] == "passing"
        assert statuses[f"service:{name}-1"] == "passing"
    finally:
        server.stop()

    later, nodes = wait_for(client, name, lambda nodes: nodes == [])
    assert nodes == []
    assert int(later) > int(index)
    _, everything = client.health.service(name)
    assert ids(everything) == [f"{name}-1"], "a critical instance stays registered"
    assert [c["Status"] for c in everything[0]["Checks"] if c["CheckID"] != "serfHealth"] == ["critical"]

    assert client.agent.service.deregister(f"{name}-1")
    _, nodes = client.health.service(name)
    assert nodes == []
    assert name not in client.catalog.services()[1]


def test_tcp_check(client, name):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]
    try:
        client.agent.service.register(
            name, service_id=name, port=port, check=consul.Check.tcp("127.0.0.1", port, "1s", timeout="1s")
        )
        _, nodes = wait_for(client, name, lambda nodes: len(nodes) == 1)
        assert ids(nodes) == [name]
    finally:
        listener.close()
        client.agent.service.deregister(name)


def test_blocking_query_returns_when_the_service_changes(client, name):
    client.agent.service.register(name, service_id=f"{name}-1", port=1000)
    index, nodes = client.health.service(name, passing=True)
    assert ids(nodes) == [f"{name}-1"]

    with ThreadPoolExecutor(max_workers=1) as pool:
        blocked = pool.submit(client.health.service, name, passing=True, index=index, wait="30s")
        client.agent.service.register(name, service_id=f"{name}-2", port=1001)
        new_index, new_nodes = blocked.result(timeout=60)
    assert int(new_index) > int(index)
    assert ids(new_nodes) == [f"{name}-1", f"{name}-2"]

    # Nothing changes: the wait elapses and the index stays.
    same_index, same_nodes = client.health.service(name, passing=True, index=new_index, wait="1s")
    assert same_index == new_index
    assert ids(same_nodes) == ids(new_nodes)

    for i in (1, 2):
        client.agent.service.deregister(f"{name}-{i}")


def test_ttl_check_and_agent_endpoints(client, name):
    client.agent.service.register(name, service_id=name, check=consul.Check.ttl("30s"))
    check_id = f"service:{name}"
    _, nodes = client.health.service(name, passing=True)
    assert nodes == [], "new checks start critical"

    assert client.agent.check.ttl_pass(check_id, "all good")
    _, nodes = client.health.service(name, passing=True)
    assert ids(nodes) == [name]
    assert client.agent.checks()[check_id]["Output"] == "all good"

    assert client.agent.check.ttl_warn(check_id)
    _, nodes = client.health.service(name, passing=True)
    assert nodes == []

    assert name in client.agent.services()
    client.agent.service.deregister(name)
    assert name not in client.agent.services()


def test_maintenance_mode(client, name):
    client.agent.service.register(name, service_id=f"{name}-1")
    client.agent.service.register(name, service_id=f"{name}-2")
    assert client.agent.service.maintenance(f"{name}-1", True, reason="upgrade")
    _, nodes = client.health.service(name, passing=True)
    assert ids(nodes) == [f"{name}-2"]
    _, all_nodes = client.health.service(name)
    drained = next(entry for entry in all_nodes if entry["Service"]["ID"] == f"{name}-1")
    maintenance = [c for c in drained["Checks"] if c["CheckID"] == f"_service_maintenance:{name}-1"]
    assert maintenance and maintenance[0]["Status"] == "critical"
    assert maintenance[0]["Notes"] == "upgrade"

    assert client.agent.service.maintenance(f"{name}-1", False)
    _, nodes = client.health.service(name, passing=True)
    assert ids(nodes) == [f"{name}-1", f"{name}-2"]
    for i in (1, 2):
        client.agent.service.deregister(f"{name}-{i}")


def test_catalog(client, name):
    client.agent.service.register(name, service_id=f"{name}-a", tags=["blue"], port=1)
    client.agent.service.register(name, service_id=f"{name}-b", tags=["green"], port=2)
    _, services = client.catalog.services()
    assert sorted(services[name]) == ["blue", "green"]
    _, entries = client.catalog.service(name)
    assert sorted(entry["ServiceID"] for entry in entries) == [f"{name}-a", f"{name}-b"]
    _, tagged = client.health.service(name, tag="green")
    assert ids(tagged) == [f"{name}-b"]
    for suffix in ("a", "b"):
        client.agent.service.deregister(f"{name}-{suffix}")


def test_kv_crud_and_cas(client, name):
    key = f"{name}/config/url"
    index, entry = client.kv.get(key)
    assert entry is None

    assert client.kv.put(key, "postgres://a")
    _, entry = client.kv.get(key)
    assert entry["Key"] == key
    assert entry["Value"] == b"postgres://a"
    modify = entry["ModifyIndex"]

    assert client.kv.put(key, "x", cas=0) is False, "cas=0 only creates"
    assert client.kv.put(key, "postgres://b", cas=modify)
    assert client.kv.put(key, "postgres://c", cas=modify) is False, "stale cas"
    assert client.kv.get(key)[1]["Value"] == b"postgres://b"

    assert client.kv.put(f"{name}/config/pool", "5")
    _, keys = client.kv.get(f"{name}/", keys=True)
    assert keys == [f"{name}/config/pool", key]
    _, entries = client.kv.get(f"{name}/", recurse=True)
    assert [e["Key"] for e in entries] == [f"{name}/config/pool", key]

    # A blocking read on the key returns when it changes.
    index, _ = client.kv.get(key)
    with ThreadPoolExecutor(max_workers=1) as pool:
        blocked = pool.submit(client.kv.get, key, index=index, wait="30s")
        client.kv.put(key, "postgres://d")
        new_index, entry = blocked.result(timeout=60)
    assert int(new_index) > int(index)
    assert entry["Value"] == b"postgres://d"

    assert client.kv.delete(key)
    assert client.kv.get(key)[1] is None
    assert client.kv.delete(f"{name}/", recurse=True)
    assert client.kv.get(f"{name}/", recurse=True)[1] is None


def test_errors_like_consul(consul_registry, client, name):
    status, body, _ = raw_request(consul_registry, "PUT", "/v1/agent/service/register", b"{not json")
    assert status == 400
    assert body.strip()

    status, body, _ = raw_request(consul_registry, "PUT", "/v1/agent/service/register", json.dumps({"Port": 1}).encode())
    assert status == 400
    assert "name" in body.lower()

    # Unknown ids answer 404, which py-consul turns into False.
    assert client.agent.service.deregister(f"{name}-ghost") is False
    assert client.agent.check.ttl_pass(f"{name}-no-such-check") is False
    status, _, _ = raw_request(consul_registry, "PUT", f"/v1/agent/check/pass/{name}-no-such-check")
    assert status == 404


def test_reads_carry_consul_headers(consul_registry, name):
    status, body, headers = raw_request(consul_registry, "GET", f"/v1/health/service/{name}")
    assert status == 200
    assert json.loads(body) == []
    assert int(headers["X-Consul-Index"]) > 0
    assert headers["X-Consul-KnownLeader"] == "true"

    status, body, _ = raw_request(consul_registry, "PUT", f"/v1/kv/{name}/raw", b"bytes")
    assert (status, body) == (200, "true")
    status, body, _ = raw_request(consul_registry, "GET", f"/v1/kv/{name}/raw")
    assert base64.b64decode(json.loads(body)[0]["Value"]) == b"bytes"
    status, body, _ = raw_request(consul_registry, "GET", f"/v1/kv/{name}/raw?raw")
    assert body == "bytes"
    raw_request(consul_registry, "DELETE", f"/v1/kv/{name}/raw")


# Sessions and locks (`/v1/session/*`, `PUT /v1/kv/<key>?acquire=|release=`), with Consul's semantics.


def lock_state(client, key):
    """(Session or None, LockIndex, Value) of `key`; asserts that it exists."""
    _, entry = client.kv.get(key)
    assert entry is not None, f"{key} should exist"
    return entry.get("Session"), entry["LockIndex"], entry["Value"]


def test_session_create_info_list_renew_destroy(client, name):
    sid = client.session.create(name=name, ttl=10, lock_delay=1, behavior="delete")
    index, info = client.session.info(sid)
    assert int(index) > 0
    assert info["ID"] == sid
    assert info["Name"] == name
    assert info["TTL"] == "10s"
    assert info["Behavior"] == "delete"
    assert info["LockDelay"] == 1_000_000_000, "nanoseconds, as Consul encodes a Go Duration"
    assert info["Node"]
    assert info["CreateIndex"] > 0

    defaults = client.session.create()
    _, default_info = client.session.info(defaults)
    assert default_info["LockDelay"] == 15_000_000_000
    assert default_info["Behavior"] == "release"
    assert default_info["TTL"] == ""

    _, sessions = client.session.list()
    assert {sid, defaults} <= {s["ID"] for s in sessions}
    _, on_node = client.session.node(info["Node"])
    assert sid in {s["ID"] for s in on_node}

    renewed = client.session.renew(sid)
    assert renewed["ID"] == sid
    assert renewed["TTL"] == "10s"

    assert client.session.destroy(sid) is True
    assert client.session.destroy(defaults) is True
    assert client.session.info(sid)[1] is None, "Consul answers [] for a session that is gone"
    with pytest.raises(consul.NotFound):
        client.session.renew(sid)
    assert client.session.destroy(sid) is True, "destroying a missing session is not an error"


def test_session_errors_like_consul(consul_registry, client, name):
    status, body, _ = raw_request(consul_registry, "PUT", "/v1/session/create", json.dumps({"TTL": "5s"}).encode())
    assert status == 500
    assert "Invalid Session TTL" in body
    status, body, _ = raw_request(
        consul_registry, "PUT", "/v1/session/create", json.dumps({"Behavior": "keep"}).encode()
    )
    assert status == 500
    assert "Invalid Behavior setting" in body
    status, body, _ = raw_request(consul_registry, "PUT", f"/v1/session/renew/{uuid.uuid4()}")
    assert status == 404
    assert "not found" in body
    with pytest.raises(consul.ConsulException, match="invalid session"):
        client.kv.put(f"{name}/lock", "x", acquire=str(uuid.uuid4()))


def test_acquire_release_and_lock_index(client, name):
    key = f"{name}/leader"
    a = client.session.create(name="a")
    b = client.session.create(name="b")
    try:
        assert client.kv.put(key, "A", acquire=a) is True
        assert lock_state(client, key) == (a, 1, b"A")

        assert client.kv.put(key, "B", acquire=b) is False, "held by another session"
        assert lock_state(client, key) == (a, 1, b"A"), "a refused acquisition writes nothing"

        assert client.kv.put(key, "A2", acquire=a) is True, "the holder acquires again"
        assert lock_state(client, key) == (a, 1, b"A2"), "and LockIndex stays"

        assert client.kv.put(key, "plain") is True
        assert lock_state(client, key) == (a, 1, b"plain"), "a plain write keeps the lock"

        assert client.kv.put(key, "x", release=b) is False, "only the holder releases"
        assert client.kv.put(key, "released", release=a) is True
        assert lock_state(client, key) == (None, 1, b"released"), "release writes the value and clears Session"
        assert client.kv.put(key, "again", release=a) is False

        # No lock-delay after an explicit release: another session takes the key at once.
        assert client.kv.put(key, "B", acquire=b) is True
        assert lock_state(client, key) == (b, 2, b"B"), "a new holder increments LockIndex"
    finally:
        client.session.destroy(a)
        client.session.destroy(b)
        client.kv.delete(key)


def test_blocking_query_on_a_lock_returns_when_it_is_released(client, name):
    key = f"{name}/leader"
    a = client.session.create(name="a")
    b = client.session.create(name="b")
    try:
        assert client.kv.put(key, "A", acquire=a)
        index, entry = client.kv.get(key)
        assert entry["Session"] == a
        with ThreadPoolExecutor(max_workers=1) as pool:
            blocked = pool.submit(client.kv.get, key, index=index, wait="30s")
            assert client.kv.put(key, "", release=a)
            new_index, entry = blocked.result(timeout=60)
        assert int(new_index) > int(index)
        assert "Session" not in entry
        assert client.kv.put(key, "B", acquire=b) is True
    finally:
        client.session.destroy(a)
        client.session.destroy(b)
        client.kv.delete(key)


def retry_acquire(client, key, value, session, rounds=60, delay=0.25):
    """Tries to acquire `key` until it works; returns the number of refusals first."""
    for refused in range(rounds):
        if client.kv.put(key, value, acquire=session):
            return refused
        time.sleep(delay)
    pytest.fail(f"could not acquire {key} in {rounds} tries")


def test_invalidation_starts_the_lock_delay_release_does_not(client, name):
    key = f"{name}/leader"
    a = client.session.create(name="a", lock_delay=3)
    b = client.session.create(name="b")
    try:
        assert client.kv.put(key, "A", acquire=a)
        assert client.session.destroy(a)
        assert lock_state(client, key) == (None, 1, b"A"), "behavior release keeps the key, without Session"
        # For the lock-delay (3 s) no session may take it, even though nobody holds it.
        assert client.kv.put(key, "B", acquire=b) is False
        assert lock_state(client, key) == (None, 1, b"A")
        refused = retry_acquire(client, key, "B", b)
        assert refused >= 1
        assert lock_state(client, key) == (b, 2, b"B")
    finally:
        client.session.destroy(b)
        client.kv.delete(key)


def test_behavior_delete_deletes_the_keys(client, name):
    key = f"{name}/ephemeral"
    s = client.session.create(name="eph", behavior="delete", lock_delay=0)
    assert client.kv.put(key, "here", acquire=s)
    assert client.session.destroy(s)
    assert client.kv.get(key)[1] is None


def test_ttl_expiry_releases_the_lock(client, name):
    """Takes about 10 s (Consul's shortest TTL); Consul itself may take up to 2 x TTL."""
    key = f"{name}/leader"
    s = client.session.create(name="short", ttl=10, lock_delay=0)
    assert client.kv.put(key, "me", acquire=s)
    index, entry = client.kv.get(key)
    for _ in range(10):
        if "Session" not in entry:
            break
        index, entry = client.kv.get(key, index=index, wait="30s")
    assert "Session" not in entry, "the TTL ran out: the lock is released"
    assert entry["Value"] == b"me"
    assert client.session.info(s)[1] is None
    with pytest.raises(consul.NotFound):
        client.session.renew(s)
    client.kv.delete(key)
