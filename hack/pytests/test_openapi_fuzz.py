"""Fuzzes every API role through the proxy with schemathesis, from the role's own OpenAPI
document: no generated input, valid (positive) or not (negative), may get a 5xx answer
(schemathesis's `not_a_server_error` check), and no error body may carry a token, a password,
a crash report or a source path.

Run: `.venv/bin/pytest hack/pytests/test_openapi_fuzz.py` (the `gws_cluster` fixture starts a
whole local cluster from `.build/debug`). `GWS_FUZZ_EXAMPLES` sets the examples per operation
and mode (default 12; the whole file takes a few minutes on 2 cores).

Tokens: the demo tenant's admin for every role but Workspace (and the token endpoint, which gets
the confidential client's Basic credentials), which is fuzzed with the last demo
agent's token and Workspace session cookie. The run leaves generated objects in the demo tenant
(persons, skills, groups, DNs, places, favorites, agent states, API clients): it shares the
session's cluster and comes last in file order. Destructive but legitimate operations are kept away from
the demo tenant's people: the person/user paths of PUT and DELETE (and skill and group
memberships) target a throwaway user created for the run, and `POST /workspace/v3/logout`
(which ends the session the other Workspace operations use) is not fuzzed.
"""

from __future__ import annotations

import base64
import os
import secrets as random_secrets
import time
from urllib.parse import unquote

import pytest
import requests

from openapi_support import SERVICES, client_token, fetch_document, leaks, password_token

schemathesis = pytest.importorskip("schemathesis", reason="pip install -r hack/pytests/requirements.txt")
hypothesis = pytest.importorskip("hypothesis")

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.generation import GenerationMode  # noqa: E402

EXAMPLES = int(os.environ.get("GWS_FUZZ_EXAMPLES", "12"))
# Answers that can come from the proxy (upstream restarted) or load rather than the service: repeated once.
INFRASTRUCTURE_STATUSES = {502, 503, 504}
NOT_FUZZED = {("POST", "/workspace/v3/logout")}


@pytest.fixture(scope="module")
def demo(gws_cluster) -> dict:
    """Tokens, the Workspace session, a throwaway user and every secret of the run."""
    credentials = gws_cluster.credentials
    proxy, tenant = gws_cluster.proxy_url, credentials["tenant"]
    # The last demo agent: the journey suite uses the first ones.
    admin, agent, client = credentials["admin"], credentials["agents"][-1], credentials["client"]
    admin_token = password_token(proxy, tenant, admin["username"], admin["password"])
    agent_token = password_token(proxy, tenant, agent["username"], agent["password"])
    headers = {"Authorization": f"Bearer {admin_token}"}
    victim_password = "Fz-" + random_secrets.token_urlsafe(12)
    name = "fuzz-" + random_secrets.token_hex(4)
    created = requests.post(f"{proxy}/provisioning/v3/objects/users", headers=headers, timeout=30, json={"data": {
        "userName": name, "firstName": "Fuzz", "lastName": "Target", "employeeID": name, "password": victim_password,
        "isAgent": True}})
    assert created.status_code == 200, created.text
    session = requests.post(f"{proxy}/workspace/v3/initialize-workspace", timeout=30,
                            headers={"Authorization": f"Bearer {agent_token}"})
    assert session.status_code == 200, session.text
    basic = base64.b64encode(f"{client['id']}:{client['secret']}".encode()).decode()
    return {
        "admin": admin_token, "agent": agent_token, "basic": {"Authorization": f"Basic {basic}"},
        "cookies": {"WORKSPACE_SESSIONID": session.cookies["WORKSPACE_SESSIONID"]},
        "victim": created.json()["data"]["dbid"],
        "secrets": [admin_token, agent_token, client_token(proxy, client["id"], client["secret"]), admin["password"],
                    client["secret"], victim_password, *(a["password"] for a in credentials["agents"])],
    }


def fixed_path_parameters(base: str, path: str, method: str, victim: int) -> dict:
    """Path parameters pinned to the throwaway user for operations that change or delete people."""
    if method in ("PUT", "DELETE"):
        if base == "/provisioning/v3" and path == "/objects/users/{dbid}":
            return {"dbid": victim}
        if base == "/configuration/v3" and path.startswith("/persons/{dbid}"):
            return {"dbid": victim}
        if base == "/configuration/v3" and path.startswith("/agent-groups/"):
            return {"personDbid": victim}
    return {}


def sent_text(response) -> str:
    """What the request carried (URL decoded, body), so that an answer echoing the input is no leak."""
    request = response.request
    body = request.body or b""
    return unquote(request.url) + (body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body))


def reproduce(case) -> str:
    """A curl command for `case` (its token hidden), or the request in words when curl cannot express it."""
    try:
        return case.as_curl_command(headers={"Authorization": "Bearer …"})
    except Exception:  # noqa: BLE001 - some generated bodies cannot be written as curl
        return f"{case.method} {case.formatted_path} query={case.query!r} body={getattr(case, 'body', None)!r}"[:600]


@pytest.mark.parametrize("name", SERVICES)
def test_no_server_errors_for_generated_input(gws_cluster, demo, name):
    base, proxy = SERVICES[name], gws_cluster.proxy_url
    schema = schemathesis.openapi.from_dict(fetch_document(proxy, base))
    workspace = name == "workspace"
    headers = {"Authorization": f"Bearer {demo['agent' if workspace else 'admin']}"}
    cookies = demo["cookies"] if workspace else None
    failures: list[str] = []
    calls = 0

    for result in schema.get_all_operations():
        operation = result.ok()
        method, path = operation.method.upper(), operation.path
        if (method, base + path) in NOT_FUZZED:
            continue
        pinned = fixed_path_parameters(base, path, method, demo["victim"])
        # The token endpoint authenticates the confidential client, not a bearer token.
        sent_headers = demo["basic"] if path == "/oauth/token" else headers
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            strategy = operation.as_strategy(generation_mode=mode, path_parameters=pinned or None)

            @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True, phases=[Phase.generate],
                      suppress_health_check=list(HealthCheck))
            @given(case=strategy)
            def run(case):
                nonlocal calls
                response = case.call(base_url=f"{proxy}{base}", headers=sent_headers, cookies=cookies, timeout=30)
                calls += 1
                if response.status_code in INFRASTRUCTURE_STATUSES:
                    # The proxy's or an overloaded machine's answer, not the service's: only a repeat counts.
                    time.sleep(2)
                    response = case.call(base_url=f"{proxy}{base}", headers=sent_headers, cookies=cookies, timeout=30)
                found = leaks(response.text, demo["secrets"], sent=sent_text(response)) if response.status_code >= 400 else []
                if found:
                    failures.append(f"{method} {path} [{mode.value}] {response.status_code} leaks {found}: {response.text[:300]}")
                try:
                    case.validate_response(response, checks=[not_a_server_error])
                except Exception:  # noqa: BLE001 - collect every failure, report them together
                    failures.append(f"{method} {path} [{mode.value}] {response.status_code}: {response.text[:300]}\n"
                                    f"    {reproduce(case)}")
                    raise

            recorded = len(failures)
            try:
                run()
            except hypothesis.errors.Unsatisfiable:
                pass  # no negative input exists for this operation
            except Exception:  # noqa: BLE001 - recorded in `failures` (or an error generating input)
                if len(failures) == recorded:
                    raise
    assert calls > 0
    assert not failures, f"{len(failures)} failing inputs of {calls}:\n" + "\n".join(dict.fromkeys(failures))
