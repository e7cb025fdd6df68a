#!/usr/bin/env python3
"""A small, honest stand-in for the Kubernetes API server, for testing gws-operator.

No API server can run on these machines, and kmock (PyPI) keeps no
resourceVersions, history, 410s, bookmarks, status subresource or
server-side apply. This serves, in memory, the resources the operator
uses and emulates (see README.md for the full list and the gaps):

* list (with labelSelector, limit/continue) and get, create, PUT, JSON merge
  patch, server-side apply, delete; one global resourceVersion counter;
  conditional writes (409 on a stale resourceVersion); no-op writes change
  nothing; ``metadata.generation`` bumped on spec changes;
* the status subresource (``/status`` writes only status, the main resource
  never writes status);
* watch: from a resourceVersion (replayed from history), BOOKMARK events,
  ``timeoutSeconds``, and 410 Gone (an ERROR event, or HTTP 410) for a
  version older than the last compaction;
* deletion with finalizers (deletionTimestamp, removal when the last
  finalizer goes) and a garbage collector for ownerReferences;
* control endpoints under ``/_standin/`` for tests: the request log, pausing
  and dropping watches, compaction, and Deployment readiness.

Run: ``standin.py --port 0 --port-file FILE [--bookmark-interval S] [--token T]``.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import sys
import time
from pathlib import Path

import yaml
from aiohttp import web

from store import BY_PATH, APIError, Event, Store, parse_selector, selector_matches


class Watcher:
    def __init__(self, resource, namespace, selector):
        self.resource = resource
        self.namespace = namespace
        self.selector = selector
        self.queue: asyncio.Queue = asyncio.Queue()
        self.closed = False

    def offer(self, event: Event) -> None:
        if self.matches(event.resource, event.obj):
            self.queue.put_nowait(event)

    def matches(self, resource, obj) -> bool:
        meta = obj.get("metadata", {})
        return (
            resource == self.resource
            and (self.namespace is None or meta.get("namespace") == self.namespace)
            and selector_matches(self.selector, meta.get("labels") or {})
        )


class StandIn:
    def __init__(self, bookmark_interval: float, token: str | None):
        self.store = Store()
        self.store.listeners.append(self._fan_out)
        self.watchers: set[Watcher] = set()
        self.bookmark_interval = bookmark_interval
        self.token = token
        self.resumed = asyncio.Event()
        self.resumed.set()
        self.gone_as = "event"  # or "http"
        self.requests: list[dict] = []
        self.seq = 0

    def _fan_out(self, event: Event) -> None:
        for watcher in list(self.watchers):
            watcher.offer(event)

    # -- routing ----------------------------------------------------------

    @staticmethod
    def parse_path(path: str):
        """→ (resource, namespace or None, name or None, subresource or None)."""
        parts = [p for p in path.split("/") if p]
        if parts[:1] == ["api"] and len(parts) >= 3:
            group, version, rest = "", parts[1], parts[2:]
        elif parts[:1] == ["apis"] and len(parts) >= 4:
            group, version, rest = parts[1], parts[2], parts[3:]
        else:
            raise APIError(404, "NotFound", f"the server could not find the requested resource ({path})")
        namespace = None
        if len(rest) >= 3 and rest[0] == "namespaces":
            namespace, rest = rest[1], rest[2:]
        resource = BY_PATH.get((group, version, rest[0]))
        if resource is None:
            raise APIError(404, "NotFound", f"the server could not find the requested resource ({path})")
        if resource.namespaced is False:
            namespace = ""
        name = rest[1] if len(rest) > 1 else None
        sub = rest[2] if len(rest) > 2 else None
        if sub not in (None, "status") or (sub == "status" and not resource.status_subresource) or len(rest) > 3:
            raise APIError(404, "NotFound", f"the server could not find the requested resource ({path})")
        return resource, namespace, name, sub

    @web.middleware
    async def middleware(self, request: web.Request, handler):
        if request.path.startswith("/_standin/"):
            return await handler(request)
        self.seq += 1
        entry = {
            "seq": self.seq,
            "time": time.time(),
            "method": request.method,
            "path": request.path,
            "query": dict(request.query),
            "contentType": request.content_type,
            "watch": request.query.get("watch") in ("1", "true"),
        }
        self.requests.append(entry)
        try:
            if self.token and request.headers.get("Authorization") != f"Bearer {self.token}":
                raise APIError(401, "Unauthorized", "Unauthorized")
            response = await handler(request)
        except APIError as error:
            response = web.json_response(error.status(), status=error.code)
        entry["status"] = response.status
        return response

    async def handle(self, request: web.Request) -> web.StreamResponse:
        resource, namespace, name, sub = self.parse_path(request.path)
        method = request.method
        if method == "GET" and name is None:
            if request.query.get("watch") in ("1", "true"):
                return await self.watch(request, resource, namespace)
            return self.list(request, resource, namespace)
        if method == "GET":
            return web.json_response(self.store.get(resource, namespace or "", name))
        if method == "POST" and name is None:
            body = await self.body(request)
            return web.json_response(self.store.create(resource, namespace or "", body), status=201)
        if name is None:
            raise APIError(405, "MethodNotAllowed", f"{method} on a collection is not supported")
        ns = namespace or ""
        if method == "PUT":
            return web.json_response(self.store.update(resource, ns, name, await self.body(request), sub))
        if method == "PATCH":
            kind = request.content_type
            if kind == "application/apply-patch+yaml":
                manager = request.query.get("fieldManager")
                if not manager:
                    raise APIError(400, "BadRequest", "PATCH, application/apply-patch+yaml: fieldManager is required")
                text = await request.text()
                try:
                    config = json.loads(text)
                except ValueError:
                    config = yaml.safe_load(text)
                obj, created = self.store.apply(
                    resource, ns, name, config, manager, request.query.get("force") == "true", sub)
                return web.json_response(obj, status=201 if created else 200)
            if kind == "application/merge-patch+json":
                return web.json_response(self.store.merge_patch(resource, ns, name, await self.body(request), sub))
            raise APIError(415, "UnsupportedMediaType", f"the stand-in does not emulate {kind} patches")
        if method == "DELETE":
            text = await request.text()
            options = json.loads(text) if text.strip() else {}
            if request.query.get("propagationPolicy"):
                options["propagationPolicy"] = request.query["propagationPolicy"]
            return web.json_response(self.store.delete(resource, ns, name, options))
        raise APIError(405, "MethodNotAllowed", f"{method} is not supported")

    @staticmethod
    async def body(request: web.Request):
        try:
            return json.loads(await request.text())
        except ValueError as error:
            raise APIError(400, "BadRequest", f"invalid JSON: {error}") from None

    # -- list -------------------------------------------------------------

    def list(self, request, resource, namespace) -> web.Response:
        selector = parse_selector(request.query.get("labelSelector"))
        items = self.store.list(resource, namespace, selector)
        list_rv = self.store.rv
        start = 0
        token = request.query.get("continue")
        if token:
            state = json.loads(base64.b64decode(token))
            if state["rv"] < self.store.compacted_rv:
                raise APIError(410, "Expired", "The provided continue parameter is too old to display a consistent list result.")
            list_rv = state["rv"]
            after = tuple(state["after"])
            start = next((i for i, o in enumerate(items)
                          if (o["metadata"].get("namespace", ""), o["metadata"]["name"]) > after), len(items))
        limit = int(request.query.get("limit") or 0)
        page = items[start:start + limit] if limit > 0 else items[start:]
        meta = {"resourceVersion": str(list_rv)}
        if limit > 0 and start + limit < len(items):
            last = page[-1]["metadata"]
            meta["continue"] = base64.b64encode(json.dumps(
                {"rv": list_rv, "after": [last.get("namespace", ""), last["name"]]}).encode()).decode()
        return web.json_response({
            "apiVersion": resource.api_version, "kind": f"{resource.kind}List", "metadata": meta, "items": page})

    # -- watch ------------------------------------------------------------

    async def watch(self, request, resource, namespace) -> web.StreamResponse:
        await self.resumed.wait()
        selector = parse_selector(request.query.get("labelSelector"))
        rv_text = request.query.get("resourceVersion") or ""
        bookmarks = request.query.get("allowWatchBookmarks") in ("1", "true")
        timeout = int(request.query.get("timeoutSeconds") or 1800)
        watcher = Watcher(resource, namespace, selector)
        backlog: list[tuple[str, dict]] = []
        if rv_text in ("", "0"):
            backlog = [("ADDED", o) for o in self.store.list(resource, namespace, selector)]
        else:
            since = int(rv_text)
            if since < self.store.compacted_rv:
                message = f"too old resource version: {since} ({self.store.compacted_rv})"
                if self.gone_as == "http":
                    raise APIError(410, "Expired", message)
                response = web.StreamResponse(headers={"Content-Type": "application/json"})
                await response.prepare(request)
                await response.write(json.dumps({"type": "ERROR", "object": APIError(410, "Expired", message).status()}).encode() + b"\n")
                await response.write_eof()
                return response
            backlog = [(e.type, e.obj) for e in self.store.events_since(since) if watcher.matches(e.resource, e.obj)]
        self.watchers.add(watcher)
        response = web.StreamResponse(headers={"Content-Type": "application/json", "Transfer-Encoding": "chunked"})
        try:
            await response.prepare(request)
            for type_, obj in backlog:
                await response.write(json.dumps({"type": type_, "object": obj}).encode() + b"\n")
            deadline = time.monotonic() + timeout
            next_bookmark = time.monotonic() + self.bookmark_interval
            while not watcher.closed:
                wait = min(deadline, next_bookmark if bookmarks else deadline) - time.monotonic()
                if wait <= 0:
                    if time.monotonic() >= deadline:
                        break
                    bookmark = {"apiVersion": resource.api_version, "kind": resource.kind,
                                "metadata": {"resourceVersion": str(self.store.rv)}}
                    await response.write(json.dumps({"type": "BOOKMARK", "object": bookmark}).encode() + b"\n")
                    next_bookmark = time.monotonic() + self.bookmark_interval
                    continue
                try:
                    event = await asyncio.wait_for(watcher.queue.get(), timeout=wait)
                except asyncio.TimeoutError:
                    continue
                if event is None:
                    break
                await response.write(json.dumps({"type": event.type, "object": event.obj}).encode() + b"\n")
            await response.write_eof()
        except (ConnectionResetError, asyncio.CancelledError):
            pass
        finally:
            self.watchers.discard(watcher)
        return response

    # -- control ----------------------------------------------------------

    async def control(self, request: web.Request) -> web.Response:
        action = request.match_info["action"]
        query = request.query
        if action == "requests":
            since = int(query.get("since", 0))
            return web.json_response({"seq": self.seq, "requests": [r for r in self.requests if r["seq"] > since]})
        if action == "state":
            return web.json_response({
                "resourceVersion": self.store.rv, "compactedResourceVersion": self.store.compacted_rv,
                "objects": len(self.store.objects), "watchers": len(self.watchers), "paused": not self.resumed.is_set()})
        if action == "pause-watches":
            self.resumed.clear()
            self.drop_watches()
            return web.json_response({"dropped": True})
        if action == "drop-watches":
            self.drop_watches()
            return web.json_response({"dropped": True})
        if action == "resume-watches":
            self.resumed.set()
            return web.json_response({"resumed": True})
        if action == "compact":
            return web.json_response({"compactedResourceVersion": self.store.compact()})
        if action == "gone-as":
            self.gone_as = query.get("mode", "event")
            return web.json_response({"goneAs": self.gone_as})
        if action == "deployments-ready":
            ready = int(query["ready"]) if "ready" in query else None
            changed = self.store.set_deployments_ready(query.get("namespace"), ready)
            return web.json_response({"changed": changed})
        raise web.HTTPNotFound()

    def drop_watches(self) -> None:
        for watcher in list(self.watchers):
            watcher.closed = True
            watcher.queue.put_nowait(None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file")
    parser.add_argument("--bookmark-interval", type=float, default=60.0)
    parser.add_argument("--token", help="require this bearer token")
    args = parser.parse_args()

    async def start() -> None:
        standin = StandIn(args.bookmark_interval, args.token)
        app = web.Application(middlewares=[standin.middleware], client_max_size=64 << 20)
        app.router.add_route("*", "/_standin/{action}", standin.control)
        app.router.add_route("*", "/{tail:.*}", standin.handle)
        runner = web.AppRunner(app, access_log=None, handler_cancellation=True)
        await runner.setup()
        site = web.TCPSite(runner, args.host, args.port)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        print(f"kube-standin listening on http://{args.host}:{port}", flush=True)
        if args.port_file:
            Path(args.port_file).write_text(f"{port}\n")
        await asyncio.Event().wait()

    try:
        asyncio.run(start())
    except KeyboardInterrupt:
        sys.exit(0)


if __name__ == "__main__":
    main()
