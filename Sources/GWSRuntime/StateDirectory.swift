import Foundation

/// The operator's state directory: instance records, logs, its own
/// endpoint file and the stores' data.
///
///     <root>/operator.json        where the running operator listens (admin API, Consul)
///     <root>/operator.lock        held (flock) by the running operator
///     <root>/applied-values.json  the last applied values
///     <root>/instances/<id>.json  one record per running process
///     <root>/logs/<id>.log        each instance's stdout and stderr
///     <root>/ports.json           ports last given to each instance, reused when free
///     <root>/tls/                 self-signed certificate for the proxy
public struct StateDirectory: Sendable {
    public let root: URL

    public init(path: String) { root = URL(fileURLWithPath: path, isDirectory: true) }

    /// `$GWS_STATE_DIR`, else `$XDG_STATE_HOME/gws-operator`, else `~/.local/state/gws-operator`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let dir = environment["GWS_STATE_DIR"], !dir.isEmpty { return dir }
        if let xdg = environment["XDG_STATE_HOME"], !xdg.isEmpty { return xdg + "/gws-operator" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/state/gws-operator"
    }

    public var instancesDirectory: URL { root.appendingPathComponent("instances", isDirectory: true) }
    public var logsDirectory: URL { root.appendingPathComponent("logs", isDirectory: true) }
    public var tlsDirectory: URL { root.appendingPathComponent("tls", isDirectory: true) }
    public var operatorFile: URL { root.appendingPathComponent("operator.json") }
    public var lockFile: URL { root.appendingPathComponent("operator.lock") }
    public var appliedValuesFile: URL { root.appendingPathComponent("applied-values.json") }
    public var portsFile: URL { root.appendingPathComponent("ports.json") }
    public func logFile(for id: String) -> URL { logsDirectory.appendingPathComponent("\(id).log") }
    func recordFile(for id: String) -> URL { instancesDirectory.appendingPathComponent("\(id).json") }

    public func create() throws {
        for dir in [root, instancesDirectory, logsDirectory] {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        }
    }

    public func writeRecord(_ record: InstanceRecord) throws {
        try writeJSON(record, to: recordFile(for: record.id))
    }

    public func removeRecord(id: String) {
        try? FileManager.default.removeItem(at: recordFile(for: id))
    }

    public func readRecords() -> [InstanceRecord] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: instancesDirectory.path)) ?? []
        return files.filter { $0.hasSuffix(".json") }.sorted().compactMap {
            readJSON(InstanceRecord.self, from: instancesDirectory.appendingPathComponent($0))
        }
    }

    /// Writes atomically (temporary file + rename), so a crash never leaves half a file.
    public func writeJSON<T: Encodable>(_ value: T, to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(value)
        try Self.writeAtomically(data, to: url)
    }

    /// Writes `data` next to `url`, then renames it over `url` (atomic on POSIX).
    public static func writeAtomically(_ data: Data, to url: URL) throws {
        let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        try data.write(to: tmp)
        guard rename(tmp.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: tmp)
            throw RuntimeError("cannot write \(url.path): \(reason)")
        }
    }

    public func readJSON<T: Decodable>(_ type: T.Type, from url: URL) -> T? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(type, from: data)
    }
}
