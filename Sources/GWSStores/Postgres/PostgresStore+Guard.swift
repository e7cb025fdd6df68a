import Logging
import NIOCore
import PostgresNIO

extension PostgresStore {
    /// Runs `operation` under a deadline and turns every PostgreSQL failure into a
    /// `PostgresStoreError`. On a timeout, one direct connection attempt tells
    /// "unreachable" and "authentication failed" apart from a slow server.
    func guarded<R: Sendable>(
        timeout: Duration,
        _ operation: @escaping @Sendable () async throws -> R
    ) async throws -> R {
        do {
            return try await withDeadline(timeout, operation)
        } catch is DeadlineExceeded {
            throw await diagnose(timeout: timeout)
        } catch {
            guard let mapped = PostgresStoreError.classify(error, configuration: configuration) else {
                // The pool's own errors (its circuit breaker tripped after failed connects)
                // are of a type PostgresNIO does not export: find out why directly.
                if String(describing: type(of: error)) == "ConnectionPoolError" {
                    throw await diagnose(timeout: timeout)
                }
                throw error
            }
            logger.debug("PostgreSQL operation failed", metadata: ["error": "\(mapped.message)"])
            throw mapped
        }
    }

    /// Why the pool produced nothing in time: tries one connection of its own.
    func diagnose(timeout: Duration) async -> PostgresStoreError {
        var configuration = self.configuration
        if let selector {
            guard let chosen = await selector.chosenServer else {
                let wanted = configuration.targetSessionAttributes == .readWrite ? "accepts writes" : "answers"
                return PostgresStoreError(
                    code: .unreachable, endpoint: configuration.endpoint,
                    message: "no PostgreSQL server among \(configuration.servers.map(\.description).joined(separator: ", ")) \(wanted) (waited \(timeout))")
            }
            configuration = configuration.onServer(chosen)
        }
        let server = "PostgreSQL at \(configuration.host):\(configuration.port) (database \"\(configuration.database)\")"
        do {
            var probe = configuration
            probe.connectTimeout = min(configuration.connectTimeout, .seconds(3))
            let connection = try await PostgresConnection.connect(
                configuration: try probe.makeConnectionConfiguration(), id: 0, logger: logger
            )
            try? await connection.close()
        } catch {
            if let mapped = PostgresStoreError.classify(error, configuration: configuration) {
                logger.debug("PostgreSQL unavailable", metadata: ["error": "\(mapped.message)"])
                return mapped
            }
            return PostgresStoreError(code: .unreachable, endpoint: configuration.endpoint,
                                      message: "\(server) is unreachable: \(PostgresStoreError.networkReason(error))")
        }
        return PostgresStoreError(code: .timeout, endpoint: configuration.endpoint,
                                  message: "\(server) did not answer within \(timeout)")
    }
}
