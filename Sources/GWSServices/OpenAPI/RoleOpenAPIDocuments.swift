import GWSServiceKit
import GWSSpec

/// The OpenAPI document each API role serves at `GET <basePath>/openapi.json`,
/// by role name (the UI roles `agent-setup` and `crm-workspace` serve none).
enum RoleOpenAPIDocuments {
    /// The document of `role`, or nil for roles without an API.
    static func document(role: String) -> OpenAPIDocument? {
        switch role {
        case "auth": AuthOpenAPI.document
        case "tenant": SwitchOpenAPI.tenant
        case "configuration": ConfigurationOpenAPI.document
        case "setting": SettingOpenAPI.document
        case "voice": SwitchOpenAPI.voice
        case "ixn": SwitchOpenAPI.ixn
        case "provisioning": ProvisioningOpenAPI.document
        case "workspace": WorkspaceOpenAPI.document
        case "statistics": StatisticsOpenAPI.statistics
        case "datacollector": StatisticsOpenAPI.dataCollector
        case "ocs", "chat", "ucs":
            RoleCatalog.byRole(role).map { SwitchOpenAPI.standard(title: "GWS \(role) service", basePath: $0.basePath) }
        default: nil
        }
    }

    /// Every role with a document.
    static let roles = [
        "auth", "tenant", "configuration", "setting", "statistics", "datacollector", "voice", "ixn", "provisioning", "workspace",
        "ocs", "chat", "ucs",
    ]
}
