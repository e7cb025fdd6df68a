import Logging

/// Follows the passing instances of one service with Consul blocking queries and yields each new set.
///
/// It long-polls `GET /v1/health/service/:name?passing&index=…&wait=30s`, yields the first answer and
/// then only answers that differ (instances compared sorted by id), resets its index when Consul's index
/// goes backwards (a restarted or replaced agent), and when Consul is unreachable retries with capped,
/// jittered exponential backoff (100 ms doubling to about 2 s) without yielding. The stream ends when
/// the consuming task is cancelled or stops iterating.
public struct ConsulHealthWatcher: Sendable {
    let client: ConsulClient
    let service: String
    let logger: Logger
    /// How long each blocking query waits for a change.
    let wait: Duration

    /// Creates a watcher of `service`'s passing instances.
    public init(client: ConsulClient, service: String, logger: Logger) {
        self.init(client: client, service: service, logger: logger, wait: .seconds(30))
    }

    init(client: ConsulClient, service: String, logger: Logger, wait: Duration) {
        self.client = client
        self.service = service
        self.logger = logger
        self.wait = wait
    }

    /// The passing instances, sorted by id: the current set first, then every change.
    public func updates() -> AsyncStream<[ConsulServiceInstance]> {
        let (stream, continuation) = AsyncStream.makeStream(
            of: [ConsulServiceInstance].self, bufferingPolicy: .bufferingNewest(1))
        let task = Task {
            await watch { continuation.yield($0) }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// The watch loop; returns when its task is cancelled.
    func watch(yield: ([ConsulServiceInstance]) -> Void) async {
        var index: UInt64 = 0
        var last: [ConsulServiceInstance]?
        var failures = 0
        while !Task.isCancelled {
            do {
                let result = try await client.healthyInstances(
                    of: service, passingOnly: true, index: index > 0 ? index : nil, wait: wait)
                if failures > 0 {
                    logger.info("Consul reachable again", metadata: ["service": "\(service)"])
                }
                failures = 0
                index = Self.nextIndex(previous: index, answered: result.index)
                let instances = result.value.sorted { $0.id < $1.id }
                if instances != last {
                    last = instances
                    yield(instances)
                }
            } catch {
                if Task.isCancelled { return }
                failures += 1
                let delay = Self.backoff(failures: failures)
                let metadata: Logger.Metadata = ["service": "\(service)", "error": "\(error)", "retry.in": "\(delay)"]
                if failures == 1 {
                    logger.warning("Consul health query failed", metadata: metadata)
                } else {
                    logger.debug("Consul health query failed", metadata: metadata)
                }
                do { try await Task.sleep(for: delay) } catch { return }
            }
        }
    }

    /// The index for the next query, as Consul advises: 0 (a plain read) when the answer's index went
    /// backwards, and never below 1 otherwise (so a 0 cannot turn blocking queries into a busy loop).
    static func nextIndex(previous: UInt64, answered: UInt64) -> UInt64 {
        answered < previous ? 0 : max(answered, 1)
    }

    /// The delay before retry number `failures`: 100 ms doubling, capped at 2 s, with jitter (50–100 %).
    static func backoff(failures: Int) -> Duration {
        let exponent = min(max(failures - 1, 0), 5)
        let capped = min(100 * (1 << exponent), 2_000)
        return .milliseconds(Int.random(in: (capped / 2)...capped))
    }
}
