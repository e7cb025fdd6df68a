import AsyncHTTPClient
import Testing

@testable import GWSProxy

/// The proxy in-process against real upstream servers on port 0, with a fake discovery source.
@Suite("Proxy end to end")
struct ProxyEndToEndTests {
    @Test func balancesRequestsOverPassingInstances() async throws {
        let a = TestUpstream(name: "a")
        let b = TestUpstream(name: "b")
        try await withServices([a.makeApplication(), b.makeApplication()]) {
            let source = FakeUpstreamSource([workspaceService: [try await a.instance(), try await b.instance()]])
            let proxy = try makeProxy(source: source)
            try await withServices(try proxy.makeServices()) {
                let base = try await proxy.baseURL()
                try await proxy.waitUntilHeard()
                var names: [String] = []
                for _ in 0..<6 {
                    let response = try await send(base + "/workspace/v3/whoami")
                    #expect(response.status == 200)
                    names.append(response.body)
                }
                #expect(names.filter { $0 == "a" }.count == 3)
                #expect(names.filter { $0 == "b" }.count == 3)
                #expect(
                    try await proxy.metric(#"gws_proxy_requests_total{service="gws-app-workspace",status="200"}"#) == 6)
            }
        }
    }

    @Test func followsDiscoveryUpdates() async throws {
        let a = TestUpstream(name: "a")
        let b = TestUpstream(name: "b")
        try await withServices([a.makeApplication(), b.makeApplication()]) {
            let source = FakeUpstreamSource([workspaceService: [try await a.instance()]])
            let proxy = try makeProxy(source: source)
            try await withServices(try proxy.makeServices()) {
                let base = try await proxy.baseURL()
                try await proxy.waitUntilHeard()
                #expect(try await send(base + "/workspace/v3/whoami").body == "a")
                source.set(workspaceService, [try await b.instance()])
                #expect(try await waitUntil { proxy.directory.instances(of: workspaceService).map(\.id) == ["b"] })
                #expect(try await send(base + "/workspace/v3/whoami").body == "b")
            }
        }
    }

    @Test func stoppedInstanceIsEjectedAndGETsAreRetriedWithoutFailure() async throws {
        let a = TestUpstream(name: "a")
        let b = TestUpstream(name: "b")
        let runningA = RunningServices.start([a.makeApplication()])
        try await withServices([b.makeApplication()]) {
            let source = FakeUpstreamSource([workspaceService: [try await a.instance(), try await b.instance()]])
            let proxy = try makeProxy(source: source)
            try await withServices(try proxy.makeServices()) {
                let base = try await proxy.baseURL()
                try await proxy.waitUntilHeard()
                #expect(try await send(base + "/workspace/v3/whoami").status == 200)
                try await runningA.stop()  // discovery still lists a
                for _ in 0..<6 {
                    let response = try await send(base + "/workspace/v3/whoami")
                    #expect(response.status == 200)
                    #expect(response.body == "b")
                }
                #expect(proxy.directory.ejectedIDs(service: workspaceService, now: proxy.now()) == ["a"])
                #expect(try await proxy.metric(#"gws_proxy_ejections_total{service="gws-app-workspace"}"#) == 1)
                #expect(try await proxy.metric(#"gws_proxy_retries_total{service="gws-app-workspace"}"#) ?? 0 >= 1)
            }
        }
    }

    @Test func postIsNeverRetried() async throws {
        let live = TestUpstream(name: "b-live")
        try await withServices([live.makeApplication()]) {
            // Round-robin starts with the lowest id: the dead instance.
            let dead = try await stoppedInstance(id: "a-dead")
            let source = FakeUpstreamSource([workspaceService: [dead, try await live.instance()]])
            let proxy = try makeProxy(source: source)
            try await withServices(try proxy.makeServices()) {
                let base = try await proxy.baseURL()
                try await proxy.waitUntilHeard()
                let response = try await send(base + "/workspace/v3/echo", method: "POST", body: "hello")
                #expect(response.status == 502)
                #expect(response.envelopeStatus?.code == 502)
                #expect(live.received.all.isEmpty)
                #expect(try await proxy.metric(#"gws_proxy_retries_total{service="gws-app-workspace"}"#) == nil)
                // The dead instance is ejected: the next POST reaches the live one.
                let second = try await send(base + "/workspace/v3/echo", method: "POST", body: "hello")
                #expect(second.status == 201)
                #expect(second.body == "hello")
            }
        }
    }

    @Test func everyAttemptFailedIs502() async throws {
        let dead = try await stoppedInstance(id: "dead")
        let source = FakeUpstreamSource([workspaceService: [dead]])
        let proxy = try makeProxy(source: source)
        try await withServices(try proxy.makeServices()) {
            let base = try await proxy.baseURL()
            try await proxy.waitUntilHeard()
            let response = try await send(base + "/workspace/v3/whoami")
            #expect(response.status == 502)
            #expect(response.envelopeStatus?.code == 502)
            #expect(response.envelopeStatus?.message?.contains(workspaceService) == true)
            #expect(response.headers["content-type"]?.hasPrefix("application/json") == true)
        }
    }

    @Test func noPassingInstanceIs503NamingTheService() async throws {
        let source = FakeUpstreamSource(["gws-platform-statistics": []])
        let proxy = try makeProxy(source: source)
        try await withServices(try proxy.makeServices()) {
            let base = try await proxy.baseURL()
            try await proxy.waitUntilHeard("gws-platform-statistics")
            let response = try await send(base + "/statistics/v3/subscriptions")
            #expect(response.status == 503)
            #expect(response.envelopeStatus?.code == 503)
            #expect(response.envelopeStatus?.message == "no passing instance of gws-platform-statistics")
            #expect(
                try await proxy.metric(#"gws_proxy_requests_total{service="gws-platform-statistics",status="503"}"#)
                    == 1)
        }
    }

    @Test func unknownPrefixIs404Envelope() async throws {
        let proxy = try makeProxy(source: FakeUpstreamSource())
        try await withServices(try proxy.makeServices()) {
            let response = try await send(try await proxy.baseURL() + "/nowhere/v3/thing")
            #expect(response.status == 404)
            #expect(response.envelopeStatus?.code == 404)
            #expect(response.envelopeStatus?.message == "not found: GET /nowhere/v3/thing")
        }
    }

    @Test func forwardsPathQueryHeadersAndBody() async throws {
        let a = TestUpstream(name: "a")
        try await withServices([a.makeApplication()]) {
            let source = FakeUpstreamSource([workspaceService: [try await a.instance()]])
            let proxy = try makeProxy(source: source)
            try await withServices(try proxy.makeServices()) {
                let base = try await proxy.baseURL()
                try await proxy.waitUntilHeard()
                let inspect = try await send(
                    base + "/workspace/v3/inspect?x=1&y=two",
                    headers: [
                        ("Authorization", "Bearer t"), ("Connection", "keep-alive, X-Private"), ("X-Private", "1"),
                    ])
                #expect(inspect.status == 200)
                let seen = inspect.jsonStrings
                #expect(seen["query"] == "x=1&y=two")
                #expect(seen["authorization"] == "Bearer t")
                #expect(seen["x-private"] == nil)
                #expect(seen["x-forwarded-for"] == "127.0.0.1")
                #expect(seen["x-forwarded-proto"] == "http")
                #expect(seen["x-forwarded-host"] == base.replacingOccurrences(of: "http://", with: ""))

                let echo = try await send(
                    base + "/workspace/v3/echo", method: "POST", body: String(repeating: "z", count: 100_000))
                #expect(echo.status == 201)
                #expect(echo.body.count == 100_000)
                #expect(echo.headers["content-type"] == "text/plain")
            }
        }
    }

    @Test func upstreamErrorsPassThroughUnchanged() async throws {
        let a = TestUpstream(name: "a")
        try await withServices([a.makeApplication()]) {
            let source = FakeUpstreamSource([workspaceService: [try await a.instance()]])
            let proxy = try makeProxy(source: source)
            try await withServices(try proxy.makeServices()) {
                let base = try await proxy.baseURL()
                try await proxy.waitUntilHeard()
                let response = try await send(base + "/workspace/v3/missing")
                #expect(response.status == 404)
                #expect(response.envelopeStatus?.message == "not found: GET /workspace/v3/missing")
                #expect(proxy.directory.ejectedIDs(service: workspaceService, now: proxy.now()).isEmpty)
                // The upstream's own endpoints are reachable through the proxy too.
                let version = try await send(base + "/workspace/v3/version")
                #expect(version.jsonStrings["instance"] == "a")
            }
        }
    }

    @Test func proxyServesItsOwnEndpointsAndIsReadyOnceDiscoveryAnswered() async throws {
        let source = FakeUpstreamSource()
        let proxy = try makeProxy(source: source)
        try await withServices(try proxy.makeServices()) {
            let base = try await proxy.baseURL()
            #expect(try await send(base + "/livez").body == "ok")
            let notReady = try await send(base + "/readyz?verbose")
            #expect(notReady.status == 503)
            #expect(
                notReady.body == """
                    [+]ping ok
                    [-]discovery failed: no answer from discovery yet for gws-app-workspace, gws-platform-statistics
                    readyz check failed

                    """)
            source.set(workspaceService, [])
            source.set("gws-platform-statistics", [])
            #expect(try await waitUntil { proxy.directory.unheardServices.isEmpty })
            let ready = try await send(base + "/readyz")
            #expect(ready.status == 200)
            #expect(ready.body == "ok")
            let version = try await send(base + "/proxy/v3/version")
            #expect(version.jsonStrings["role"] == "proxy")
            #expect(version.jsonStrings["instance"] == "proxy-0")
        }
    }
}
