import GWSDiscovery
import GWSSpec
import Hummingbird
import Testing

@testable import GWSProxy
@testable import GWSServiceKit

/// Registration and discovery through the embedded Consul-compatible registry, over HTTP.
@Suite("Consul registration and discovery")
struct ConsulIntegrationTests {
    /// The embedded registry served on port 0, with its check runner.
    struct EmbeddedConsul {
        let registry = ConsulRegistry(logger: testLogger("consul"))
        let listening = ListeningAddress()
        var port = 0

        func start() -> RunningServices {
            let router = Router()
            ConsulAPI.addRoutes(to: router, registry: registry)
            let listening = listening
            let app = Application(
                router: router,
                configuration: .init(address: .hostname("127.0.0.1", port: port)),
                onServerRunning: { listening.bind(port: $0.localAddress?.port ?? 0) },
                logger: testLogger("consul"))
            // Blocking queries hold requests open: cut the graceful shutdown short.
            return RunningServices.start(
                [app, ConsulCheckRunner(registry: registry, logger: testLogger("consul"))],
                gracePeriod: .milliseconds(200))
        }

        func url() async throws -> String { "http://127.0.0.1:\(try await listening.waitForPort())" }

        /// Runs `body` with the registry serving, then stops it.
        func run<T>(_ body: (String) async throws -> T) async throws -> T {
            let running = start()
            do {
                let result = try await body(try await url())
                try? await running.stop()
                return result
            } catch {
                try? await running.stop()
                throw error
            }
        }
    }

    @Test func servicesRegisterAreFoundThroughTheProxyAndDeregisterOnShutdown() async throws {
        let consul = EmbeddedConsul()
        try await consul.run { consulURL in
            // A workspace instance that registers itself.
            var configuration = ServiceConfiguration(role: RoleCatalog.required("workspace"))
            configuration.instanceID = "workspace-1"
            configuration.consulURL = consulURL
            configuration.location = "/USW1"
            configuration.deploymentTag = "blue"
            let workspace = ServiceScaffold(
                configuration: configuration, logger: testLogger("ws"), announcesListening: false)
            let workspaceRunning = RunningServices.start(
                ServiceRunner(scaffold: workspace, handlesSignals: false)
                    .makeServiceGroup([workspace.makeApplication(router: workspace.makeRouter())]))
            let port = try await workspace.listening.waitForPort()
            #expect(try await waitUntil { await !consul.registry.healthyInstances(of: "gws-app-workspace").isEmpty })
            let registered = await consul.registry.healthyInstances(of: "gws-app-workspace")
            #expect(
                registered == [
                    ConsulServiceInstance(
                        id: "workspace-1", name: "gws-app-workspace", address: "127.0.0.1", port: port,
                        tags: ["/USW1", "blue"],
                        meta: ["role": "workspace", "instance": "workspace-1", "version": GWSVersion.version])
                ])

            // A proxy that learns upstreams from Consul and registers itself too.
            var proxyConfiguration = ServiceConfiguration(role: RoleCatalog.proxy)
            proxyConfiguration.consulURL = consulURL
            let proxyScaffold = ServiceScaffold(
                configuration: proxyConfiguration, logger: testLogger("proxy"), announcesListening: false)
            let source = ConsulUpstreamSource(
                client: ConsulClient(baseURL: consulURL, logger: testLogger("proxy")), logger: testLogger("proxy"))
            let proxy = try ProxyServer(
                scaffold: proxyScaffold,
                configuration: ProxyConfiguration(routes: [
                    ProxyRoute(prefix: "/workspace/v3", service: "gws-app-workspace")
                ]),
                source: source)
            let proxyRunning = RunningServices.start(
                ServiceRunner(scaffold: proxyScaffold, handlesSignals: false).makeServiceGroup(try proxy.makeServices())
            )
            let base = try await proxy.baseURL()
            try await proxy.waitUntilHeard()
            let version = try await send(base + "/workspace/v3/version")
            #expect(version.status == 200)
            #expect(version.jsonStrings["instance"] == "workspace-1")
            #expect(try await waitUntil { await !consul.registry.healthyInstances(of: "gws-service-proxy").isEmpty })

            // Graceful shutdown deregisters; the proxy hears it and answers 503.
            try await workspaceRunning.stop()
            #expect(await consul.registry.healthyInstances(of: "gws-app-workspace").isEmpty)
            #expect(try await waitUntil { proxy.directory.instances(of: "gws-app-workspace").isEmpty })
            #expect(try await send(base + "/workspace/v3/version").status == 503)

            try await proxyRunning.stop()
            #expect(await consul.registry.healthyInstances(of: "gws-service-proxy").isEmpty)
        }
    }

    @Test func registrarRetriesUntilConsulAnswers() async throws {
        // Consul is not listening yet at the configured URL.
        let placeholder = try await stoppedInstance(id: "placeholder")
        var configuration = ServiceConfiguration(role: RoleCatalog.required("statistics"))
        configuration.instanceID = "statistics-0"
        configuration.consulURL = "http://127.0.0.1:\(placeholder.port)"
        let statistics = ServiceScaffold(
            configuration: configuration, logger: testLogger("stats"), announcesListening: false)
        let running = RunningServices.start(
            ServiceRunner(scaffold: statistics, handlesSignals: false)
                .makeServiceGroup([statistics.makeApplication(router: statistics.makeRouter())]))
        _ = try await statistics.listening.waitForPort()
        // Then it comes up on that port: the registrar's retries get through.
        var consul = EmbeddedConsul()
        consul.port = placeholder.port
        try await consul.run { _ in
            #expect(
                try await waitUntil { await !consul.registry.healthyInstances(of: "gws-platform-statistics").isEmpty })
            try await running.stop()
            #expect(await consul.registry.healthyInstances(of: "gws-platform-statistics").isEmpty)
        }
    }

    @Test func registrarRegistersAgainWhenConsulForgetsTheInstance() async throws {
        let consul = EmbeddedConsul()
        try await consul.run { consulURL in
            var configuration = ServiceConfiguration(role: RoleCatalog.required("setting"))
            configuration.instanceID = "setting-0"
            let setting = ServiceScaffold(
                configuration: configuration, logger: testLogger("setting"), announcesListening: false)
            var registrar = ConsulRegistrar(
                configuration: configuration,
                client: ConsulHTTPClient.client(baseURL: consulURL, token: nil, logger: testLogger("setting")),
                listening: setting.listening, health: setting.health, logger: testLogger("setting"))
            registrar.resyncInterval = .milliseconds(20)
            let running = RunningServices.start([setting.makeApplication(router: setting.makeRouter()), registrar])
            let registered = try await waitUntil {
                await !consul.registry.healthyInstances(of: "gws-platform-setting").isEmpty
            }
            #expect(registered)
            // The operator's embedded registry restarted and lost it.
            _ = await consul.registry.deregister(serviceID: "setting-0")
            let back = try await waitUntil {
                await consul.registry.healthyInstances(of: "gws-platform-setting").map(\.id) == ["setting-0"]
            }
            #expect(back)
            try await running.stop()
            #expect(await consul.registry.healthyInstances(of: "gws-platform-setting").isEmpty)
        }
    }
}
