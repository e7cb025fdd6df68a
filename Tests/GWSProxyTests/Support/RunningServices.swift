import Logging
import ServiceLifecycle

/// Services running in their own service group (no signal handling) until `stop()`.
struct RunningServices: Sendable {
    let group: ServiceGroup
    let task: Task<Void, any Error>

    /// Starts `services`; after `gracePeriod` of graceful shutdown they are cancelled.
    static func start(
        _ services: [any Service], label: String = "test", gracePeriod: Duration? = nil
    ) -> RunningServices {
        var configuration = ServiceGroupConfiguration(services: services, logger: testLogger(label))
        configuration.maximumGracefulShutdownDuration = gracePeriod
        return start(ServiceGroup(configuration: configuration))
    }

    /// Runs an already built group.
    static func start(_ group: ServiceGroup) -> RunningServices {
        let task = Task { try await group.run() }
        return RunningServices(group: group, task: task)
    }

    /// Shuts the services down gracefully and waits until they stopped.
    func stop() async throws {
        await group.triggerGracefulShutdown()
        try await task.value
    }
}

/// Runs `services` while `body` runs, then stops them (also when `body` throws).
func withServices<T>(_ services: [any Service], _ body: () async throws -> T) async throws -> T {
    let running = RunningServices.start(services)
    do {
        let result = try await body()
        try await running.stop()
        return result
    } catch {
        try? await running.stop()
        throw error
    }
}

/// Waits (briefly, by polling) until `condition` holds; fails the wait after `attempts` tries.
func waitUntil(attempts: Int = 500, _ condition: () async -> Bool) async throws -> Bool {
    for _ in 0..<attempts {
        if await condition() { return true }
        try await Task.sleep(for: .milliseconds(10))
    }
    return false
}
