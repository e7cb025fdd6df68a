import Foundation
import GWSReconciler
import GWSRuntime
import GWSSpec
import GWSStores

#if canImport(Glibc)
    import Glibc
#endif

/// The PostgreSQL HA pair the operator runs in local mode (`postgres.ha.enabled`):
/// `postgres-0` (the primary at first) and `postgres-1` (its synchronous
/// streaming standby), on 127.0.0.1, each with its own data directory.
///
/// A node's command never changes (so a failover changes no config hash):
/// whether it starts as a primary or a standby is in its data directory
/// (`standby.signal`, `primary_conninfo` written by `pg_basebackup -R`),
/// which the ``PostgresHACoordinator`` prepares right before each start.
struct PostgresHATopology: Sendable {
    /// One server (`postgres-<ordinal>`).
    struct Node: Sendable, Equatable {
        var id: String
        var port: Int
        var server: PostgresServer

        static func == (a: Node, b: Node) -> Bool { a.id == b.id && a.port == b.port }
    }

    static let host = "127.0.0.1"

    let nodes: [Node]
    /// `<state>/postgres-ha.json`: which node is the primary (see ``PostgresHARecord``).
    let recordFile: URL

    /// - Parameter homes: each node's folder (`data/` and `socket/` inside).
    init(ports: [Int], homes: [String], recordFile: URL, binDirectory: String? = nil) throws {
        nodes = try zip(ports, homes).enumerated().map { i, pair in
            Node(
                id: "postgres-\(i)", port: pair.0,
                server: try PostgresServer(
                    dataDirectory: pair.1 + "/data", port: pair.0, socketDirectory: pair.1 + "/socket",
                    binDirectory: binDirectory))
        }
        self.recordFile = recordFile
    }

    /// The planned primary.
    var plannedPrimary: Node { nodes[0] }

    func node(id: String) -> Node? { nodes.first { $0.id == id } }

    /// The other node of the pair.
    func other(than id: String) -> Node { nodes.first { $0.id != id } ?? nodes[0] }

    /// The store as the planner sees it: `postgres-0` plus `postgres-1` as a companion.
    func managedStore() -> ManagedStore {
        let standbys = nodes.dropFirst().enumerated().map { i, node in
            ManagedStoreProcess(role: "postgres", ordinal: i + 1, port: node.port, command: Self.command(node))
        }
        return ManagedStore(
            kind: .postgres, port: plannedPrimary.port, command: Self.command(plannedPrimary), probeMode: .tcp,
            companions: Array(standbys))
    }

    /// `postgres` as the `postgres` user (through setpriv when root), with the
    /// settings replication needs (`wal_log_hints` so pg_rewind could be used;
    /// a restarted standby retries its primary every 0.5 s, not 5 s;
    /// `cluster_name` names the node in `pg_stat_replication`); stopped with SIGINT.
    static func command(_ node: Node) -> ProcessCommand {
        let command = node.server.commandLine()
        var executable = command.executable
        var arguments =
            command.arguments + [
                "-c", "wal_log_hints=on", "-c", "wal_keep_size=256MB", "-c", "hot_standby=on",
                "-c", "wal_retrieve_retry_interval=500ms",
                "-c", "cluster_name=\(node.id)",
            ]
        if let user = command.user {
            // setpriv execs (no extra process), so the recorded pid is the postmaster's.
            arguments = ["--reuid=\(user)", "--regid=\(user)", "--init-groups", "--", executable] + arguments
            executable = LocalStores.which("setpriv") ?? "/usr/bin/setpriv"
        }
        return ProcessCommand(executable: executable, arguments: arguments, stopSignal: SIGINT)
    }
}
