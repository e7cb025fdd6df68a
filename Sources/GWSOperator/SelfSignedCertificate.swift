import Foundation
import GWSRuntime
import Subprocess
import SystemPackage

/// Makes a self-signed certificate for the proxy's HTTPS listener in local
/// mode (openssl from Debian), once per state directory.
enum SelfSignedCertificate {
    static func ensure(in state: StateDirectory) async throws -> (certificate: String, key: String) {
        let dir = state.tlsDirectory
        let cert = dir.appendingPathComponent("tls.crt").path
        let key = dir.appendingPathComponent("tls.key").path
        if FileManager.default.fileExists(atPath: cert), FileManager.default.fileExists(atPath: key) {
            return (cert, key)
        }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let result = try await Subprocess.run(
            .name("openssl"),
            arguments: [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "365",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", key, "-out", cert,
            ], output: .discarded, error: .string(limit: 16 * 1024))
        guard result.terminationStatus.isSuccess else {
            throw RuntimeError("openssl could not make a certificate: \(result.standardError)")
        }
        return (cert, key)
    }
}
