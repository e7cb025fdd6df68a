/// The blocking queries a registry has suspended, each waiting for the index of what it watches to
/// pass the index it already saw.
struct IndexWaiters {
    private struct Waiter {
        var watch: RegistryWatch
        var after: UInt64
        var continuation: CheckedContinuation<Void, Never>
    }

    private var waiters: [UInt64: Waiter] = [:]
    private var lastID: UInt64 = 0

    /// How many queries are suspended.
    var count: Int { waiters.count }

    /// A fresh waiter id.
    mutating func nextID() -> UInt64 {
        lastID += 1
        return lastID
    }

    /// Suspends a query until ``wake(currentIndex:)`` sees its watch move past `after`.
    mutating func add(id: UInt64, watch: RegistryWatch, after: UInt64, continuation: CheckedContinuation<Void, Never>) {
        waiters[id] = Waiter(watch: watch, after: after, continuation: continuation)
    }

    /// Resumes the query `id` now (its task was cancelled); nothing if it already resumed.
    mutating func cancel(id: UInt64) {
        waiters.removeValue(forKey: id)?.continuation.resume()
    }

    /// Resumes every query whose watched data now has a higher index than it saw.
    mutating func wake(currentIndex: (RegistryWatch) -> UInt64) {
        var cache: [RegistryWatch: UInt64] = [:]
        for (id, waiter) in waiters {
            let index = cache[waiter.watch] ?? currentIndex(waiter.watch)
            cache[waiter.watch] = index
            if index > waiter.after {
                waiters.removeValue(forKey: id)
                waiter.continuation.resume()
            }
        }
    }
}
