import GWSServiceKit
import Logging
import ServiceLifecycle
import Synchronization

/// A one-time startup step that needs a store (applying migrations, creating
/// indices), retried in the background with backoff until it succeeds, so a
/// store that is down at startup never crashes the process. Its
/// ``readinessCheck()`` passes once the step has succeeded.
///
/// It is a `Service`: it runs the step, then waits for graceful shutdown.
/// (Used by Setting and Data Collector; named for the file rules of this module.)
final class StartupRetryService: Service, Sendable {
    private enum State: Sendable {
        case pending(String)
        case done
    }

    /// Short name used in logs and readiness output (`migrations`).
    let name: String
    private let step: @Sendable () async throws -> Void
    private let logger: Logger
    private let state = Mutex(State.pending("not attempted yet"))
    private let backoff: RetryBackoff

    /// - Parameters:
    ///   - name: the readiness check's name.
    ///   - backoff: delays between failed attempts.
    ///   - step: the work; idempotent, as it may run more than once after partial failures.
    init(
        name: String, backoff: RetryBackoff = RetryBackoff(initial: .milliseconds(200), maximum: .seconds(5)),
        logger: Logger, step: @escaping @Sendable () async throws -> Void
    ) {
        self.name = name
        self.backoff = backoff
        self.logger = logger
        self.step = step
    }

    /// Whether the step has succeeded.
    var isDone: Bool {
        state.withLock { if case .done = $0 { true } else { false } }
    }

    /// Retries the step until it succeeds, then waits for graceful shutdown.
    func run() async throws {
        await cancelWhenGracefulShutdown { [self] in await attemptUntilDone() }
        try? await gracefulShutdown()
    }

    private func attemptUntilDone() async {
        var backoff = backoff
        var attempt = 0
        while !Task.isCancelled {
            attempt += 1
            do {
                try await step()
                state.withLock { $0 = .done }
                logger.info("startup step done", metadata: ["step": "\(name)", "attempts": "\(attempt)"])
                return
            } catch {
                let reason = "\(error)"
                state.withLock { $0 = .pending(reason) }
                let delay = backoff.next()
                logger.warning(
                    "startup step failed; retrying",
                    metadata: ["step": "\(name)", "attempt": "\(attempt)", "error": "\(reason)", "retryIn": "\(delay)"])
                try? await Task.sleep(for: delay)
            }
        }
    }

    /// The readiness check: ok once the step succeeded, else the last failure.
    func readinessCheck() -> HealthCheckResult {
        state.withLock { state in
            switch state {
            case .done: .ok
            case .pending(let reason): .failed("\(name) pending: \(reason)")
            }
        }
    }

    /// Throws a 503 envelope error until the step has succeeded.
    func requireDone() throws {
        guard isDone else {
            throw GWSError(.serviceUnavailable, "the service is starting (\(name) pending); try again shortly")
        }
    }
}
