import GWSServiceKit

/// The statistics this service computes, by name.
enum StatisticName: String, Codable, Sendable, Hashable, CaseIterable {
    /// An agent's state: `{"agentState": "Ready"|"NotReady"|"LoggedOut", "reasonCode"?, "since"?}`.
    case currentAgentState = "CurrentAgentState"
    /// How many agents of a group are Ready: an integer.
    case agentsReady = "AgentsReady"
    /// How many calls are Dialing, Ringing, Established or Held: an integer.
    case callsInProgress = "CallsInProgress"
    /// Seconds an agent talked on its finished calls: an integer.
    case totalTalkTime = "TotalTalkTime"

    /// The object types it can be asked for.
    var objectTypes: [StatisticObjectType] {
        switch self {
        case .currentAgentState, .totalTalkTime: [.agent]
        case .agentsReady: [.agentGroup]
        case .callsInProgress: [.agent, .agentGroup, .tenant]
        }
    }

    /// The kind of change that can alter its value.
    var changeKind: StatisticsChange.Kind {
        switch self {
        case .currentAgentState, .agentsReady: .agentState
        case .callsInProgress, .totalTalkTime: .call
        }
    }
}

/// What a statistic is about; its `objectId` is an employee id (`Agent`), a
/// group name (`AgentGroup`) or the tenant (`Tenant`, always the caller's).
enum StatisticObjectType: String, Codable, Sendable, Hashable, CaseIterable {
    case agent = "Agent"
    case agentGroup = "AgentGroup"
    case tenant = "Tenant"
}

/// One statistic a client asked for, checked: `{statisticId, objectId, objectType, name}`.
struct StatisticDescriptor: Codable, Sendable, Hashable {
    /// The client's id for it (unique within a subscription; empty for a single value).
    var statisticId: String
    var objectId: String
    var objectType: StatisticObjectType
    var name: StatisticName

    /// The longest id or name accepted.
    static let maximumLength = 256

    /// Checks a request; 400 naming the field (`field` is its path, such as
    /// `data.statistics[0]`; empty for query parameters) when it is not valid.
    init(statisticId: String, objectId: String, objectType: String, name: String, field: String) throws {
        func path(_ member: String) -> String { field.isEmpty ? member : "\(field).\(member)" }
        guard let statistic = StatisticName(rawValue: name) else {
            let known = StatisticName.allCases.map(\.rawValue).joined(separator: ", ")
            throw GWSError(.badRequest, "unknown statistic \(path("name")) '\(Self.clipped(name))'; supported: \(known)")
        }
        guard let type = StatisticObjectType(rawValue: objectType) else {
            let known = StatisticObjectType.allCases.map(\.rawValue).joined(separator: ", ")
            throw GWSError(
                .badRequest, "unknown \(path("objectType")) '\(Self.clipped(objectType))'; supported: \(known)")
        }
        guard statistic.objectTypes.contains(type) else {
            let allowed = statistic.objectTypes.map(\.rawValue).joined(separator: ", ")
            throw GWSError(.badRequest, "invalid \(path("objectType")): \(name) is computed for \(allowed), not \(objectType)")
        }
        guard !objectId.isEmpty, objectId.count <= Self.maximumLength else {
            throw GWSError(.badRequest, "invalid \(path("objectId")): 1 to \(Self.maximumLength) characters")
        }
        guard statisticId.count <= Self.maximumLength else {
            throw GWSError(.badRequest, "invalid \(path("statisticId")): at most \(Self.maximumLength) characters")
        }
        self.statisticId = statisticId
        self.objectId = objectId
        self.objectType = type
        self.name = statistic
    }

    /// At most 64 characters of a client's text, for messages.
    private static func clipped(_ text: String) -> String {
        text.count <= 64 ? text : String(text.prefix(64)) + "…"
    }
}
