/// A registered API client (without its secret).
public struct AuthClient: Codable, Sendable, Equatable {
    public var clientId: String
    public var tenant: String
    public var name: String
    /// Scopes the client may ask for; `*` allows any.
    public var scopes: [String]
    /// A public client has no secret: it may only use the password and refresh-token grants.
    public var isPublic: Bool

    public init(clientId: String, tenant: String, name: String, scopes: [String], isPublic: Bool = false) {
        self.clientId = clientId
        self.tenant = tenant
        self.name = name
        self.scopes = scopes
        self.isPublic = isPublic
    }

    /// Whether every scope in `requested` is allowed.
    public func allows(_ requested: [String]) -> Bool {
        scopes.contains("*") || requested.allSatisfy(scopes.contains)
    }
}
