import Foundation
import GWSServiceKit

/// The body of `POST /auth/v3/clients`: `{name, clientId?, scopes?}`.
struct AuthNewClient: Decodable, Sendable {
    var name: String
    var clientId: String?
    var scopes: [String]?

    /// The longest name accepted.
    static let maximumNameLength = 255
    /// The longest client id or scope accepted.
    static let maximumIdLength = 128
    /// The most scopes a client may have.
    static let maximumScopes = 64

    /// The input checked before it reaches the store: a name of 1 to 255
    /// characters, a client id of 1 to 128 without `:`, scopes of 1 to 128
    /// characters without spaces (they are stored space-separated); none
    /// with control characters (PostgreSQL refuses NUL in text). 400 naming
    /// the field otherwise.
    func validated() throws -> AuthNewClient {
        var checked = self
        checked.name = name.trimmingCharacters(in: .whitespaces)
        guard !checked.name.isEmpty, checked.name.count <= Self.maximumNameLength, !Self.hasControls(checked.name) else {
            throw GWSError(.badRequest, "invalid data.name: 1 to \(Self.maximumNameLength) characters, no control characters")
        }
        if let clientId {
            guard !clientId.isEmpty, clientId.count <= Self.maximumIdLength, !clientId.contains(":"), !Self.hasControls(clientId)
            else {
                throw GWSError(.badRequest, "invalid data.clientId: 1 to \(Self.maximumIdLength) characters, without ':' or control characters")
            }
        }
        if let scopes {
            guard scopes.count <= Self.maximumScopes else {
                throw GWSError(.badRequest, "invalid data.scopes: at most \(Self.maximumScopes)")
            }
            for (index, scope) in scopes.enumerated() {
                guard !scope.isEmpty, scope.count <= Self.maximumIdLength, !Self.hasControls(scope),
                      !scope.contains(where: \.isWhitespace)
                else {
                    throw GWSError(
                        .badRequest,
                        "invalid data.scopes[\(index)]: 1 to \(Self.maximumIdLength) characters, no spaces or control characters")
                }
            }
        }
        return checked
    }

    private static func hasControls(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}
