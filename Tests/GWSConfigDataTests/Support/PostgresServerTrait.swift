import GWSTestKit
import Testing

/// Starts one `PostgresTestServer` for the whole suite it is attached to and
/// always stops it (and deletes its files) afterwards, even when tests fail.
struct PostgresServerTrait: SuiteTrait, TestScoping {
    /// The server of the suite being run.
    @TaskLocal static var current: PostgresTestServer?

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let server = try await PostgresTestServer.make()
        do {
            try await server.start()
            try await Self.$current.withValue(server) { try await function() }
        } catch {
            await server.stop()
            await server.removeFiles()
            throw error
        }
        await server.stop()
        await server.removeFiles()
    }
}

extension Trait where Self == PostgresServerTrait {
    /// A real PostgreSQL server shared by the suite's tests (use fresh databases per test).
    static var postgresServer: Self { PostgresServerTrait() }
}

/// The suite's server; fails the test if the suite lacks `.postgresServer`.
func sharedServer() throws -> PostgresTestServer {
    try #require(PostgresServerTrait.current, "attach .postgresServer to the suite")
}
