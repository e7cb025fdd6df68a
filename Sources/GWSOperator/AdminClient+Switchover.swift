import Foundation

extension AdminClient {
    /// Asks the operator for a planned switchover of `store` (only `postgres`).
    public func switchover(store: String) async throws -> PostgresSwitchoverResult {
        let escaped = store.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? store
        return try await post("/admin/v1/switchover/\(escaped)", expecting: 200, as: PostgresSwitchoverResult.self)
    }
}
