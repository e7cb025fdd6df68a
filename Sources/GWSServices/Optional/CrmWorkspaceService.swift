import GWSServiceKit
import GWSSpec
import Hummingbird

/// The `crm-workspace` role: the CRM workspace UI (`/ui/crm-workspace`, optional), a static web app.
///
/// Serves the standard endpoints, `GET <basePath>/version` and a small
/// `index.html` at its base path.
public enum CrmWorkspaceService: GWSApplicationRole {
    public static let descriptor = RoleCatalog.required("crm-workspace")

    public static func buildApplication(_ scaffold: ServiceScaffold) -> some ApplicationProtocol {
        let router = scaffold.makeRouter()
        router.addStaticIndex(StaticIndexPage(title: "CRM Workspace", configuration: scaffold.configuration))
        return scaffold.makeApplication(router: router)
    }
}
