import AsyncHTTPClient
import Foundation
import GWSRuntime
import NIOCore

#if canImport(Glibc)
    import Glibc
#endif

/// Talks to the operator that owns a state directory, found through
/// `<state>/operator.json`.
public struct AdminClient: Sendable {
    public let endpoint: OperatorEndpoint
    private let httpClient: HTTPClient

    /// Fails with a clear message when no live operator owns `state`.
    public init(state: StateDirectory, httpClient: HTTPClient = .shared) throws {
        guard let endpoint = state.readJSON(OperatorEndpoint.self, from: state.operatorFile),
            kill(endpoint.pid, 0) == 0
        else {
            throw RuntimeError(
                "no gws-operator is running with state directory \(state.root.path) (start one with `gwsctl up`)")
        }
        self.endpoint = endpoint
        self.httpClient = httpClient
    }

    public func status() async throws -> OperatorStatus {
        try await get("/admin/v1/status", as: OperatorStatus.self)
    }

    public func apply(_ request: ApplyRequest) async throws -> ApplyResponse {
        var req = HTTPClientRequest(url: endpoint.adminURL + "/admin/v1/apply")
        req.method = .POST
        req.headers.add(name: "Content-Type", value: "application/json")
        req.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(request)))
        let response = try await execute(req)
        let body = try await response.body.collect(upTo: 16 * 1024 * 1024)
        return try JSONDecoder().decode(ApplyResponse.self, from: Data(buffer: body))
    }

    public func shutdown() async throws {
        var req = HTTPClientRequest(url: endpoint.adminURL + "/admin/v1/shutdown")
        req.method = .POST
        _ = try await execute(req)
    }

    /// Asks the operator to exit leaving every instance running (a standby takes over).
    public func stepDown() async throws {
        var req = HTTPClientRequest(url: endpoint.adminURL + "/admin/v1/step-down")
        req.method = .POST
        _ = try await execute(req)
    }

    /// POSTs to `path` (no body) and decodes the answer, which must have the
    /// status code `status`; otherwise throws the operator's error message.
    func post<T: Decodable>(_ path: String, expecting status: UInt, as type: T.Type) async throws -> T {
        var request = HTTPClientRequest(url: endpoint.adminURL + path)
        request.method = .POST
        let response = try await execute(request)
        let body = try await response.body.collect(upTo: 1024 * 1024)
        guard response.status.code == status else {
            let message = (try? JSONDecoder().decode(AdminAPI.ErrorBody.self, from: Data(buffer: body)))?.error
            throw RuntimeError(message ?? "operator answered \(response.status.code): \(String(buffer: body))")
        }
        return try JSONDecoder().decode(type, from: Data(buffer: body))
    }

    func get<T: Decodable>(_ path: String, as type: T.Type) async throws -> T {
        let response = try await execute(HTTPClientRequest(url: endpoint.adminURL + path))
        let body = try await response.body.collect(upTo: 16 * 1024 * 1024)
        guard response.status == .ok else {
            throw RuntimeError("operator answered \(response.status.code) for \(path): \(String(buffer: body))")
        }
        return try JSONDecoder().decode(type, from: Data(buffer: body))
    }

    func execute(_ request: HTTPClientRequest) async throws -> HTTPClientResponse {
        do {
            return try await httpClient.execute(request, timeout: .seconds(30))
        } catch {
            throw RuntimeError("cannot reach gws-operator at \(endpoint.adminURL): \(error)")
        }
    }
}
