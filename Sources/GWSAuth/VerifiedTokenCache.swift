import Synchronization

/// The claims of tokens whose signature was already checked, keyed by the
/// whole token text (signature included, so only the very same token hits).
/// An agent sends the same token with every request: its HMAC and its JSON
/// are worked out once, not per request. Expiry and tenant are still checked
/// on every use. Bounded: when full it starts again empty.
final class VerifiedTokenCache: Sendable {
    let capacity: Int
    private let entries = Mutex<[String: AccessTokenClaims]>([:])

    init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    func claims(of token: String) -> AccessTokenClaims? {
        guard capacity > 0 else { return nil }
        return entries.withLock { $0[token] }
    }

    func remember(_ claims: AccessTokenClaims, for token: String) {
        guard capacity > 0 else { return }
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[token] = claims
        }
    }

    var count: Int { entries.withLock { $0.count } }
}
