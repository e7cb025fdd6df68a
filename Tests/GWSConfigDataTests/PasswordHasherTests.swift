import Foundation
import Testing

@testable import GWSConfigData

@Suite("PasswordHasher")
struct PasswordHasherTests {
    let hasher = PasswordHasher(rounds: testRounds)

    @Test func hashIsSelfDescribingAndSalted() throws {
        let hash = try hasher.hash("s3cret!")
        let parts = hash.split(separator: "$", omittingEmptySubsequences: false)
        #expect(parts.count == 4)
        #expect(parts[0] == "pbkdf2-sha256")
        #expect(parts[1] == "\(testRounds)")
        #expect(Data(base64Encoded: String(parts[2]))?.count == 16)
        #expect(Data(base64Encoded: String(parts[3]))?.count == 32)
        #expect(!hash.contains("s3cret!"))
        #expect(try hasher.hash("s3cret!") != hash, "a fresh salt every time")
    }

    @Test func verifiesGoodAndRejectsBad() throws {
        let hash = try hasher.hash("correct horse")
        #expect(hasher.verify("correct horse", against: hash))
        #expect(!hasher.verify("correct hors", against: hash))
        #expect(!hasher.verify("", against: hash))
        #expect(!hasher.verify("Correct horse", against: hash))
    }

    @Test func verificationUsesTheStoredRounds() throws {
        let old = try PasswordHasher(rounds: 500).hash("pw")
        #expect(hasher.verify("pw", against: old))
    }

    @Test(arguments: ["", "plain", "pbkdf2-sha256$0$AAAA$AAAA", "pbkdf2-sha256$10$!!$AAAA",
                      "bcrypt$10$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="])
    func malformedHashesNeverVerify(stored: String) {
        #expect(!hasher.verify("pw", against: stored))
    }

    @Test func productionDefaultIsStrong() {
        #expect(PasswordHasher().rounds >= 100_000)
    }

    @Test func constantTimeComparison() {
        #expect(PasswordHasher.constantTimeEquals([1, 2, 3], [1, 2, 3]))
        #expect(!PasswordHasher.constantTimeEquals([1, 2, 3], [1, 2, 4]))
        #expect(!PasswordHasher.constantTimeEquals([1, 2], [1, 2, 3]))
    }

    @Test func inputsNeverShowThePassword() {
        let new = NewPerson(userName: "u", employeeId: "e", password: "hunter2")
        #expect(!"\(new)".contains("hunter2"))
        #expect(!"\(PersonUpdate(password: "hunter2"))".contains("hunter2"))
    }
}
