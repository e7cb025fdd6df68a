import Synchronization
import Testing

@testable import GWSStores

/// Group commit of versioned writes, with a scripted `_bulk` sender.
@Suite("VersionedBulkWriter")
struct VersionedBulkWriterTests {
    struct Doc: Encodable, Sendable { var n: Int }

    /// A sender that records each batch's ids and answers each item from `outcome`;
    /// the first request is held until `release()` when `holdFirst` is set.
    final class Sender: Sendable {
        let batches = Mutex<[[String]]>([])
        let held = Mutex<CheckedContinuation<Void, Never>?>(nil)
        let holdFirst: Bool
        let outcome: @Sendable (String) -> BulkResponse.Item?

        init(holdFirst: Bool = false, outcome: @escaping @Sendable (String) -> BulkResponse.Item? = { _ in nil }) {
            self.holdFirst = holdFirst
            self.outcome = outcome
        }

        func send(_ operations: [BulkOperation]) async throws -> BulkResponse {
            let first = batches.withLock { batches in
                batches.append(operations.map { $0.id ?? "" })
                return batches.count == 1
            }
            if first && holdFirst {
                await withCheckedContinuation { continuation in held.withLock { $0 = continuation } }
            }
            return BulkResponse(
                items: operations.map { operation in
                    outcome(operation.id ?? "")
                        ?? .init(action: .index, index: operation.index, id: operation.id, status: 201, result: "created", error: nil)
                })
        }

        func release() -> Bool {
            guard let continuation = held.withLock({ state in defer { state = nil }; return state }) else { return false }
            continuation.resume()
            return true
        }
    }

    static func op(_ id: String, version: Int = 1) -> BulkOperation {
        .index("idx", id: id, document: Doc(n: version), externalVersion: version)
    }

    @Test func aLoneWriteLeavesAtOnceInItsOwnRequest() async throws {
        let sender = Sender()
        let writer = VersionedBulkWriter(url: "http://es") { try await sender.send($0) }
        #expect(try await writer.write(Self.op("a")))
        #expect(sender.batches.withLock { $0 } == [["a"]])
    }

    @Test func writesArrivingDuringARequestShareTheNextOne() async throws {
        let sender = Sender(holdFirst: true)
        let writer = VersionedBulkWriter(maximumBatch: 3, url: "http://es") { try await sender.send($0) }
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask { try await writer.write(Self.op("first")) }
            while sender.held.withLock({ $0 == nil }) { await Task.yield() }
            for id in ["b", "c", "d", "e"] { group.addTask { try await writer.write(Self.op(id)) } }
            // Let the four queue up behind the held request (they only append under the lock).
            for _ in 0..<200 { await Task.yield() }
            while !sender.release() { await Task.yield() }
            var results: [Bool] = []
            for try await result in group { results.append(result) }
            #expect(results == [true, true, true, true, true])
        }
        let batches = sender.batches.withLock { $0 }
        #expect(batches.first == ["first"])
        #expect(batches.dropFirst().map(\.count).allSatisfy { $0 <= 3 }, "at most maximumBatch per request")
        #expect(Set(batches.dropFirst().flatMap { $0 }) == ["b", "c", "d", "e"])
        #expect(batches.count < 5, "queued writes were batched: \(batches)")
    }

    @Test func eachCallerLearnsItsOwnItemsOutcome() async throws {
        let sender = Sender { id in
            switch id {
            case "older":
                .init(
                    action: .index, index: "idx", id: id, status: 409, result: nil,
                    error: ElasticsearchErrorDetail(type: "version_conflict_engine_exception", reason: "current version is higher"))
            case "bad":
                .init(
                    action: .index, index: "idx", id: id, status: 400, result: nil,
                    error: ElasticsearchErrorDetail(type: "mapper_parsing_exception", reason: "failed to parse field [n]"))
            default: nil
            }
        }
        let writer = VersionedBulkWriter(url: "http://es") { try await sender.send($0) }
        #expect(try await writer.write(Self.op("older")) == false)
        let error = await #expect(throws: ElasticsearchError.self) { try await writer.write(Self.op("bad")) }
        #expect(error?.code == .bulkItems)
        #expect(error?.message.contains("idx/bad") == true && error?.message.contains("mapper_parsing_exception") == true)
        #expect(try await writer.write(Self.op("fine")))
    }

    @Test func aFailedRequestFailsEveryWriteInItAndTheNextWritesTryAgain() async throws {
        struct Down: Error {}
        let calls = Mutex(0)
        let writer = VersionedBulkWriter(url: "http://es") { operations in
            let n = calls.withLock { $0 += 1; return $0 }
            if n == 1 { throw Down() }
            return BulkResponse(items: operations.map { .init(action: .index, index: $0.index, id: $0.id, status: 200, result: "updated", error: nil) })
        }
        await #expect(throws: Down.self) { try await writer.write(Self.op("a")) }
        #expect(try await writer.write(Self.op("a")))
    }
}

extension VersionedBulkWriterTests {
    /// A linger that ends when the test opens it.
    final class Gate: Sendable {
        let waiting = Mutex<CheckedContinuation<Void, Never>?>(nil)
        let started = Mutex(0)

        func pause() async { await withCheckedContinuation { continuation in waiting.withLock { $0 = continuation } } }
        var isPaused: Bool { waiting.withLock { $0 != nil } }
        func open() { waiting.withLock { $0 }?.resume() }
    }

    @Test func lingerGathersWritesThatArriveTogetherIntoOneRequest() async throws {
        let sender = Sender()
        let gate = Gate()
        let writer = VersionedBulkWriter(url: "http://es", pause: { await gate.pause() }) { try await sender.send($0) }
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for id in ["a", "b", "c"] {
                group.addTask {
                    gate.started.withLock { $0 += 1 }
                    return try await writer.write(Self.op(id))
                }
            }
            // The linger ends only once all three writers run and have had time to queue.
            while gate.started.withLock({ $0 }) < 3 || !gate.isPaused { await Task.yield() }
            for _ in 0..<200 { await Task.yield() }
            gate.open()
            for try await result in group { #expect(result) }
        }
        let ids = sender.batches.withLock { $0 }
        #expect(Set(ids.flatMap { $0 }) == ["a", "b", "c"])
        #expect(ids.first?.count ?? 0 >= 2, "writes queued during the linger left together: \(ids)")
    }
}
