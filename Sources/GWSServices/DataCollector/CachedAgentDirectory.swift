import Logging

/// Remembers another directory's answers per tenant and user for a short
/// time (`lifetime`, two minutes by default: a change of an agent's groups
/// reaches the statistics within that time), so a burst of events costs one
/// lookup, and a thousand busy agents cost a lookup every 120 ms, not a
/// scan of every group for each event. When the
/// directory fails, an expired answer is still used (and kept), so an outage
/// of the Configuration service does not lose an agent's groups.
actor CachedAgentDirectory: AgentDirectory {
    private struct Entry {
        var profile: AgentProfile?
        var expires: ContinuousClock.Instant
    }

    private let base: any AgentDirectory
    private let lifetime: Duration
    private let now: @Sendable () -> ContinuousClock.Instant
    private let logger: Logger
    private var entries: [String: Entry] = [:]
    /// The most entries kept; beyond it expired ones are dropped, then all.
    private let capacity = 10_000

    init(
        base: any AgentDirectory, lifetime: Duration = .seconds(120), logger: Logger,
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.base = base
        self.lifetime = lifetime
        self.logger = logger
        self.now = now
    }

    func profile(tenant: String, userName: String) async throws -> AgentProfile? {
        let key = tenant + "\u{0}" + userName.lowercased()
        let stale = entries[key]
        if let stale, stale.expires > now() { return stale.profile }
        do {
            let profile = try await base.profile(tenant: tenant, userName: userName)
            store(Entry(profile: profile, expires: now() + lifetime), at: key)
            return profile
        } catch {
            guard let stale else { throw error }
            logger.warning(
                "agent lookup failed; using the last answer",
                metadata: ["tenant": "\(tenant)", "user": "\(userName)", "error": "\(error)"])
            return stale.profile
        }
    }

    private func store(_ entry: Entry, at key: String) {
        if entries.count >= capacity {
            let instant = now()
            entries = entries.filter { $0.value.expires > instant }
            if entries.count >= capacity { entries.removeAll() }
        }
        entries[key] = entry
    }
}
