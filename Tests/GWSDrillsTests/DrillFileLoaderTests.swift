import Foundation
import Testing

@testable import GWSDrills

/// Drill files: every example parses; a full file decodes as written; every
/// error is reported at once with its path, like the spec's.
@Suite struct DrillFileLoaderTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/drills")

    func errors(_ yaml: String) -> [String] {
        do {
            _ = try DrillFileLoader.load(yaml: yaml, source: "drill.yaml")
            return []
        } catch {
            return error.issues
        }
    }

    @Test func everyExampleIsValid() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.examples.path).filter { $0.hasSuffix(".yaml") }
        #expect(files.count >= 9)
        var kinds = Set<String>()
        for file in files {
            let text = try String(contentsOf: Self.examples.appendingPathComponent(file), encoding: .utf8)
            let drill = try DrillFileLoader.load(yaml: text, source: file)
            #expect(drill.name + ".yaml" == file)
            kinds.insert("\(drill.target.kind)/\(drill.fault.kind.rawValue)")
        }
        for kind in ["instance/kill", "instance/hang", "instance/restart", "role/kill", "role/rollout", "store/kill", "operator/kill"] {
            #expect(kinds.contains(kind), "no example drill for \(kind)")
        }
    }

    @Test func aFullFileDecodesAsWritten() throws {
        let drill = try DrillFileLoader.load(
            yaml: """
                kind: Drill
                name: hang-one
                hypothesis: it leaves rotation
                target: {role: workspace, select: one}
                fault: {kind: hang, seconds: 1500ms}
                duration: 3
                warmup: 0.5s
                recoveryTimeout: 1m
                load: {agents: 3, rate: 12.5, writeRatio: 0.5, requestTimeout: 4s}
                steadyState: {maxFailedRequestsPercent: 1, maxOutOfRotationSeconds: 3s, noLostWrites: false}
                abort: {maxConsecutiveFailures: 9, requireReadyCluster: false, requireCleanWarmup: false}
                """, source: "x.yaml")
        #expect(
            drill
                == DrillFile(
                    name: "hang-one", hypothesis: "it leaves rotation", target: .role("workspace", select: .one),
                    fault: DrillFault(kind: .hang, seconds: 1.5), duration: 3, warmup: 0.5, recoveryTimeout: 60,
                    load: LoadProfile(agents: 3, rate: 12.5, writeRatio: 0.5, requestTimeout: 4),
                    steadyState: SteadyStateChecks(
                        maxFailedRequestsPercent: 1, maxOutOfRotationSeconds: 3, noLostWrites: false),
                    abort: AbortConditions(maxConsecutiveFailures: 9, requireReadyCluster: false, requireCleanWarmup: false)))
    }

    @Test func defaultsForWhatIsLeftOut() throws {
        let drill = try DrillFileLoader.load(
            yaml: "name: k\ntarget: {operator: leader}\nfault: {kind: kill}\nduration: 2s\nrollback: {startOperatorAfter: null}\n",
            source: "x")
        #expect(drill.target == .operatorLeader)
        #expect(drill.load == LoadProfile())
        #expect(drill.steadyState.noLostWrites && drill.steadyState.sessionsStillValid)
        #expect(drill.abort.requireReadyCluster && drill.abort.requireCleanWarmup)
        #expect(drill.rollback.startOperatorAfter == nil)
        let store = try DrillFileLoader.load(yaml: "name: s\ntarget: {store: redis}\nfault: {kind: restart}\nduration: 1\n", source: "x")
        #expect(store.target == .store(.redis))
        #expect(store.rollback.startOperatorAfter == 0)
    }

    @Test func everyErrorAtOnceWithItsPath() {
        let issues = errors(
            """
            name: x
            target: {instance: a, role: b}
            fualt: {kind: kill}
            duration: 8 parsecs
            load: {agents: -1, rate: fast}
            """)
        #expect(issues.contains("duration: expected a duration such as 500ms, 8s or 2m, got \"8 parsecs\""))
        #expect(issues.contains("missing required key \"fault\""))
        #expect(issues.contains { $0.contains("unknown key \"fualt\" (did you mean \"fault\"?)") })
        #expect(issues.contains { $0.hasPrefix("load.agents:") && $0.contains("≥ 0") })
        #expect(issues.contains { $0.hasPrefix("load.rate: expected number") })
        #expect(issues.contains("target: exactly one of instance, role, store, operator is needed; found instance, role"))
        #expect(!issues.contains("missing required key \"duration\""), "a bad duration is reported once")
    }

    @Test func rulesAcrossKeys() {
        #expect(errors("name: x\ntarget: {}\nfault: {kind: kill}\nduration: 1\n").contains {
            $0.hasPrefix("target: exactly one") && $0.hasSuffix("found none")
        })
        #expect(errors("name: x\ntarget: {instance: a, select: one}\nfault: {kind: kill}\nduration: 1\n") == [
            "target.select: only with role"
        ])
        #expect(errors("name: x\ntarget: {instance: a}\nfault: {kind: kill, seconds: 2}\nduration: 5\n") == [
            "fault.seconds: only a hang lasts a number of seconds"
        ])
        #expect(errors("name: x\ntarget: {instance: a}\nfault: {kind: hang, seconds: 9}\nduration: 5\n") == [
            "fault.seconds: must be more than 0 and at most the duration (5s)"
        ])
        #expect(errors("name: x\ntarget: {instance: a}\nfault: {kind: rollout}\nduration: 5\n") == [
            "fault.kind: rollout restarts a role; use target.role"
        ])
        #expect(errors("name: x\ntarget: {operator: leader}\nfault: {kind: restart}\nduration: 5\n").first?.contains("gwsctl down") == true)
        #expect(errors("name: x\ntarget: {role: workspace}\nfault: {kind: step-down}\nduration: 5\n") == [
            "fault.kind: step-down hands the operator's leadership over; use target.operator: leader"
        ])
        #expect(errors("name: x\ntarget: {operator: leader}\nfault: {kind: step-down}\nduration: 5\n").isEmpty)
        #expect(errors("name: x\ntarget: {store: postgres}\nfault: {kind: kill}\nduration: 5\nsteadyState: {maxOutOfRotationSeconds: 1}\n")
            .first?.hasPrefix("steadyState.maxOutOfRotationSeconds:") == true)
        #expect(errors("name: a/b\ntarget: {store: mysql}\nfault: {kind: nap}\nduration: 0\n").count == 4)
    }

    @Test func malformedYAMLHasLineAndColumn() {
        let issues = errors("name: x\n  target: [\n")
        #expect(issues.count == 1)
        #expect(issues[0].hasPrefix("drill.yaml:2:"))
    }

    @Test func errorsPrintWithTheSource() {
        let error = DrillFileError(source: "d.yaml", issues: ["a: b", "c: d"])
        #expect(error.description == "d.yaml: 2 errors:\n  - a: b\n  - c: d")
    }

    @Test func durations() {
        #expect(DrillDuration.seconds("500ms") == 0.5)
        #expect(DrillDuration.seconds("8s") == 8)
        #expect(DrillDuration.seconds(" 2m ") == 120)
        #expect(DrillDuration.seconds("1.5") == 1.5)
        #expect(DrillDuration.seconds("1h") == 3600)
        #expect(DrillDuration.seconds("soon") == nil)
        #expect(DrillDuration.seconds("s") == nil)
        #expect(DrillDuration.format(0.25) == "250ms")
        #expect(DrillDuration.format(5) == "5s")
        #expect(DrillDuration.format(1.5) == "1.5s")
    }
}
