import Testing
@testable import GWSSpec

@Suite struct DidYouMeanTests {
    @Test(arguments: [
        ("", "", 0), ("abc", "", 3), ("", "abc", 3), ("kitten", "sitting", 3), ("flaw", "lawn", 2),
        ("replicaCout", "replicaCount", 1), ("same", "same", 0), ("Same", "same", 1), ("日本", "日本語", 1),
    ])
    func levenshtein(lhs: String, rhs: String, expected: Int) {
        #expect(DidYouMean.distance(lhs, rhs) == expected)
        #expect(DidYouMean.distance(rhs, lhs) == expected)
    }

    @Test func suggestions() {
        let keys = ["replicaCount", "image", "resources", "env", "ports"]
        #expect(DidYouMean.suggestion(for: "replicaCout", among: keys) == "replicaCount")
        #expect(DidYouMean.suggestion(for: "REPLICACOUNT", among: keys) == "replicaCount")
        #expect(DidYouMean.suggestion(for: "imgae", among: keys) == "image")
        #expect(DidYouMean.suggestion(for: "resorces", among: keys) == "resources")
        #expect(DidYouMean.suggestion(for: "nodeSelector", among: keys) == nil)
        #expect(DidYouMean.suggestion(for: "x", among: ["id", "ab"]) == nil)
        #expect(DidYouMean.suggestion(for: "", among: keys) == nil)
        #expect(DidYouMean.suggestion(for: "anything", among: []) == nil)
    }

    @Test func caseInsensitiveMatchBeatsCloserSpelling() {
        #expect(DidYouMean.suggestion(for: "ENV", among: ["enc", "env"]) == "env")
    }

    @Test func longerWordsAllowMoreEdits() {
        // 24 characters allow up to 8 edits; 3 here.
        #expect(DidYouMean.suggestion(for: "gwsAppWorkspaceDeploymnt", among: ["gwsAppWorkspaceDeployment", "gwsVoice"])
            == "gwsAppWorkspaceDeployment")
        #expect(DidYouMean.suggestion(for: "gwsXppWorxspaceDeploymxnt", among: ["gwsAppWorkspaceDeployment"])
            == "gwsAppWorkspaceDeployment")
        // Short words allow two.
        #expect(DidYouMean.suggestion(for: "potrs", among: ["ports"]) == "ports")
        #expect(DidYouMean.suggestion(for: "pxtxx", among: ["ports"]) == nil)
    }

    @Test func tiesGoToTheFirstCandidate() {
        #expect(DidYouMean.suggestion(for: "cat", among: ["cut", "cot"]) == "cut")
    }
}
