import Foundation
import Testing

@testable import GWSAuth

/// The verifier remembers good tokens, yet every use still checks expiry and tenant.
@Suite struct VerifiedTokenCacheTests {
    let key = TokenKey.random()
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func token(exp offset: Int = 60) throws -> String {
        let iat = Int(now.timeIntervalSince1970)
        return try TokenSigner(key: key).sign(
            AccessTokenClaims(
                sub: "101", userName: "agent1", tenant: "acme", authorities: ["ROLE_AGENT"], clientId: "desktop",
                iat: iat, exp: iat + offset, jti: "jti-1"))
    }

    @Test func aRememberedTokenStillExpiresAndStillBelongsToItsTenant() throws {
        let verifier = TokenVerifier(key: key, leeway: 0)
        let token = try token(exp: 60)
        #expect(try verifier.verify(token, now: now).userName == "agent1")
        #expect(verifier.cache.count == 1)
        #expect(try verifier.verify(token, now: now.addingTimeInterval(60)).tenant == "acme")
        #expect(throws: TokenError.expired) { try verifier.verify(token, now: now.addingTimeInterval(61)) }
        #expect(throws: TokenError.wrongTenant) { try verifier.verify(token, now: now, tenant: "globex") }
    }

    @Test func onlyTheVeryTokenHitsTheCache() throws {
        let verifier = TokenVerifier(key: key)
        let good = try token()
        _ = try verifier.verify(good, now: now)
        // Same header and claims, another signature: checked, and refused.
        var parts = good.split(separator: ".").map(String.init)
        parts[2] = String(parts[2].reversed())
        #expect(throws: TokenError.self) { try verifier.verify(parts.joined(separator: "."), now: now) }
        // Signed with another key: refused, though its claims equal a remembered token's.
        let other = try TokenSigner(key: TokenKey.random()).sign(try TokenVerifier(key: key).verify(good, now: now))
        #expect(throws: TokenError.badSignature) { try verifier.verify(other, now: now) }
        #expect(verifier.cache.count == 1)
    }

    @Test func theCacheIsBoundedAndCanBeOff() throws {
        let small = VerifiedTokenCache(capacity: 2)
        let claims = try TokenVerifier(key: key).verify(try token(), now: now)
        for name in ["a", "b", "c"] { small.remember(claims, for: name) }
        #expect(small.count <= 2)
        #expect(small.claims(of: "c") == claims)
        let off = TokenVerifier(key: key, cacheCapacity: 0)
        _ = try off.verify(try token(), now: now)
        #expect(off.cache.count == 0)
    }
}
