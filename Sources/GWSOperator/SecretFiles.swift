import Foundation
import GWSRuntime
import GWSSpec

#if canImport(Glibc)
    import Glibc
#endif

/// Turns the stores' secret references into files services can read
/// (`GWS_*_PASSWORD_FILE`). A file reference is used where it is; an
/// environment reference is copied into `<state>/secrets/<store>.password`
/// (mode 0600). Values never appear in errors, logs, status or plans.
enum SecretFiles {
    /// Checks every reference without writing anything: the errors `plan` and `apply` report.
    static func problems(in spec: DeploymentSpec, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> [String]
    {
        var issues: [String] = []
        for (kind, binding) in bindings(spec) {
            let path = "spec.\(kind.specKey).passwordFrom"
            let ref = binding.passwordFrom
            if !ref.file.isEmpty && !ref.env.isEmpty {
                issues.append("\(path): set file or env, not both")
            } else if !ref.file.isEmpty && !FileManager.default.isReadableFile(atPath: ref.file) {
                issues.append("\(path).file: \(ref.file) does not exist or is not readable")
            } else if !ref.env.isEmpty && (environment[ref.env] ?? "").isEmpty {
                issues.append("\(path).env: the operator's environment has no variable \(ref.env)")
            }
        }
        return issues
    }

    static func materialize(
        _ spec: DeploymentSpec, state: StateDirectory,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> [StoreKind: String] {
        let issues = problems(in: spec, environment: environment)
        guard issues.isEmpty else { throw SpecErrors(issues) }
        var files: [StoreKind: String] = [:]
        for (kind, binding) in bindings(spec) where !binding.passwordFrom.isEmpty {
            if !binding.passwordFrom.file.isEmpty {
                files[kind] = binding.passwordFrom.file
                continue
            }
            let dir = state.root.appendingPathComponent("secrets", isDirectory: true)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            chmod(dir.path, 0o700)
            let url = dir.appendingPathComponent("\(kind.rawValue).password")
            let value = environment[binding.passwordFrom.env] ?? ""
            try StateDirectory.writeAtomically(Data(value.utf8), to: url)
            chmod(url.path, 0o600)
            files[kind] = url.path
        }
        return files
    }

    /// The key that signs access tokens: 32 random bytes in
    /// `<state>/secrets/jwt.key` (mode 0600), made once and kept, so tokens
    /// survive restarts of the services and of the operator.
    static func tokenSigningKey(state: StateDirectory) throws -> String {
        let dir = state.root.appendingPathComponent("secrets", isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        chmod(dir.path, 0o700)
        let url = dir.appendingPathComponent("jwt.key")
        if let existing = try? Data(contentsOf: url), existing.count >= 32 { return url.path }
        var generator = SystemRandomNumberGenerator()
        let key = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try StateDirectory.writeAtomically(Data(key), to: url)
        chmod(url.path, 0o600)
        return url.path
    }

    static func bindings(_ spec: DeploymentSpec) -> [(StoreKind, StoreBinding)] {
        var result: [(StoreKind, StoreBinding)] = []
        if let b = spec.postgres { result.append((.postgres, b)) }
        if let b = spec.redis { result.append((.redis, b)) }
        if let b = spec.elasticSearch { result.append((.elasticsearch, b)) }
        return result
    }
}
