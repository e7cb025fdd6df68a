import GWSSpec

/// Everything one `gws-service <role>` process needs to know about itself,
/// with defaults. Read from the environment in one place
/// (``fromEnvironment(role:environment:)``); tests build it in memory.
public struct ServiceConfiguration: Sendable, Equatable {
    /// The role this process plays.
    public var role: RoleDescriptor
    /// Unique in a deployment (`workspace-0`); the Consul service ID.
    public var instanceID: String
    /// The Consul service name (`gws-app-workspace`).
    public var serviceName: String
    /// Address to bind.
    public var host: String
    /// HTTP port; 0 picks any free port (the bound one is printed and registered).
    public var port: Int
    /// Consul HTTP API base URL; `nil` means no registration.
    public var consulURL: String?
    /// Consul ACL token.
    public var consulToken: String?
    /// How often Consul probes `/readyz`.
    public var checkInterval: Duration
    /// How long Consul waits for one `/readyz` answer.
    public var checkTimeout: Duration
    /// How long an instance may stay critical before Consul drops it.
    public var deregisterCriticalAfter: Duration
    /// `deploymentGlobals.location` (`/USW1`); a Consul tag when not empty.
    public var location: String
    /// `deploymentGlobals.deploymentTag` (`blue`); a Consul tag when not empty.
    public var deploymentTag: String
    /// The deployment's name (metadata.name).
    public var deploymentName: String
    /// `GWS_SERVICE_AUTH_URL`.
    public var authURL: String?
    /// The file holding the access-token key (`GWS_AUTH_JWT_SECRET_FILE`): the
    /// auth role signs with it, every other role verifies bearer tokens with it.
    public var tokenKeyFile: String?
    /// `GWS_SERVICE_CONF_URL`.
    public var confURL: String?
    /// `GWS_SERVICE_VOICEMAIL_URL`.
    public var voicemailURL: String?
    /// Every `GWS_<ENVSEGMENT>_*` variable of this role, unchanged (the spec's `context.env`).
    public var contextEnv: [String: String]
    /// How long a graceful shutdown may take before the process cancels what is left.
    public var shutdownGracePeriod: Duration

    /// A configuration with every default: bind 127.0.0.1 on any free port, no Consul.
    public init(role: RoleDescriptor) {
        self.role = role
        self.instanceID = "\(role.role)-0"
        self.serviceName = role.serviceName
        self.host = "127.0.0.1"
        self.port = 0
        self.consulURL = nil
        self.consulToken = nil
        self.checkInterval = .seconds(1)
        self.checkTimeout = .seconds(1)
        self.deregisterCriticalAfter = .seconds(60)
        self.location = ""
        self.deploymentTag = ""
        self.deploymentName = ""
        self.authURL = nil
        self.tokenKeyFile = nil
        self.confURL = nil
        self.voicemailURL = nil
        self.contextEnv = [:]
        self.shutdownGracePeriod = .seconds(10)
    }

    /// The address other processes reach this one at: the bound host, or
    /// 127.0.0.1 when bound to every interface.
    public var advertisedAddress: String {
        switch host {
        case "0.0.0.0", "::", "[::]", "": "127.0.0.1"
        default: host
        }
    }

    /// The prefix of this role's own variables (`GWS_WORKSPACE_`).
    public var contextEnvPrefix: String { "GWS_\(role.envSegment)_" }
}
