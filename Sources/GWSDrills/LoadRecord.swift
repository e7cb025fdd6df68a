/// One request of the load: when it was sent (drill seconds), what it was,
/// and whether it failed (a transport error or a status outside 2xx).
public struct LoadRecord: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, Codable {
        case read, write
    }

    public var time: Double
    public var kind: Kind
    public var agent: Int
    public var status: Int?
    public var error: String?
    public var latency: Double
    /// The instance that answered, where the answer names it (`GET …/version`).
    public var instance: String?

    /// When the answer (or the failure) came back.
    public var end: Double { time + latency }

    public var failed: Bool { error != nil || !(200..<300).contains(status ?? 0) }

    public init(
        time: Double, kind: Kind, agent: Int, status: Int?, error: String? = nil, latency: Double, instance: String? = nil
    ) {
        self.time = time
        self.kind = kind
        self.agent = agent
        self.status = status
        self.error = error
        self.latency = latency
        self.instance = instance
    }

    /// The `"instance"` a version answer names.
    static func instance(inVersionBody body: String) -> String? {
        guard let key = body.range(of: "\"instance\":\"") else { return nil }
        let rest = body[key.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
}

/// What the load's writes and sessions showed once it stopped.
public struct LoadVerification: Sendable, Equatable {
    /// Writes answered 2xx.
    public var acknowledged: Int
    /// Acknowledged writes that did not read back.
    public var lost: [String]
    /// Agents whose acknowledged writes could not be read back at all (their store did not answer).
    public var unverifiedAgents: Int
    public var agents: Int
    /// Agents whose Workspace session still answers.
    public var validSessions: Int

    public init(acknowledged: Int, lost: [String], unverifiedAgents: Int, agents: Int, validSessions: Int) {
        self.acknowledged = acknowledged
        self.lost = lost
        self.unverifiedAgents = unverifiedAgents
        self.agents = agents
        self.validSessions = validSessions
    }
}
