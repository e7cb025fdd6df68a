import GWSServiceKit
import GWSSpec
import Hummingbird
import Testing

@testable import GWSProxy

@Suite("Proxy routes and configuration")
struct ProxyRouteTableTests {
    let table = ProxyRouteTable([
        ProxyRoute(prefix: "/workspace/v3", service: "gws-app-workspace"),
        ProxyRoute(prefix: "/workspace/v3/voice/", service: "voice-special"),
        ProxyRoute(prefix: "/auth/v3", service: "gws-core-auth"),
    ])

    @Test func longestPrefixOnSegmentBoundaries() {
        #expect(table.match("/workspace/v3")?.service == "gws-app-workspace")
        #expect(table.match("/workspace/v3/current-session")?.service == "gws-app-workspace")
        #expect(table.match("/workspace/v3/voice")?.service == "voice-special")
        #expect(table.match("/workspace/v3/voice/ready")?.service == "voice-special")
        #expect(table.match("/workspace/v3/voicemail")?.service == "gws-app-workspace")
        #expect(table.match("/workspace/v30") == nil)
        #expect(table.match("/") == nil)
        #expect(table.match("/auth/v3/oauth/token")?.service == "gws-core-auth")
    }

    @Test func rootPrefixCatchesEverythingElse() {
        let table = ProxyRouteTable([
            ProxyRoute(prefix: "/", service: "ui"), ProxyRoute(prefix: "/auth/v3", service: "auth"),
        ])
        #expect(table.match("/index.html")?.service == "ui")
        #expect(table.match("/auth/v3/x")?.service == "auth")
    }

    @Test func servicesAreDistinct() {
        let table = ProxyRouteTable([
            ProxyRoute(prefix: "/auth/v3", service: "gws-core-auth"),
            ProxyRoute(prefix: "/environment/v3", service: "gws-core-auth"),
        ])
        #expect(table.services == ["gws-core-auth"])
    }

    @Test func catalogDefaultsRouteEveryBasePathButTheProxys() {
        let routes = ProxyRouteTable(ProxyRoute.catalogDefaults)
        #expect(routes.match("/environment/v3/x")?.service == "gws-core-auth")
        #expect(routes.match("/ui/provisioning/index.html")?.service == "gws-ui-provisioning")
        #expect(routes.match("/proxy/v3/version") == nil)
        #expect(Set(routes.services).count == RoleCatalog.all.count - 1)
    }

    @Test func environmentRoutesAndTLS() throws {
        let config = try ProxyConfiguration.fromEnvironment([
            "GWS_PROXY_ROUTES": #"[{"prefix":"/workspace/v3","service":"gws-app-workspace"}]"#,
            "GWS_PROXY_TLS_PORT": "8443",
            "GWS_PROXY_TLS_CERT": "/certs/tls.crt",
            "GWS_PROXY_TLS_KEY": "/certs/tls.key",
        ])
        #expect(config.routes.routes == [ProxyRoute(prefix: "/workspace/v3", service: "gws-app-workspace")])
        #expect(config.tls == .init(port: 8443, certificatePath: "/certs/tls.crt", keyPath: "/certs/tls.key"))
        #expect(config.upstreamTimeout == .seconds(120))
        #expect(config.maxRetries == 2)
        #expect(config.ejectionDuration == .seconds(5))
    }

    @Test func noEnvironmentMeansCatalogRoutesAndNoTLS() throws {
        let config = try ProxyConfiguration.fromEnvironment([:])
        #expect(config.routes == ProxyRouteTable(ProxyRoute.catalogDefaults))
        #expect(config.tls == nil)
    }

    @Test func badSettingsAreRejectedWithTheirVariable() {
        #expect(throws: ServiceConfigurationError.self) {
            try ProxyConfiguration.fromEnvironment(["GWS_PROXY_ROUTES": "not json"])
        }
        #expect(throws: ServiceConfigurationError.self) {
            try ProxyConfiguration.fromEnvironment(["GWS_PROXY_ROUTES": #"[{"prefix":"nope","service":"x"}]"#])
        }
        #expect(throws: ServiceConfigurationError.self) {
            try ProxyConfiguration.fromEnvironment(["GWS_PROXY_TLS_PORT": "8443"])
        }
        #expect(throws: ServiceConfigurationError.self) {
            try ProxyConfiguration.fromEnvironment([
                "GWS_PROXY_TLS_PORT": "x", "GWS_PROXY_TLS_CERT": "c", "GWS_PROXY_TLS_KEY": "k",
            ])
        }
    }

    @Test func retryPolicyRetriesOnlyIdempotentMethodsWithinBudget() {
        let policy = RetryPolicy(maxRetries: 2)
        for method: HTTPRequest.Method in [.get, .head, .options, .put, .delete] {
            #expect(policy.mayRetry(method, retriesSoFar: 0))
            #expect(policy.mayRetry(method, retriesSoFar: 1))
            #expect(!policy.mayRetry(method, retriesSoFar: 2))
        }
        #expect(!policy.mayRetry(.post, retriesSoFar: 0))
        #expect(!policy.mayRetry(.patch, retriesSoFar: 0))
    }
}
