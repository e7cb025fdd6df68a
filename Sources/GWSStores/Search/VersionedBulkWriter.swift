import Synchronization

/// Writes versioned documents through `_bulk` with group commit: a write that
/// arrives while no bulk request is in flight leaves after ``linger`` (with
/// whatever else arrived meanwhile); writes that arrive while one is in
/// flight wait for it and then leave together in the next request (at most
/// ``maximumBatch`` per request). Under a trickle
/// each write costs one request, as before; under load many writes share
/// one, which is what a server like Elasticsearch is fastest at — a single
/// `PUT …/_doc` costs several times a `_bulk` item.
///
/// Each caller learns its own item's outcome: written, refused because a
/// newer version is stored, or failed (the item's error, or the whole
/// request's when the request failed).
public final class VersionedBulkWriter: Sendable {
    /// Sends one bulk request (``ElasticsearchClient/bulk(_:refresh:)`` in production).
    public typealias Send = @Sendable ([BulkOperation]) async throws -> BulkResponse

    private struct Waiting {
        let operation: BulkOperation
        let continuation: CheckedContinuation<Bool, any Error>
    }

    private struct State {
        var waiting: [Waiting] = []
        var sending = false
    }

    /// The most items in one request.
    public let maximumBatch: Int
    /// How long the first write of an idle writer waits for company.
    public let linger: Duration
    private let url: String
    private let send: Send
    /// Waits ``linger`` (tests replace it with a gate).
    private let pause: (@Sendable () async -> Void)?
    private let state = Mutex(State())

    /// - Parameters:
    ///   - maximumBatch: the most items in one request.
    ///   - linger: how long the first write of an idle writer waits for company.
    ///   - url: the server, without credentials (for errors).
    ///   - send: sends one bulk request.
    public init(maximumBatch: Int = 500, linger: Duration = .zero, url: String, send: @escaping Send) {
        self.maximumBatch = max(1, maximumBatch)
        let linger = max(.zero, linger)
        self.linger = linger
        self.url = url
        self.send = send
        if linger > .zero {
            self.pause = { @Sendable () async -> Void in
                do { try await Task.sleep(for: linger) } catch {}
            }
        } else {
            self.pause = nil
        }
    }

    /// A writer whose linger is `pause` (for tests).
    init(maximumBatch: Int = 500, url: String, pause: @escaping @Sendable () async -> Void, send: @escaping Send) {
        self.maximumBatch = max(1, maximumBatch)
        self.linger = .zero
        self.url = url
        self.send = send
        self.pause = pause
    }

    /// Writes `operation` (an `index` with an external version).
    /// - Returns: `true` when written, `false` when a higher version is stored.
    /// - Throws: the request's error, or an ``ElasticsearchError`` (`bulkItems`) with the item's.
    public func write(_ operation: BulkOperation) async throws -> Bool {
        try await withCheckedThrowingContinuation { continuation in
            let startsSending = state.withLock { state -> Bool in
                state.waiting.append(Waiting(operation: operation, continuation: continuation))
                guard !state.sending else { return false }
                state.sending = true
                return true
            }
            if startsSending { Task { await self.drain() } }
        }
    }

    /// Sends batches until nothing waits.
    private func drain() async {
        if let pause { await pause() }
        while true {
            let batch = state.withLock { state -> [Waiting] in
                let batch = Array(state.waiting.prefix(maximumBatch))
                state.waiting.removeFirst(batch.count)
                if batch.isEmpty { state.sending = false }
                return batch
            }
            guard !batch.isEmpty else { return }
            await sendBatch(batch)
        }
    }

    private func sendBatch(_ batch: [Waiting]) async {
        let response: BulkResponse
        do {
            response = try await send(batch.map(\.operation))
        } catch {
            for waiting in batch { waiting.continuation.resume(throwing: error) }
            return
        }
        for (index, waiting) in batch.enumerated() {
            guard index < response.items.count else {
                waiting.continuation.resume(
                    throwing: ElasticsearchError(
                        code: .bulkItems, url: url,
                        message: "the bulk response at \(url) has \(response.items.count) items for \(batch.count) operations"))
                continue
            }
            let item = response.items[index]
            if !item.failed {
                waiting.continuation.resume(returning: true)
            } else if item.status == 409, item.error?.type == "version_conflict_engine_exception" {
                waiting.continuation.resume(returning: false)
            } else {
                let operation = waiting.operation
                waiting.continuation.resume(
                    throwing: ElasticsearchError(
                        code: .bulkItems, url: url, status: item.status, type: item.error?.type,
                        reason: item.error?.reason,
                        message: "\(operation.action.rawValue) \(operation.index)/\(operation.id ?? "?") failed at \(url): "
                            + (item.error?.summary ?? "status \(item.status)")))
            }
        }
    }
}
