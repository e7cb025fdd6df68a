/// Holds tasks at ``arrive()`` until `count` of them arrived, then lets all through.
actor AsyncBarrier {
    private let count: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var open = false

    init(count: Int) {
        self.count = count
    }

    /// Waits for the others (returns at once once the barrier has opened).
    func arrive() async {
        guard !open else { return }
        if waiting.count + 1 == count {
            open = true
            for continuation in waiting { continuation.resume() }
            waiting.removeAll()
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }
}
