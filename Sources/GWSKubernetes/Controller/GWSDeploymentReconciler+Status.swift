import GWSSpec

extension GWSDeploymentReconciler {
    /// Writes the status computed from `inputs` through the status
    /// subresource, only when it differs from the last one written or read.
    func writeStatus(_ object: KubeObject, _ inputs: StatusInputs, previous: GWSDeploymentStatus?) async throws {
        let status = StatusBuilder.status(for: inputs, previous: previous, now: KubeTime.rfc3339())
        if status == previous { return }
        if let written = await memo.status(object.key), written == status { return }
        _ = try await client.mergePatch(
            .gwsDeployments, namespace: object.namespace, name: object.name, ["status": status.value],
            subresource: "status", fieldManager: options.fieldManager)
        await memo.setStatus(object.key, status)
        metrics.statusWritten()
    }
}
