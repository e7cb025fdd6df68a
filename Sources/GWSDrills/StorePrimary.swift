import Foundation
import GWSOperator
import GWSRuntime

/// Which instance of a replicated store is its primary now, so that a
/// `store:` drill hits the one that matters. Redis with Sentinels
/// (`redis.sentinel.enabled`): the operator's status marks it (`replication`),
/// else a Sentinel names the master's address
/// (`SENTINEL get-master-addr-by-name`, asked with `redis-cli`); the
/// `redis` instance on that port is the master. PostgreSQL HA
/// (`postgres.ha.enabled`): the instance the status marks `primary`. Nil when
/// the store is not replicated or nobody answers (the drill then takes the
/// first ready one).
enum StorePrimary {
    static func redisMaster(status: OperatorStatus, state: StateDirectory) -> String? {
        if let master = status.instances.first(where: { $0.role == "redis" && $0.replication == "master" }) {
            return master.instance  // the operator's own view
        }
        let sentinels = status.instances.filter { $0.role == "redis-sentinel" && $0.ready }
        guard !sentinels.isEmpty else { return nil }
        let name = masterName(state: state)
        for sentinel in sentinels {
            guard let port = sentinel.port,
                let reply = run("redis-cli", ["-h", "127.0.0.1", "-p", String(port), "SENTINEL", "get-master-addr-by-name", name])
            else { continue }
            let lines = reply.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            guard lines.count >= 2, let masterPort = Int(lines[1]) else { continue }
            if let row = status.instances.first(where: { $0.role == "redis" && $0.port == masterPort }) { return row.instance }
        }
        return nil
    }

    /// PostgreSQL HA (`postgres.ha.enabled`): the instance the operator's status marks `primary`.
    static func postgresPrimary(status: OperatorStatus) -> String? {
        status.instances.first { $0.role == "postgres" && $0.replication == "primary" }?.instance
    }

    /// `redis.sentinel.masterName` of the values applied last (default `gws`).
    static func masterName(state: StateDirectory) -> String {
        guard let data = try? Data(contentsOf: state.appliedValuesFile),
            let values = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return "gws" }
        let spec = values["spec"] as? [String: Any] ?? values
        let sentinel = (spec["redis"] as? [String: Any])?["sentinel"] as? [String: Any]
        return sentinel?["masterName"] as? String ?? "gws"
    }

    /// A short command's standard output (nil when it cannot run or fails).
    static func run(_ name: String, _ arguments: [String]) -> String? {
        let path = ["/usr/bin", "/usr/local/bin", "/bin"].map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let path else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
