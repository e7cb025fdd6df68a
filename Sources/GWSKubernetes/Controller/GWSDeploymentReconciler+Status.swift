import GWSSpec

extension GWSDeploymentReconciler {
    /// Writes the status computed from `inputs` through the status
    /// subresource, only when it differs from the last one written or read.
    func writeStatus(_ object: GWSDeploymentObject, _ inputs: StatusInputs, previous: GWSDeploymentStatus?) async throws
    {
        let status = StatusBuilder.status(for: inputs, previous: previous, now: KubeTime.rfc3339())
        if status == previous { return }
        if let written = await memo.status(object.key), written == status { return }
        _ = try await client.mergePatch(
            .gwsDeployments, namespace: object.namespace, name: object.name, ["status": status.value],
            subresource: "status", fieldManager: options.fieldManager)
        await memo.setStatus(object.key, status)
        metrics.statusWritten()
    }

    /// A spec that cannot be carried out: status `Degraded` with `reason`, and a Warning Event.
    func report(_ object: GWSDeploymentObject, _ reason: String, _ message: String, previous: GWSDeploymentStatus?)
        async throws
    {
        let failure = StatusInputs.Failure(reason: reason, message: message)
        try await writeStatus(
            object,
            StatusInputs(generation: object.generation, desiredInstances: 0, readyInstances: 0, failure: failure),
            previous: previous)
        await recorder.warning(object, reason: reason, message: message)
    }
}
