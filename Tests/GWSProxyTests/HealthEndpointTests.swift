import Foundation
import GWSSpec
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GWSServiceKit

/// The service kit's standard endpoints, in-process through the router.
@Suite("Service kit endpoints")
struct HealthEndpointTests {
    func scaffold(role: String = "workspace") -> ServiceScaffold {
        var configuration = ServiceConfiguration(role: RoleCatalog.required(role))
        configuration.instanceID = "\(role)-7"
        return ServiceScaffold(configuration: configuration, logger: testLogger(role), announcesListening: false)
    }

    @Test func readyzAndLivezAnswerOkWhenEverythingPasses() async throws {
        let scaffold = scaffold()
        scaffold.health.addReadinessCheck("postgres") { .ok }
        let app = scaffold.makeApplication(router: scaffold.makeRouter())
        try await app.test(.router) { client in
            for path in ["/livez", "/readyz", "/health"] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "ok")
                #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
            }
            let verbose = try await client.execute(uri: "/readyz?verbose", method: .get)
            #expect(String(buffer: verbose.body) == "[+]ping ok\n[+]postgres ok\nreadyz check passed\n")
            let livez = try await client.execute(uri: "/livez?verbose=true", method: .get)
            #expect(String(buffer: livez.body) == "[+]ping ok\nlivez check passed\n")
        }
    }

    @Test func failingDependencyFailsReadinessButNotLiveness() async throws {
        let scaffold = scaffold()
        scaffold.health.addReadinessCheck("postgres") { .failed("connection refused") }
        scaffold.health.addReadinessCheck("redis") { .ok }
        let app = scaffold.makeApplication(router: scaffold.makeRouter())
        try await app.test(.router) { client in
            let verbose = try await client.execute(uri: "/readyz?verbose", method: .get)
            #expect(verbose.status == .serviceUnavailable)
            #expect(
                String(buffer: verbose.body)
                    == "[+]ping ok\n[-]postgres failed: connection refused\n[+]redis ok\nreadyz check failed\n")
            let terse = try await client.execute(uri: "/readyz", method: .get)
            #expect(terse.status == .serviceUnavailable)
            #expect(
                String(buffer: terse.body)
                    == "[+]ping ok\n[-]postgres failed: reason withheld\n[+]redis ok\nreadyz check failed\n")
            let health = try await client.execute(uri: "/health?verbose", method: .get)
            #expect(health.status == .serviceUnavailable)
            #expect(String(buffer: health.body).hasSuffix("health check failed\n"))
            let excluded = try await client.execute(uri: "/readyz?exclude=postgres", method: .get)
            #expect(excluded.status == .ok)
            let livez = try await client.execute(uri: "/livez", method: .get)
            #expect(livez.status == .ok)
        }
    }

    @Test func livenessCheckFailureFailsBothProbes() async throws {
        let scaffold = scaffold()
        scaffold.health.addLivenessCheck("event-loop") { .failed("stalled") }
        let app = scaffold.makeApplication(router: scaffold.makeRouter())
        try await app.test(.router) { client in
            let livez = try await client.execute(uri: "/livez", method: .get)
            let readyz = try await client.execute(uri: "/readyz", method: .get)
            #expect(livez.status == .serviceUnavailable)
            #expect(readyz.status == .serviceUnavailable)
        }
    }

    @Test func metricsCountRequestsByMethodRouteAndStatus() async throws {
        let scaffold = scaffold()
        let app = scaffold.makeApplication(router: scaffold.makeRouter())
        try await app.test(.router) { client in
            _ = try await client.execute(uri: "/livez", method: .get)
            _ = try await client.execute(uri: "/livez", method: .get)
            _ = try await client.execute(uri: "/nope", method: .get)
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            #expect(metrics.status == .ok)
            #expect(metrics.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            let text = String(buffer: metrics.body)
            #expect(text.contains(#"http_requests_total{method="GET",route="/livez",status="200"} 2"#))
            #expect(text.contains(#"http_requests_total{method="GET",route="NotFound",status="404"} 1"#))
            #expect(text.contains(#"http_request_duration_seconds_count{method="GET",route="/livez"} 2"#))
            #expect(text.contains("# TYPE http_request_duration_seconds histogram"))
        }
    }

    @Test func versionAnswersUnderEveryBasePath() async throws {
        let scaffold = scaffold(role: "auth")
        let app = scaffold.makeApplication(router: scaffold.makeRouter())
        try await app.test(.router) { client in
            for path in ["/auth/v3/version", "/environment/v3/version"] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .ok)
                let info = try JSONDecoder().decode(VersionInfo.self, from: response.body)
                #expect(
                    info
                        == VersionInfo(
                            version: GWSVersion.version, changeset: GWSVersion.changeset, role: "auth",
                            instance: "auth-7"))
            }
        }
    }

    @Test func unknownPathsAndThrownErrorsAnswerTheEnvelope() async throws {
        let scaffold = scaffold()
        let router = scaffold.makeRouter()
        router.get("/workspace/v3/teapot") { _, _ -> String in throw GWSError(.conflict, "already initialized") }
        router.get("/workspace/v3/boom") { _, _ -> String in throw CocoaLikeError() }
        let app = scaffold.makeApplication(router: router)
        try await app.test(.router) { client in
            let missing = try await client.execute(uri: "/workspace/v3/nothing", method: .get)
            #expect(missing.status == .notFound)
            #expect(
                String(buffer: missing.body)
                    == #"{"status":{"code":404,"message":"not found: GET /workspace/v3/nothing"}}"#)
            let conflict = try await client.execute(uri: "/workspace/v3/teapot", method: .get)
            #expect(conflict.status == .conflict)
            #expect(String(buffer: conflict.body) == #"{"status":{"code":409,"message":"already initialized"}}"#)
            let boom = try await client.execute(uri: "/workspace/v3/boom", method: .get)
            #expect(boom.status == .internalServerError)
            #expect(String(buffer: boom.body) == #"{"status":{"code":500,"message":"internal error"}}"#)
        }
    }

    @Test func envelopeEncodesStatusAndData() throws {
        struct Session: Codable, Sendable { let sessionId: String }
        let envelope = GWSEnvelope(status: .ok, data: Session(sessionId: "s1"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(envelope), as: UTF8.self)
        #expect(json == #"{"data":{"sessionId":"s1"},"status":{"code":0}}"#)
    }
}

/// An error that is not an HTTP error: must be answered 500 without details.
struct CocoaLikeError: Error, CustomStringConvertible {
    var description: String { "secret stack trace" }
}
