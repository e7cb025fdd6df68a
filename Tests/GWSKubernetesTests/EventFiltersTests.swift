import GWSKubernetes
import GWSReconciler
import GWSSpec
import Testing

@Suite struct EventFiltersTests {
    @Test func ourOwnStatusAndFinalizerWritesTriggerNothing() {
        let base = resource("a", rv: "1")
        let withFinalizer = resource("a", rv: "2", finalizers: ["gws.genesys.com/cleanup"])
        let withStatus = resource(
            "a", rv: "3", status: ["observedGeneration": 1], finalizers: ["gws.genesys.com/cleanup"])
        #expect(!EventFilters.shouldReconcile(.updated(old: base, new: withFinalizer)))
        #expect(!EventFilters.shouldReconcile(.updated(old: withFinalizer, new: withStatus)))
    }

    @Test func specChangesDeletionsAndNewObjectsDo() {
        let base = resource("a", rv: "1")
        #expect(EventFilters.shouldReconcile(.added(base)))
        #expect(EventFilters.shouldReconcile(.updated(old: base, new: resource("a", rv: "2", generation: 2))))
        #expect(EventFilters.shouldReconcile(.updated(old: base, new: resource("a", rv: "2", deleting: true))))
        #expect(EventFilters.shouldReconcile(.updated(old: base, new: resource("a", rv: "2", uid: "other"))))
        #expect(EventFilters.shouldReconcile(.deleted(base, finalStateUnknown: true)))
    }

    @Test func ownedDeploymentsTriggerTheirOwnerOnReadinessOrDeletionOnly() {
        func deployment(rv: String, ready: Int) -> OwnedDeployment {
            OwnedDeployment(key: key("gws-app-workspace"), resourceVersion: rv, owner: key("gws"), readyReplicas: ready)
        }
        #expect(EventFilters.ownerToReconcile(.added(deployment(rv: "1", ready: 0))) == nil)
        // Our own apply changed the spec: readiness unchanged.
        #expect(
            EventFilters.ownerToReconcile(
                .updated(old: deployment(rv: "1", ready: 0), new: deployment(rv: "2", ready: 0))) == nil)
        #expect(
            EventFilters.ownerToReconcile(
                .updated(old: deployment(rv: "2", ready: 0), new: deployment(rv: "3", ready: 2))) == key("gws"))
        #expect(
            EventFilters.ownerToReconcile(.deleted(deployment(rv: "3", ready: 2), finalStateUnknown: false))
                == key("gws"))
    }

    /// The informer's deltas through the predicate into the keyed queue:
    /// a key is queued once however many changes arrive, and a change during
    /// its reconcile is delivered once more afterwards, never concurrently.
    @Test func deltasFeedTheKeyedQueueWithoutDuplicates() async {
        let queue = WorkQueue<ObjectKey>(clock: ManualClock())
        var store = InformerStore<GWSDeploymentObject>()
        func feed(_ deltas: [InformerDelta<GWSDeploymentObject>]) async {
            for delta in deltas where EventFilters.shouldReconcile(delta) { await queue.add(delta.key) }
        }
        await feed(store.replace(with: [resource("a", rv: "1"), resource("b", rv: "2")], resourceVersion: "2"))
        await feed([store.apply(.modified, resource("a", rv: "3", generation: 2))].compactMap { $0 })
        #expect(await queue.count == 2)
        let first = await queue.next()
        #expect(first == key("a"))
        // While "a" is reconciled: its own status write (filtered) and a real spec change (queued, held back).
        await feed(
            [store.apply(.modified, resource("a", rv: "4", generation: 2, status: ["phase": "Running"]))].compactMap {
                $0
            })
        await feed([store.apply(.modified, resource("a", rv: "5", generation: 3))].compactMap { $0 })
        #expect(await queue.next() == key("b"))
        #expect(await queue.count == 0)
        await queue.done(key("a"))
        #expect(await queue.count == 1)
        #expect(await queue.next() == key("a"))
    }
}
