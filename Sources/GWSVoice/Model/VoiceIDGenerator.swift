import Foundation
import Synchronization

/// Makes the ids of new calls; injected so the reducer stays deterministic.
public struct VoiceIDGenerator: Sendable {
    private let makeConnectionID: @Sendable () -> String
    private let makeCallUUID: @Sendable () -> String

    /// A generator from two functions: one for connection ids (also the call's
    /// `id`), one for call UUIDs.
    public init(
        connectionID: @escaping @Sendable () -> String, callUUID: @escaping @Sendable () -> String
    ) {
        self.makeConnectionID = connectionID
        self.makeCallUUID = callUUID
    }

    /// A new connection id (a call's `id` and `connId`).
    public func connectionID() -> String { makeConnectionID() }

    /// A new call UUID.
    public func callUUID() -> String { makeCallUUID() }

    /// Random ids: 16 lowercase hex digits like a T-Server connection id, and
    /// random UUIDs (upper case, as GWS shows them).
    public static let random = VoiceIDGenerator(
        connectionID: { String(format: "%016llx", UInt64.random(in: 1...UInt64.max)) },
        callUUID: { UUID().uuidString })

    /// Predictable ids for tests: `0000000000000001`, `0000000000000002`… and
    /// `00000000-0000-0000-0000-000000000001`… (each counter on its own).
    public static func sequential() -> VoiceIDGenerator {
        let connections = SequenceCounter()
        let uuids = SequenceCounter()
        return VoiceIDGenerator(
            connectionID: { String(format: "%016llx", UInt64(connections.next())) },
            callUUID: { String(format: "00000000-0000-0000-0000-%012llx", UInt64(uuids.next())) })
    }
}

/// A counter shared by the closures of ``VoiceIDGenerator/sequential()``.
private final class SequenceCounter: Sendable {
    private let value = Mutex(0)

    /// 1, 2, 3…
    func next() -> Int {
        value.withLock { count in
            count += 1
            return count
        }
    }
}
