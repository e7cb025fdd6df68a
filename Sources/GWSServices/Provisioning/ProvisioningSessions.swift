import Foundation

/// Provisioning sessions, kept in memory (per instance; lost on restart):
/// session id → tenant. Sessions older than `lifetime` are dropped.
actor ProvisioningSessions {
    private struct Entry {
        var tenant: String
        var created: ContinuousClock.Instant
    }

    private var sessions: [String: Entry] = [:]
    private let lifetime: Duration

    init(lifetime: Duration = .seconds(8 * 3600)) {
        self.lifetime = lifetime
    }

    /// Opens a session for `tenant`; its id.
    func create(tenant: String) -> String {
        let now = ContinuousClock.now
        sessions = sessions.filter { now - $0.value.created < lifetime }
        let id = UUID().uuidString.lowercased()
        sessions[id] = Entry(tenant: tenant, created: now)
        return id
    }

    /// The tenant of a live session, or nil.
    func tenant(of id: String) -> String? {
        guard let entry = sessions[id], ContinuousClock.now - entry.created < lifetime else { return nil }
        return entry.tenant
    }
}
