import Foundation
import GWSReconciler

extension AdminClient {
    /// Asks the operator for a rolling restart of `role`.
    public func rolloutRestart(role: String) async throws -> RolloutProgress {
        let escaped = role.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? role
        return try await post("/admin/v1/rollouts/\(escaped)/restart", expecting: 202, as: RolloutProgress.self)
    }

    /// The progress of the rollouts asked for (of `role`'s, when given).
    public func rollouts(role: String? = nil) async throws -> [RolloutProgress] {
        let query = role.map { "?role=\($0.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? $0)" } ?? ""
        return try await get("/admin/v1/rollouts" + query, as: [RolloutProgress].self)
    }
}
