import Foundation
import GWSRuntime
import GWSSpec
import Testing

@testable import GWSOperator

@Suite struct SecretFilesTests {
    func spec(_ ref: SecretReference) -> DeploymentSpec {
        var spec = DeploymentSpec()
        spec.postgres = StoreBinding(address: "pg.example", passwordFrom: ref)
        return spec
    }

    @Test func problemsNameThePathAndNeverTheValue() {
        #expect(SecretFiles.problems(in: spec(.init(file: "/nonexistent/pw")), environment: [:]) == [
            "spec.postgres.passwordFrom.file: /nonexistent/pw does not exist or is not readable"
        ])
        #expect(SecretFiles.problems(in: spec(.init(env: "PG_PASS")), environment: [:]) == [
            "spec.postgres.passwordFrom.env: the operator's environment has no variable PG_PASS"
        ])
        #expect(SecretFiles.problems(in: spec(.init(file: "/a", env: "B")), environment: [:]).first?.contains("not both") == true)
        #expect(SecretFiles.problems(in: spec(.init(env: "PG_PASS")), environment: ["PG_PASS": "s3cret"]).isEmpty)
    }

    @Test func anEnvironmentSecretIsCopiedToAPrivateFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gws-sec-\(UUID().uuidString)").path
        let state = StateDirectory(path: dir)
        try state.create()
        let files = try SecretFiles.materialize(spec(.init(env: "PG_PASS")), state: state, environment: ["PG_PASS": "s3cret"])
        let path = try #require(files[.postgres])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "s3cret")
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(throws: SpecErrors.self) {
            _ = try SecretFiles.materialize(spec(.init(env: "MISSING")), state: state, environment: [:])
        }
    }

    @Test func stateFoldersUnderRootAreNotTraversableByOthers() {
        #expect(LocalStores.traversableByOthers("/tmp"))
        #expect(!LocalStores.traversableByOthers("/root/.local/state/gws-operator") || getuid() != 0)
    }
}
