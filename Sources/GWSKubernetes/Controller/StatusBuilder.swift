/// What a reconcile found, from which the status follows.
public struct StatusInputs: Sendable, Equatable {
    public var generation: Int
    public var desiredInstances: Int
    public var readyInstances: Int
    /// Why the spec could not be carried out (`InvalidSpec`, `ApplyFailed`), if so.
    public var failure: Failure?

    public struct Failure: Sendable, Equatable {
        public var reason: String
        public var message: String
        public init(reason: String, message: String) {
            self.reason = reason
            self.message = message
        }
    }

    public init(generation: Int, desiredInstances: Int, readyInstances: Int, failure: Failure? = nil) {
        self.generation = generation
        self.desiredInstances = desiredInstances
        self.readyInstances = readyInstances
        self.failure = failure
    }
}

/// Computes a GWSDeployment's status (pure). A condition keeps its
/// `lastTransitionTime` while its `status` does not change, so the same
/// inputs give an equal status and no write.
public enum StatusBuilder {
    public static let conditionTypes = ["Ready", "Progressing", "Degraded"]

    public static func status(
        for inputs: StatusInputs, previous: GWSDeploymentStatus?, now: String
    ) -> GWSDeploymentStatus {
        let counts = "\(inputs.readyInstances)/\(inputs.desiredInstances) instances ready"
        let phase: String
        var ready: (String, String, String)
        var progressing: (String, String, String)
        var degraded: (String, String, String)
        if let failure = inputs.failure {
            phase = "Degraded"
            ready = ("False", failure.reason, counts)
            progressing = ("False", failure.reason, "the spec of generation \(inputs.generation) is not carried out")
            degraded = ("True", failure.reason, failure.message)
        } else if inputs.readyInstances >= inputs.desiredInstances {
            phase = "Running"
            ready = ("True", "InstancesReady", counts)
            progressing = ("False", "RolledOut", "every object of generation \(inputs.generation) is applied and ready")
            degraded = ("False", "AsExpected", "no errors")
        } else {
            phase = "Progressing"
            ready = ("False", "InstancesNotReady", counts)
            progressing = ("True", "WaitingForInstances", counts)
            degraded = ("False", "AsExpected", "no errors")
        }
        let values = ["Ready": ready, "Progressing": progressing, "Degraded": degraded]
        let conditions = conditionTypes.map { type in
            let (status, reason, message) = values[type]!
            let old = previous?.condition(type)
            return GWSDeploymentStatus.Condition(
                type: type, status: status, reason: reason, message: message, observedGeneration: inputs.generation,
                lastTransitionTime: old?.status == status ? old!.lastTransitionTime : now)
        }
        return GWSDeploymentStatus(
            phase: phase, observedGeneration: inputs.generation, readyInstances: inputs.readyInstances,
            desiredInstances: inputs.desiredInstances, conditions: conditions)
    }
}
