import Testing
@testable import GWSSpec

@Suite struct ValuesMergeTests {
    @Test func mapsMergeRecursively() {
        let base: Value = ["image": ["repository": "gws", "tag": "1.0"], "replicas": 1]
        let overlay: Value = ["image": ["tag": "2.0"], "extra": true]
        #expect(ValuesMerge.merge(base, overlay)
            == ["image": ["repository": "gws", "tag": "2.0"], "replicas": 1, "extra": true])
    }

    @Test func nonMapOverlaysReplace() {
        #expect(ValuesMerge.merge(["l": [1, 2, 3]], ["l": [9]]) == ["l": [9]])
        #expect(ValuesMerge.merge(["m": ["a": 1]], ["m": "flat"]) == ["m": "flat"])
        #expect(ValuesMerge.merge(["m": "flat"], ["m": ["a": 1]]) == ["m": ["a": 1]])
        #expect(ValuesMerge.merge(["n": 1], ["n": 1.5]) == ["n": 1.5])
        #expect(ValuesMerge.merge(1, "x") == "x")
    }

    @Test func nullRemovesKeys() {
        let base: Value = ["resources": ["limits": ["cpu": "1", "memory": "1Gi"]], "keep": 1]
        #expect(ValuesMerge.merge(base, ["resources": ["limits": ["cpu": nil]]])
            == ["resources": ["limits": ["memory": "1Gi"]], "keep": 1])
        #expect(ValuesMerge.merge(base, ["resources": nil]) == ["keep": 1])
        // A null for a key the base lacks leaves nothing behind, however deep.
        #expect(ValuesMerge.merge(base, ["ghost": nil, "new": ["x": nil, "y": 2]])
            == ["resources": ["limits": ["cpu": "1", "memory": "1Gi"]], "keep": 1, "new": ["y": 2]])
    }

    @Test func nullsInsideListsStay() {
        #expect(ValuesMerge.merge([:], ["l": [nil, 1]]) == ["l": [nil, 1]])
    }

    @Test func baseIsNotModifiedAndEmptyOverlayIsIdentity() {
        let base: Value = ["a": ["b": 1]]
        #expect(ValuesMerge.merge(base, [:]) == base)
        #expect(ValuesMerge.merge([:], base) == base)
    }

    @Test func layersApplyLeftToRight() throws {
        let defaults: Value = ["replicas": 1, "image": ["tag": "1.0", "pullPolicy": "IfNotPresent"]]
        let file1 = try YAMLValuesLoader.load(yaml: "replicas: 2\nimage:\n  tag: '1.1'\n", source: "a.yaml")
        let file2 = try YAMLValuesLoader.load(yaml: "replicas: 3\n", source: "b.yaml")
        let sets = try HelmSetParser.parse("image.pullPolicy=null,image.tag=2.0")
        #expect(ValuesMerge.layer([defaults, file1, file2, sets]) == ["replicas": 3, "image": ["tag": "2.0"]])
        #expect(ValuesMerge.layer([]) == [:])
        #expect(ValuesMerge.layer([defaults]) == defaults)
    }
}
