"""The agent's day end to end through the proxy, with the real binaries and stores:
provision an agent → log in → initialize the workspace → CometD handshake (with
aiocometd-ng, a client we did not write) → activate channels → ready → an inbound
call injected by the tenant simulator → Ringing → answer → hold → retrieve →
release → complete, with Statistics v3 following each step (computed by the
Data Collector from the real events) → log out. Plus the negative paths."""

from __future__ import annotations

import asyncio
import secrets
import time

import pytest
import requests

aiocometd = pytest.importorskip("aiocometd_ng")

from gws_api import GWSAPI  # noqa: E402


class SessionHeaders(aiocometd.extensions.Extension):
    """Sends the Workspace session cookie and the bearer token with every CometD request."""

    def __init__(self, headers: dict[str, str]):
        self.headers = headers

    async def outgoing(self, payload, headers):
        headers.update(self.headers)

    async def incoming(self, payload, headers=None):
        pass


async def next_event(client, message_type: str, state: str | None = None, timeout: float = 20.0) -> dict:
    """The next message of `message_type` (with call/DN `state`), skipping others."""
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        assert remaining > 0, f"no {message_type} {state or ''} within {timeout} s"
        message = await asyncio.wait_for(client.receive(), remaining)
        data = message.get("data") or {}
        if data.get("messageType") != message_type:
            continue
        current = (data.get("call") or {}).get("state") or (data.get("dn") or {}).get("agentState")
        if state is None or current == state:
            return data


def statistic(api: GWSAPI, token: str, name: str, object_id: str, object_type: str = "Agent"):
    body = api.call("GET", f"/statistics/v3/statistic-values/{name}?objectId={object_id}&objectType={object_type}", token)
    return body["data"]["statistic"]["value"]


