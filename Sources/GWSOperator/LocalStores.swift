import Foundation
import GWSReconciler
import GWSRuntime
import GWSSpec
import GWSStores
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// Prepares the backing stores the operator runs itself (local mode, no
/// `address` in the spec): ports fixed before planning (kept across restarts,
/// so services and adopted stores agree), data directories, initdb.
enum LocalStores {
    /// - Parameter reserved: ports chosen but not yet listened on (the
    ///   operator's admin/Consul port): a store must not be given one, since
    ///   the kernel may hand the same free port out again.
    static func prepare(
        spec: DeploymentSpec, state: StateDirectory, serviceBinary: String, reserved: Set<Int> = [], logger: Logger
    ) async throws -> [StoreKind: ManagedStore] {
        var stores: [StoreKind: ManagedStore] = [:]
        let remembered = state.readJSON([String: [String: Int]].self, from: state.portsFile) ?? [:]
        let live = Dictionary(
            uniqueKeysWithValues: state.readRecords().filter { ProcStat.isAlive(pid: $0.pid, startTime: $0.startTime) }
                .map { ($0.id, $0) })
        var taken = reserved

        func port(id: String, fixed: Int) throws -> Int {
            if fixed != 0 { return fixed }
            if let running = live[id]?.ports["http"] { return running }
            let p = try PortAllocator.allocate(preferred: remembered[id]?["http"], avoiding: taken)
            taken.insert(p)
            return p
        }
        func port(for kind: StoreKind, binding: StoreBinding) throws -> Int {
            try port(id: kind.instanceID, fixed: binding.port)
        }

        if let binding = spec.postgres, binding.isOperatorManaged, binding.enabledHA != nil {
            stores[.postgres] = try await postgresHA(binding: binding, state: state, logger: logger, port: port(id:fixed:))
        } else if (spec.postgres ?? StoreBinding()).isOperatorManaged {
            let p = try port(for: .postgres, binding: spec.postgres ?? StoreBinding())
            let home = try postgresHome(state)
            let server = try PostgresServer(
                dataDirectory: home + "/data", port: p, socketDirectory: home + "/socket")
            try await server.initializeIfNeeded(logger: logger)
            let command = server.commandLine()
            var executable = command.executable
            var arguments = command.arguments
            if let user = command.user {
                // setpriv execs (no extra process), so the recorded pid is the postmaster's.
                arguments = ["--reuid=\(user)", "--regid=\(user)", "--init-groups", "--", executable] + arguments
                executable = which("setpriv") ?? "/usr/bin/setpriv"
            }
            stores[.postgres] = ManagedStore(
                kind: .postgres, port: p,
                command: ProcessCommand(executable: executable, arguments: arguments, stopSignal: SIGINT),
                probeMode: .tcp)
        }
        if (spec.redis ?? StoreBinding()).isOperatorManaged {
            guard let redis = which("redis-server") else {
                throw RuntimeError(
                    "redis-server is not installed: `apt-get install redis-server`, or set redis.address to an external server")
            }
            let binding = spec.redis ?? StoreBinding()
            if let sentinel = binding.enabledSentinel {
                stores[.redis] = try redisHA(
                    sentinel, binding: binding, state: state, redisServer: redis, port: port(id:fixed:))
            } else {
                let p = try port(for: .redis, binding: binding)
                let dir = try dataDirectory(state, "redis")
                stores[.redis] = ManagedStore(
                    kind: .redis, port: p,
                    command: ProcessCommand(
                        executable: redis,
                        arguments: [
                            // Append-only file, written before each reply (fsync every second):
                            // a killed Redis comes back with every acknowledged write, so
                            // no agent is logged out by a Redis crash.
                            "--port", String(p), "--bind", "127.0.0.1", "--dir", dir, "--save", "",
                            "--appendonly", "yes", "--appendfsync", "everysec", "--daemonize", "no",
                        ]), probeMode: .tcp)
            }
        }
        if (spec.elasticSearch ?? StoreBinding()).isOperatorManaged, let osmem = osmemBinary(serviceBinary: serviceBinary)
        {
            let p = try port(for: .elasticsearch, binding: spec.elasticSearch ?? StoreBinding())
            stores[.elasticsearch] = ManagedStore(
                kind: .elasticsearch, port: p,
                command: ProcessCommand(executable: osmem, arguments: ["-addr", "127.0.0.1:\(p)", "-no-stdin-watch"]),
                probeMode: .http)
        }
        return stores
    }

    /// Where PostgreSQL keeps its cluster: `<state>/data/postgres`, unless we are
    /// root and the `postgres` user cannot reach the state directory (under
    /// `/root`, say); then `/var/lib/gws-operator/<id of the state directory>`.
    static func postgresHome(_ state: StateDirectory) throws -> String {
        let inState = state.root.appendingPathComponent("data/postgres").path
        guard geteuid() == 0, !traversableByOthers(state.root.path) else {
            try FileManager.default.createDirectory(atPath: inState, withIntermediateDirectories: true)
            return inState
        }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in state.root.standardizedFileURL.path.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x100_0000_01b3
        }
        let home = "/var/lib/gws-operator/\(String(h, radix: 16))/postgres"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        return home
    }

    /// Whether every folder on the way to `path` lets other users through (o+x).
    static func traversableByOthers(_ path: String) -> Bool {
        var url = URL(fileURLWithPath: path).standardizedFileURL
        while url.path != "/" {
            var info = stat()
            guard stat(url.path, &info) == 0, info.st_mode & S_IXOTH != 0 else { return false }
            url = url.deletingLastPathComponent()
        }
        return true
    }

    static func dataDirectory(_ state: StateDirectory, _ name: String) throws -> String {
        let url = state.root.appendingPathComponent("data", isDirectory: true).appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        + ["/usr/sbin", "/usr/bin"]
        {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The OpenSearch-compatible stand-in (`osmem-server` from PyPI):
    /// `$GWS_OSMEM_BIN`, `PATH`, or the repository's `.venv` next to the build folder.
    static func osmemBinary(serviceBinary: String) -> String? {
        let env = ProcessInfo.processInfo.environment
        if let explicit = env["GWS_OSMEM_BIN"], FileManager.default.isExecutableFile(atPath: explicit) { return explicit }
        if let onPath = which("osmem-server") { return onPath }
        // <repo>/.build/<triple>/debug/gws-service → <repo>/.venv
        var dir = URL(fileURLWithPath: serviceBinary).deletingLastPathComponent()
        for _ in 0..<4 {
            let venv = dir.appendingPathComponent(".venv/lib")
            if let pythons = try? FileManager.default.contentsOfDirectory(atPath: venv.path) {
                for python in pythons {
                    let candidate = venv.appendingPathComponent("\(python)/site-packages/osmem_server/bin/osmem-server").path
                    if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
                }
            }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }
}
