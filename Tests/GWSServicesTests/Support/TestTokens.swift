import Foundation
import GWSAuth

/// The access-token key every test scaffold verifies with, and tokens signed with it.
enum TestTokens {
    /// Authorities of the tokens tests send unless they say otherwise.
    static let defaultAuthorities = ["ROLE_ADMIN", "ROLE_AGENT"]

    /// A fixed test key (32 bytes).
    static let key: TokenKey = try! TokenKey(bytes: Array("gws-services-tests-token-key-0123456789".utf8))

    /// A file holding ``key``, written once per test process.
    static let keyFile: String = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gws-services-tests-\(getpid()).key")
        try! Data("gws-services-tests-token-key-0123456789".utf8).write(to: url)
        return url.path
    }()

    /// A token for `user` of `tenant`, valid for an hour.
    static func token(
        tenant: String, user: String = "tester", sub: String = "1", authorities: [String] = defaultAuthorities
    ) -> String {
        let now = Int(Date().timeIntervalSince1970)
        let claims = AccessTokenClaims(
            sub: sub, userName: user, tenant: tenant, authorities: authorities, clientId: "tests", iat: now, exp: now + 3600)
        return try! TokenSigner(key: key).sign(claims)
    }
}
