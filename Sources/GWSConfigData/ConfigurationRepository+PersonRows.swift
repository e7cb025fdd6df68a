import Foundation
import PostgresNIO

extension ConfigurationRepository {
    /// The columns `person(from:)` reads, in a `SELECT` or `RETURNING` list.
    static let personColumns = """
        dbid, tenant_id, user_name, first_name, last_name, employee_id, email, is_agent, is_admin, \
        agent_login, default_place, enabled, created_at, updated_at
        """

    /// A `Person` from a row holding `personColumns`.
    static func person(from row: PostgresRow) throws -> Person {
        let cells = row.makeRandomAccess()
        return Person(
            dbid: try cells["dbid"].decode(Int.self),
            tenant: try cells["tenant_id"].decode(String.self),
            userName: try cells["user_name"].decode(String.self),
            firstName: try cells["first_name"].decode(String.self),
            lastName: try cells["last_name"].decode(String.self),
            employeeId: try cells["employee_id"].decode(String.self),
            email: try cells["email"].decode(String?.self),
            isAgent: try cells["is_agent"].decode(Bool.self),
            isAdmin: try cells["is_admin"].decode(Bool.self),
            agentLogin: try cells["agent_login"].decode(String?.self),
            defaultPlace: try cells["default_place"].decode(String?.self),
            enabled: try cells["enabled"].decode(Bool.self),
            createdAt: try cells["created_at"].decode(Date.self),
            updatedAt: try cells["updated_at"].decode(Date.self))
    }

    /// Throws `conflict` when another person of `tenant` (other than `excluding`)
    /// has `userName` (case-insensitive) or `employeeId`.
    func checkPersonUnique(
        _ connection: PostgresConnection, tenant: String, userName: String, employeeId: String, excluding: Int = 0
    ) async throws {
        let sameName = try await rows(connection, """
            SELECT 1 FROM cfg_persons
            WHERE tenant_id = \(tenant) AND lower(user_name) = lower(\(userName)) AND dbid <> \(excluding)
            """)
        guard sameName.isEmpty else {
            throw ConfigurationError.conflict("userName", "userName \"\(userName)\" is already used in this tenant")
        }
        let sameEmployee = try await rows(connection, """
            SELECT 1 FROM cfg_persons WHERE tenant_id = \(tenant) AND employee_id = \(employeeId) AND dbid <> \(excluding)
            """)
        guard sameEmployee.isEmpty else {
            throw ConfigurationError.conflict("employeeId", "employeeId \"\(employeeId)\" is already used in this tenant")
        }
    }

    /// Checks a password's shape (not its strength): non-empty, at most 1024 bytes.
    static func validatePassword(_ password: String) throws {
        guard !password.isEmpty else { throw ConfigurationError.invalid("password", "must not be empty") }
        guard password.utf8.count <= 1024 else { throw ConfigurationError.invalid("password", "longer than 1024 bytes") }
    }

    /// Checks an e-mail address's shape: one `@` with text on both sides.
    static func validateEmail(_ email: String?) throws {
        guard let email else { return }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, !email.contains(" ") else {
            throw ConfigurationError.invalid("email", "is not an e-mail address")
        }
    }
}
