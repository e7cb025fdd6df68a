import AsyncHTTPClient
import Foundation
import GWSReconciler
import GWSRuntime
import NIOCore

extension AdminClient {
    /// Asks the operator for a rolling restart of `role`.
    public func rolloutRestart(role: String) async throws -> RolloutProgress {
        let escaped = role.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? role
        var request = HTTPClientRequest(url: endpoint.adminURL + "/admin/v1/rollouts/\(escaped)/restart")
        request.method = .POST
        let response = try await execute(request)
        let body = try await response.body.collect(upTo: 1024 * 1024)
        guard response.status == .accepted else {
            let message = (try? JSONDecoder().decode(AdminAPI.ErrorBody.self, from: Data(buffer: body)))?.error
            throw RuntimeError(message ?? "operator answered \(response.status.code): \(String(buffer: body))")
        }
        return try JSONDecoder().decode(RolloutProgress.self, from: Data(buffer: body))
    }

    /// The progress of the rollouts asked for (of `role`'s, when given).
    public func rollouts(role: String? = nil) async throws -> [RolloutProgress] {
        let query = role.map { "?role=\($0.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? $0)" } ?? ""
        return try await get("/admin/v1/rollouts" + query, as: [RolloutProgress].self)
    }
}