def eventually(check, timeout: float = 20.0):
    """Polls `check()` (returns a value or raises AssertionError) until it passes."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return check()
        except AssertionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.fixture(scope="module")
def api(gws_cluster) -> GWSAPI:
    return GWSAPI(gws_cluster.proxy_url, gws_cluster.credentials["tenant"])


@pytest.fixture(scope="module")
def admin_token(api, gws_cluster) -> str:
    admin = gws_cluster.credentials["admin"]
    return api.token(admin["username"], admin["password"])


@pytest.fixture(scope="module")
def provisioned_agent(api, admin_token) -> dict:
    """A new agent with its own DN and place, created through the APIs."""
    suffix = secrets.token_hex(3)
    dn = str(7100 + secrets.randbelow(800))
    place = f"Place_e2e_{suffix}"
    api.call("POST", "/configuration/v3/dns", admin_token, {"number": dn})
    api.call("POST", "/configuration/v3/places", admin_token, {"name": place, "dn": dn})
    agent = {"userName": f"e2e-{suffix}", "firstName": "End", "lastName": "ToEnd", "password": "Pw-" + secrets.token_hex(8),
             "employeeID": f"9{secrets.randbelow(10**6):06d}", "agentLogin": f"e2e{suffix}", "defaultPlace": place,
             "isAgent": True}
    created = api.call("POST", "/provisioning/v3/objects/users", admin_token, agent)
    assert created["status"]["code"] == 0 and created["data"]["dbid"] > 0
    return {**agent, "dn": dn, "place": place}


def test_the_agents_day(api, admin_token, provisioned_agent, gws_cluster):
    token = api.token(provisioned_agent["userName"], provisioned_agent["password"])
    userinfo = requests.get(f"{api.base}/auth/v3/userinfo", headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert userinfo.status_code == 200 and userinfo.json()["loginName"] == provisioned_agent["userName"]

    http = requests.Session()
    init = api.call("POST", "/workspace/v3/initialize-workspace", token, session=http)
    assert init["status"]["code"] == 1
    cookie = http.cookies.get("WORKSPACE_SESSIONID")
    assert cookie, "initialize-workspace sets the session cookie"

    async def journey():
        headers = {"Cookie": f"WORKSPACE_SESSIONID={cookie}", "Authorization": f"Bearer {token}"}
        async with aiocometd.Client(f"{api.base}/workspace/v3/notifications",
                                    extensions=[SessionHeaders(headers)]) as client:
            await client.subscribe("/workspace/v3/initialization")
            await client.subscribe("/workspace/v3/voice")
            complete = await next_event(client, "WorkspaceInitializationComplete")
            assert complete["data"]["user"]["userName"] == provisioned_agent["userName"]

            loop = asyncio.get_running_loop()

            def post(path, data=None, expect=200):
                return api.call("POST", f"/workspace/v3/{path}", token, data if data is not None else {}, session=http,
                                expect=expect)

            async def apost(path, data=None, expect=200):
                return await loop.run_in_executor(None, lambda: post(path, data, expect))

            assert (await apost("activate-channels", {}))["status"]["code"] == 1
            service = await next_event(client, "ServiceStateChanged")
            assert service["serviceState"] == "AVAILABLE"
            dn_state = await next_event(client, "DnStateChanged")
            assert dn_state["dn"]["number"] == provisioned_agent["dn"]

            assert (await apost("voice/ready"))["status"]["code"] == 1
            await next_event(client, "DnStateChanged", "Ready")
            employee = provisioned_agent["employeeID"]

            def ready_seen():
                value = statistic(api, token, "CurrentAgentState", employee)
                assert value["agentState"] == "Ready", value
            await loop.run_in_executor(None, lambda: eventually(ready_seen))

            ring = await loop.run_in_executor(None, lambda: api.call(
                "POST", f"/tenant/v3/dns/{provisioned_agent['dn']}/calls", admin_token, {"ani": "+15550001234"}))
            call_id = ring["data"]["callId"]
            ringing = await next_event(client, "CallStateChanged", "Ringing")
            assert ringing["call"]["id"] == call_id and "answer" in ringing["call"]["capabilities"]

            # A call in the wrong state: hold while ringing is refused and changes nothing.
            refused = await apost(f"voice/calls/{call_id}/hold", expect=409)
            assert "Ringing" in refused["status"]["message"]

            def calls_in_progress(expected):
                def check():
                    value = statistic(api, token, "CallsInProgress", employee)
                    assert value == expected, value
                return lambda: eventually(check)

            for operation, state in [("answer", "Established"), ("hold", "Held"), ("retrieve", "Established"),
                                     ("release", "Released"), ("complete", "Completed")]:
                assert (await apost(f"voice/calls/{call_id}/{operation}"))["status"]["code"] == 1
                event = await next_event(client, "CallStateChanged", state)
                assert event["call"]["id"] == call_id
                if operation == "answer":
                    await loop.run_in_executor(None, calls_in_progress(1))
                if operation == "release":
                    await loop.run_in_executor(None, calls_in_progress(0))
                    talk = await loop.run_in_executor(None, lambda: statistic(api, token, "TotalTalkTime", employee))
                    assert isinstance(talk, int) and talk >= 0

            calls = await loop.run_in_executor(None, lambda: api.call("GET", "/workspace/v3/voice/calls", token, session=http))
            assert calls["data"]["calls"] == []

    asyncio.run(journey())

    current = api.call("GET", "/workspace/v3/current-session", token, session=http)
    assert current["data"]["user"]["activeSession"]["dn"]["agentState"] == "Ready"
    assert api.call("POST", "/workspace/v3/logout", token, {}, session=http)["status"]["code"] == 0
    api.call("GET", "/workspace/v3/current-session", token, session=http, expect=401)


def test_bad_tokens_wrong_roles_and_bad_bodies(api, admin_token, gws_cluster):
    agent = gws_cluster.credentials["agents"][0]
    agent_token = api.token(agent["username"], agent["password"])
    # No token, a garbage token, a token with a flipped signature.
    for headers in ({}, {"Authorization": "Bearer nonsense"}, {"Authorization": f"Bearer {agent_token[:-2]}xx"}):
        response = requests.get(f"{api.base}/workspace/v3/current-session", headers=headers, timeout=30)
        assert response.status_code == 401
        assert response.json()["status"]["code"] == 401
        assert agent_token not in response.text
    # Provisioning needs an admin.
    api.call("POST", "/provisioning/v3/objects/users", agent_token, {"userName": "x", "employeeID": "x"}, expect=403)
    # The tenant simulator is not for agents.
    api.call("POST", "/tenant/v3/dns/7001/calls", agent_token, {}, expect=403)
    # Bad bodies are 400 with the field named.
    bad = api.call("POST", "/provisioning/v3/objects/users", admin_token, {"firstName": 3}, expect=400)
    assert "firstName" in bad["status"]["message"] or "userName" in bad["status"]["message"]
    # Wrong password: an OAuth error, not a token.
    response = requests.post(f"{api.base}/auth/v3/oauth/token", timeout=30, data={
        "grant_type": "password", "username": f"{api.tenant}\\{agent['username']}", "password": "wrong",
        "client_id": "agent-setup"})
    assert response.status_code in (400, 401) and "access_token" not in response.text


def test_a_token_of_another_tenant_sees_nothing(api, gws_cluster):
    """The demo client's token belongs to the demo tenant; a user of another
    tenant name cannot log in through a client of the demo tenant."""
    agent = gws_cluster.credentials["agents"][1]
    response = requests.post(f"{api.base}/auth/v3/oauth/token", timeout=30, data={
        "grant_type": "password", "username": f"other-tenant\\{agent['username']}", "password": agent["password"],
        "client_id": "agent-setup"})
    assert response.status_code in (400, 401)


def test_statistics_subscription_and_cometd_updates(api, gws_cluster, admin_token):
    """A supervisor subscribes to an agent's state and a group's ready count;
    the agent goes ready and not ready; the updates arrive on CometD."""
    agent = gws_cluster.credentials["agents"][2]
    agent_token = api.token(agent["username"], agent["password"])
    http = requests.Session()
    api.call("POST", "/workspace/v3/initialize-workspace", agent_token, session=http)
    api.call("POST", "/workspace/v3/activate-channels", agent_token, {}, session=http)
    api.call("POST", "/workspace/v3/voice/not-ready", agent_token, {}, session=http)

    created = api.call("POST", "/statistics/v3/subscriptions", admin_token, {"statistics": [
        {"statisticId": "state", "objectId": agent["employeeId"], "objectType": "Agent", "name": "CurrentAgentState"},
        {"statisticId": "ready", "objectId": "Demo Agents", "objectType": "AgentGroup", "name": "AgentsReady"},
    ]})
    subscription = created["data"]["subscriptionId"]
    assert {s["statisticId"] for s in created["data"]["statistics"]} == {"state", "ready"}

    async def watch():
        headers = {"Authorization": f"Bearer {admin_token}"}
        async with aiocometd.Client(f"{api.base}/statistics/v3/notifications",
                                    extensions=[SessionHeaders(headers)]) as client:
            await client.subscribe("/statistics/v3/updates")
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(None, lambda: api.call("POST", "/workspace/v3/voice/ready", agent_token, {},
                                                              session=http))
            deadline = time.monotonic() + 20
            while True:
                message = await asyncio.wait_for(client.receive(), max(0.1, deadline - time.monotonic()))
                data = message.get("data") or {}
                if data.get("subscriptionId") != subscription:
                    continue
                values = {s["statisticId"]: s["value"] for s in data.get("statistics", [])}
                if values.get("state", {}).get("agentState") == "Ready":
                    return

    asyncio.run(watch())
    peek = api.call("GET", f"/statistics/v3/subscriptions/{subscription}/statistic-values", admin_token)
    values = {s["statisticId"]: s["value"] for s in peek["data"]["statistics"]}
    assert values["state"]["agentState"] == "Ready"
    assert values["ready"] >= 1
    api.call("DELETE", f"/statistics/v3/subscriptions/{subscription}", admin_token)
    api.call("GET", f"/statistics/v3/subscriptions/{subscription}/statistic-values", admin_token, expect=404)
    api.call("POST", "/workspace/v3/logout", agent_token, {}, session=http)
