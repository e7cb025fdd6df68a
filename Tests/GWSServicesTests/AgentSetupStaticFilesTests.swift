import Foundation
import GWSServiceKit
import GWSStores
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GWSServices

/// The `agent-setup` role serving its bundled web app, in-process through the router.
@Suite("Agent Setup static files")
struct AgentSetupStaticFilesTests {
    static let base = "/ui/provisioning"

    /// Runs `body` against an Agent Setup app (it needs no store).
    func withAgentSetup(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = AgentSetupService.buildApplication(makeScaffold("agent-setup", stores: .none))
        try await app.test(.router, body)
    }

    /// Sends a GET (or `method`) and returns the answer with its body as text.
    func fetch(
        _ client: any TestClientProtocol, _ uri: String, method: HTTPRequest.Method = .get, headers: HTTPFields = [:]
    ) async throws -> (status: HTTPResponse.Status, headers: HTTPFields, body: String) {
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: nil)
        return (response.status, response.headers, String(buffer: response.body))
    }

    @Test func theBundledWebAppHasItsFilesWithKnownContentTypes() throws {
        let files = try AgentSetupService.webApp().files
        for name in ["index.html", "app.js", "app.css", "favicon.svg"] {
            #expect(files[name] != nil, "\(name) is bundled")
        }
        for (name, file) in files {
            #expect(file.contentType != "application/octet-stream", "\(name) has a known content type")
        }
    }

    @Test func theIndexPageNeedsNoInlineScriptOrStyle() throws {
        let files = try AgentSetupService.webApp().files
        let html = String(buffer: try #require(files["index.html"]).body)
        let lowered = html.lowercased()
        #expect(lowered.contains(#"<script type="module" src="app.js"></script>"#))
        #expect(!lowered.contains("<script>"), "no inline script")
        #expect(!lowered.contains("<style"), "no inline style element")
        #expect(!lowered.contains(" style="), "no style attributes")
        #expect(!lowered.contains("javascript:"), "no javascript: URLs")
        #expect(lowered.range(of: #"\son[a-z]+="#, options: .regularExpression) == nil, "no inline event handlers")
        #expect(!lowered.contains("http://") && !lowered.contains("https://"), "nothing from another origin")
        // Every input is labelled.
        let inputIDs = matches(of: #"<(?:input|select)[^>]*\sid="([^"]+)""#, in: html)
        let labelled = Set(matches(of: #"<label for="([^"]+)""#, in: html))
        #expect(!inputIDs.isEmpty)
        for id in inputIDs {
            #expect(labelled.contains(id), "#\(id) has a label")
        }
    }

    @Test func theAppKeepsTheTokenOutOfPersistentStorage() throws {
        let files = try AgentSetupService.webApp().files
        let script = String(buffer: try #require(files["app.js"]).body)
        let storage = #"\b(localStorage|sessionStorage|indexedDB)\s*[.\[]|document\.cookie"#
        #expect(script.range(of: storage, options: .regularExpression) == nil, "no persistent storage")
        #expect(!script.contains("innerHTML"), "server text is inserted as text, never as HTML")
        #expect(script.contains("client_id"))
        #expect(script.contains("/provisioning/v3/objects/users"))
    }

    @Test func indexIsServedAtTheBasePathWithSecurityHeaders() async throws {
        try await withAgentSetup { client in
            for uri in ["\(Self.base)/", "\(Self.base)/index.html", "\(Self.base)/?from=menu"] {
                let page = try await fetch(client, uri)
                #expect(page.status == .ok, "\(uri)")
                #expect(page.headers[.contentType] == "text/html; charset=utf-8")
                #expect(page.body.contains("<title>Agent Setup</title>"))
                let csp = try #require(page.headers[.contentSecurityPolicy])
                #expect(csp.contains("default-src 'none'"))
                #expect(csp.contains("script-src 'self'"))
                #expect(csp.contains("connect-src 'self'"))
                #expect(csp.contains("frame-ancestors 'none'"))
                #expect(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"))
                #expect(page.headers[.xContentTypeOptions] == "nosniff")
                #expect(page.headers[.cacheControl] == "no-cache")
                #expect(page.headers[.eTag]?.hasPrefix("\"") == true)
            }
        }
    }

    @Test func theBasePathWithoutSlashRedirectsToIt() async throws {
        try await withAgentSetup { client in
            let answer = try await fetch(client, Self.base)
            #expect(answer.status == .permanentRedirect)
            #expect(answer.headers[.location] == "\(Self.base)/")
            let withQuery = try await fetch(client, "\(Self.base)?tenant=demo")
            #expect(withQuery.status == .permanentRedirect)
            #expect(withQuery.headers[.location] == "\(Self.base)/?tenant=demo")
        }
    }

    @Test func filesHaveTheirContentTypes() async throws {
        try await withAgentSetup { client in
            let expected = [
                "app.js": "text/javascript; charset=utf-8",
                "app.css": "text/css; charset=utf-8",
                "favicon.svg": "image/svg+xml",
            ]
            for (name, type) in expected {
                let answer = try await fetch(client, "\(Self.base)/\(name)")
                #expect(answer.status == .ok, "\(name)")
                #expect(answer.headers[.contentType] == type, "\(name)")
                #expect(answer.headers[.contentSecurityPolicy] != nil)
                #expect(!answer.body.isEmpty)
            }
        }
    }

    @Test func theStandardEndpointsStillAnswer() async throws {
        try await withAgentSetup { client in
            let version = try await client.gws(.get, "\(Self.base)/version", tenant: nil)
            #expect(version.status == .ok)
            #expect(version.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(version.json["role"]?.stringValue == "agent-setup")
            #expect(try await fetch(client, "/livez").status == .ok)
        }
    }

    @Test func unknownFilesAnswer404InTheGWSEnvelope() async throws {
        try await withAgentSetup { client in
            for uri in ["\(Self.base)/missing.js", "\(Self.base)/img/logo.png", "\(Self.base)/index.html/x"] {
                let answer = try await client.gws(.get, uri, tenant: nil)
                #expect(answer.status == .notFound, "\(uri)")
                #expect(answer.code == 404, "\(uri)")
                #expect(answer.message.contains("not found"), "\(uri)")
                #expect(answer.headers[.contentSecurityPolicy] != nil, "\(uri)")
            }
        }
    }

    @Test(arguments: [
        "/../Package.swift",
        "/../../../../etc/passwd",
        "/./index.html",
        "/%2e%2e/Package.swift",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/..%2fPackage.swift",
        "/..%5cPackage.swift",
        "/..\\Package.swift",
        "/%252e%252e/Package.swift",
        "/app.js%00.html",
        "//etc/passwd",
        "/.hidden",
        "/webapp/index.html",
    ])
    func pathTraversalIsRefused(suffix: String) async throws {
        try await withAgentSetup { client in
            let answer = try await client.gws(.get, Self.base + suffix, tenant: nil)
            #expect(answer.status == .notFound, "\(suffix)")
            #expect(answer.code == 404, "\(suffix)")
        }
    }

    @Test func aMatchingETagAnswers304AndHeadHasNoBody() async throws {
        try await withAgentSetup { client in
            let first = try await fetch(client, "\(Self.base)/app.js")
            let etag = try #require(first.headers[.eTag])
            let again = try await fetch(client, "\(Self.base)/app.js", headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified)
            #expect(again.body.isEmpty)
            let other = try await fetch(client, "\(Self.base)/app.js", headers: [.ifNoneMatch: "\"other\""])
            #expect(other.status == .ok)

            let head = try await fetch(client, "\(Self.base)/app.js", method: .head)
            #expect(head.status == .ok)
            #expect(head.body.isEmpty)
            #expect(head.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(head.headers[.contentLength] == String(first.body.utf8.count))
        }
    }

    @Test func loadingSkipsHiddenFilesAndLinksAndLookupsRefuseUnsafePaths() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("static-\(UUID().uuidString)")
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("secret-\(UUID().uuidString).txt")
        defer {
            try? FileManager.default.removeItem(at: root)
            try? FileManager.default.removeItem(at: outside)
        }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("img"), withIntermediateDirectories: true)
        try Data("<!doctype html>".utf8).write(to: root.appendingPathComponent("index.html"))
        try Data("svg".utf8).write(to: root.appendingPathComponent("img/logo.svg"))
        try Data("hidden".utf8).write(to: root.appendingPathComponent(".env"))
        try Data("secret".utf8).write(to: outside)
        try FileManager.default.createSymbolicLink(
            at: root.appendingPathComponent("link.txt"), withDestinationURL: outside)

        let files = try StaticFiles(directory: root)
        #expect(Set(files.files.keys) == ["index.html", "img/logo.svg"])
        #expect(files.file(at: "")?.contentType == "text/html; charset=utf-8")
        #expect(files.file(at: "img/logo.svg")?.contentType == "image/svg+xml")
        #expect(files.file(at: "img/") == nil, "no index.html there")
        for bad in ["../index.html", "img/../index.html", "./index.html", ".env", "link.txt", "img//logo.svg", "%2e%2e/x"] {
            #expect(files.file(at: bad) == nil, "\(bad)")
        }
        #expect(files.files["index.html"]?.etag != files.files["img/logo.svg"]?.etag)
    }

    @Test func contentTypesAndETagMatching() {
        #expect(StaticFiles.contentType(forPath: "a/b/App.JS") == "text/javascript; charset=utf-8")
        #expect(StaticFiles.contentType(forPath: "data.json") == "application/json; charset=utf-8")
        #expect(StaticFiles.contentType(forPath: "README") == "application/octet-stream")
        #expect(StaticFileRoutes.matches(#"W/"abc", "def""#, etag: #""def""#))
        #expect(StaticFileRoutes.matches("*", etag: #""def""#))
        #expect(!StaticFileRoutes.matches(#""abc""#, etag: #""def""#))
    }

    /// The first capture group of every match of `pattern` in `text`.
    func matches(of pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
