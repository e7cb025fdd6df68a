/// Who a CometD client is: the user the `authenticate` hook found at
/// handshake. Every later message of that client (its `clientId`) acts as
/// this identity; deliveries are addressed to identities, not to clients.
public struct CometDIdentity: Hashable, Sendable, CustomStringConvertible {
    /// The tenant (contact center) the user belongs to.
    public var tenant: String
    /// The user's name within the tenant.
    public var userName: String
    /// An opaque session reference (e.g. the Workspace session id), when the app keeps one.
    public var sessionID: String?

    public init(tenant: String, userName: String, sessionID: String? = nil) {
        self.tenant = tenant
        self.userName = userName
        self.sessionID = sessionID
    }

    /// `tenant\userName`, for logs. The session id is left out: it is a secret.
    public var description: String { "\(tenant)\\\(userName)" }
}
