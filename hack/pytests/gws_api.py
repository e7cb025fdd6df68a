"""Small helpers for talking to a GWS cluster through its proxy (tokens, envelopes)."""

from __future__ import annotations

import requests


class GWSAPI:
    """Calls through the proxy; `token()` gets OAuth tokens from the auth role."""

    def __init__(self, proxy_url: str, tenant: str):
        self.base = proxy_url.rstrip("/")
        self.tenant = tenant

    def token(self, username: str, password: str, client_id: str = "agent-setup") -> str:
        response = requests.post(
            f"{self.base}/auth/v3/oauth/token",
            data={"grant_type": "password", "username": f"{self.tenant}\\{username}", "password": password,
                  "client_id": client_id},
            timeout=30,
        )
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["token_type"].lower() == "bearer"
        return body["access_token"]

    def client_token(self, client_id: str, secret: str) -> str:
        response = requests.post(
            f"{self.base}/auth/v3/oauth/token", data={"grant_type": "client_credentials"},
            auth=(client_id, secret), timeout=30,
        )
        assert response.status_code == 200, response.text
        return response.json()["access_token"]

    def call(self, method: str, path: str, token: str | None = None, data=None, session: requests.Session | None = None,
             expect: int | None = 200, **kwargs) -> dict:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        body = {"data": data} if data is not None else None
        response = (session or requests).request(method, f"{self.base}{path}", headers=headers, json=body, timeout=30,
                                                 **kwargs)
        if expect is not None:
            assert response.status_code == expect, f"{method} {path}: {response.status_code} {response.text}"
        try:
            return response.json()
        except ValueError:
            return {"_status": response.status_code, "_text": response.text}
