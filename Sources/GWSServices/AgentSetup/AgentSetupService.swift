import GWSServiceKit
import GWSSpec
import Hummingbird

/// The `agent-setup` role: the Agent Setup UI (`/ui/provisioning`), a static web app.
///
/// Serves the standard endpoints, `GET <basePath>/version` and a small
/// `index.html` at its base path.
public enum AgentSetupService: GWSApplicationRole {
    public static let descriptor = RoleCatalog.required("agent-setup")

    public static func buildApplication(_ scaffold: ServiceScaffold) -> some ApplicationProtocol {
        let router = scaffold.makeRouter()
        router.addStaticIndex(StaticIndexPage(title: "Agent Setup", configuration: scaffold.configuration))
        return scaffold.makeApplication(router: router)
    }
}
