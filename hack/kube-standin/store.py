"""The stand-in's state: objects, one resourceVersion counter, the event history.

Everything here is synchronous and runs on the event loop's thread, so each
operation is atomic, like a transaction against etcd.
"""

from __future__ import annotations

import copy
import datetime
import uuid
from dataclasses import dataclass, field
from typing import Any, Callable

import ssa


@dataclass(frozen=True)
class Resource:
    group: str
    version: str
    plural: str
    kind: str
    namespaced: bool = True
    status_subresource: bool = False
    tracks_generation: bool = False

    @property
    def api_version(self) -> str:
        return f"{self.group}/{self.version}" if self.group else self.version


RESOURCES = [
    Resource("gws.genesys.com", "v1alpha1", "gwsdeployments", "GWSDeployment", status_subresource=True, tracks_generation=True),
    Resource("", "v1", "configmaps", "ConfigMap"),
    Resource("", "v1", "services", "Service", status_subresource=True),
    Resource("", "v1", "events", "Event"),
    Resource("apps", "v1", "deployments", "Deployment", status_subresource=True, tracks_generation=True),
    Resource("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", status_subresource=True, tracks_generation=True),
    Resource("monitoring.coreos.com", "v1", "servicemonitors", "ServiceMonitor", tracks_generation=True),
    Resource("coordination.k8s.io", "v1", "leases", "Lease"),
]
BY_PATH = {(r.group, r.version, r.plural): r for r in RESOURCES}

Key = tuple[Resource, str, str]  # resource, namespace, name


class APIError(Exception):
    """A refusal, rendered as a metav1.Status."""

    def __init__(self, code: int, reason: str, message: str):
        super().__init__(message)
        self.code = code
        self.reason = reason
        self.message = message

    def status(self) -> dict:
        return {
            "apiVersion": "v1",
            "kind": "Status",
            "metadata": {},
            "status": "Failure",
            "code": self.code,
            "reason": self.reason,
            "message": self.message,
        }


def now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def selector_matches(selector: list[tuple[str, str, str | None]], labels: dict) -> bool:
    for key, op, value in selector:
        if op == "=" and labels.get(key) != value:
            return False
        if op == "!=" and labels.get(key) == value:
            return False
        if op == "exists" and key not in labels:
            return False
        if op == "!exists" and key in labels:
            return False
    return True


def parse_selector(text: str | None) -> list[tuple[str, str, str | None]]:
    """Equality-based label selectors (``a=b,c!=d,e,!f``); set-based ones are refused."""
    out: list[tuple[str, str, str | None]] = []
    for part in filter(None, (p.strip() for p in (text or "").split(","))):
        if " in " in part or " notin " in part or "(" in part:
            raise APIError(400, "BadRequest", f"set-based label selectors are not emulated: {part}")
        if "!=" in part:
            key, value = part.split("!=", 1)
            out.append((key.strip(), "!=", value.strip()))
        elif "==" in part or "=" in part:
            key, value = part.replace("==", "=").split("=", 1)
            out.append((key.strip(), "=", value.strip()))
        elif part.startswith("!"):
            out.append((part[1:], "!exists", None))
        else:
            out.append((part, "exists", None))
    return out


@dataclass
class Event:
    rv: int
    type: str
    resource: Resource
    obj: dict


