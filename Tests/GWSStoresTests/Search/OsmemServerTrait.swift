import Testing

/// Runs a suite with one osmem-server, started before its first test and
/// stopped after its last, whether the tests pass, fail or throw. Tests reach
/// it through ``OsmemServerTrait/server()``. When the server cannot be found
/// or started, the tests that ask for it fail with the reason; the others run.
struct OsmemServerTrait: SuiteTrait, TestScoping {
    /// The server of the running suite (or why there is none).
    @TaskLocal static var current: Result<OsmemServer, OsmemError>?

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let outcome: Result<OsmemServer, OsmemError>
        do {
            outcome = .success(try await OsmemServer.start())
        } catch let error as OsmemError {
            outcome = .failure(error)
        } catch {
            outcome = .failure(OsmemError("osmem-server could not be started: \(error)"))
        }
        do {
            try await Self.$current.withValue(outcome) { try await function() }
        } catch {
            if case .success(let server) = outcome { await server.stop() }
            throw error
        }
        if case .success(let server) = outcome { await server.stop() }
    }

    /// The running suite's server; throws (failing the test) when it could not be started.
    static func server() throws -> OsmemServer {
        guard let current else { throw OsmemError("no osmem-server: the suite lacks the .osmemServer trait") }
        return try current.get()
    }
}

extension Trait where Self == OsmemServerTrait {
    /// One osmem-server for the whole suite.
    static var osmemServer: Self { Self() }
}
