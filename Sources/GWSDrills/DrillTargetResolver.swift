import GWSOperator
import GWSSpec

/// One process a drill hits.
public struct DrillVictim: Sendable, Equatable, Codable {
    /// Instance id (`workspace-0`, `postgres-0`), or `operator`.
    public var instance: String
    public var role: String
    public var pid: Int32
    /// The Consul service it is registered as (nil for stores and the operator).
    public var service: String?

    public init(instance: String, role: String, pid: Int32, service: String?) {
        self.instance = instance
        self.role = role
        self.pid = pid
        self.service = service
    }

    public var isOperator: Bool { instance == "operator" }
}

/// The target of a drill, resolved against the running cluster.
public struct ResolvedTarget: Sendable, Equatable, Codable {
    /// `instance`, `role`, `store` or `operator`.
    public var kind: String
    /// How the drill file named it.
    public var selector: String
    public var victims: [DrillVictim]
}

/// Why a target cannot be hit.
public struct DrillTargetError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// Resolves a drill's target against `gwsctl status` (pure; the random pick injected).
public enum DrillTargetResolver {
    static let storeRoles = Set(StoreKind.allCases.map(\.rawValue))

    /// - Parameters:
    ///   - primaries: the primary instance of a replicated store (see ``StorePrimary``); a store
    ///     drill hits it, else the first ready instance of the store's role.
    ///   - pick: an index below its argument (random in a real drill).
    public static func resolve(
        _ target: DrillTarget, status: OperatorStatus, primaries: [StoreKind: String] = [:],
        pick: (Int) -> Int = { Int.random(in: 0..<$0) }
    ) throws(DrillTargetError) -> ResolvedTarget {
        let victims: [DrillVictim]
        switch target {
        case .instance(let id):
            guard let row = status.instances.first(where: { $0.instance == id }) else {
                let known = status.instances.map(\.instance).joined(separator: ", ")
                throw DrillTargetError("target.instance: no instance \"\(id)\" in this cluster; instances: \(known)")
            }
            victims = [try victim(row)]
        case .role(let role, let select):
            let rows = status.instances.filter { $0.role == role }
            guard !rows.isEmpty else {
                let roles = Set(status.instances.map(\.role)).sorted().joined(separator: ", ")
                throw DrillTargetError("target.role: no instances of role \"\(role)\"; roles: \(roles)")
            }
            switch select {
            case .all: victims = try rows.map { row throws(DrillTargetError) in try victim(row) }
            case .one: victims = [try victim(rows[pick(rows.count)])]
            case .leader:
                guard let leader = rows.first(where: { $0.replication == "leader" }) else {
                    throw DrillTargetError(
                        "target.select: no instance of role \"\(role)\" leads an elected singleton now (replication: leader in gwsctl status)")
                }
                victims = [try victim(leader)]
            }
        case .store(let kind):
            let rows = status.instances.filter { $0.role == kind.rawValue }
            let primary = primaries[kind].flatMap { id in rows.first { $0.instance == id } }
            guard let row = primary ?? rows.first(where: \.ready) ?? rows.first else {
                throw DrillTargetError(
                    "target.store: the operator does not run \(kind.rawValue) here (an external server, or disabled); a drill only hits processes the operator runs")
            }
            victims = [try victim(row)]
        case .operatorLeader:
            victims = [DrillVictim(instance: "operator", role: "operator", pid: status.operatorPID, service: nil)]
        }
        return ResolvedTarget(kind: target.kind, selector: target.selector, victims: victims)
    }

    static func victim(_ row: InstanceStatus) throws(DrillTargetError) -> DrillVictim {
        guard let pid = row.pid, pid > 1 else {
            throw DrillTargetError("\(row.instance) has no running process now (state \(row.state)); nothing to hit")
        }
        let service = storeRoles.contains(row.role) ? nil : RoleCatalog.byRole(row.role)?.serviceName
        return DrillVictim(instance: row.instance, role: row.role, pid: pid, service: service)
    }
}
