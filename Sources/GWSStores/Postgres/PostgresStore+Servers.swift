import PostgresNIO
import Synchronization

/// The server an operation waited on was found gone (or no longer writable).
struct PostgresServerLost: Error {}

extension PostgresStore {
    /// How often a running operation checks that its server still fits.
    static let serverCheckInterval = Duration.milliseconds(250)

    /// Runs `body` on a connection of the server to use now.
    ///
    /// With several servers: while the operation runs (waiting for a connection,
    /// or on one), the server is checked every ``serverCheckInterval``; when it
    /// is gone or no longer writable the operation is abandoned. An operation
    /// that never got a connection (nothing was sent) then goes to the server
    /// found next (the new primary, once promoted); one that did is replayed
    /// there only when `replayable` (idempotent), else its error is returned.
    /// Either way the next operation looks again. The caller's deadline bounds
    /// the attempts.
    func onConnection<R: Sendable>(
        replayable: Bool = false, _ body: @escaping @Sendable (PostgresConnection) async throws -> R
    ) async throws -> R {
        guard let selector else { return try await pools[0].withConnection { try await body($0) } }
        while true {
            let index = try await selector.current()
            let leased = Mutex(false)
            do {
                return try await Self.watching(index, selector: selector) { [pools] in
                    try await pools[index].withConnection { connection in
                        leased.withLock { $0 = true }
                        return try await body(connection)
                    }
                }
            } catch {
                let lost = error is PostgresServerLost
                let mapped = PostgresStoreError.classify(error, configuration: configuration)
                if lost { await selector.forget(index) } else { await selector.failed(index, error: mapped) }
                let changed = lost || mapped.map(PostgresServerSelector.meansServerChanged) == true
                if changed, replayable || !leased.withLock({ $0 }), !Task.isCancelled {
                    continue  // nothing was sent, or sending it again is harmless: the next server takes it
                }
                if lost {
                    throw PostgresStoreError(
                        code: .unreachable, endpoint: configuration.endpoint,
                        message: "PostgreSQL at \(configuration.servers[index]) was lost during the operation")
                }
                throw error
            }
        }
    }

    /// Runs `operation`, throwing ``PostgresServerLost`` as soon as server `index` no longer fits.
    static func watching<R: Sendable>(
        _ index: Int, selector: PostgresServerSelector, _ operation: @escaping @Sendable () async throws -> R
    ) async throws -> R {
        try await withThrowingTaskGroup(of: R?.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                while true {
                    try await Task.sleep(for: serverCheckInterval)
                    if await !selector.stillFits(index) { throw PostgresServerLost() }
                }
            }
            defer { group.cancelAll() }
            while let next = try await group.next() {
                if let value = next { return value }
            }
            throw CancellationError()
        }
    }
}
