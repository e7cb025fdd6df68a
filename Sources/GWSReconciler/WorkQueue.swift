/// A work queue keyed by object, with client-go's guarantees:
/// a key is queued at most once however often it is added; a key being
/// processed is never handed to a second worker (an add during processing
/// is kept and delivered after ``done(_:)``); delayed adds fire on the
/// injected clock.
public actor WorkQueue<Key: Hashable & Sendable> {
    private var queue: [Key] = []
    private var dirty: Set<Key> = []
    private var processing: Set<Key> = []
    private var waiters: [CheckedContinuation<Key?, Never>] = []
    private var delayed: [Key: Duration] = [:]
    private var timer: Task<Void, Never>?
    private var shuttingDown = false
    private let clock: any GWSClock

    /// Number of times a key was handed to a worker (for metrics and tests).
    public private(set) var deliveries = 0

    public init(clock: any GWSClock) { self.clock = clock }

    /// Queues `key` unless it is already queued.
    public func add(_ key: Key) {
        guard !shuttingDown, !dirty.contains(key) else { return }
        dirty.insert(key)
        if processing.contains(key) { return }
        if let waiter = waiters.first {
            waiters.removeFirst()
            dirty.remove(key)
            processing.insert(key)
            deliveries += 1
            waiter.resume(returning: key)
        } else {
            queue.append(key)
        }
    }

    /// Queues `key` after `delay` on the clock. An earlier pending deadline for the same key wins.
    public func add(_ key: Key, after delay: Duration) {
        guard !shuttingDown else { return }
        if delay <= .zero {
            add(key)
            return
        }
        let deadline = clock.now() + delay
        if let existing = delayed[key], existing <= deadline { return }
        delayed[key] = deadline
        rearmTimer()
    }

    /// The next key to work on; nil once the queue is shut down.
    public func next() async -> Key? {
        if !queue.isEmpty {
            let key = queue.removeFirst()
            dirty.remove(key)
            processing.insert(key)
            deliveries += 1
            return key
        }
        if shuttingDown { return nil }
        return await withCheckedContinuation { waiters.append($0) }
    }

    /// Marks `key` as processed; if it was added meanwhile it is queued again.
    public func done(_ key: Key) {
        processing.remove(key)
        if dirty.contains(key) {
            dirty.remove(key)
            add(key)
        }
    }

    public var count: Int { queue.count }
    public var pendingDelayed: Int { delayed.count }
    public func isProcessing(_ key: Key) -> Bool { processing.contains(key) }

    /// Stops handing out keys; waiting workers get nil.
    public func shutDown() {
        shuttingDown = true
        timer?.cancel()
        let w = waiters
        waiters = []
        for waiter in w { waiter.resume(returning: nil) }
    }

    /// Moves every delayed key whose deadline has passed into the queue.
    public func fireDue() {
        let now = clock.now()
        let due = delayed.filter { $0.value <= now }.map(\.key)
        for key in due {
            delayed[key] = nil
            add(key)
        }
        rearmTimer()
    }

    private func rearmTimer() {
        timer?.cancel()
        timer = nil
        guard let earliest = delayed.values.min(), !shuttingDown else { return }
        let clock = self.clock
        timer = Task { [weak self] in
            do { try await clock.sleep(until: earliest) } catch { return }
            await self?.fireDue()
        }
    }
}
