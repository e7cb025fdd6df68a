/// The `GWSDeployment` resource, as in Kubernetes: apiVersion, kind,
/// metadata, spec, status.
public struct GWSDeployment: Codable, Sendable, Equatable {
    public static let apiGroup = "gws.genesys.com"
    public static let apiVersionV1 = "gws.genesys.com/v1alpha1"
    public static let kindName = "GWSDeployment"

    public var apiVersion: String
    public var kind: String
    public var metadata: ObjectMeta
    public var spec: DeploymentSpec
    public var status: DeploymentStatus?

    public init(metadata: ObjectMeta, spec: DeploymentSpec, status: DeploymentStatus? = nil) {
        self.apiVersion = Self.apiVersionV1
        self.kind = Self.kindName
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The subset of Kubernetes' ObjectMeta we use.
public struct ObjectMeta: Codable, Sendable, Equatable {
    public var name: String
    public var namespace: String?
    public var labels: [String: String]?
    public var annotations: [String: String]?
    public var generation: Int?

    public init(
        name: String, namespace: String? = nil, labels: [String: String]? = nil,
        annotations: [String: String]? = nil, generation: Int? = nil
    ) {
        self.name = name
        self.namespace = namespace
        self.labels = labels
        self.annotations = annotations
        self.generation = generation
    }
}

/// What the operator reports back.
public struct DeploymentStatus: Codable, Sendable, Equatable {
    public var phase: String
    public var observedGeneration: Int
    public var readyInstances: Int
    public var desiredInstances: Int
    public var conditions: [StatusCondition]

    public init(
        phase: String, observedGeneration: Int, readyInstances: Int, desiredInstances: Int,
        conditions: [StatusCondition] = []
    ) {
        self.phase = phase
        self.observedGeneration = observedGeneration
        self.readyInstances = readyInstances
        self.desiredInstances = desiredInstances
        self.conditions = conditions
    }
}

/// A Kubernetes-style condition (`Ready`, `Progressing`, `Degraded`).
public struct StatusCondition: Codable, Sendable, Equatable {
    public var type: String
    public var status: String
    public var reason: String
    public var message: String

    public init(type: String, status: String, reason: String, message: String) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
    }
}
