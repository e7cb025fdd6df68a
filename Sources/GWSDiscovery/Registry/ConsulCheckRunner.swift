import Logging
import ServiceLifecycle

/// Evaluates a ``ConsulRegistry``'s checks over time, as a Consul agent does: runs HTTP and TCP checks
/// every `Interval` with their `Timeout` (HTTP 2xx passing, 429 warning, else critical), turns TTL checks
/// critical when not updated in time, and deregisters a service whose check has been critical longer
/// than its `DeregisterCriticalServiceAfter`. It also invalidates sessions when their TTL runs out, so
/// blocking queries on the keys they held return at that moment (every read and write expires due
/// sessions too, so the answers are right even without the runner).
///
/// A swift-service-lifecycle `Service`: run it in the same `ServiceGroup` as the server; it stops on
/// graceful shutdown or cancellation.
public struct ConsulCheckRunner: Service {
    let registry: ConsulRegistry
    let logger: Logger

    /// Creates a runner for `registry`.
    public init(registry: ConsulRegistry, logger: Logger) {
        self.registry = registry
        self.logger = logger
    }

    public func run() async throws {
        let checks = await registry.scheduledChecks()
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask { await self.expireSessions() }
                for await check in checks {
                    group.addTask { await self.evaluate(check) }
                }
            }
        }
    }

    /// Evaluates one definition of a check until it is removed or replaced, or the runner stops.
    func evaluate(_ check: ScheduledCheck) async {
        switch check.kind {
        case .http, .tcp:
            // The registry probed it once at registration; go on from the next interval.
            while !Task.isCancelled {
                do { try await registry.clock.sleep(for: check.interval) } catch { return }
                guard await registry.isCurrent(check) else { return }
                guard let result = await registry.prober.probe(check) else { return }
                guard await registry.record(result, for: check) else { return }
            }
        case .ttl:
            while !Task.isCancelled {
                guard let wake = await registry.advanceTTL(check) else { return }
                do { try await registry.clock.sleep(until: wake) } catch { return }
            }
        case .maintenance:
            return
        }
    }

    /// Invalidates sessions as their TTLs run out, until cancelled: sleeps until the next expiry, or
    /// until a session is created (it may expire sooner).
    func expireSessions() async {
        while !Task.isCancelled {
            let (next, index) = await registry.sessionTimer()
            await withTaskGroup(of: Void.self) { group in
                if let next {
                    group.addTask { try? await registry.clock.sleep(until: next) }
                }
                group.addTask { await registry.suspendUntilChange(of: .sessions, after: index) }
                await group.next()
                group.cancelAll()
            }
        }
    }
}

extension ConsulRegistry {
    /// Whether this definition of the check still exists.
    func isCurrent(_ check: ScheduledCheck) -> Bool {
        state.isCurrent(checkID: check.id, generation: check.generation)
    }
}
