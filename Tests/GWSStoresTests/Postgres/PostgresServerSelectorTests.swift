import Logging
import Synchronization
import Testing

@testable import GWSStores

@Suite("Multi-host PostgreSQL: URL and server selection")
struct PostgresServerSelectorTests {
    typealias Server = PostgresConfiguration.Server

    @Test func parsesAMultiHostURL() throws {
        let config = try PostgresConfiguration(
            url: "postgres://gws@127.0.0.1:7001,127.0.0.1:7002,db3/gws?target_session_attrs=read-write&sslmode=disable",
            passwordFile: nil)
        #expect(config.servers == [
            Server(host: "127.0.0.1", port: 7001), Server(host: "127.0.0.1", port: 7002), Server(host: "db3", port: 5432),
        ])
        #expect(config.targetSessionAttributes == .readWrite)
        #expect(config.needsServerSelection)
        #expect(config.username == "gws" && config.database == "gws")
        #expect(config.endpoint == "127.0.0.1:7001,127.0.0.1:7002,db3:5432/gws")
        let single = config.onServer(Server(host: "127.0.0.1", port: 7002))
        #expect(single.servers == [Server(host: "127.0.0.1", port: 7002)] && !single.needsServerSelection)
    }

    @Test func oneHostNeedsNoSelection() throws {
        let config = try PostgresConfiguration(url: "postgres://gws@h:1/d", passwordFile: nil)
        #expect(config.servers.count == 1 && !config.needsServerSelection)
        #expect(try PostgresConfiguration(url: "postgres://gws@h:1/d?target_session_attrs=read-write", passwordFile: nil)
            .needsServerSelection)
    }

    @Test(arguments: [
        "postgres://u@h1:1,/d", "postgres://u@h1:1,h2:x/d", "postgres://u@h1:1,h2:70000/d",
        "postgres://u@h1,h2/d?target_session_attrs=primary",
    ])
    func rejectsMalformedHostLists(url: String) {
        #expect(throws: PostgresStoreError.self) { try PostgresConfiguration(url: url, passwordFile: nil) }
    }

    @Test func choosesTheFirstFittingServer() {
        typealias S = PostgresServerSelector
        #expect(S.choose([.readOnly, .writable], target: .readWrite) == 1)
        #expect(S.choose([.unreachable, .readOnly], target: .readWrite) == nil)
        #expect(S.choose([.unreachable, .readOnly], target: .any) == 1)
        #expect(S.choose([.writable, .writable], target: .readWrite) == 0)
    }

    @Test func followsThePrimaryAcrossAFailover() async throws {
        let servers = [Server(host: "a", port: 1), Server(host: "b", port: 2)]
        let answers = Mutex<[PostgresServerSelector.Answer]>([.writable, .readOnly])
        let asked = Mutex(0)
        let selector = PostgresServerSelector(
            servers: servers, target: .readWrite, retryInterval: .milliseconds(5), logger: Logger(label: "test")
        ) { server in
            asked.withLock { $0 += 1 }
            return answers.withLock { $0[server.port - 1] }
        }
        #expect(try await selector.current() == 0)
        #expect(try await selector.current() == 0)
        #expect(asked.withLock { $0 } == 2)  // remembered: asked once per server
        // A query error that does not mean the server changed keeps the choice.
        await selector.failed(0, error: PostgresStoreError(code: .queryFailed(sqlState: "23505"), endpoint: nil, message: ""))
        #expect(await selector.chosenServer == servers[0])
        // The primary dies; for a while nobody is writable; then b is promoted.
        answers.withLock { $0 = [.unreachable, .readOnly] }
        await selector.failed(0, error: PostgresStoreError(code: .unreachable, endpoint: nil, message: ""))
        #expect(await selector.chosenServer == nil)
        let promotion = Task {
            try await Task.sleep(for: .milliseconds(50))
            answers.withLock { $0 = [.unreachable, .writable] }
        }
        #expect(try await selector.current() == 1)
        try await promotion.value
        // A demoted server answers "read-only transaction" (25006): look again.
        answers.withLock { $0 = [.writable, .readOnly] }
        await selector.failed(1, error: PostgresStoreError(code: .queryFailed(sqlState: "25006"), endpoint: nil, message: ""))
        #expect(try await selector.current() == 0)
    }

    @Test func aRunningOperationNoticesItsServerIsGone() async throws {
        let servers = [Server(host: "a", port: 1), Server(host: "b", port: 2)]
        let answers = Mutex<[PostgresServerSelector.Answer]>([.writable, .readOnly])
        let selector = PostgresServerSelector(
            servers: servers, target: .readWrite, retryInterval: .milliseconds(5), logger: Logger(label: "test")
        ) { server in answers.withLock { $0[server.port - 1] } }
        #expect(try await selector.current() == 0)
        #expect(await selector.stillFits(0))
        #expect(await !selector.stillFits(1))  // another server is chosen
        // An operation waiting on server a is abandoned once a is gone.
        let waiting = Task {
            try await PostgresStore.watching(0, selector: selector) {
                try await Task.sleep(for: .seconds(30))
                return 1
            }
        }
        try await Task.sleep(for: .milliseconds(50))
        answers.withLock { $0 = [.unreachable, .writable] }
        await #expect(throws: PostgresServerLost.self) { try await waiting.value }
        await selector.forget(0)
        #expect(try await selector.current() == 1)
        // An operation that finishes first returns its value.
        #expect(try await PostgresStore.watching(1, selector: selector) { 42 } == 42)
    }

    @Test func waitingForAPrimaryStopsWhenCancelled() async {
        let selector = PostgresServerSelector(
            servers: [Server(host: "a", port: 1)], target: .readWrite, retryInterval: .milliseconds(5),
            logger: Logger(label: "test")
        ) { _ in .readOnly }
        let waiting = Task { try await selector.current() }
        try? await Task.sleep(for: .milliseconds(30))
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
    }
}
