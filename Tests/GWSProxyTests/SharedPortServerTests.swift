import AsyncHTTPClient
import Foundation
import GWSServiceKit
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization
import Testing

@testable import GWSProxy

/// ``SharedPortServer``: two listeners on one port (SO_REUSEPORT) both take
/// connections, and one of them draining — what a proxy does during a rolling
/// restart — fails no request of a client that never retries a connect.
@Suite("SharedPortServer")
struct SharedPortServerTests {
    /// A running server answering `GET /who` with its name.
    struct Running {
        let name: String
        let group: ServiceGroup
        let task: Task<Void, any Error>
        let port: Int
        let connections: OpenConnections
    }

    func start(_ name: String, port: Int = 0, drainPeriod: Duration = .seconds(1)) async throws -> Running {
        let router = Router(context: GWSRequestContext.self)
        router.get("who") { _, _ in name }
        let connections = OpenConnections()
        let logger = Logger(label: "test-\(name)", factory: { _ in SwiftLogNoOpLogHandler() })
        let (ports, sink) = AsyncStream.makeStream(of: Int.self)
        let server = SharedPortServer(
            host: "127.0.0.1", port: port,
            child: HTTP1Channel(responder: ProxyServer.responder(router, connections, logger)),
            connections: connections, drainPeriod: drainPeriod, logger: logger
        ) { bound in
            sink.yield(bound)
            sink.finish()
        }
        let group = ServiceGroup(configuration: .init(services: [server], logger: logger))
        let task = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        let bound = try #require(await iterator.next(), "\(name) listens")
        return Running(name: name, group: group, task: task, port: bound, connections: connections)
    }

    /// A client that reports a refused connect as a failure (no retry until the deadline).
    func strictClient() -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    @Test func twoServersShareOnePortAndBothTakeConnections() async throws {
        let a = try await start("a")
        let b = try await start("b", port: a.port)
        #expect(b.port == a.port)
        var answeredBy: Set<String> = []
        for _ in 0..<64 {
            // A new connection each time: the kernel spreads connections, not requests.
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(a.port)/who")
            request.headers.add(name: "connection", value: "close")
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
            answeredBy.insert(String(buffer: try await response.body.collect(upTo: 1024)))
        }
        #expect(answeredBy == ["a", "b"], "both listeners took connections")
        for server in [a, b] {
            await server.group.triggerGracefulShutdown()
            try await server.task.value
        }
    }

    @Test func aDrainingServerHandsItsClientsToTheOtherWithoutAFailedRequest() async throws {
        let old = try await start("old", drainPeriod: .milliseconds(500))
        let client = strictClient()
        let url = "http://127.0.0.1:\(old.port)/who"
        // Keep-alive connections to the old server only, before the new one listens.
        for _ in 0..<8 { _ = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(5)) }
        let new = try await start("new", port: old.port)

        let tally = LoadTally()
        let load = Task { [client] in
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        while !tally.stopped {
                            do {
                                let response = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(5))
                                let who = String(buffer: try await response.body.collect(upTo: 1024))
                                let close = response.headers["connection"].contains("close")
                                tally.answered(by: who, status: response.status.code, close: close)
                            } catch {
                                tally.failed("\(error)")
                            }
                            try? await Task.sleep(for: .milliseconds(5))
                        }
                    }
                }
            }
        }
        try await Task.sleep(for: .milliseconds(300))
        await old.group.triggerGracefulShutdown()
        try await old.task.value  // returns once every connection of the old server closed
        let answeredByOld = tally.snapshot.answers["old", default: 0]
        try await Task.sleep(for: .milliseconds(300))
        tally.stop()
        await load.value

        let result = tally.snapshot
        #expect(result.failures.isEmpty, "\(result.failures.prefix(5))")
        #expect(result.closeFromOld > 0, "the draining server told its clients to leave (Connection: close)")
        #expect(result.answers["old", default: 0] == answeredByOld, "nothing answered by the old server after it stopped")
        #expect(result.answers["new", default: 0] > 0)
        #expect(old.connections.count == 0)
        try await client.shutdown()
        await new.group.triggerGracefulShutdown()
        try await new.task.value
    }
}

/// What the load of ``SharedPortServerTests`` saw.
final class LoadTally: Sendable {
    struct Counts {
        var answers: [String: Int] = [:]
        var failures: [String] = []
        var closeFromOld = 0
        var stopped = false
    }

    private let counts = Mutex(Counts())

    var snapshot: Counts { counts.withLock { $0 } }
    var stopped: Bool { counts.withLock { $0.stopped } }
    func stop() { counts.withLock { $0.stopped = true } }
    func failed(_ what: String) { counts.withLock { $0.failures.append(what) } }

    func answered(by who: String, status: UInt, close: Bool) {
        counts.withLock {
            $0.answers[who, default: 0] += 1
            if who == "old" && close { $0.closeFromOld += 1 }
            if status != 200 { $0.failures.append("status \(status)") }
        }
    }
}
