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
