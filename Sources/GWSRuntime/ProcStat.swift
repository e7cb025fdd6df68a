import Foundation

/// What `/proc/<pid>/stat` says about a process.
public struct ProcStat: Sendable, Equatable {
    /// One-letter state (`R`, `S`, `D`, `Z`, `T`, …).
    public let state: Character
    public let processGroup: Int32
    /// Field 22: start time in clock ticks since boot. With the pid it
    /// identifies a process uniquely, so a reused pid is never mistaken for ours.
    public let startTime: UInt64

    /// Reads the stat of `pid`; nil when there is no such process.
    public static func read(pid: Int32) -> ProcStat? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return nil }
        return parse(text)
    }

    /// Parses a stat line; the command name (field 2) may contain spaces and parentheses.
    public static func parse(_ text: String) -> ProcStat? {
        guard let close = text.lastIndex(of: ")") else { return nil }
        let rest = text[text.index(after: close)...].split(separator: " ")
        // rest[0] is field 3 (state); field n is rest[n - 3].
        guard rest.count >= 20, let state = rest[0].first, let pgrp = Int32(rest[2]),
            let start = UInt64(rest[19])
        else { return nil }
        return ProcStat(state: state, processGroup: pgrp, startTime: start)
    }

    /// Whether `pid` is alive (not a zombie) and started at `startTime`.
    public static func isAlive(pid: Int32, startTime: UInt64) -> Bool {
        guard let stat = read(pid: pid) else { return false }
        return stat.startTime == startTime && stat.state != "Z" && stat.state != "X"
    }
}
