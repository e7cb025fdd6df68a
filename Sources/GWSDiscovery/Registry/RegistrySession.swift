/// A session as the registry holds it: Consul's description plus when it expires.
struct RegistrySession: Sendable, Equatable {
    /// The session as the API shows it.
    var session: ConsulSession
    /// The TTL, or `nil` for a session that lives until destroyed.
    var ttl: Duration?
    /// When the session is invalidated unless renewed first; `nil` without a TTL.
    var deadline: Duration?
}
