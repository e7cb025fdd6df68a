import Foundation

/// Short-lived tokens a service signs for its own calls to other services
/// (auth checking passwords at Configuration, the Data Collector reading agent
/// groups): authority `ROLE_SERVICE`, one tenant, never handed to clients.
public struct ServiceTokenMinter: Sendable {
    let signer: TokenSigner
    /// The subject and user name of the tokens (the calling service).
    public var subject: String
    /// Seconds a service token lives.
    public var lifetime = 60

    public init(signer: TokenSigner, subject: String = "gws-auth") {
        self.signer = signer
        self.subject = subject
    }

    /// A fresh service token for `tenant`.
    @Sendable public func token(tenant: String) throws -> String? {
        let now = Int(Date().timeIntervalSince1970)
        let claims = AccessTokenClaims(
            sub: subject, userName: subject, tenant: tenant, authorities: ["ROLE_SERVICE"],
            clientId: subject, iat: now, exp: now + lifetime)
        return try signer.sign(claims)
    }
}
