import Foundation
import GWSRuntime

/// Whether the last operator stopped the cluster on purpose (SIGTERM,
/// `gwsctl down`): `<state>/stopped`. A standby takes over from an operator
/// that is gone, not from one that stopped the cluster, so it refuses to
/// start the instances again; an operator started without `--standby` clears
/// the mark.
public struct ClusterStopped: Error, CustomStringConvertible {
    public let stateDir: String

    public var description: String {
        "the previous operator stopped the cluster in \(stateDir) (gwsctl down or SIGTERM); a standby does not start it again"
    }

    static func marker(_ state: StateDirectory) -> URL { state.root.appendingPathComponent("stopped") }

    static func mark(_ state: StateDirectory) {
        try? StateDirectory.writeAtomically(Data("\(Date().timeIntervalSince1970)\n".utf8), to: marker(state))
    }

    /// Throws when a standby would take over a stopped cluster; clears the
    /// mark for an operator started on purpose.
    static func check(_ state: StateDirectory, standby: Bool) throws {
        let path = marker(state).path
        if standby {
            if FileManager.default.fileExists(atPath: path) { throw ClusterStopped(stateDir: state.root.path) }
        } else {
            try? FileManager.default.removeItem(atPath: path)
        }
    }
}
