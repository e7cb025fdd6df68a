import Foundation
import GWSOperator
import GWSRuntime

#if canImport(Glibc)
    import Glibc
#endif

/// Sends a drill's signals, only to processes of this state directory's
/// cluster: an instance must match its record in `<state>/instances/`
/// (pid and `/proc` start time), the operator its `operator.json`.
public struct FaultInjector: Sendable {
    let state: StateDirectory

    public init(state: StateDirectory) { self.state = state }

    /// The signal that stops `victim` gracefully: SIGINT (fast shutdown) for PostgreSQL, else SIGTERM.
    static func gracefulSignal(for victim: DrillVictim) -> Int32 {
        victim.role == "postgres" ? SIGINT : SIGTERM
    }

    /// What a victim is, checked now: its start time and whether it leads its own process group.
    struct Identity: Sendable {
        var startTime: UInt64
        var group: Bool
    }

    /// Checks that `victim` is still the process the drill resolved.
    func identify(_ victim: DrillVictim) throws -> Identity {
        guard let stat = ProcStat.read(pid: victim.pid), stat.state != "Z" else {
            throw DrillTargetError("\(victim.instance) (pid \(victim.pid)) is not running any more")
        }
        if victim.isOperator {
            guard state.readJSON(OperatorEndpoint.self, from: state.operatorFile)?.pid == victim.pid else {
                throw DrillTargetError("pid \(victim.pid) is not this state directory's operator")
            }
            // The operator may share a group with its shell: signal it alone.
            return Identity(startTime: stat.startTime, group: false)
        }
        guard let record = state.readRecords().first(where: { $0.id == victim.instance }), record.pid == victim.pid,
            record.startTime == stat.startTime
        else {
            throw DrillTargetError("pid \(victim.pid) is not \(victim.instance) of this state directory; not signalling it")
        }
        return Identity(startTime: stat.startTime, group: stat.processGroup == victim.pid)
    }

    /// Sends `signal` to the victim (its process group for an instance).
    func send(_ signal: Int32, to victim: DrillVictim, identity: Identity) {
        guard ProcStat.isAlive(pid: victim.pid, startTime: identity.startTime) else { return }
        _ = kill(identity.group ? -victim.pid : victim.pid, signal)
    }

    /// Starts `gws-operator run --state-dir <state> --standby` in its own
    /// session, its output appended to `<state>/operator.out`; returns its pid.
    /// As a standby it acts as soon as the state directory's lock is free: at
    /// once after a kill, when the old leader has exited after a step-down.
    public func startOperator() throws -> Int32 {
        let binary = Self.operatorBinary()
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw DrillTargetError("cannot start the operator: \(binary) is not executable (set GWS_OPERATOR_BINARY)")
        }
        let log = state.root.appendingPathComponent("operator.out").path
        return try Spawn.detached(
            executable: "/usr/bin/setsid", arguments: [binary, "run", "--state-dir", state.root.path, "--standby"], log: log)
    }

    /// `$GWS_OPERATOR_BINARY`, else `gws-operator` beside the running executable.
    static func operatorBinary() -> String {
        if let explicit = ProcessInfo.processInfo.environment["GWS_OPERATOR_BINARY"], !explicit.isEmpty { return explicit }
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
        return URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent("gws-operator").path
    }
}
