import Synchronization

/// The port a server bound, published once it is listening (port 0 picks a
/// free one). Waiters suspend until then; cancelling a waiter ends its wait.
public final class ListeningAddress: Sendable {
    private enum State {
        case waiting([UInt64: CheckedContinuation<Int, any Error>])
        case bound(Int)
    }

    private let state = Mutex<State>(.waiting([:]))
    private let nextWaiterID = Atomic<UInt64>(0)

    public init() {}

    /// The bound port, or nil while not listening yet.
    public var port: Int? {
        state.withLock { state in
            if case .bound(let port) = state { return port }
            return nil
        }
    }

    /// Records the bound port and wakes every waiter. Later calls are ignored.
    public func bind(port: Int) {
        let waiters: [CheckedContinuation<Int, any Error>] = state.withLock { state in
            guard case .waiting(let waiters) = state else { return [] }
            state = .bound(port)
            return Array(waiters.values)
        }
        for waiter in waiters {
            waiter.resume(returning: port)
        }
    }

    /// Suspends until the server listens, and returns its port.
    ///
    /// - Throws: `CancellationError` when the calling task is cancelled first.
    public func waitForPort() async throws -> Int {
        let id = nextWaiterID.add(1, ordering: .relaxed).newValue
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let immediate: Result<Int, any Error>? = state.withLock { state in
                    switch state {
                    case .bound(let port):
                        return .success(port)
                    case .waiting(var waiters):
                        if Task.isCancelled { return .failure(CancellationError()) }
                        waiters[id] = continuation
                        state = .waiting(waiters)
                        return nil
                    }
                }
                if let immediate {
                    continuation.resume(with: immediate)
                }
            }
        } onCancel: {
            let waiter: CheckedContinuation<Int, any Error>? = state.withLock { state in
                guard case .waiting(var waiters) = state else { return nil }
                let waiter = waiters.removeValue(forKey: id)
                state = .waiting(waiters)
                return waiter
            }
            waiter?.resume(throwing: CancellationError())
        }
    }
}
