import AsyncHTTPClient
import Foundation
import GWSOperator
import GWSReconciler
import GWSRuntime
import NIOCore

/// Takes ``ClusterSnapshot``s: the operator's status (its endpoint re-read
/// from `<state>/operator.json` each time, so a new operator is found), the
/// passing instances of the victims' services from discovery, the proxy's
/// ejection counters and, for a rollout, its progress.
public struct ClusterObserver: Sendable {
    let state: StateDirectory
    let client: HTTPClient
    let services: [String]
    let rolloutRole: String?
    let clock: DrillClock
    /// How long one question may take (a hung operator must not stall the drill).
    let timeout: TimeAmount

    public init(
        state: StateDirectory, client: HTTPClient, services: [String], rolloutRole: String?, clock: DrillClock,
        timeout: TimeAmount = .milliseconds(800)
    ) {
        self.state = state
        self.client = client
        self.services = services
        self.rolloutRole = rolloutRole
        self.clock = clock
        self.timeout = timeout
    }

    /// One snapshot; what did not answer is nil.
    public func snapshot(proxy: String) async -> ClusterSnapshot {
        let started = clock.now()
        let endpoint = state.readJSON(OperatorEndpoint.self, from: state.operatorFile)
        async let status = operatorStatus(endpoint)
        async let passing = passingInstances(consul: endpoint?.adminURL)
        async let ejections = proxyEjections(proxy: proxy)
        var rollout: RolloutProgress?
        if let rolloutRole, let endpoint {
            rollout = await get(endpoint.adminURL + "/admin/v1/rollouts?role=\(rolloutRole)", as: [RolloutProgress].self)?
                .first
        }
        let s = await status
        return ClusterSnapshot(
            time: clock.now(), started: started, status: s, passing: await passing, ejections: await ejections,
            rollout: rollout)
    }

    func operatorStatus(_ endpoint: OperatorEndpoint?) async -> OperatorStatus? {
        guard let endpoint else { return nil }
        return await get(endpoint.adminURL + "/admin/v1/status", as: OperatorStatus.self)
    }

    /// Passing ids by service (`GET /v1/health/service/<name>?passing`).
    func passingInstances(consul: String?) async -> [String: Set<String>]? {
        guard let consul, !services.isEmpty else { return nil }
        var result: [String: Set<String>] = [:]
        for service in services {
            guard let entries = await get(consul + "/v1/health/service/\(service)?passing", as: [HealthEntry].self) else {
                return nil
            }
            result[service] = Set(entries.map(\.service.id))
        }
        return result
    }

    /// `gws_proxy_ejections_total{service="…"}` from the proxy's `/metrics`.
    func proxyEjections(proxy: String) async -> [String: Double]? {
        guard !proxy.isEmpty, let text = await text(proxy + "/metrics") else { return nil }
        return Self.parseEjections(text)
    }

    static func parseEjections(_ metrics: String) -> [String: Double] {
        var result: [String: Double] = [:]
        for line in metrics.split(separator: "\n") where line.hasPrefix("gws_proxy_ejections_total{") {
            guard let start = line.range(of: "service=\""), let value = line.split(separator: " ").last.flatMap({ Double($0) })
            else { continue }
            let rest = line[start.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { continue }
            result[String(rest[..<end]), default: 0] += value
        }
        return result
    }

    /// The part of a Consul health entry the drill reads.
    struct HealthEntry: Decodable {
        struct Service: Decodable {
            var id: String
            enum CodingKeys: String, CodingKey { case id = "ID" }
        }
        var service: Service
        enum CodingKeys: String, CodingKey { case service = "Service" }
    }

    func get<T: Decodable>(_ url: String, as type: T.Type) async -> T? {
        guard let body = await text(url) else { return nil }
        return try? JSONDecoder().decode(type, from: Data(body.utf8))
    }

    func text(_ url: String) async -> String? {
        do {
            let response = try await client.execute(HTTPClientRequest(url: url), timeout: timeout)
            let body = try await response.body.collect(upTo: 16 * 1024 * 1024)
            guard response.status == .ok else { return nil }
            return String(buffer: body)
        } catch {
            return nil
        }
    }
}
