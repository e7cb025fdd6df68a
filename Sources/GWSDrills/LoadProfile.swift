/// Simulated agents working through the proxy during the drill.
public struct LoadProfile: Sendable, Equatable {
    /// Agents (each logs in as one of the demo tenant's agents and opens a Workspace session).
    public var agents: Int
    /// Requests per second, all agents together.
    public var rate: Double
    /// The share of requests that are writes (Setting favorites with sequence numbers).
    public var writeRatio: Double
    /// Seconds before a request counts as failed.
    public var requestTimeout: Double

    public init(agents: Int = 2, rate: Double = 20, writeRatio: Double = 0.25, requestTimeout: Double = 10) {
        self.agents = agents
        self.rate = rate
        self.writeRatio = writeRatio
        self.requestTimeout = requestTimeout
    }
}
