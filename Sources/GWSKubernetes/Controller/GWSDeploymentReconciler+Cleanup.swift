import GWSSpec

extension GWSDeploymentReconciler {
    /// Adds our finalizer (conditional on the cached resourceVersion: 409 when stale, then retried).
    func addFinalizer(_ object: GWSDeploymentObject) async throws -> GWSDeploymentObject {
        let patch: Value = [
            "metadata": [
                "finalizers": .list((object.finalizers + [options.finalizer]).map(Value.string)),
                "resourceVersion": .string(object.resourceVersion),
            ]
        ]
        return GWSDeploymentObject(
            try await client.mergePatch(.gwsDeployments, namespace: object.namespace, name: object.name, patch))
    }

    /// Deletion requested: delete every object we own, then release the
    /// object by removing our finalizer.
    func cleanUp(_ object: GWSDeploymentObject) async throws {
        guard object.finalizers.contains(options.finalizer) else { return }
        let deleted = try await deleteOwned(by: object, keeping: [])
        await recorder.normal(
            object, reason: "Deleted",
            message: "deleted \(deleted) owned objects; removing finalizer \(options.finalizer)")
        let patch: Value = [
            "metadata": [
                "finalizers": .list(object.finalizers.filter { $0 != options.finalizer }.map(Value.string)),
                "resourceVersion": .string(object.resourceVersion),
            ]
        ]
        _ = try await client.mergePatch(.gwsDeployments, namespace: object.namespace, name: object.name, patch)
        await memo.forget(object.key)
    }

    /// Deletes owned objects that are no longer rendered. Lists only when the
    /// rendered set differs from the last one applied (or after a restart).
    func prune(_ owner: GWSDeploymentObject, keeping names: Set<String>) async throws -> Int {
        let applied = ReconcileMemo.Applied(uid: owner.uid, names: names)
        if await memo.applied(owner.key) == applied { return 0 }
        let deleted = try await deleteOwned(by: owner, keeping: names)
        await memo.setApplied(owner.key, applied)
        return deleted
    }

    /// Deletes the objects of the prunable kinds that carry `owner`'s labels
    /// and uid, except `names` (`Kind/name`). Returns how many it deleted.
    func deleteOwned(by owner: GWSDeploymentObject, keeping names: Set<String>) async throws -> Int {
        var deleted = 0
        let selector = options.ownedSelector(instance: owner.name)
        for resource in options.prunable {
            let list = try await client.listAll(resource, namespace: owner.namespace, labelSelector: selector)
            for item in list.items
            where item.ownerUIDs.contains(owner.uid) && !names.contains("\(resource.kind)/\(item.name)") {
                if resource == .deployments { await memo.expectDeletion(item.key) }
                do {
                    try await client.delete(resource, namespace: item.namespace, name: item.name, uid: item.uid)
                    deleted += 1
                } catch let error as KubernetesAPIError where error.code == .notFound {
                    if resource == .deployments { _ = await memo.consumeExpectedDeletion(item.key) }
                }
            }
        }
        return deleted
    }
}
