import GWSDiscovery
import GWSSpec
import Testing

@testable import GWSServiceKit

@Suite("Service configuration and registration")
struct ServiceConfigurationTests {
    let workspace = RoleCatalog.required("workspace")

    @Test func defaultsWithAnEmptyEnvironment() throws {
        let config = try ServiceConfiguration.fromEnvironment(role: workspace, environment: [:])
        #expect(config.instanceID == "workspace-0")
        #expect(config.serviceName == "gws-app-workspace")
        #expect(config.host == "127.0.0.1")
        #expect(config.port == 0)
        #expect(config.consulURL == nil)
        #expect(config.checkInterval == .seconds(1))
        #expect(config.contextEnv.isEmpty)
    }

    @Test func readsEveryContractKey() throws {
        let config = try ServiceConfiguration.fromEnvironment(
            role: workspace,
            environment: [
                "GWS_ROLE": "workspace", "GWS_INSTANCE_ID": "workspace-2", "GWS_SERVICE_NAME": "gws-app-workspace-dr",
                "GWS_HOST": "0.0.0.0", "GWS_PORT": "18080", "GWS_CONSUL_URL": "http://127.0.0.1:8500",
                "GWS_CONSUL_TOKEN": "secret", "GWS_CONSUL_CHECK_INTERVAL_SECONDS": "0.5", "GWS_LOCATION": "/USW1",
                "GWS_DEPLOYMENT_TAG": "blue", "GWS_DEPLOYMENT_NAME": "demo",
                "GWS_SERVICE_AUTH_URL": "http://auth", "GWS_SERVICE_CONF_URL": "http://conf",
                "GWS_SERVICE_VOICEMAIL_URL": "http://vm",
                "GWS_WORKSPACE_timeouts_requestTimeoutMs": "30000", "GWS_VOICE_timeouts_x": "1", "PATH": "/bin",
            ])
        #expect(config.instanceID == "workspace-2")
        #expect(config.serviceName == "gws-app-workspace-dr")
        #expect(config.host == "0.0.0.0")
        #expect(config.advertisedAddress == "127.0.0.1")
        #expect(config.port == 18080)
        #expect(config.consulURL == "http://127.0.0.1:8500")
        #expect(config.consulToken == "secret")
        #expect(config.checkInterval == .milliseconds(500))
        #expect(config.location == "/USW1")
        #expect(config.deploymentTag == "blue")
        #expect(config.deploymentName == "demo")
        #expect(config.authURL == "http://auth")
        #expect(config.confURL == "http://conf")
        #expect(config.voicemailURL == "http://vm")
        #expect(config.contextEnv == ["GWS_WORKSPACE_timeouts_requestTimeoutMs": "30000"])
    }

    @Test func rejectsBadValuesNamingTheVariable() {
        #expect(
            throws: ServiceConfigurationError(key: "GWS_PORT", value: "http", reason: "not a port number (0-65535)")
        ) {
            try ServiceConfiguration.fromEnvironment(role: workspace, environment: ["GWS_PORT": "http"])
        }
        #expect(throws: ServiceConfigurationError.self) {
            try ServiceConfiguration.fromEnvironment(role: workspace, environment: ["GWS_PORT": "70000"])
        }
        #expect(throws: ServiceConfigurationError.self) {
            try ServiceConfiguration.fromEnvironment(
                role: workspace, environment: ["GWS_CONSUL_CHECK_INTERVAL_SECONDS": "0"])
        }
        #expect(throws: ServiceConfigurationError.self) {
            try ServiceConfiguration.fromEnvironment(role: workspace, environment: ["GWS_ROLE": "voice"])
        }
    }

    @Test func registrationDescribesTheInstance() throws {
        var config = ServiceConfiguration(role: workspace)
        config.instanceID = "workspace-1"
        config.location = "/USW1"
        config.deploymentTag = ""
        let registration = ConsulRegistrar.registration(for: config, port: 41000, initiallyPassing: true)
        #expect(registration.id == "workspace-1")
        #expect(registration.name == "gws-app-workspace")
        #expect(registration.address == "127.0.0.1")
        #expect(registration.port == 41000)
        #expect(registration.tags == ["/USW1"])
        #expect(registration.meta == ["role": "workspace", "instance": "workspace-1", "version": GWSVersion.version])
        let check = try #require(registration.checks.first)
        #expect(check.http == "http://127.0.0.1:41000/readyz")
        #expect(check.interval == "1s")
        #expect(check.timeout == "1s")
        #expect(check.deregisterCriticalServiceAfter == "1m0s" || check.deregisterCriticalServiceAfter == "1m")
        #expect(check.status == .passing)
        #expect(ConsulRegistrar.registration(for: config, port: 1, initiallyPassing: false).checks.first?.status == nil)
    }

    @Test func listeningAddressWakesWaitersAndHonoursCancellation() async throws {
        let address = ListeningAddress()
        #expect(address.port == nil)
        let waiter = Task { try await address.waitForPort() }
        let cancelled = Task { try await address.waitForPort() }
        cancelled.cancel()
        await #expect(throws: CancellationError.self) { try await cancelled.value }
        address.bind(port: 4242)
        address.bind(port: 1)  // ignored
        #expect(try await waiter.value == 4242)
        #expect(try await address.waitForPort() == 4242)
    }

    @Test func backoffGrowsToItsCeilingWithJitter() {
        var backoff = RetryBackoff(initial: .milliseconds(100), maximum: .seconds(1))
        var generator = SystemRandomNumberGenerator()
        let delays = (0..<8).map { _ in backoff.next(using: &generator) }
        #expect(delays[0] >= .milliseconds(50) && delays[0] <= .milliseconds(100))
        #expect(delays[7] >= .milliseconds(500) && delays[7] <= .seconds(1))
        backoff.reset()
        #expect(backoff.next(using: &generator) <= .milliseconds(100))
    }
}
