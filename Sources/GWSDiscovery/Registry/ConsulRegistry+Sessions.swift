import Foundation

/// Sessions and KV locks of ``ConsulRegistry``, with Consul's semantics (see ``RegistryState`` for the
/// rules). The times come from the registry's ``DiscoveryClock``.
extension ConsulRegistry {
    /// Creates a session (`PUT /v1/session/create`) and returns it; throws Consul's errors for an invalid
    /// TTL, behavior or node.
    public func createSession(_ request: ConsulSessionRequest) throws -> ConsulSession {
        let now = clock.now()
        let minimumTTL = minimumSessionTTL
        let session = try mutate {
            try $0.createSession(request, id: UUID().uuidString.lowercased(), now: now, minimumTTL: minimumTTL)
        }
        logger.debug(
            "session created",
            metadata: ["session.id": "\(session.id)", "session.name": "\(session.name)", "session.ttl": "\(session.ttl)"])
        return session
    }

    /// Restarts a session's TTL (`PUT /v1/session/renew/:id`); `nil` when it no longer exists.
    public func renewSession(_ id: String) -> ConsulSession? {
        let now = clock.now()
        return mutate { $0.renewSession(id, now: now) }
    }

    /// Destroys a session (`PUT /v1/session/destroy/:id`): its locks are released (or their keys deleted)
    /// and their lock-delay starts, as on expiry. Destroying an unknown session does nothing.
    public func destroySession(_ id: String) {
        let now = clock.now()
        if mutate({ $0.invalidateSession(id, now: now) }) {
            logger.debug("session destroyed", metadata: ["session.id": "\(id)"])
        }
    }

    /// The live session `id`, if any.
    public func session(_ id: String) -> ConsulSession? {
        read(.sessions) { $0.session(id) }.value
    }

    /// Every live session, sorted by id.
    public func sessions() -> [ConsulSession] {
        read(.sessions) { $0.sessionList() }.value
    }

    /// Tries to lock `key` for `session` (`PUT /v1/kv/<key>?acquire=<session>`), writing `value` only
    /// when it gets the lock.
    public func acquire(key: String, session: String, value: [UInt8], flags: UInt64 = 0) throws -> Bool {
        let now = clock.now()
        return try mutate { try $0.kvAcquire(key, session: session, value: value, flags: flags, now: now) }
    }

    /// Unlocks `key` if `session` holds it (`PUT /v1/kv/<key>?release=<session>`), writing `value`.
    public func release(key: String, session: String, value: [UInt8], flags: UInt64 = 0) throws -> Bool {
        try mutate { try $0.kvRelease(key, session: session, value: value, flags: flags) }
    }

    /// The entry under `key` with its lock state, if any.
    public func kvPair(_ key: String) -> ConsulKVPair? {
        read(.key(key)) { $0.kvEntry(key) }.value.map(ConsulKVPair.init)
    }

    /// Invalidates the sessions whose TTL has run out; returns when the next one would.
    @discardableResult
    func expireDueSessions() -> Duration? {
        let now = clock.now()
        guard let next = state.nextSessionDeadline, next <= now else { return state.nextSessionDeadline }
        let expired = apply { $0.expireSessions(now: now) }
        for id in expired {
            logger.info("session expired (TTL), its locks released", metadata: ["session.id": "\(id)"])
        }
        return state.nextSessionDeadline
    }

    /// What the session timer waits for: the next expiry, and the sessions index whose change (a new
    /// session, perhaps expiring sooner) should wake it earlier.
    func sessionTimer() -> (next: Duration?, index: UInt64) {
        let next = expireDueSessions()
        return (next, state.sessionsIndex)
    }
}

extension ConsulKVPair {
    /// An entry from its wire form (the value base64-decoded).
    init(_ entry: ConsulWire.KVEntry) {
        self.init(
            key: entry.key, value: entry.value.flatMap { Data(base64Encoded: $0) }.map { Array($0) } ?? [],
            flags: entry.flags, lockIndex: entry.lockIndex, session: entry.session,
            createIndex: entry.createIndex, modifyIndex: entry.modifyIndex)
    }
}
