/// Sessions of ``RegistryState``, with Consul's rules (`/v1/session/*`).
///
/// A session is invalidated when destroyed or when its TTL runs out without a renewal. Invalidation
/// releases the keys it holds (behavior `release`: the key stays, without `Session`) or deletes them
/// (`delete`), and starts each key's lock-delay: for the session's `LockDelay` (at most 60 s) no
/// session may acquire the key.
///
/// Unlike Consul, which may keep a session up to twice its TTL, a session expires exactly one TTL after
/// its creation or last renewal (still within Consul's contract: never before the TTL).
extension RegistryState {
    /// Consul's `MaxLockDelay`: longer lock delays are cut to this.
    static let maxLockDelay: Duration = .seconds(60)
    /// Consul's `SessionTTLMax`.
    static let maxSessionTTL: Duration = .seconds(86_400)

    /// The session `id`, if it lives.
    func session(_ id: String) -> ConsulSession? {
        sessions[id]?.session
    }

    /// Every live session, sorted by id (as Consul lists them); with `node`, only that node's.
    func sessionList(node: String? = nil) -> [ConsulSession] {
        sessions.values.map(\.session).filter { node == nil || $0.node == node }.sorted { $0.id < $1.id }
    }

    /// The earliest time a session expires, if any has a TTL.
    var nextSessionDeadline: Duration? {
        sessions.values.compactMap(\.deadline).min()
    }

    /// Creates a session with id `id` (a fresh UUID from the caller), validated as Consul's
    /// `Session.Apply` does; errors are Consul's, answered with HTTP 500.
    mutating func createSession(
        _ request: ConsulSessionRequest, id: String, now: Duration, minimumTTL: Duration = .seconds(10)
    ) throws -> ConsulSession {
        let behavior: ConsulSession.Behavior
        switch request.behavior ?? "" {
        case "", "release": behavior = .release
        case "delete": behavior = .delete
        case let other: throw ConsulRegistryError.failed("Invalid Behavior setting '\(other)'")
        }
        var ttl: Duration?
        let ttlText = request.ttl ?? ""
        if !ttlText.isEmpty {
            guard let parsed = ConsulDuration.parse(ttlText) else {
                throw ConsulRegistryError.failed(
                    "Session TTL '\(ttlText)' invalid: time: invalid duration \"\(ttlText)\"")
            }
            if parsed != .zero {
                guard parsed >= minimumTTL, parsed <= Self.maxSessionTTL else {
                    throw ConsulRegistryError.failed(
                        "Invalid Session TTL '\(ConsulDuration.nanoseconds(of: parsed))', must be between "
                            + "[\(ConsulDuration.format(minimumTTL))=\(Self.goFormat(Self.maxSessionTTL))]")
                }
                ttl = parsed
            }
        }
        let node = request.node.flatMap { $0.isEmpty ? nil : $0 } ?? nodeName
        guard node == nodeName else { throw ConsulRegistryError.failed("Missing node registration") }
        var nodeChecks = request.nodeChecks ?? []
        if let checks = request.checks { nodeChecks += checks.filter { !nodeChecks.contains($0) } }
        if request.nodeChecks == nil, request.checks == nil, request.serviceChecks == nil {
            nodeChecks = ["serfHealth"]
        }
        let index = nextIndex()
        let session = ConsulSession(
            id: id, name: request.name ?? "", node: node,
            lockDelay: request.lockDelay ?? ConsulSessionRequest.defaultLockDelay, behavior: behavior,
            ttl: ttl == nil ? "" : ttlText, nodeChecks: nodeChecks, serviceChecks: request.serviceChecks ?? [],
            createIndex: index, modifyIndex: index)
        sessions[id] = RegistrySession(session: session, ttl: ttl, deadline: ttl.map { now + $0 })
        sessionsIndex = index
        return session
    }

    /// Restarts a session's TTL; `nil` when there is no such session (expired or destroyed). Like
    /// Consul's, a renewal changes no index.
    mutating func renewSession(_ id: String, now: Duration) -> ConsulSession? {
        guard var entry = sessions[id] else { return nil }
        entry.deadline = entry.ttl.map { now + $0 }
        sessions[id] = entry
        return entry.session
    }

    /// Invalidates a session (destroy or expiry): releases or deletes the keys it holds and starts their
    /// lock-delay. Returns `false` when there was no such session (Consul's destroy still answers `true`).
    @discardableResult
    mutating func invalidateSession(_ id: String, now: Duration) -> Bool {
        guard let entry = sessions.removeValue(forKey: id) else { return false }
        let index = nextIndex()
        sessionsIndex = index
        let delay = min(entry.session.lockDelay, Self.maxLockDelay)
        for key in kv.keys.filter({ kv[$0]?.session == id }).sorted() {
            switch entry.session.behavior {
            case .release:
                kv[key]?.session = nil
                kv[key]?.modifyIndex = index
            case .delete:
                kv.removeValue(forKey: key)
                kvTombstones[key] = index
            }
            if delay > .zero { lockDelays[key] = now + delay }
        }
        return true
    }

    /// Invalidates every session whose TTL has run out by `now`; returns their ids.
    mutating func expireSessions(now: Duration) -> [String] {
        let expired = sessions.values.filter { $0.deadline.map { $0 <= now } ?? false }.map(\.session.id).sorted()
        for id in expired { invalidateSession(id, now: now) }
        lockDelays = lockDelays.filter { $0.value > now }
        return expired
    }

    /// A duration as Go's `time.Duration.String()` prints it (`24h0m0s`), for Consul's messages.
    static func goFormat(_ duration: Duration) -> String {
        let seconds = ConsulDuration.nanoseconds(of: duration) / 1_000_000_000
        guard seconds >= 60 else { return ConsulDuration.format(duration) }
        let hours = seconds / 3600
        let minutes = (seconds % 3600) / 60
        let rest = seconds % 60
        return hours > 0 ? "\(hours)h\(minutes)m\(rest)s" : "\(minutes)m\(rest)s"
    }
}