@dataclass
class Store:
    objects: dict[Key, dict] = field(default_factory=dict)
    managed: dict[Key, dict[str, set]] = field(default_factory=dict)
    rv: int = 1000
    history: list[Event] = field(default_factory=list)
    compacted_rv: int = 0
    listeners: list[Callable[[Event], None]] = field(default_factory=list)
    history_limit: int = 200_000
    uids: set[str] = field(default_factory=set)

    # -- bookkeeping ------------------------------------------------------

    def _emit(self, type_: str, resource: Resource, obj: dict) -> None:
        event = Event(self.rv, type_, resource, obj)
        self.history.append(event)
        if len(self.history) > self.history_limit:
            drop = len(self.history) - self.history_limit
            self.compacted_rv = self.history[drop - 1].rv
            del self.history[:drop]
        for listener in list(self.listeners):
            listener(event)

    def _next_rv(self) -> str:
        self.rv += 1
        return str(self.rv)

    def compact(self) -> int:
        """Forgets the history up to now: a watch from an older version gets 410 Gone."""
        self.compacted_rv = self.rv
        self.history.clear()
        return self.compacted_rv

    def events_since(self, rv: int) -> list[Event]:
        return [e for e in self.history if e.rv > rv]

    # -- reads ------------------------------------------------------------

    def get(self, resource: Resource, namespace: str, name: str) -> dict:
        obj = self.objects.get((resource, namespace, name))
        if obj is None:
            raise APIError(404, "NotFound", f'{resource.plural}.{resource.group or "core"} "{name}" not found')
        return obj

    def list(self, resource: Resource, namespace: str | None, selector) -> list[dict]:
        items = [
            obj
            for (res, ns, _), obj in self.objects.items()
            if res == resource and (namespace is None or ns == namespace)
            and selector_matches(selector, obj.get("metadata", {}).get("labels") or {})
        ]
        items.sort(key=lambda o: (o["metadata"].get("namespace", ""), o["metadata"]["name"]))
        return items

    # -- writes -----------------------------------------------------------

    def create(self, resource: Resource, namespace: str, body: dict, manager: str | None = None,
               managed: dict | None = None) -> dict:
        if not isinstance(body, dict):
            raise APIError(400, "BadRequest", "the body must be an object")
        meta = body.setdefault("metadata", {})
        if not meta.get("name") and meta.get("generateName"):
            meta["name"] = meta["generateName"] + uuid.uuid4().hex[:5]
        name = meta.get("name")
        if not name:
            raise APIError(422, "Invalid", f"{resource.kind}: metadata.name: Required value")
        if meta.get("namespace") and resource.namespaced and meta["namespace"] != namespace:
            raise APIError(400, "BadRequest", "the namespace of the object does not match the namespace on the request")
        key = (resource, namespace if resource.namespaced else "", name)
        if key in self.objects:
            raise APIError(409, "AlreadyExists", f'{resource.plural}.{resource.group or "core"} "{name}" already exists')
        obj = copy.deepcopy(body)
        obj["apiVersion"] = resource.api_version
        obj["kind"] = resource.kind
        meta = obj["metadata"]
        if resource.namespaced:
            meta["namespace"] = namespace
        for server_field in ("deletionTimestamp", "deletionGracePeriodSeconds", "managedFields"):
            meta.pop(server_field, None)
        meta["uid"] = str(uuid.uuid4())
        meta["creationTimestamp"] = now()
        if resource.tracks_generation:
            meta["generation"] = 1
        meta["resourceVersion"] = self._next_rv()
        self.objects[key] = obj
        self.managed[key] = managed or {}
        self.uids.add(meta["uid"])
        self._emit("ADDED", resource, obj)
        self._collect_if_orphaned(key, obj)
        return obj

    def _collect_if_orphaned(self, key: Key, obj: dict) -> None:
        """The garbage collector's dangling-owner rule: a dependent created with owner
        references of which none exists any more (its owner was deleted, e.g. by a
        controller reconciling from a stale cache) is deleted in the background."""
        refs = obj["metadata"].get("ownerReferences") or []
        if refs and not any(ref.get("uid") in self.uids for ref in refs):
            final = copy.deepcopy(obj)
            final["metadata"]["resourceVersion"] = self._next_rv()
            self._remove(key, final)

    def _write(self, resource: Resource, key: Key, old: dict, new: dict, managed: dict | None = None) -> dict:
        """Stores ``new`` in place of ``old``: bumps generation on spec changes and the
        resourceVersion on any change; a no-op write changes nothing and emits nothing."""
        new["metadata"]["resourceVersion"] = old["metadata"]["resourceVersion"]
        if resource.tracks_generation:
            new["metadata"]["generation"] = old["metadata"].get("generation", 1)
            if _without(new, "status", "metadata") != _without(old, "status", "metadata"):
                new["metadata"]["generation"] += 1
        if managed is not None:
            self.managed[key] = managed
        if new == old:
            return old
        new["metadata"]["resourceVersion"] = self._next_rv()
        if new["metadata"].get("deletionTimestamp") and not new["metadata"].get("finalizers"):
            self._remove(key, new)
            return new
        self.objects[key] = new
        self._emit("MODIFIED", resource, new)
        return new

    def _prepare(self, resource: Resource, key: Key, old: dict, new: dict, subresource: str | None) -> dict:
        """What a write may change: the status subresource writes only status; the main
        resource never writes status (when it has the subresource) or server fields."""
        if subresource == "status":
            result = copy.deepcopy(old)
            if "status" in new:
                result["status"] = new["status"]
            else:
                result.pop("status", None)
            return result
        result = copy.deepcopy(new)
        meta = result.setdefault("metadata", {})
        for keep in ("uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "name", "namespace"):
            if keep in old["metadata"]:
                meta[keep] = old["metadata"][keep]
            else:
                meta.pop(keep, None)
        result["apiVersion"] = resource.api_version
        result["kind"] = resource.kind
        if resource.status_subresource:
            if "status" in old:
                result["status"] = old["status"]
            else:
                result.pop("status", None)
        return result

    def _check_precondition(self, old: dict, body: dict) -> None:
        wanted = (body.get("metadata") or {}).get("resourceVersion")
        if wanted and wanted != old["metadata"]["resourceVersion"]:
            name = old["metadata"]["name"]
            raise APIError(
                409, "Conflict",
                f'Operation cannot be fulfilled on {old["kind"]} "{name}": the object has been modified; '
                "please apply your changes to the latest version and try again")

    def update(self, resource: Resource, namespace: str, name: str, body: dict, subresource: str | None) -> dict:
        key = (resource, namespace, name)
        old = self.get(resource, namespace, name)
        self._check_precondition(old, body)
        new = self._prepare(resource, key, old, body, subresource)
        return self._write(resource, key, old, new)

    def merge_patch(self, resource: Resource, namespace: str, name: str, patch: dict, subresource: str | None) -> dict:
        key = (resource, namespace, name)
        old = self.get(resource, namespace, name)
        self._check_precondition(old, patch)
        patched = ssa.merge_patch(old, patch)
        new = self._prepare(resource, key, old, patched, subresource)
        return self._write(resource, key, old, new)

    def apply(self, resource: Resource, namespace: str, name: str, config: dict, manager: str, force: bool,
              subresource: str | None) -> tuple[dict, bool]:
        """Server-side apply; returns the object and whether it was created."""
        if not isinstance(config, dict):
            raise APIError(400, "BadRequest", "the applied configuration must be an object")
        meta = config.get("metadata") or {}
        if meta.get("name") != name:
            raise APIError(400, "BadRequest", "metadata.name must match the name in the URL")
        if config.get("apiVersion") != resource.api_version or config.get("kind") != resource.kind:
            raise APIError(400, "BadRequest", f"apiVersion and kind must be {resource.api_version} {resource.kind}")
        key = (resource, namespace, name)
        ignore = {("status",)} if resource.status_subresource and subresource != "status" else set()
        old = self.objects.get(key)
        try:
            merged, managed = ssa.apply(old, config, manager, self.managed.get(key, {}), force, ignore)
        except ssa.ApplyConflict as conflict:
            raise APIError(409, "Conflict", str(conflict)) from None
        if old is None:
            merged.setdefault("metadata", {})["name"] = name
            return self.create(resource, namespace, merged, manager, managed), True
        new = self._prepare(resource, key, old, merged, subresource)
        return self._write(resource, key, old, new, managed), False

    def delete(self, resource: Resource, namespace: str, name: str, options: dict | None) -> dict:
        key = (resource, namespace, name)
        old = self.get(resource, namespace, name)
        options = options or {}
        uid = (options.get("preconditions") or {}).get("uid")
        if uid and uid != old["metadata"]["uid"]:
            raise APIError(409, "Conflict", f"Precondition failed: UID in precondition: {uid}, UID in object meta: {old['metadata']['uid']}")
        if old["metadata"].get("finalizers"):
            if old["metadata"].get("deletionTimestamp"):
                return old
            new = copy.deepcopy(old)
            new["metadata"]["deletionTimestamp"] = now()
            new["metadata"]["deletionGracePeriodSeconds"] = 0
            if resource.tracks_generation:
                new["metadata"]["generation"] = old["metadata"].get("generation", 1) + 1
            new["metadata"]["resourceVersion"] = self._next_rv()
            self.objects[key] = new
            self._emit("MODIFIED", resource, new)
            return new
        final = copy.deepcopy(old)
        final["metadata"]["resourceVersion"] = self._next_rv()
        self._remove(key, final, propagation=options.get("propagationPolicy") or "Background")
        return final

    def _remove(self, key: Key, final: dict, propagation: str = "Background") -> None:
        """Removes the object, then (garbage collector) its dependents: deleted for
        Background/Foreground propagation, or stripped of the owner reference for Orphan."""
        resource = key[0]
        self.objects.pop(key, None)
        self.uids.discard(final["metadata"]["uid"])
        self.managed.pop(key, None)
        self._emit("DELETED", resource, final)
        uid = final["metadata"]["uid"]
        dependents = [
            k for k, o in self.objects.items()
            if any(ref.get("uid") == uid for ref in (o["metadata"].get("ownerReferences") or []))
        ]
        for dep_key in dependents:
            dep = self.objects.get(dep_key)
            if dep is None:
                continue
            if propagation == "Orphan":
                new = copy.deepcopy(dep)
                new["metadata"]["ownerReferences"] = [
                    r for r in dep["metadata"]["ownerReferences"] if r.get("uid") != uid] or None
                if new["metadata"]["ownerReferences"] is None:
                    del new["metadata"]["ownerReferences"]
                self._write(dep_key[0], dep_key, dep, new)
            else:
                self.delete(dep_key[0], dep_key[1], dep_key[2], {"propagationPolicy": "Background"})

    # -- what kube-controller-manager would do ----------------------------

    def set_deployments_ready(self, namespace: str | None, ready: int | None) -> int:
        """Reports every Deployment (in ``namespace``) as having ``ready`` ready replicas
        (default: all of ``spec.replicas``). Returns how many changed."""
        changed = 0
        for key, obj in list(self.objects.items()):
            resource, ns, _ = key
            if resource.plural != "deployments" or (namespace and ns != namespace):
                continue
            replicas = (obj.get("spec") or {}).get("replicas", 1)
            count = replicas if ready is None else min(ready, replicas)
            new = copy.deepcopy(obj)
            new["status"] = {
                "observedGeneration": obj["metadata"].get("generation", 1),
                "replicas": replicas,
                "updatedReplicas": replicas,
                "readyReplicas": count,
                "availableReplicas": count,
            }
            if self._write(resource, key, obj, new) is not obj:
                changed += 1
        return changed


def _without(obj: dict, *keys: str) -> dict:
    return {k: v for k, v in obj.items() if k not in keys}
