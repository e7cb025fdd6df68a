import Synchronization

@testable import GWSProxy

/// An ``UpstreamSource`` the test drives: `set` publishes a service's
/// instances to every watcher; a service never set stays silent (as if
/// discovery had not answered).
final class FakeUpstreamSource: UpstreamSource {
    private struct State {
        var instances: [String: [UpstreamInstance]] = [:]
        var watchers: [String: [AsyncStream<[UpstreamInstance]>.Continuation]] = [:]
    }

    private let state = Mutex(State())

    init(_ initial: [String: [UpstreamInstance]] = [:]) {
        state.withLock { $0.instances = initial }
    }

    func set(_ service: String, _ instances: [UpstreamInstance]) {
        let watchers = state.withLock { state in
            state.instances[service] = instances
            return state.watchers[service] ?? []
        }
        for watcher in watchers {
            watcher.yield(instances)
        }
    }

    func instances(of service: String) -> AsyncStream<[UpstreamInstance]> {
        AsyncStream { continuation in
            let current = state.withLock { state in
                state.watchers[service, default: []].append(continuation)
                return state.instances[service]
            }
            if let current {
                continuation.yield(current)
            }
        }
    }
}
