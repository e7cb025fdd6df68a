import Foundation
import GWSSpec
import Logging

/// Records core/v1 Events about a GWSDeployment (`kubectl describe gwsd`).
/// Best effort: a failure is logged, never thrown. A Warning with the same
/// reason and message as the last one for that object is not repeated.
public struct EventRecorder: Sendable {
    let client: KubernetesClient
    let component: String
    let instance: String
    let metrics: any ControllerMetrics
    let logger: Logger
    let lastWarnings = LastWarnings()

    public init(
        client: KubernetesClient, component: String, instance: String, metrics: any ControllerMetrics, logger: Logger
    ) {
        self.client = client
        self.component = component
        self.instance = instance
        self.metrics = metrics
        self.logger = logger
    }

    public func normal(_ object: GWSDeploymentObject, reason: String, message: String) async {
        await lastWarnings.forget(object.uid)
        await record(object, type: "Normal", reason: reason, message: message)
    }

    public func warning(_ object: GWSDeploymentObject, reason: String, message: String) async {
        guard await lastWarnings.isNew(object.uid, reason + "\n" + message) else { return }
        await record(object, type: "Warning", reason: reason, message: message)
    }

    func record(_ object: GWSDeploymentObject, type: String, reason: String, message: String) async {
        let now = KubeTime.rfc3339()
        let suffix = String(UInt64(Date().timeIntervalSince1970 * 1_000_000_000), radix: 16)
        let event: Value = [
            "apiVersion": "v1",
            "kind": "Event",
            "metadata": ["name": .string("\(object.name).\(suffix)"), "namespace": .string(object.namespace)],
            "involvedObject": [
                "apiVersion": .string(object.apiVersion), "kind": .string(object.kind), "name": .string(object.name),
                "namespace": .string(object.namespace), "uid": .string(object.uid),
                "resourceVersion": .string(object.resourceVersion),
            ],
            "type": .string(type),
            "reason": .string(reason),
            "message": .string(String(message.prefix(1024))),
            "source": ["component": .string(component)],
            "reportingComponent": .string(component),
            "reportingInstance": .string(instance),
            "firstTimestamp": .string(now),
            "lastTimestamp": .string(now),
            "count": 1,
        ]
        do {
            _ = try await client.create(.events, namespace: object.namespace, event)
            metrics.eventRecorded(type: type, reason: reason)
        } catch {
            logger.warning(
                "could not record an event",
                metadata: ["object": "\(object.key)", "reason": "\(reason)", "error": "\(error)"])
        }
    }

    actor LastWarnings {
        private var last: [String: String] = [:]
        func isNew(_ uid: String, _ text: String) -> Bool {
            if last[uid] == text { return false }
            last[uid] = text
            return true
        }
        func forget(_ uid: String) { last[uid] = nil }
    }
}
