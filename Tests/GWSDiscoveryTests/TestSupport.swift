import AsyncHTTPClient
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Testing

@testable import GWSDiscovery

/// A logger that discards everything (tests own their loggers; the library never makes one).
let testLogger = Logger(label: "gws.discovery.tests") { _ in SwiftLogNoOpLogHandler() }

/// A registry served over HTTP with its check runner, as the operator runs it in local mode.
func makeRegistryApplication(
    _ registry: ConsulRegistry
) -> some ApplicationProtocol {
    let router = Router()
    ConsulAPI.addRoutes(to: router, registry: registry)
    return Application(
        router: router,
        configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        services: [ConsulCheckRunner(registry: registry, logger: testLogger)],
        logger: testLogger)
}

/// Runs a tiny HTTP service on an ephemeral port answering `/health` with `status`, hands its port and a
/// `stop` function to `body`, and stops it at the end if `body` did not.
func withHealthEndpoint<T: Sendable>(
    status: HTTPResponse.Status = .ok,
    _ body: @Sendable (_ port: Int, _ stop: @escaping @Sendable () async -> Void) async throws -> T
) async throws -> T {
    let router = Router()
    router.get("health") { _, _ in Response(status: status) }
    return try await withServer(router, body)
}

/// Serves `router` on an ephemeral port, hands its port and a `stop` function to `body`, and stops it at
/// the end if `body` did not.
func withServer<T: Sendable>(
    _ router: Router<BasicRequestContext>,
    _ body: @Sendable (_ port: Int, _ stop: @escaping @Sendable () async -> Void) async throws -> T
) async throws -> T {
    let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
    let app = Application(
        router: router,
        configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { portContinuation.yield($0.localAddress!.port!) },
        logger: testLogger)
    let group = ServiceGroup(configuration: .init(services: [app], logger: testLogger))
    return try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        do {
            let value = try await body(port) { await group.triggerGracefulShutdown() }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return value
        } catch {
            await group.triggerGracefulShutdown()
            throw error
        }
    }
}

/// Re-reads through blocking queries until `condition` holds for the passing instances of `service`,
/// and returns the answer. Each round blocks until the service's data changes (never a fixed sleep);
/// gives up after `rounds` changes or waits.
func awaitInstances(
    _ client: ConsulClient, of service: String, passingOnly: Bool = true, rounds: Int = 20,
    until condition: ([ConsulServiceInstance]) -> Bool
) async throws -> ConsulQueryResult<[ConsulServiceInstance]> {
    var result = try await client.healthyInstances(of: service, passingOnly: passingOnly)
    for _ in 0..<rounds where !condition(result.value) {
        result = try await client.healthyInstances(
            of: service, passingOnly: passingOnly, index: result.index, wait: .seconds(2))
    }
    return result
}

/// Polls an in-process condition (not a timing assertion: it only bounds how long a test can hang).
func eventually(_ condition: @Sendable () async -> Bool) async throws -> Bool {
    // 30 s: a test suite on two busy cores once took longer than 5 s to park a blocking query.
    for _ in 0..<3000 {
        if await condition() { return true }
        try await Task.sleep(for: .milliseconds(10))
    }
    return await condition()
}

/// An HTTP client that reports a refused connection at once instead of retrying until the deadline.
func makeFailFastHTTPClient() -> HTTPClient {
    var configuration = HTTPClient.Configuration()
    configuration.connectionPool.retryConnectionEstablishment = false
    configuration.timeout.connect = .seconds(2)
    return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
}

extension ByteBuffer {
    /// The buffer's bytes as a string.
    var text: String { String(buffer: self) }
}
