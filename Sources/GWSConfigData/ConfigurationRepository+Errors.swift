import Foundation
import GWSStores

extension ConfigurationRepository {
    /// The `ConfigurationError` for a store error: unique violations become
    /// `conflict` naming the client-facing field, check violations `invalid`,
    /// anything else `store`.
    static func translate(_ error: PostgresStoreError) -> ConfigurationError {
        switch error.sqlState {
        case "23505":
            for (constraint, field) in ConfigurationSchema.uniqueFields where error.message.contains("\"\(constraint)\"") {
                return .conflict(field, "\(field) is already used by another object of this tenant")
            }
            return .conflict("unknown", "the value is already used by another object of this tenant")
        case "23514", "22001", "22P02":
            return .invalid("input", "rejected by the store")
        default:
            return .store(error)
        }
    }

    /// `name` of `what` trimmed, non-empty and at most `limit` characters.
    static func required(_ value: String, field: String, limit: Int = 255) throws -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw ConfigurationError.invalid(field, "is required") }
        guard trimmed.count <= limit else { throw ConfigurationError.invalid(field, "longer than \(limit) characters") }
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw ConfigurationError.invalid(field, "contains control characters")
        }
        return trimmed
    }

    /// An optional attribute: trimmed, nil when empty, at most `limit` characters.
    static func optional(_ value: String?, field: String, limit: Int = 255) throws -> String? {
        guard let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return try required(value, field: field, limit: limit)
    }

    /// Checks paging parameters: `limit` in 1…1000, `offset` ≥ 0.
    static func validatePaging(limit: Int, offset: Int) throws {
        guard (1...1000).contains(limit) else { throw ConfigurationError.invalid("limit", "must be between 1 and 1000") }
        guard offset >= 0 else { throw ConfigurationError.invalid("offset", "must not be negative") }
    }
}
