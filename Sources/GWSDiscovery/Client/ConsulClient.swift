import AsyncHTTPClient
import Foundation
import Logging
import NIOCore

/// A client for Consul's HTTP API (the agent, health, catalog and KV endpoints services use). It works
/// against real Consul and against the embedded ``ConsulRegistry``.
///
/// Every call throws ``ConsulError`` on failure. The token, when given, is sent as `X-Consul-Token`.
/// With `HTTPClient.shared`, an unreachable Consul is retried by the connection pool until the call's
/// timeout; pass a client with `connectionPool.retryConnectionEstablishment = false` to fail at once.
public struct ConsulClient: Sendable {
    /// The base URL, e.g. `http://127.0.0.1:8500`, without a trailing slash.
    public let baseURL: String
    let token: String?
    let httpClient: HTTPClient
    let logger: Logger
    /// How long a non-blocking call may take; blocking reads add their wait to it.
    public let requestTimeout: Duration

    /// Creates a client for the Consul agent at `baseURL` (`http://` is assumed when no scheme is given).
    public init(
        baseURL: String, token: String? = nil, httpClient: HTTPClient = .shared, logger: Logger,
        requestTimeout: Duration = .seconds(10)
    ) {
        var base = baseURL.trimmingWhitespace()
        while base.hasSuffix("/") { base.removeLast() }
        if !base.contains("://") { base = "http://" + base }
        self.baseURL = base
        self.token = token.flatMap { $0.isEmpty ? nil : $0 }
        self.httpClient = httpClient
        self.logger = logger
        self.requestTimeout = requestTimeout
    }

    // MARK: Agent

    /// Registers (or re-registers) a service instance with the local agent: `PUT /v1/agent/service/register`.
    public func register(_ registration: ConsulServiceRegistration) async throws {
        let body = try JSONEncoder().encode(registration)
        _ = try await send(.PUT, "/v1/agent/service/register", body: Array(body))
    }

    /// Removes a service instance and its checks: `PUT /v1/agent/service/deregister/:id`.
    public func deregister(serviceID: String) async throws {
        _ = try await send(.PUT, "/v1/agent/service/deregister/\(Self.escape(serviceID))")
    }

    /// Reports a TTL check's status: `PUT /v1/agent/check/update/:id` with `{"Status","Output"}`.
    public func updateTTL(checkID: String, status: ConsulCheckStatus, output: String? = nil) async throws {
        let update = ConsulWire.CheckUpdate(status: status.rawValue, output: output)
        let body = try JSONEncoder().encode(update)
        _ = try await send(.PUT, "/v1/agent/check/update/\(Self.escape(checkID))", body: Array(body))
    }

    /// Puts a service instance into maintenance (out of every passing answer) or takes it out:
    /// `PUT /v1/agent/service/maintenance/:id?enable=…&reason=…`.
    public func setMaintenance(serviceID: String, enabled: Bool, reason: String? = nil) async throws {
        var query = [("enable", enabled ? "true" : "false")]
        if let reason { query.append(("reason", reason)) }
        _ = try await send(.PUT, "/v1/agent/service/maintenance/\(Self.escape(serviceID))", query: query)
    }

    // MARK: Health and catalog

    /// The instances of `service` (only those whose every check passes, unless `passingOnly` is false):
    /// `GET /v1/health/service/:name?passing`. With `index`, a blocking query: answers once the service's
    /// data changes past that index, or after `wait` (Consul's default 5 min when `nil`).
    public func healthyInstances(
        of service: String, passingOnly: Bool = true, index: UInt64? = nil, wait: Duration? = nil
    ) async throws -> ConsulQueryResult<[ConsulServiceInstance]> {
        var query: [(String, String)] = []
        if passingOnly { query.append(("passing", "1")) }
        var timeout = requestTimeout
        if let index, index > 0 {
            query.append(("index", String(index)))
            let wait = wait ?? .seconds(300)
            query.append(("wait", ConsulDuration.format(wait)))
            timeout += wait + wait / 16
        }
        let (url, headers, body) = try await send(
            .GET, "/v1/health/service/\(Self.escape(service))", query: query, timeout: timeout)
        let entries = try decode([ConsulWire.HealthEntry].self, from: body, url: url)
        let instances = entries.map { entry in
            ConsulServiceInstance(
                id: entry.service.id, name: entry.service.service,
                address: entry.service.address.isEmpty ? entry.node.address : entry.service.address,
                port: entry.service.port, tags: entry.service.tags, meta: entry.service.meta)
        }
        return ConsulQueryResult(value: instances, index: Self.index(headers))
    }

    /// Every service name with its tags: `GET /v1/catalog/services`.
    public func catalogServices() async throws -> [String: [String]] {
        let (url, _, body) = try await send(.GET, "/v1/catalog/services")
        return try decode([String: [String]?].self, from: body, url: url).mapValues { $0 ?? [] }
    }

    // MARK: Key/value

    /// The value stored under `key`, or `nil` when there is none: `GET /v1/kv/:key`.
    public func kvGet(_ key: String) async throws -> String? {
        let (url, _, body) = try await send(.GET, "/v1/kv/\(Self.escape(key, keepingSlashes: true))", allow404: true)
        guard let body else { return nil }
        guard let entry = try decode([ConsulWire.KVEntry].self, from: body, url: url).first else { return nil }
        guard let value = entry.value else { return "" }
        guard let data = Data(base64Encoded: value) else {
            throw ConsulError.decoding(url, "Value is not base64")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Stores `value` under `key`: `PUT /v1/kv/:key`. With `cas`, writes only if the key's modify index
    /// equals it (0: only if absent). Returns whether it wrote.
    public func kvPut(_ key: String, value: String, cas: UInt64? = nil) async throws -> Bool {
        let query = cas.map { [("cas", String($0))] } ?? []
        let (url, _, body) = try await send(
            .PUT, "/v1/kv/\(Self.escape(key, keepingSlashes: true))", query: query, body: Array(value.utf8))
        return try decode(Bool.self, from: body, url: url)
    }

    /// Deletes `key`: `DELETE /v1/kv/:key`.
    public func kvDelete(_ key: String) async throws {
        _ = try await send(.DELETE, "/v1/kv/\(Self.escape(key, keepingSlashes: true))")
    }
}
