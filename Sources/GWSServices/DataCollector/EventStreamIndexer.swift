import Foundation
import GWSServiceKit
import GWSStores
import GWSVoice
import Logging

/// The Data Collector's indexing loop, run only while this instance leads
/// (``IndexerLeadership``): reads the event stream (`gws:stream:events`) from
/// the checkpoint with `XREAD BLOCK`, records each batch with the
/// ``VoiceEventRecorder`` (which announces each applied write on
/// `gws:stats:<tenant>`), and moves the checkpoint past the batch once every
/// notification of it was recorded.
///
/// A batch is split into queues by tenant and user (``EventStreamBatch``):
/// one agent's events are recorded in order, different agents' concurrently.
/// A failed write (statistics store down) is retried with backoff until it
/// succeeds or the loop is cancelled; the checkpoint stays where it was
/// meanwhile, so nothing is skipped. A Redis failure makes it read the
/// checkpoint again and go on from there. Replaying from the checkpoint (after
/// a takeover or an error) writes what is already stored: harmless, as writes
/// carry external versions.
///
/// Cancellation stops it promptly: the blocking read waits at most `block`,
/// and writes in flight are cancelled.
struct EventStreamIndexer: Sendable {
    let redis: RedisClient
    let recorder: VoiceEventRecorder
    let checkpoint: IndexerCheckpoint
    let status: IndexerStatus
    var streamKey = AgentNotificationStreamKeys.stream
    /// How many entries one read takes at most.
    var batchSize = 256
    /// How many queues record concurrently.
    var queues = 8
    /// How long one `XREAD` waits for new entries.
    var block: Duration = .seconds(1)
    /// Failed attempts of one notification after which each further failure is logged as an error.
    var quietAttempts = 5
    let isPrepared: @Sendable () -> Bool
    let logger: Logger

    /// Indexes until cancelled.
    func run() async {
        while !isPrepared() {
            do { try await Task.sleep(for: .milliseconds(100)) } catch { return }
        }
        var cursor: RedisStreamID?
        var backoff = RetryBackoff(initial: .milliseconds(100), maximum: .seconds(2))
        while !Task.isCancelled {
            do {
                let position: RedisStreamID
                if let cursor {
                    position = cursor
                } else {
                    position = try await resume()
                }
                cursor = position
                let entries = try await redis.xread(streamKey, after: position, count: batchSize, block: block)
                guard let first = entries.first else {
                    status.setLag(0)
                    continue
                }
                status.setLag(Date().timeIntervalSince1970 - Double(first.id.milliseconds) / 1000)
                let batch = EventStreamBatch(entries, queues: queues)
                await record(batch)
                guard !Task.isCancelled, let last = batch.last else { return }
                try await checkpoint.advance(to: last)
                cursor = last
                backoff.reset()
            } catch {
                guard !Task.isCancelled else { return }
                logger.warning(
                    "event stream indexer: Redis failed; resuming from the checkpoint",
                    metadata: ["stream": "\(streamKey)", "error": "\(error)"])
                cursor = nil
                try? await Task.sleep(for: backoff.next())
            }
        }
    }

    /// Reads the checkpoint, and warns when entries after it were trimmed from the stream (`MAXLEN`)
    /// before they were indexed: those events are lost to statistics.
    private func resume() async throws -> RedisStreamID {
        let position = try await checkpoint.load()
        logger.info(
            "event stream indexer resuming from the checkpoint",
            metadata: ["stream": "\(streamKey)", "checkpoint": "\(position)"])
        if let trimmed = try? await maximumDeletedID(), trimmed > position {
            logger.error(
                "event stream entries after the checkpoint were trimmed before they were indexed; their events are not in the statistics",
                metadata: ["stream": "\(streamKey)", "checkpoint": "\(position)", "trimmedUpTo": "\(trimmed)"])
        }
        return position
    }

    /// `XINFO STREAM`'s `max-deleted-entry-id` (Redis 7); nil when unknown.
    private func maximumDeletedID() async throws -> RedisStreamID? {
        guard let items = try await redis.command(["XINFO", "STREAM", streamKey]).array else { return nil }
        for i in stride(from: 0, to: items.count - 1, by: 2) where items[i].string == "max-deleted-entry-id" {
            return items[i + 1].string.flatMap(RedisStreamID.init)
        }
        return nil
    }

    /// Records every queue of `batch` concurrently; returns when all are recorded or on cancellation.
    private func record(_ batch: EventStreamBatch) async {
        await withTaskGroup(of: Int.self) { group in
            for queue in batch.queues {
                group.addTask {
                    var recorded = 0
                    for notification in queue {
                        guard await record(notification) else { break }
                        recorded += 1
                    }
                    return recorded
                }
            }
            for await recorded in group { status.didRecord(recorded) }
        }
    }

    /// Records one notification, retrying while the store fails; false when cancelled first.
    private func record(_ notification: AgentNotification) async -> Bool {
        var backoff = RetryBackoff(initial: .milliseconds(100), maximum: .seconds(2))
        var attempt = 0
        while !Task.isCancelled {
            attempt += 1
            do {
                try await recorder.record(notification)
                return true
            } catch {
                guard !Task.isCancelled else { return false }
                let metadata: Logger.Metadata = [
                    "tenant": "\(notification.tenant)", "user": "\(notification.userName)",
                    "attempts": "\(attempt)", "error": "\(error)",
                ]
                if attempt >= quietAttempts {
                    logger.error("voice event not recorded yet; retrying (the checkpoint waits)", metadata: metadata)
                } else {
                    logger.debug("voice event not recorded; retrying", metadata: metadata)
                }
                do { try await Task.sleep(for: backoff.next()) } catch { return false }
            }
        }
        return false
    }
}
