import GWSSpec

extension GWSDeploymentReconciler {
    /// What applying the rendered objects gave.
    struct ApplyOutcome {
        /// `Kind/name` of every object applied.
        var names: Set<String> = []
        /// Replicas the Deployments ask for, and how many the server reports ready.
        var desired = 0
        var ready = 0
    }

    /// The spec's objects in this namespace, each controlled by `owner`.
    func render(_ loaded: LoadedSpec, owner: GWSDeploymentObject) -> [Value] {
        var renderOptions = options.render
        renderOptions.namespace = owner.namespace
        let reference: Value = [
            "apiVersion": .string(owner.apiVersion),
            "kind": .string(GWSDeploymentCRD.kind),
            "name": .string(owner.name),
            "uid": .string(owner.uid),
            "controller": true,
            "blockOwnerDeletion": true,
        ]
        return ManifestRenderer(options: renderOptions).render(loaded).documents.map { document in
            document.setting([reference], at: [.key("metadata"), .key("ownerReferences")])
        }
    }

    /// Server-side applies each object in order (ConfigMaps before the Deployments that read them).
    func applyAll(_ documents: [Value]) async throws -> ApplyOutcome {
        var outcome = ApplyOutcome()
        for document in documents {
            let kind = document["kind"]?.stringValue ?? ""
            let name = document["metadata"]?["name"]?.stringValue ?? ""
            guard
                let resource = APIResource.forObject(apiVersion: document["apiVersion"]?.stringValue ?? "", kind: kind)
            else { continue }
            let applied = try await client.apply(
                resource, namespace: document["metadata"]?["namespace"]?.stringValue, name: name, document,
                fieldManager: options.fieldManager, force: true)
            outcome.names.insert("\(kind)/\(name)")
            if resource == .deployments {
                let replicas = document["spec"]?["replicas"]?.intValue ?? 1
                outcome.desired += replicas
                outcome.ready += min(applied.status?["readyReplicas"]?.intValue ?? 0, replicas)
            }
        }
        return outcome
    }
}
