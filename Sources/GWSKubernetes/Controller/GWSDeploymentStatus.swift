import GWSSpec

/// A GWSDeployment's `status` as the CRD's status schema has it: phase,
/// observedGeneration, instance counts and the `Ready`, `Progressing` and
/// `Degraded` conditions.
public struct GWSDeploymentStatus: Sendable, Equatable {
    public struct Condition: Sendable, Equatable {
        public var type: String
        /// `True`, `False` or `Unknown`.
        public var status: String
        public var reason: String
        public var message: String
        public var observedGeneration: Int
        /// RFC 3339; kept while `status` stays the same.
        public var lastTransitionTime: String

        public init(
            type: String, status: String, reason: String, message: String, observedGeneration: Int,
            lastTransitionTime: String
        ) {
            self.type = type
            self.status = status
            self.reason = reason
            self.message = message
            self.observedGeneration = observedGeneration
            self.lastTransitionTime = lastTransitionTime
        }
    }

    /// `Running`, `Progressing` or `Degraded`.
    public var phase: String
    public var observedGeneration: Int
    public var readyInstances: Int
    public var desiredInstances: Int
    public var conditions: [Condition]

    public init(
        phase: String, observedGeneration: Int, readyInstances: Int, desiredInstances: Int, conditions: [Condition]
    ) {
        self.phase = phase
        self.observedGeneration = observedGeneration
        self.readyInstances = readyInstances
        self.desiredInstances = desiredInstances
        self.conditions = conditions
    }

    /// Reads a status the server returned; nil when there is none.
    public init?(value: Value?) {
        guard let value, case .map = value else { return nil }
        phase = value["phase"]?.stringValue ?? ""
        observedGeneration = value["observedGeneration"]?.intValue ?? 0
        readyInstances = value["readyInstances"]?.intValue ?? 0
        desiredInstances = value["desiredInstances"]?.intValue ?? 0
        conditions = (value["conditions"]?.listValue ?? []).map { c in
            Condition(
                type: c["type"]?.stringValue ?? "", status: c["status"]?.stringValue ?? "",
                reason: c["reason"]?.stringValue ?? "", message: c["message"]?.stringValue ?? "",
                observedGeneration: c["observedGeneration"]?.intValue ?? 0,
                lastTransitionTime: c["lastTransitionTime"]?.stringValue ?? "")
        }
    }

    public func condition(_ type: String) -> Condition? { conditions.first { $0.type == type } }

    /// The JSON tree written to the status subresource.
    public var value: Value {
        [
            "phase": .string(phase),
            "observedGeneration": .int(observedGeneration),
            "readyInstances": .int(readyInstances),
            "desiredInstances": .int(desiredInstances),
            "conditions": .list(
                conditions.map { c in
                    [
                        "type": .string(c.type), "status": .string(c.status), "reason": .string(c.reason),
                        "message": .string(c.message), "observedGeneration": .int(c.observedGeneration),
                        "lastTransitionTime": .string(c.lastTransitionTime),
                    ]
                }),
        ]
    }
}
