import GWSOperator

@testable import GWSDrills

/// Statuses and snapshots for the drill tests.
enum Cluster {
    static func row(_ id: String, pid: Int32?, ready: Bool = true, state: String = "Running") -> InstanceStatus {
        let role = String(id.split(separator: "-").dropLast().joined(separator: "-"))
        return InstanceStatus(
            role: role, instance: id, pid: pid, port: 1000, ready: ready, restarts: 0, state: state, ageSeconds: 5,
            lastExit: nil)
    }

    static func status(_ rows: [InstanceStatus], operatorPID: Int32 = 10, phase: String = "Running") -> OperatorStatus {
        OperatorStatus(
            deployment: "local", phase: phase, proxy: "http://127.0.0.1:8090", proxyHTTPS: nil,
            consul: "http://127.0.0.1:8500", stateDir: "/tmp/x", operatorPID: operatorPID, desiredInstances: rows.count,
            readyInstances: rows.filter(\.ready).count, instances: rows)
    }

    static let healthy = status([
        row("postgres-0", pid: 20), row("redis-0", pid: 21), row("workspace-0", pid: 30), row("workspace-1", pid: 31),
        row("proxy-0", pid: 40),
    ])

    static let workspace0 = DrillVictim(instance: "workspace-0", role: "workspace", pid: 30, service: "gws-app-workspace")
    static let workspace1 = DrillVictim(instance: "workspace-1", role: "workspace", pid: 31, service: "gws-app-workspace")

    static func snapshot(
        _ time: Double, _ rows: [InstanceStatus]?, passing: Set<String>? = ["workspace-0", "workspace-1"],
        ejections: Double = 0, operatorPID: Int32 = 10
    ) -> ClusterSnapshot {
        ClusterSnapshot(
            time: time, status: rows.map { status($0, operatorPID: operatorPID) },
            passing: passing.map { ["gws-app-workspace": $0] }, ejections: ["gws-app-workspace": ejections])
    }
}
