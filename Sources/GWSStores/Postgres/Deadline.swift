/// Thrown by `withDeadline` when the operation did not finish in time.
struct DeadlineExceeded: Error {}

/// Runs `operation`, throwing `DeadlineExceeded` if it has not finished after `timeout`.
///
/// The operation is cancelled on timeout; waiting for a pooled connection stops
/// at once, a query already on the wire ends when the server answers.
func withDeadline<R: Sendable>(
    _ timeout: Duration,
    _ operation: @escaping @Sendable () async throws -> R
) async throws -> R {
    try await withThrowingTaskGroup(of: R?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: timeout)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else {
            throw DeadlineExceeded()
        }
        return value
    }
}

/// Like `withDeadline`, but on timeout it returns at once, leaving `operation`
/// to finish in the background (it is cancelled, which it may ignore).
///
/// For work that does not react to cancellation: connecting to a server that
/// accepts TCP but never answers (a hung, SIGSTOPped postmaster) waits in
/// PostgresNIO until the connection closes, and `withDeadline`'s task group
/// would wait for it too.
func withAbandoningDeadline<R: Sendable>(
    _ timeout: Duration,
    _ operation: @escaping @Sendable () async throws -> R
) async throws -> R {
    let outcome = AsyncThrowingStream<R, any Error>.makeStream()
    let work = Task {
        do { outcome.continuation.yield(try await operation()) } catch { outcome.continuation.finish(throwing: error) }
        outcome.continuation.finish()
    }
    let timer = Task {
        try? await Task.sleep(for: timeout)
        outcome.continuation.finish(throwing: DeadlineExceeded())
    }
    defer {
        work.cancel()
        timer.cancel()
    }
    for try await value in outcome.stream { return value }
    throw DeadlineExceeded()
}
