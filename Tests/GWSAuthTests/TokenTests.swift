import Foundation
@testable import GWSAuth
import Testing

/// HS256 access tokens: the round trip and every way a token is refused.
@Suite struct TokenTests {
    let key = TokenKey.random()
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func claims(exp offset: Int = 3600) -> AccessTokenClaims {
        let iat = Int(now.timeIntervalSince1970)
        return AccessTokenClaims(
            sub: "101", userName: "agent1", tenant: "acme", authorities: ["ROLE_AGENT"], clientId: "desktop",
            iat: iat, exp: iat + offset, jti: "jti-1")
    }

    func sign(_ claims: AccessTokenClaims) throws -> String { try TokenSigner(key: key).sign(claims) }

    func rejection(_ token: String, verifier: TokenVerifier? = nil, tenant: String? = nil) -> TokenError? {
        do {
            _ = try (verifier ?? TokenVerifier(key: key)).verify(token, now: now, tenant: tenant)
            return nil
        } catch {
            return error
        }
    }

    @Test func roundTrip() throws {
        let original = claims()
        let token = try sign(original)
        #expect(token.split(separator: ".").count == 3)
        #expect(!token.contains("="))
        #expect(try TokenVerifier(key: key).verify(token, now: now, tenant: "acme") == original)
    }

    @Test func headerIsHS256JWT() throws {
        let header = try sign(claims()).split(separator: ".")[0]
        let json = try #require(Base64URL.decode(header))
        #expect(String(decoding: json, as: UTF8.self) == #"{"alg":"HS256","typ":"JWT"}"#)
    }

    @Test func tamperedPayloadIsRefused() throws {
        let parts = try sign(claims()).split(separator: ".").map(String.init)
        var forged = claims()
        forged.authorities = ["ROLE_ADMIN"]
        let payload = Base64URL.encode(try JSONEncoder().encode(forged))
        #expect(rejection([parts[0], payload, parts[2]].joined(separator: ".")) == .badSignature)
    }

    @Test func tamperedSignatureIsRefused() throws {
        var parts = try sign(claims()).split(separator: ".").map(String.init)
        var signature = Array(try #require(Base64URL.decode(parts[2])))
        signature[0] ^= 1
        parts[2] = Base64URL.encode(signature)
        #expect(rejection(parts.joined(separator: ".")) == .badSignature)
    }

    @Test func otherKeyIsRefused() throws {
        #expect(rejection(try sign(claims()), verifier: TokenVerifier(key: .random())) == .badSignature)
    }

    @Test func algNoneIsRefused() throws {
        let parts = try sign(claims()).split(separator: ".").map(String.init)
        let none = Base64URL.encode(Array(#"{"alg":"none","typ":"JWT"}"#.utf8))
        #expect(rejection("\(none).\(parts[1]).") == .unsupportedAlgorithm)
        #expect(rejection("\(none).\(parts[1]).\(parts[2])") == .unsupportedAlgorithm)
        let hs512 = Base64URL.encode(Array(#"{"alg":"HS512"}"#.utf8))
        #expect(rejection("\(hs512).\(parts[1]).\(parts[2])") == .unsupportedAlgorithm)
    }

    @Test func expiryHonoursLeeway() throws {
        #expect(rejection(try sign(claims(exp: -60))) == .expired)
        #expect(rejection(try sign(claims(exp: -10))) == nil)
        #expect(rejection(try sign(claims(exp: -10)), verifier: TokenVerifier(key: key, leeway: 0)) == .expired)
    }

    @Test func wrongTenantIsRefused() throws {
        #expect(rejection(try sign(claims()), tenant: "globex") == .wrongTenant)
    }

    @Test(arguments: ["", "garbage", "a.b", "a.b.c", "a.b.c.d", "!!!.???.###", "e30.e30.e30"])
    func garbageIsMalformed(token: String) {
        #expect(rejection(token) == .malformed)
    }

    @Test func missingClaimsAreMalformed() throws {
        let header = Base64URL.encode(Array(TokenSigner.header.utf8))
        let payload = Base64URL.encode(Array(#"{"sub":"1","exp":9999999999}"#.utf8))
        let signature = Base64URL.encode(key.signature(of: "\(header).\(payload)"))
        #expect(rejection("\(header).\(payload).\(signature)") == .malformed)
    }

    @Test func errorsNeverContainTheToken() throws {
        let token = try sign(claims(exp: -3600))
        let error = try #require(rejection(token))
        #expect(!error.description.contains(token))
    }

    @Test func keyLoading() throws {
        #expect(throws: TokenKeyError.tooShort(16)) { try TokenKey(bytes: Array(repeating: 1, count: 16)) }
        #expect(throws: TokenKeyError.unreadable("/nonexistent/key")) { try TokenKey(contentsOfFile: "/nonexistent/key") }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gws-token-\(UUID()).key").path
        let bytes = SecureRandom.bytes(32)
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let loaded = try TokenKey(contentsOfFile: path)
        let token = try TokenSigner(key: loaded).sign(claims())
        #expect(try TokenVerifier(key: TokenKey(bytes: bytes)).verify(token, now: now) == claims())
    }

    @Test func opaqueTokensAreDistinct() {
        let a = SecureRandom.opaqueToken()
        #expect(a.count == 43)
        #expect(a != SecureRandom.opaqueToken())
        #expect(SecureRandom.sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
