import GWSKubernetes
import GWSSpec
import Testing

@Suite struct InformerStoreTests {
    @Test func watchEventsBecomeDeltasAndMoveTheResumePoint() {
        var store = InformerStore<KubeObject>()
        #expect(store.apply(.added, gwsd("a", rv: "10")) == .added(gwsd("a", rv: "10")))
        #expect(store.resourceVersion == "10")
        #expect(
            store.apply(.modified, gwsd("a", rv: "11", generation: 2))
                == .updated(old: gwsd("a", rv: "10"), new: gwsd("a", rv: "11", generation: 2)))
        // The same version again (a replayed event) is no change.
        #expect(store.apply(.modified, gwsd("a", rv: "11", generation: 2)) == nil)
        #expect(
            store.apply(.deleted, gwsd("a", rv: "12", generation: 2))
                == .deleted(gwsd("a", rv: "12", generation: 2), finalStateUnknown: false))
        #expect(store.count == 0)
        #expect(store.resourceVersion == "12")
    }

    @Test func bookmarksMoveTheResumePointWithoutDeltas() {
        var store = InformerStore<KubeObject>()
        _ = store.replace(with: [gwsd("a", rv: "10")], resourceVersion: "15")
        store.bookmark("40")
        #expect(store.resourceVersion == "40")
        #expect(store[key("a")] == gwsd("a", rv: "10"))
        store.bookmark("")
        #expect(store.resourceVersion == "40")
    }

    @Test func aRelistIsDiffedAgainstTheCacheSoNothingIsLost() {
        var store = InformerStore<KubeObject>()
        _ = store.replace(
            with: [gwsd("kept", rv: "1"), gwsd("changed", rv: "2"), gwsd("vanished", rv: "3")], resourceVersion: "3")
        // What happened while no watch was open: one changed, one vanished, one appeared.
        let deltas = store.replace(
            with: [gwsd("kept", rv: "1"), gwsd("changed", rv: "7", generation: 2), gwsd("new", rv: "8")],
            resourceVersion: "9")
        #expect(
            deltas == [
                .updated(old: gwsd("changed", rv: "2"), new: gwsd("changed", rv: "7", generation: 2)),
                .added(gwsd("new", rv: "8")),
                .deleted(gwsd("vanished", rv: "3"), finalStateUnknown: true),
            ])
        #expect(store.resourceVersion == "9")
        #expect(store.count == 3)
        #expect(store[key("vanished")] == nil)
    }

    @Test func theFirstListAddsEverything() {
        var store = InformerStore<KubeObject>()
        let deltas = store.replace(with: [gwsd("b", rv: "2"), gwsd("a", rv: "1")], resourceVersion: "5")
        #expect(deltas == [.added(gwsd("a", rv: "1")), .added(gwsd("b", rv: "2"))])
    }

    @Test func ownedDeploymentsAreProjectedToTheirOwnerAndReadiness() {
        let deployment = KubeObject([
            "metadata": [
                "name": "gws-app-workspace", "namespace": "ns", "resourceVersion": "5",
                "ownerReferences": [
                    [
                        "apiVersion": "gws.genesys.com/v1alpha1", "kind": "GWSDeployment", "name": "gws", "uid": "u",
                        "controller": true,
                    ]
                ],
                "managedFields": [["manager": "gws-operator"]],
            ],
            "status": ["readyReplicas": 2],
        ])
        let projected = OwnedDeployment(deployment)
        #expect(projected.owner == key("gws"))
        #expect(projected.readyReplicas == 2)
        #expect(projected.key == key("gws-app-workspace"))
        #expect(deployment.trimmed().raw["metadata"]?["managedFields"] == nil)
    }
}

@Suite struct GWSDeploymentObjectTests {
    @Test func keepsMetadataSpecTextAndParsedStatus() throws {
        let status: Value = [
            "phase": "Running", "observedGeneration": 2, "readyInstances": 1, "desiredInstances": 1,
            "conditions": [["type": "Ready", "status": "True", "reason": "InstancesReady", "message": "1/1"]],
        ]
        let object = GWSDeploymentObject(
            gwsd("gws", rv: "7", generation: 2, status: status, finalizers: ["gws.genesys.com/cleanup"], deleting: true)
        )
        #expect(object.key == key("gws"))
        #expect(object.generation == 2 && object.resourceVersion == "7" && object.uid == "uid-1")
        #expect(object.isDeleting && object.finalizers == ["gws.genesys.com/cleanup"])
        #expect(object.status?.phase == "Running" && object.status?.condition("Ready")?.status == "True")
        #expect(
            try Value(json: object.specJSON) == [
                "gwsServices": ["gwsAppWorkspace": ["deployment": ["replicaCount": 2]]]
            ])
        #expect(GWSDeploymentObject(gwsd("gws", rv: "1")).status == nil)
    }
}
