import Foundation
import GWSServiceKit
import GWSSpec
import GWSStores
import Hummingbird
import HummingbirdTesting
import Logging
import ServiceLifecycle

/// The logger handed to the code under test.
let testLogger: Logger = {
    var logger = Logger(label: "gws.services.tests")
    logger.logLevel = .critical
    return logger
}()

/// Runs `body` with store clients made from `environment` (`GWS_POSTGRES_URL`,
/// `GWS_REDIS_URL`), their long-running parts running for the body's duration.
func withStores<T: Sendable>(
    _ environment: [String: String], _ body: (StoreConnections) async throws -> T
) async throws -> T {
    let stores = try StoreConnections.fromEnvironment(environment, logger: testLogger)
    return try await withThrowingTaskGroup(of: Void.self) { group in
        for service in stores.services {
            group.addTask { try await service.run() }
        }
        defer { group.cancelAll() }
        return try await body(stores)
    }
}

/// A scaffold for `role` on `stores`, with the stores' readiness checks.
func makeScaffold(_ role: String, stores: StoreConnections, contextEnv: [String: String] = [:]) -> ServiceScaffold {
    var configuration = ServiceConfiguration(role: RoleCatalog.required(role))
    configuration.contextEnv = contextEnv
    configuration.tokenKeyFile = TestTokens.keyFile
    let scaffold = ServiceScaffold(
        configuration: configuration, logger: testLogger, announcesListening: false, stores: stores)
    stores.addReadinessChecks(to: scaffold.health)
    return scaffold
}

/// An answer with its body parsed as JSON (`.null` when it is not JSON).
struct GWSTestResponse {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var json: JSONValue

    /// `status.code` of the envelope.
    var code: Int? { json["status"]?["code"]?.intValue }
    /// `status.message` of the envelope.
    var message: String { json["status"]?["message"]?.stringValue ?? "" }
    /// `data` of the envelope.
    var data: JSONValue? { json["data"] }
}

/// Header names the tests send.
enum TestHeader {
    static let user = HTTPFields.Element.Name("X-GWS-User")!
}

extension TestClientProtocol {
    /// Sends a request with a bearer token for `user` of `tenant` (none when
    /// `tenant` is nil or `headers` has an `Authorization`) and an optional JSON
    /// body. An `X-GWS-User` header names the token's user.
    func gws(
        _ method: HTTPRequest.Method, _ uri: String, tenant: String? = "acme", user: String = "tester",
        authorities: [String] = TestTokens.defaultAuthorities, headers: HTTPFields = [:], body: String? = nil
    ) async throws -> GWSTestResponse {
        var headers = headers
        if let tenant, headers[.authorization] == nil {
            let name = headers[TestHeader.user] ?? user
            headers[.authorization] = "Bearer \(TestTokens.token(tenant: tenant, user: name, authorities: authorities))"
        }
        if body != nil { headers[.contentType] = "application/json" }
        let response = try await execute(
            uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        let bytes = Data(response.body.readableBytesView)
        let json = (try? JSONDecoder().decode(JSONValue.self, from: bytes)) ?? .null
        return GWSTestResponse(status: response.status, headers: response.headers, json: json)
    }

    /// Polls `/readyz` until it answers 200; false if it never does (within ~`attempts` × 50 ms).
    func waitUntilReady(attempts: Int = 400) async throws -> Bool {
        for _ in 0..<attempts {
            if try await execute(uri: "/readyz", method: .get).status == .ok { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }
}
