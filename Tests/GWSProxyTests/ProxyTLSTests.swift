import AsyncHTTPClient
import Foundation
import Testing

@testable import GWSProxy

@Suite("Proxy over HTTPS")
struct ProxyTLSTests {
    /// Runs `hack/gen-cert.sh` into a fresh temporary folder.
    func generateCertificate() throws -> URL {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gws-proxy-tls-\(UUID().uuidString)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [root.appendingPathComponent("hack/gen-cert.sh").path, folder.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        return folder
    }

    @Test func servesHTTPSAndHTTPFromOneProcess() async throws {
        let folder = try generateCertificate()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = TestUpstream(name: "a")
        try await withServices([a.makeApplication()]) {
            let source = FakeUpstreamSource([workspaceService: [try await a.instance()]])
            let tls = ProxyConfiguration.TLS(
                port: 0, certificatePath: folder.appendingPathComponent("tls.crt").path,
                keyPath: folder.appendingPathComponent("tls.key").path)
            let proxy = try makeProxy(source: source, tls: tls)
            try await withServices(try proxy.makeServices()) {
                let httpsPort = try await proxy.tlsListening.waitForPort()
                try await proxy.waitUntilHeard()
                // Close the client's TLS connections before the proxy stops (or it waits for close_notify).
                let client = HTTPClient(
                    eventLoopGroupProvider: .singleton, configuration: .init(certificateVerification: .none))
                let results = await Result(catching: {
                    (
                        try await send("https://127.0.0.1:\(httpsPort)/workspace/v3/inspect", client: client),
                        try await send("https://127.0.0.1:\(httpsPort)/livez", client: client)
                    )
                })
                try await client.shutdown()
                let (secure, livez) = try results.get()
                #expect(secure.status == 200)
                #expect(secure.jsonStrings["x-forwarded-proto"] == "https")
                #expect(livez.body == "ok")
                let plain = try await send(try await proxy.baseURL() + "/workspace/v3/inspect")
                #expect(plain.jsonStrings["x-forwarded-proto"] == "http")
            }
        }
    }

    @Test func missingCertificateFilesAreReportedAtStartup() throws {
        let tls = ProxyConfiguration.TLS(
            port: 0, certificatePath: "/nonexistent/tls.crt", keyPath: "/nonexistent/tls.key")
        #expect(throws: (any Error).self) {
            try makeProxy(source: FakeUpstreamSource(), tls: tls)
        }
    }
}
