import Foundation
import GWSReconciler
import GWSRuntime
import GWSSpec
import GWSStores
import Logging

extension LocalStores {
    /// The PostgreSQL HA pair (`postgres.ha.enabled`): ports for both nodes
    /// (fixed ones from the spec: `postgres.port + i`; else allocated and kept
    /// like the others), their folders, and `initdb` for the recorded primary
    /// when neither node has a cluster yet (the standby is copied from the
    /// primary by the ``PostgresHACoordinator`` before its first start).
    static func postgresHA(
        binding: StoreBinding, state: StateDirectory, logger: Logger, port: (_ id: String, _ fixed: Int) throws -> Int
    ) async throws -> ManagedStore {
        let ports = try (0..<PostgresHASpec.nodes).map { i in
            try port("postgres-\(i)", binding.port == 0 ? 0 : binding.port + i)
        }
        let topology = try PostgresHATopology(state: state, ports: ports)
        let record = PostgresHARecord.read(topology.recordFile)
        let primary = topology.node(id: record?.primary ?? "") ?? topology.plannedPrimary
        if !topology.nodes.contains(where: { $0.server.hasCluster }) {
            try await primary.server.initializeIfNeeded(logger: logger)
        }
        return topology.managedStore()
    }
}

extension PostgresHATopology {
    /// `postgres-0` keeps the single server's folder (``LocalStores/postgresHome(_:)``),
    /// so turning HA on keeps the data; `postgres-1` lives next to it (`…/postgres-1`).
    init(state: StateDirectory, ports: [Int], binDirectory: String? = nil) throws {
        let home = try LocalStores.postgresHome(state)
        let homes = (0..<ports.count).map { $0 == 0 ? home : "\(home)-\($0)" }
        try self.init(
            ports: ports, homes: homes, recordFile: state.root.appendingPathComponent("postgres-ha.json"),
            binDirectory: binDirectory)
    }

    /// The pair behind `store` (as ``LocalStores`` prepared it), when the spec enables it.
    init?(store: ManagedStore?, spec: DeploymentSpec, state: StateDirectory) {
        guard let store, store.kind == .postgres, spec.postgres?.enabledHA != nil, !store.companions.isEmpty else {
            return nil
        }
        let ports = [store.port] + store.companions.sorted { $0.ordinal < $1.ordinal }.map(\.port)
        guard let topology = try? PostgresHATopology(state: state, ports: ports) else { return nil }
        self = topology
    }
}
