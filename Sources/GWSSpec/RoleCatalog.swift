/// One GWS service role: how it is named in Helm values, on the command line,
/// in Consul, and where its HTTP API lives behind the service proxy.
public struct RoleDescriptor: Sendable, Hashable, Codable {
    /// The `gwsServices` key in Helm values (`gwsAppWorkspace`), or the
    /// `externals` key for stand-ins of external systems (`auth`).
    public let key: String
    /// The `gws-service` subcommand (`workspace`).
    public let role: String
    /// The name it registers under in Consul (`gws-app-workspace`).
    public let serviceName: String
    /// Path prefixes the proxy routes to it; the first is its base path
    /// (`GET <base>/version` answers there).
    public let basePaths: [String]
    /// The `GWS_<SERVICE>_…` environment prefix segment (`WORKSPACE`).
    public let envSegment: String
    /// Whether the role is part of the built-in local defaults.
    public let enabledByDefault: Bool
    /// Stand-in for an external system (under `externals` in the spec).
    public let isExternal: Bool
    /// A human description.
    public let summary: String

    public var basePath: String { basePaths[0] }

    public init(
        key: String, role: String, serviceName: String, basePaths: [String], envSegment: String,
        enabledByDefault: Bool = true, isExternal: Bool = false, summary: String
    ) {
        self.key = key
        self.role = role
        self.serviceName = serviceName
        self.basePaths = basePaths
        self.envSegment = envSegment
        self.enabledByDefault = enabledByDefault
        self.isExternal = isExternal
        self.summary = summary
    }
}

/// Every role gws-operator knows, in start order (the proxy last).
public enum RoleCatalog {
    public static let proxy = RoleDescriptor(
        key: "gwsServiceProxy", role: "proxy", serviceName: "gws-service-proxy",
        basePaths: ["/proxy/v3"], envSegment: "PROXY",
        summary: "service proxy: the single entry point, routes by path prefix")

    public static let all: [RoleDescriptor] = [
        RoleDescriptor(
            key: "auth", role: "auth", serviceName: "gws-core-auth",
            basePaths: ["/auth/v3", "/environment/v3"], envSegment: "AUTH", isExternal: true,
            summary: "stand-in for Genesys Authentication (OAuth2)"),
        RoleDescriptor(
            key: "tenant", role: "tenant", serviceName: "gws-tenant-service",
            basePaths: ["/tenant/v3"], envSegment: "TENANT", isExternal: true,
            summary: "stand-in for the Tenant Service and its SIP server"),
        RoleDescriptor(
            key: "gwsPlatformConfiguration", role: "configuration", serviceName: "gws-platform-configuration",
            basePaths: ["/configuration/v3"], envSegment: "CONFIGURATION",
            summary: "contact-center configuration: persons, agent groups, skills, DNs, places"),
        RoleDescriptor(
            key: "gwsPlatformSetting", role: "setting", serviceName: "gws-platform-setting",
            basePaths: ["/setting/v3"], envSegment: "SETTING",
            summary: "agent favorites, recents, tenant info"),
        RoleDescriptor(
            key: "gwsPlatformStatistics", role: "statistics", serviceName: "gws-platform-statistics",
            basePaths: ["/statistics/v3"], envSegment: "STATISTICS",
            summary: "Statistics API"),
        RoleDescriptor(
            key: "gwsPlatformDatacollector", role: "datacollector", serviceName: "gws-platform-datacollector",
            basePaths: ["/datacollector/v3"], envSegment: "DATACOLLECTOR",
            summary: "contact search, contact and agent state"),
        RoleDescriptor(
            key: "gwsPlatformVoice", role: "voice", serviceName: "gws-platform-voice",
            basePaths: ["/voice/v3"], envSegment: "VOICE",
            summary: "voice back end and its events"),
        RoleDescriptor(
            key: "gwsPlatformIxn", role: "ixn", serviceName: "gws-platform-ixn",
            basePaths: ["/ixn/v3"], envSegment: "IXN",
            summary: "multimedia interactions"),
        RoleDescriptor(
            key: "gwsPlatformOcs", role: "ocs", serviceName: "gws-platform-ocs",
            basePaths: ["/ocs/v3"], envSegment: "OCS", enabledByDefault: false,
            summary: "outbound back end (optional)"),
        RoleDescriptor(
            key: "gwsPlatformChat", role: "chat", serviceName: "gws-platform-chat",
            basePaths: ["/chat/v3"], envSegment: "CHAT", enabledByDefault: false,
            summary: "chat back end (optional)"),
        RoleDescriptor(
            key: "gwsPlatformUcs", role: "ucs", serviceName: "gws-platform-ucs",
            basePaths: ["/ucs/v3"], envSegment: "UCS", enabledByDefault: false,
            summary: "UCS back end (optional)"),
        RoleDescriptor(
            key: "gwsAppProvisioning", role: "provisioning", serviceName: "gws-app-provisioning",
            basePaths: ["/provisioning/v3"], envSegment: "PROVISIONING",
            summary: "Provisioning API (back end of Agent Setup)"),
        RoleDescriptor(
            key: "gwsAppWorkspace", role: "workspace", serviceName: "gws-app-workspace",
            basePaths: ["/workspace/v3"], envSegment: "WORKSPACE",
            summary: "Workspace API and CometD notifications for the agent desktop"),
        RoleDescriptor(
            key: "gwsUiProvisioning", role: "agent-setup", serviceName: "gws-ui-provisioning",
            basePaths: ["/ui/provisioning"], envSegment: "UI_PROVISIONING",
            summary: "Agent Setup UI (static web app)"),
        RoleDescriptor(
            key: "gwsUiCrmworkspace", role: "crm-workspace", serviceName: "gws-ui-crmworkspace",
            basePaths: ["/ui/crm-workspace"], envSegment: "UI_CRMWORKSPACE", enabledByDefault: false,
            summary: "CRM workspace UI (optional, static)"),
        proxy,
    ]

    /// The roles under `gwsServices` (not the external stand-ins).
    public static var gwsServices: [RoleDescriptor] { all.filter { !$0.isExternal } }
    /// The stand-ins under `externals`.
    public static var externals: [RoleDescriptor] { all.filter { $0.isExternal } }

    public static func byKey(_ key: String) -> RoleDescriptor? { all.first { $0.key == key } }
    public static func byRole(_ role: String) -> RoleDescriptor? { all.first { $0.role == role } }
    public static func byServiceName(_ name: String) -> RoleDescriptor? { all.first { $0.serviceName == name } }
}
