import GWSReconciler
import Testing

@Suite struct WorkQueueTests {
    @Test func addingAQueuedKeyAgainIsDeduplicated() async {
        let queue = WorkQueue<String>(clock: ManualClock())
        await queue.add("a")
        await queue.add("a")
        await queue.add("b")
        #expect(await queue.count == 2)
        #expect(await queue.next() == "a")
        #expect(await queue.next() == "b")
        #expect(await queue.count == 0)
    }

    @Test func aKeyBeingProcessedIsNeverHandedOutTwice() async {
        let queue = WorkQueue<String>(clock: ManualClock())
        await queue.add("a")
        let first = await queue.next()
        #expect(first == "a")
        await queue.add("a")  // changed while processing
        #expect(await queue.count == 0)  // held back
        #expect(await queue.isProcessing("a"))
        await queue.done("a")
        #expect(await queue.count == 1)  // delivered again after done
        #expect(await queue.next() == "a")
        await queue.done("a")
        #expect(await queue.count == 0)
    }

    @Test func delayedAddFiresOnlyWhenTheClockPassesTheDeadline() async throws {
        let clock = ManualClock()
        let queue = WorkQueue<String>(clock: clock)
        await queue.add("a", after: .seconds(5))
        #expect(await queue.count == 0)
        #expect(await queue.pendingDelayed == 1)
        clock.advance(by: .seconds(4))
        await queue.fireDue()
        #expect(await queue.count == 0)
        clock.advance(by: .seconds(1))
        await queue.fireDue()
        #expect(await queue.count == 1)
        #expect(await queue.pendingDelayed == 0)
    }

    @Test func theEarlierDeadlineWinsForTheSameKey() async {
        let clock = ManualClock()
        let queue = WorkQueue<String>(clock: clock)
        await queue.add("a", after: .seconds(10))
        await queue.add("a", after: .seconds(2))
        await queue.add("a", after: .seconds(30))
        clock.advance(by: .seconds(2))
        await queue.fireDue()
        #expect(await queue.count == 1)
    }

    @Test func waitingWorkerIsWokenByAnAdd() async {
        let queue = WorkQueue<String>(clock: ManualClock())
        async let key = queue.next()
        // Let the worker park, then add.
        while await queue.deliveries == 0 {
            await queue.add("k")
            await Task.yield()
        }
        #expect(await key == "k")
    }

    @Test func shutDownReleasesWaitingWorkers() async {
        let queue = WorkQueue<String>(clock: ManualClock())
        async let key = queue.next()
        await Task.yield()
        await queue.shutDown()
        #expect(await key == nil)
        await queue.add("late")
        #expect(await queue.count == 0)
    }

    @Test func idleQueueDeliversNothing() async {
        let clock = ManualClock()
        let queue = WorkQueue<String>(clock: clock)
        clock.advance(by: .seconds(3600))
        await queue.fireDue()
        #expect(await queue.deliveries == 0)
        #expect(await queue.count == 0)
    }
}
