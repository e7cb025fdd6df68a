import Testing

@testable import GWSProxy

@Suite("Proxy header rewriting")
struct ProxyHeadersTests {
    func names(_ headers: [(name: String, value: String)]) -> [String] { headers.map(\.name) }
    func value(_ name: String, in headers: [(name: String, value: String)]) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    @Test func requestDropsHopByHopAndAddsForwardedHeaders() {
        let headers = ProxyHeaders.upstreamRequest(
            [
                ("Accept", "application/json"), ("Connection", "keep-alive, X-Private"), ("X-Private", "1"),
                ("Keep-Alive", "timeout=5"), ("Transfer-Encoding", "chunked"), ("Upgrade", "websocket"),
                ("Content-Length", "3"), ("Host", "gws.example.com"), ("Cookie", "WORKSPACE_SESSIONID=abc"),
                ("Authorization", "Bearer t"),
            ],
            forwarding: .init(clientAddress: "10.0.0.7", scheme: "https", host: "gws.example.com"))
        #expect(
            names(headers) == [
                "Accept", "Cookie", "Authorization", "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host",
            ])
        #expect(value("X-Forwarded-For", in: headers) == "10.0.0.7")
        #expect(value("X-Forwarded-Proto", in: headers) == "https")
        #expect(value("X-Forwarded-Host", in: headers) == "gws.example.com")
    }

    @Test func forwardedForExtendsAnExistingChainAndOthersAreReplaced() {
        let headers = ProxyHeaders.upstreamRequest(
            [("X-Forwarded-For", "1.1.1.1, 2.2.2.2"), ("X-Forwarded-Proto", "http"), ("X-Forwarded-Host", "evil")],
            forwarding: .init(clientAddress: "3.3.3.3", scheme: "https", host: nil))
        #expect(value("X-Forwarded-For", in: headers) == "1.1.1.1, 2.2.2.2, 3.3.3.3")
        #expect(value("X-Forwarded-Proto", in: headers) == "https")
        #expect(value("X-Forwarded-Host", in: headers) == nil)
    }

    @Test func cookiesAreJoinedIntoOneHeader() {
        let headers = ProxyHeaders.upstreamRequest(
            [("Cookie", "a=1"), ("Accept", "*/*"), ("cookie", "b=2")],
            forwarding: .init(clientAddress: nil, scheme: "http", host: nil))
        #expect(names(headers) == ["Cookie", "Accept", "X-Forwarded-Proto"])
        #expect(value("Cookie", in: headers) == "a=1; b=2")
    }

    @Test func responseKeepsEndToEndHeadersOnly() {
        let headers = ProxyHeaders.clientResponse([
            ("Content-Type", "application/json"), ("Content-Length", "10"), ("Set-Cookie", "a=b"),
            ("Connection", "close"), ("Transfer-Encoding", "chunked"), ("Keep-Alive", "timeout=5"),
        ])
        #expect(names(headers) == ["Content-Type", "Content-Length", "Set-Cookie"])
    }
}
