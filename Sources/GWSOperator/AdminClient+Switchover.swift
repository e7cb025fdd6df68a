import AsyncHTTPClient
import Foundation
import GWSRuntime
import NIOCore

extension AdminClient {
    /// Asks the operator for a planned switchover of `store` (only `postgres`).
    public func switchover(store: String) async throws -> PostgresSwitchoverResult {
        let escaped = store.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? store
        var request = HTTPClientRequest(url: endpoint.adminURL + "/admin/v1/switchover/\(escaped)")
        request.method = .POST
        let response = try await execute(request)
        let body = try await response.body.collect(upTo: 1024 * 1024)
        guard response.status == .ok else {
            let message = (try? JSONDecoder().decode(AdminAPI.ErrorBody.self, from: Data(buffer: body)))?.error
            throw RuntimeError(message ?? "operator answered \(response.status.code): \(String(buffer: body))")
        }
        return try JSONDecoder().decode(PostgresSwitchoverResult.self, from: Data(buffer: body))
    }
}
