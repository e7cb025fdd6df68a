import GWSServiceKit
import GWSStores
import GWSVoice
import Logging
import ServiceLifecycle

/// The Data Collector's consumer of the event bus: `PSUBSCRIBE gws:events:*`
/// (``AgentNotification/busPattern``), each ``AgentNotification`` filed in the
/// statistics store by the ``VoiceEventRecorder``.
///
/// Notifications are spread over `workers` queues by tenant and user, so one
/// agent's events are recorded in order while different agents' are recorded
/// concurrently. A failed write (store down) is retried a few times with
/// backoff, then dropped with an error log: the agent's next event puts its
/// state right. It starts consuming once `isPrepared` (the indices exist).
final class DataCollectorBusService: Service, Sendable {
    let bus: BusSubscription
    let recorder: VoiceEventRecorder
    /// How many queues record concurrently.
    let workers: Int
    /// How many times one notification is tried.
    let attempts: Int
    let isPrepared: @Sendable () -> Bool
    let logger: Logger

    init(
        bus: BusSubscription, recorder: VoiceEventRecorder, workers: Int = 8, attempts: Int = 5,
        isPrepared: @escaping @Sendable () -> Bool = { true }, logger: Logger
    ) {
        self.bus = bus
        self.recorder = recorder
        self.workers = max(1, workers)
        self.attempts = max(1, attempts)
        self.isPrepared = isPrepared
        self.logger = logger
    }

    /// Consumes the bus until graceful shutdown (and never returns before it,
    /// even when the subscriber was closed first).
    func run() async throws {
        await cancelWhenGracefulShutdown { [self] in
            while !isPrepared() {
                do { try await Task.sleep(for: .milliseconds(100)) } catch { return }
            }
            await consume()
        }
        try? await gracefulShutdown()
    }

    private func consume() async {
        await withTaskGroup(of: Void.self) { group in
            var queues: [AsyncStream<AgentNotification>.Continuation] = []
            for _ in 0..<workers {
                let (stream, continuation) = AsyncStream.makeStream(of: AgentNotification.self)
                queues.append(continuation)
                group.addTask { [self] in
                    for await notification in stream { await record(notification) }
                }
            }
            let partitions = queues
            await bus.consume { [self] message in
                let notification: AgentNotification
                do {
                    notification = try AgentNotification(jsonString: message.string)
                } catch {
                    logger.debug(
                        "not an agent notification; ignored",
                        metadata: ["channel": "\(message.channel)", "error": "\(VoiceCoding.describe(error))"])
                    return
                }
                let key = notification.tenant + "\u{0}" + notification.userName
                partitions[Int(UInt(bitPattern: key.hashValue) % UInt(partitions.count))].yield(notification)
            }
            for queue in partitions { queue.finish() }
        }
    }

    /// Records one notification, retrying while the store fails.
    private func record(_ notification: AgentNotification) async {
        var backoff = RetryBackoff(initial: .milliseconds(100), maximum: .seconds(2))
        for attempt in 1...attempts {
            do {
                try await recorder.record(notification)
                return
            } catch {
                guard attempt < attempts, !Task.isCancelled else {
                    logger.error(
                        "voice event not recorded",
                        metadata: [
                            "tenant": "\(notification.tenant)", "user": "\(notification.userName)",
                            "attempts": "\(attempt)", "error": "\(error)",
                        ])
                    return
                }
                try? await Task.sleep(for: backoff.next())
            }
        }
    }
}
