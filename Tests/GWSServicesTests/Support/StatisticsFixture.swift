import Foundation
import GWSCometD
import GWSServiceKit
import GWSStores
import GWSTestKit
import GWSVoice
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GWSServices

/// Agents as a fixed table: user name → profile (tests need no Configuration service).
struct StaticAgentDirectory: AgentDirectory {
    var agents: [String: AgentProfile]

    func profile(tenant: String, userName: String) async throws -> AgentProfile? { agents[userName] }
}

/// The Data Collector and Statistics apps of one test, on one real Redis and
/// one shared embedded statistics store.
struct StatisticsStack: Sendable {
    /// A client of the Statistics app.
    let statistics: any TestClientProtocol
    /// A client of the Data Collector app.
    let dataCollector: any TestClientProtocol
    /// The shared stores (Redis and the statistics store).
    let stores: StoreConnections
    let redisServer: RedisTestServer

    var redis: RedisClient { stores.redis! }

    /// Publishes `notification` on the bus and the event stream, as the Voice service does.
    func publish(_ notification: AgentNotification) async throws {
        try await AgentNotificationBus.publish([notification], on: redis)
    }

    /// `GET /statistics/v3/statistic-values/{name}` for `tenant`: the value (nil when the call failed).
    func value(_ name: String, _ objectType: String, _ objectId: String, tenant: String = "acme") async throws -> JSONValue? {
        let answer = try await statistics.gws(
            .get, "/statistics/v3/statistic-values/\(name)?objectId=\(objectId)&objectType=\(objectType)", tenant: tenant)
        return answer.data?["statistic"]?["value"]
    }

    /// Polls a statistic until it equals `expected` (the pipeline is asynchronous); false after ~5 s.
    func eventually(
        _ name: String, _ objectType: String, _ objectId: String, is expected: JSONValue, tenant: String = "acme"
    ) async throws -> Bool {
        for _ in 0..<250 {
            if try await value(name, objectType, objectId, tenant: tenant) == expected { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return false
    }
}

/// The agents the tests use: `alice` (e1, Sales and Support), `bob` (e2, Sales), `carl` (e3, no group).
let testAgents: [String: AgentProfile] = [
    "alice": AgentProfile(employeeId: "e1", groups: ["Sales", "Support"]),
    "bob": AgentProfile(employeeId: "e2", groups: ["Sales"]),
    "carl": AgentProfile(employeeId: "e3", groups: []),
]

/// Runs `body` with a Data Collector (agents from `directory`) and a
/// Statistics app (short CometD long polls) on a fresh Redis, both ready.
func withStatisticsStack(
    directory: any AgentDirectory = StaticAgentDirectory(agents: testAgents),
    _ body: @escaping @Sendable (StatisticsStack) async throws -> Void
) async throws {
    try await RedisTestServer.withServer { server in
        let url = await server.url
        try await withStores(["GWS_REDIS_URL": url]) { stores in
            let collector = DataCollectorService.buildApplication(
                makeScaffold("datacollector", stores: stores), directory: directory)
            let cometD = CometDConfiguration(path: StatisticsNotifications.path, longPollTimeout: .milliseconds(300))
            let statistics = StatisticsService.buildApplication(makeScaffold("statistics", stores: stores), cometD: cometD)
            try await collector.test(.router) { dataCollector in
                try await statistics.test(.router) { client in
                    #expect(try await dataCollector.waitUntilReady(), "the Data Collector is ready")
                    #expect(try await client.waitUntilReady(), "Statistics subscribed to its channel")
                    try await body(
                        StatisticsStack(statistics: client, dataCollector: dataCollector, stores: stores, redisServer: server))
                }
            }
        }
    }
}

/// Voice events as the Voice service publishes them.
enum VoiceEvents {
    /// A fixed instant plus `seconds`.
    static func date(_ seconds: Double) -> Date { Date(timeIntervalSince1970: 1_767_225_600 + seconds) }

    /// A `DnStateChanged` for `user` (employee id from the directory unless given).
    static func dn(
        _ user: String, _ state: VoiceAgentState, reason: String? = nil, at seconds: Double, tenant: String = "acme",
        employeeId: String? = nil
    ) -> AgentNotification {
        let dn = VoiceDn(
            number: "50\(user.count)", agentId: "login-\(user)", employeeId: employeeId, agentState: state,
            reasonCode: reason, stateChangedAt: date(seconds))
        return AgentNotification(
            tenant: tenant, userName: user, employeeId: employeeId, event: .dnStateChanged(DnStateChanged(dn: dn)),
            at: date(seconds), sequence: nil)
    }

    /// A `CallStateChanged` of call `id` on `user`'s DN, `state` since `seconds`.
    static func call(
        _ user: String, _ id: String, _ state: CallState, at seconds: Double, answeredAt: Double? = nil,
        talkSeconds: Double? = nil, tenant: String = "acme"
    ) -> AgentNotification {
        let timestamps = CallTimestamps(
            createdAt: date(0), establishedAt: answeredAt.map(date), releasedAt: state == .released ? date(seconds) : nil,
            stateChangedAt: date(seconds), talkSeconds: talkSeconds)
        let call = VoiceCall(
            id: id, callUuid: "uuid-\(id)", dn: "50\(user.count)", callType: .inbound, state: state, ani: "+15550100",
            dnis: "50\(user.count)", timestamps: timestamps)
        let kind: CallStateChanged.NotificationType = state == .ringing ? .newCall : .statusChange
        return AgentNotification(
            tenant: tenant, userName: user, employeeId: nil, event: .callStateChanged(CallStateChanged(notificationType: kind, call: call)),
            at: date(seconds), sequence: nil)
    }
}
