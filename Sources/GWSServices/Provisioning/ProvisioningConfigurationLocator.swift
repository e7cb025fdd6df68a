import GWSDiscovery
import GWSServiceKit

/// Where the Configuration service answers: Provisioning asks for a base URL
/// (`http://host:port`) before each call and reports a failed instance so that
/// the next call finds another one.
protocol ProvisioningConfigurationLocator: Sendable {
    /// The base URL of a usable Configuration instance.
    ///
    /// - Throws: `GWSError(.serviceUnavailable)` naming the service when there is none.
    func baseURL() async throws -> String
    /// Forgets `url` (it failed): the next `baseURL()` looks again.
    func invalidate(_ url: String) async
}

/// The Configuration service's Consul name.
let provisioningConfigurationServiceName = "gws-platform-configuration"

/// The 503 answered when no Configuration instance can be reached.
func provisioningConfigurationUnavailable(_ detail: String) -> GWSError {
    GWSError(.serviceUnavailable, "the Configuration service (\(provisioningConfigurationServiceName)) is unavailable: \(detail)")
}

/// A Configuration at a fixed URL (tests, or a deployment without Consul).
struct FixedConfigurationLocator: ProvisioningConfigurationLocator {
    let url: String

    func baseURL() async throws -> String { url }
    func invalidate(_ url: String) async {}
}
