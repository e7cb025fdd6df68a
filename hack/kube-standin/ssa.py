"""Server-side apply and JSON merge patch, as far as the stand-in emulates them.

Server-side apply (``application/apply-patch+yaml``) is modelled with field
ownership per manager, at the granularity of map leaves:

* every leaf of the applied configuration (a scalar, or a whole list: lists
  are atomic here, where the real server merges list-maps such as
  ``containers`` by key) becomes owned by the applying manager;
* a field the manager applied before and omits now is removed, unless
  another manager also owns it;
* a field owned by another manager with a different value is a conflict
  (409) unless ``force=true``, which takes the field over.

Not modelled: list-map and set semantics (``x-kubernetes-list-type``),
defaulting, ``Update``-operation ownership of merge patches and PUTs,
``managedFields`` in the FieldsV1 format.
"""

from __future__ import annotations

import copy
from typing import Any

Path = tuple[str, ...]

# Server-owned metadata a client's apply does not manage.
SERVER_FIELDS = {
    ("metadata", "resourceVersion"),
    ("metadata", "uid"),
    ("metadata", "generation"),
    ("metadata", "creationTimestamp"),
    ("metadata", "deletionTimestamp"),
    ("metadata", "deletionGracePeriodSeconds"),
    ("metadata", "managedFields"),
}
IDENTITY_FIELDS = {("apiVersion",), ("kind",), ("metadata", "name"), ("metadata", "namespace")}


def leaves(value: Any, prefix: Path = ()) -> dict[Path, Any]:
    """Every leaf path of a JSON tree (maps are walked, lists and scalars are leaves)."""
    if isinstance(value, dict) and value:
        out: dict[Path, Any] = {}
        for key, child in value.items():
            out.update(leaves(child, prefix + (key,)))
        return out
    return {prefix: value}


def get_path(obj: Any, path: Path) -> Any:
    for key in path:
        if not isinstance(obj, dict) or key not in obj:
            return _MISSING
        obj = obj[key]
    return obj


def set_path(obj: dict, path: Path, value: Any) -> None:
    for key in path[:-1]:
        child = obj.get(key)
        if not isinstance(child, dict):
            child = {}
            obj[key] = child
        obj = child
    obj[path[-1]] = copy.deepcopy(value)


def remove_path(obj: dict, path: Path) -> None:
    """Removes a leaf and the maps it leaves empty."""
    parents = []
    node = obj
    for key in path[:-1]:
        if not isinstance(node, dict) or key not in node:
            return
        parents.append((node, key))
        node = node[key]
    if isinstance(node, dict):
        node.pop(path[-1], None)
    for parent, key in reversed(parents):
        if isinstance(parent[key], dict) and not parent[key]:
            del parent[key]
        else:
            break


class _Missing:
    pass


_MISSING = _Missing()


class ApplyConflict(Exception):
    def __init__(self, conflicts: list[tuple[str, Path]]):
        self.conflicts = conflicts
        super().__init__(
            "Apply failed with {} conflict{}: {}".format(
                len(conflicts),
                "" if len(conflicts) == 1 else "s",
                "; ".join(f'conflict with "{m}": .{".".join(p)}' for m, p in conflicts),
            )
        )


def apply(
    current: dict | None,
    config: dict,
    manager: str,
    managed: dict[str, set[Path]],
    force: bool,
    ignore: set[Path] = frozenset(),
) -> tuple[dict, dict[str, set[Path]]]:
    """Applies ``config`` as ``manager`` to ``current`` (None: create).

    ``managed`` maps each manager to the leaf paths it owns. ``ignore`` are
    paths (prefixes) this endpoint does not write (``status`` on the main
    resource). Returns the new object and the new ownership.
    """
    obj = copy.deepcopy(current) if current is not None else {}
    managed = {m: set(paths) for m, paths in managed.items()}
    applied = {
        p: v
        for p, v in leaves(config).items()
        if p not in SERVER_FIELDS and p not in IDENTITY_FIELDS and not any(p[: len(i)] == i for i in ignore)
    }
    conflicts = []
    for path, value in applied.items():
        for other, paths in managed.items():
            if other == manager or path not in paths:
                continue
            if get_path(obj, path) != value:
                conflicts.append((other, path))
    if conflicts and not force:
        raise ApplyConflict(conflicts)
    for other, path in conflicts:
        managed[other].discard(path)
    previous = managed.get(manager, set())
    for path in previous - set(applied):
        if not any(path in paths for other, paths in managed.items() if other != manager):
            remove_path(obj, path)
    for path, value in applied.items():
        # A leaf replaces whatever was below it (a map that is now a scalar, or the reverse).
        set_path(obj, path, value)
    for path in IDENTITY_FIELDS:
        value = get_path(config, path)
        if not isinstance(value, _Missing):
            set_path(obj, path, value)
    managed[manager] = set(applied)
    return obj, {m: p for m, p in managed.items() if p}


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7386 JSON merge patch."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = copy.deepcopy(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result
