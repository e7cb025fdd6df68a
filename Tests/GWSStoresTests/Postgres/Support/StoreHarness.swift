import GWSStores
import Logging

/// The logger handed to the code under test.
let testLogger: Logger = {
    var logger = Logger(label: "gws.stores.tests")
    logger.logLevel = .warning
    return logger
}()

/// Runs `body` with a `PostgresStore` whose pool runs for the body's duration.
func withStore<R: Sendable>(
    _ configuration: PostgresConfiguration,
    timeout: Duration = .seconds(10),
    _ body: @Sendable (PostgresStore) async throws -> R
) async throws -> R {
    let store = try PostgresStore(configuration: configuration, operationTimeout: timeout, logger: testLogger)
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await store.run() }
        defer { group.cancelAll() }
        return try await body(store)
    }
}
