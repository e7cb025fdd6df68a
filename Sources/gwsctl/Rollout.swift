import ArgumentParser
import Foundation
import GWSOperator
import GWSReconciler
import GWSRuntime

/// `gwsctl rollout restart|status <role>`.
struct Rollout: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rolling restarts: replace a role's instances one at a time, draining each first.",
        subcommands: [RolloutRestart.self, RolloutStatus.self])
}

struct RolloutRestart: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restart",
        abstract: "Restart every instance of a role, one at a time (out of rotation, in-flight requests finished, then stopped).")

    @OptionGroup var state: StateOptions
    @Argument(help: "The role (workspace, voice…; see `gwsctl status`).")
    var roles: [String]
    @Flag(help: "Wait until every instance was replaced and is ready, printing progress.")
    var wait = false
    @Option(help: "Seconds to wait with --wait.")
    var timeout = 300

    func run() async throws {
        let client = try connect(state)
        for role in roles {
            do {
                let progress = try await client.rolloutRestart(role: role)
                print("\(role): rolling restart of \(progress.replicas) instance\(progress.replicas == 1 ? "" : "s") started")
            } catch {
                printError("gwsctl: \(error)")
                throw ExitCode(1)
            }
        }
        if wait { try await waitForRollouts(client, roles: roles, timeout: timeout) }
    }
}

struct RolloutStatus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show how far a rolling restart got (all of them without a role).")

    @OptionGroup var state: StateOptions
    @Argument(help: "The role.")
    var role: String?
    @Flag(help: "Follow until it is complete.")
    var watch = false
    @Option(help: "Seconds to follow with --watch.")
    var timeout = 300

    func run() async throws {
        let client = try connect(state)
        if watch, let role {
            try await waitForRollouts(client, roles: [role], timeout: timeout)
            return
        }
        let all = try await client.rollouts(role: role)
        if all.isEmpty {
            print(role.map { "no rolling restart of \($0) was asked for" } ?? "no rolling restart was asked for")
            return
        }
        for progress in all { print(describe(progress)) }
    }
}

/// One line: `workspace: Progressing 1/2 updated, 1 available — draining and restarting workspace-1`.
func describe(_ p: RolloutProgress) -> String {
    "\(p.role): \(p.state) \(p.updated)/\(p.replicas) restarted, \(p.available) available — \(p.message)"
}

func connect(_ state: StateOptions) throws -> AdminClient {
    do {
        return try AdminClient(state: StateDirectory(path: state.stateDir ?? StateDirectory.defaultPath()))
    } catch {
        printError("gwsctl: \(error)")
        throw ExitCode(1)
    }
}

/// Prints each change of progress until every role's rollout is complete.
func waitForRollouts(_ client: AdminClient, roles: [String], timeout: Int) async throws {
    let deadline = ContinuousClock.now + .seconds(timeout)
    var last: [String: String] = [:]
    while ContinuousClock.now < deadline {
        let all = try await client.rollouts()
        var done = true
        for role in roles {
            guard let p = all.first(where: { $0.role == role }) else { continue }
            let line = describe(p)
            if last[role] != line {
                print(line)
                fflush(nil)
                last[role] = line
            }
            if !p.complete { done = false }
        }
        if done {
            print("rolling restart complete")
            return
        }
        try await Task.sleep(for: .milliseconds(200))
    }
    printError("gwsctl: rolling restart not complete after \(timeout)s")
    throw ExitCode(1)
}
