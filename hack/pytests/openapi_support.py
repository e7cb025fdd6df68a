"""Helpers of the OpenAPI suites (test_openapi.py, test_openapi_fuzz.py): the API roles'
documents, tokens for the demo tenant, and the check that error bodies leak nothing."""

from __future__ import annotations

import base64
import json
import time

import requests

# The API roles the local defaults run, by base path (ocs, chat and ucs are off by default).
SERVICES = {
    "auth": "/auth/v3",
    "configuration": "/configuration/v3",
    "setting": "/setting/v3",
    "tenant": "/tenant/v3",
    "voice": "/voice/v3",
    "ixn": "/ixn/v3",
    "datacollector": "/datacollector/v3",
    "statistics": "/statistics/v3",
    "provisioning": "/provisioning/v3",
    "workspace": "/workspace/v3",
}

# What an error body must never contain: crash reports and source paths.
FORBIDDEN_FRAGMENTS = ("Fatal error", "/work/", ".swift:", "Traceback", "stack trace")

METHODS = ("get", "put", "post", "delete", "patch")


def fetch_document(proxy_url: str, base: str) -> dict:
    """`GET <base>/openapi.json` through the proxy, without any credentials."""
    response = requests.get(f"{proxy_url}{base}/openapi.json", timeout=30)
    assert response.status_code == 200, f"{base}/openapi.json: {response.status_code} {response.text[:200]}"
    assert response.headers["Content-Type"].startswith("application/json")
    return response.json()


def operations(document: dict):
    """(method, path template, operation object) of every operation of `document`."""
    for path, item in sorted(document["paths"].items()):
        for method in METHODS:
            if method in item:
                yield method, path, item[method]


def is_guarded(operation: dict) -> bool:
    """Whether the operation needs credentials (an empty `security` list means public)."""
    return operation.get("security", [{"bearerAuth": []}]) != []


def concrete(path: str, value: str = "1") -> str:
    """`path` with every `{name}` template filled with `value`."""
    out, depth = [], 0
    for char in path:
        if char == "{":
            depth += 1
            out.append(value)
        elif char == "}":
            depth -= 1
        elif depth == 0:
            out.append(char)
    return "".join(out)


def minimal_request(operation: dict) -> dict:
    """`requests` keyword arguments with a minimal body of the operation's media type."""
    content = (operation.get("requestBody") or {}).get("content") or {}
    if "application/x-www-form-urlencoded" in content:
        return {"data": {"grant_type": "client_credentials"}}
    if "application/json" in content:
        return {"json": {"data": {}}}
    return {}


def password_token(proxy_url: str, tenant: str, username: str, password: str) -> str:
    """A user's access token from the password grant of the public `agent-setup` client."""
    response = requests.post(
        f"{proxy_url}/auth/v3/oauth/token", timeout=30,
        data={"grant_type": "password", "client_id": "agent-setup", "username": f"{tenant}\\{username}",
              "password": password})
    assert response.status_code == 200, response.text
    return response.json()["access_token"]


def client_token(proxy_url: str, client_id: str, secret: str) -> str:
    """A confidential client's token (client_credentials, Authorization: Basic)."""
    response = requests.post(
        f"{proxy_url}/auth/v3/oauth/token", data={"grant_type": "client_credentials"}, auth=(client_id, secret),
        timeout=30)
    assert response.status_code == 200, response.text
    return response.json()["access_token"]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def expired_copy(token: str) -> str:
    """`token` with its payload changed to have expired an hour ago (its signature no longer matches)."""
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["exp"] = int(time.time()) - 3600
    claims["iat"] = claims["exp"] - 3600
    return ".".join([header, _b64(json.dumps(claims).encode()), signature])


def leaks(body: str, secrets: list[str], sent: str = "") -> list[str]:
    """What of `secrets` (tokens, passwords) and of FORBIDDEN_FRAGMENTS `body` contains,
    leaving out what the request itself carried (`sent`: a message may quote the input)."""
    found = [fragment for fragment in FORBIDDEN_FRAGMENTS if fragment in body and fragment not in sent]
    found += [f"secret {secret[:6]}…" for secret in secrets
              if secret and len(secret) >= 6 and secret in body and secret not in sent]
    return found
