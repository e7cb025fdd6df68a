import GWSConfigData
import GWSServiceKit
import Hummingbird

extension ConfigurationRoutes {
    /// Runs a repository call, turning its `ConfigurationError` into the GWS
    /// answer: `notFound` → 404, `conflict` → 409, `invalid` → 400 (the messages
    /// name the field); a `store` error is rethrown as the `PostgresStoreError`
    /// so that `GWSErrorMiddleware` answers 503 when PostgreSQL is down.
    static func mapped<R: Sendable>(_ body: () async throws -> R) async throws -> R {
        do {
            return try await body()
        } catch let error as ConfigurationError {
            switch error.code {
            case .notFound: throw GWSError(.notFound, error.message)
            case .conflict: throw GWSError(.conflict, error.message)
            case .invalid: throw GWSError(.badRequest, error.message)
            case .store(let underlying): throw underlying
            }
        }
    }
}
