"""Every API role's OpenAPI document, through the proxy: valid OpenAPI 3, served without a token,
and what it says about security holds: every guarded operation refuses a missing, garbage or
expired token with 401; operations that need an authority refuse an agent's token (and an API
client's, where it lacks it) with 403; no error body carries a token, a password, a crash
report or a source path.

Run: `.venv/bin/pytest hack/pytests/test_openapi.py` (the `gws_cluster` fixture starts a whole
local cluster from `.build/debug`). Tenant isolation is checked in Swift (two tenants' tokens,
Tests/GWSServicesTests/TenantIsolationAPITests.swift): the cluster has one tenant, and this
suite does not mint tokens with the operator's key.
"""

from __future__ import annotations

import pytest
import requests

from openapi_support import (
    SERVICES, client_token, concrete, expired_copy, fetch_document, is_guarded, leaks, minimal_request, operations,
    password_token,
)

validator = pytest.importorskip("openapi_spec_validator", reason="pip install -r hack/pytests/requirements.txt")


class Documents(dict):
    """The documents by service name, fetched on first use."""

    def __init__(self, proxy_url: str):
        super().__init__()
        self.proxy_url = proxy_url

    def __missing__(self, name: str) -> dict:
        self[name] = fetch_document(self.proxy_url, SERVICES[name])
        return self[name]


@pytest.fixture(scope="module")
def documents(gws_cluster) -> Documents:
    return Documents(gws_cluster.proxy_url)


@pytest.fixture(scope="module")
def tokens(gws_cluster) -> dict[str, str]:
    credentials = gws_cluster.credentials
    proxy, tenant = gws_cluster.proxy_url, credentials["tenant"]
    admin, agent, client = credentials["admin"], credentials["agents"][0], credentials["client"]
    return {
        "admin": password_token(proxy, tenant, admin["username"], admin["password"]),
        "agent": password_token(proxy, tenant, agent["username"], agent["password"]),
        "client": client_token(proxy, client["id"], client["secret"]),
    }


@pytest.fixture(scope="module")
def secrets(gws_cluster, tokens) -> list[str]:
    """Every token and password of the demo tenant: no answer may carry one."""
    credentials = gws_cluster.credentials
    passwords = [credentials["admin"]["password"], credentials["client"]["secret"]]
    passwords += [agent["password"] for agent in credentials["agents"]]
    return [*tokens.values(), *passwords]


@pytest.mark.parametrize("name", SERVICES)
def test_document_is_valid_openapi_3(documents, name):
    document = documents[name]
    validator.validate(document)
    assert document["openapi"].startswith("3.0.")
    assert document["servers"] == [{"url": SERVICES[name]}]
    schemes = document["components"]["securitySchemes"]
    assert schemes["bearerAuth"]["type"] == "http" and schemes["bearerAuth"]["scheme"] == "bearer"
    assert schemes["bearerAuth"]["bearerFormat"] == "JWT"
    for method, path, operation in operations(document):
        assert operation["operationId"], f"{method} {path}"
        if is_guarded(operation):
            assert "401" in operation["responses"], f"{method.upper()} {path} documents its 401"


@pytest.mark.parametrize("name", SERVICES)
def test_public_operations_answer_without_token(gws_cluster, documents, name):
    base = SERVICES[name]
    public = [(method, path) for method, path, operation in operations(documents[name]) if not is_guarded(operation)]
    assert ("get", "/version") in public and ("get", "/openapi.json") in public
    for method, path in public:
        if method == "get":
            response = requests.get(f"{gws_cluster.proxy_url}{base}{path}", timeout=30)
            assert response.status_code == 200, f"GET {base}{path}: {response.status_code} {response.text[:200]}"


@pytest.mark.parametrize("name", SERVICES)
def test_guarded_operations_refuse_missing_garbage_and_expired_tokens(gws_cluster, documents, tokens, secrets, name):
    base, proxy = SERVICES[name], gws_cluster.proxy_url
    variants = {
        "no token": None,
        "garbage": "Bearer garbage",
        "not bearer": "Token abc",
        "expired": f"Bearer {expired_copy(tokens['admin'])}",
        "truncated": f"Bearer {tokens['admin'][:-8]}",
    }
    checked = 0
    for method, path, operation in operations(documents[name]):
        if not is_guarded(operation):
            continue
        for label, header in variants.items():
            headers = {"Authorization": header} if header else {}
            response = requests.request(
                method, f"{proxy}{base}{concrete(path)}", headers=headers, timeout=30, **minimal_request(operation))
            assert response.status_code == 401, f"{method.upper()} {base}{path} with {label}: {response.status_code}"
            assert not leaks(response.text, [*secrets, expired_copy(tokens["admin"])]), response.text
            body = response.json()
            if path != "/oauth/token":  # OAuth errors are RFC 6749 JSON, not envelopes
                assert body["status"]["code"] == 401 and body["status"]["message"], body
            checked += 1
    if name not in ("auth",):
        assert checked > 0, f"{name} documents no guarded operation"


@pytest.mark.parametrize("who", ["agent", "client"])
def test_operations_needing_an_authority_refuse_tokens_without_it(gws_cluster, documents, tokens, secrets, who):
    """An agent (ROLE_AGENT) may not provision, change the configuration, register clients or
    drive the switch; an API client (ROLE_CLIENT) may drive the switch but not provision."""
    authority = {"agent": "ROLE_AGENT", "client": "ROLE_CLIENT"}[who]
    headers = {"Authorization": f"Bearer {tokens[who]}"}
    refused = []
    for name, base in SERVICES.items():
        for method, path, operation in operations(documents[name]):
            needed = operation.get("x-gws-authorities")
            if not needed or authority in needed:
                continue
            response = requests.request(
                method, f"{gws_cluster.proxy_url}{base}{concrete(path)}", headers=headers, timeout=30,
                **minimal_request(operation))
            assert response.status_code == 403, f"{who}: {method.upper()} {base}{path}: {response.status_code} {response.text}"
            assert "authority" in response.json()["status"]["message"]
            assert not leaks(response.text, secrets), response.text
            refused.append(f"{method.upper()} {base}{path}")
    assert any(path.startswith("POST /provisioning/v3/objects/users") for path in refused), refused
    if who == "agent":
        assert "POST /configuration/v3/persons" in refused and "POST /auth/v3/clients" in refused, refused


def test_provisioning_writes_need_an_admin(gws_cluster, tokens):
    """The explicit case of issue 4 §9: a user created by an admin cannot provision users."""
    proxy = gws_cluster.proxy_url
    body = {"data": {"userName": "openapi-sec-user", "employeeID": "openapi-sec-1", "password": "Secret-123456"}}
    response = requests.post(f"{proxy}/provisioning/v3/objects/users", json=body, timeout=30,
                             headers={"Authorization": f"Bearer {tokens['agent']}"})
    assert response.status_code == 403, response.text
    listed = requests.get(f"{proxy}/provisioning/v3/objects/users", params={"filterName": "openapi-sec-user"}, timeout=30,
                          headers={"Authorization": f"Bearer {tokens['admin']}"})
    assert listed.status_code == 200 and listed.json()["data"]["users"] == [], listed.text
