/// KV locks of ``RegistryState`` (`PUT /v1/kv/<key>?acquire=|release=`), with Consul's rules.
extension RegistryState {
    /// Tries to lock `key` for `session`, writing `value` and `flags` only when it gets the lock.
    ///
    /// As in Consul: a key in its lock-delay is refused (`false`) to every session; an empty or unknown
    /// session is an error (HTTP 500); a key held by another session is refused; the holder acquiring
    /// again succeeds and updates the value without changing `LockIndex`; a new holder increments
    /// `LockIndex` (1 for a new key).
    mutating func kvAcquire(
        _ key: String, session: String, value: [UInt8], flags: UInt64 = 0, now: Duration
    ) throws -> Bool {
        if let until = lockDelays[key] {
            if until > now { return false }
            lockDelays.removeValue(forKey: key)
        }
        guard !session.isEmpty else { throw ConsulRegistryError.failed("missing session") }
        guard sessions[session] != nil else { throw ConsulRegistryError.failed("invalid session \"\(session)\"") }
        let existing = kv[key]
        let lockIndex: UInt64
        switch existing?.session {
        case session?: lockIndex = existing?.lockIndex ?? 1
        case .some: return false
        case nil: lockIndex = (existing?.lockIndex ?? 0) + 1
        }
        let index = nextIndex()
        kv[key] = RegistryKVEntry(
            value: value, flags: flags, createIndex: existing?.createIndex ?? index, modifyIndex: index,
            lockIndex: lockIndex, session: session)
        kvTombstones.removeValue(forKey: key)
        return true
    }

    /// Unlocks `key` if `session` holds it, writing `value` and `flags` (Consul writes the request's body
    /// on release too). No lock-delay follows an explicit release. `false` when the key does not exist or
    /// another session (or none) holds it; an empty session is an error (HTTP 500).
    mutating func kvRelease(_ key: String, session: String, value: [UInt8], flags: UInt64 = 0) throws -> Bool {
        guard !session.isEmpty else { throw ConsulRegistryError.failed("missing session") }
        guard let existing = kv[key], existing.session == session else { return false }
        let index = nextIndex()
        kv[key] = RegistryKVEntry(
            value: value, flags: flags, createIndex: existing.createIndex, modifyIndex: index,
            lockIndex: existing.lockIndex, session: nil)
        return true
    }
}
