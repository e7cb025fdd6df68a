import GWSServiceKit

/// Checks user names and passwords with the Configuration service
/// (`POST /configuration/v3/persons/verify`), found by the same locator
/// Provisioning uses.
struct AuthPersonDirectory: Sendable {
    let configuration: PeerServiceClient

    /// The person, or nil when the name or password is wrong (or the person disabled).
    ///
    /// - Throws: `AuthOAuthError.temporarilyUnavailable` when Configuration cannot answer.
    func verify(tenant: String, userName: String, password: String) async throws -> AuthPerson? {
        do {
            let data = try await configuration.send(
                .post, "/persons/verify", tenant: tenant,
                body: AuthVerifyBody(userName: userName, password: password), as: AuthPersonData.self)
            return data.person
        } catch let error as GWSError where error.status == .unauthorized || error.status == .notFound {
            return nil
        } catch let error as GWSError where error.status == .badRequest {
            throw AuthOAuthError.invalidRequest(error.message)
        } catch let error as GWSError {
            throw AuthOAuthError.temporarilyUnavailable(error.message)
        }
    }

    /// The authorities of `person`.
    static func authorities(of person: AuthPerson) -> [String] {
        var roles: [String] = []
        if person.isAgent { roles.append("ROLE_AGENT") }
        if person.isAdmin { roles.append("ROLE_ADMIN") }
        return roles
    }
}

/// The body of `persons/verify`.
private struct AuthVerifyBody: Encodable {
    var userName: String
    var password: String
}

/// The answer of `persons/verify`.
private struct AuthPersonData: Decodable {
    var person: AuthPerson
}

/// The fields of a Configuration person that tokens need.
struct AuthPerson: Decodable, Sendable {
    var dbid: Int
    var userName: String
    var isAgent: Bool
    var isAdmin: Bool
}
