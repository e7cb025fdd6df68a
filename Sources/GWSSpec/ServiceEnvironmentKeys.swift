/// The environment contract between the operator (which starts
/// `gws-service <role>` processes) and the services (which read it).
///
/// Role-specific settings from the spec's `context.env` are passed through
/// unchanged in Genesys's `GWS_<SERVICE>_<section>_<key>` convention.
public enum ServiceEnvironmentKeys {
    /// The role (`workspace`); also given as the subcommand.
    public static let role = "GWS_ROLE"
    /// The instance id, unique in a deployment (`workspace-0`). Used as the Consul service ID.
    public static let instanceID = "GWS_INSTANCE_ID"
    /// The Consul service name (`gws-app-workspace`).
    public static let serviceName = "GWS_SERVICE_NAME"
    /// Address to bind (default 127.0.0.1).
    public static let host = "GWS_HOST"
    /// HTTP port to listen on (0 = any free port).
    public static let port = "GWS_PORT"
    /// Consul HTTP API base URL (`http://127.0.0.1:8500`). Unset: no registration.
    public static let consulURL = "GWS_CONSUL_URL"
    /// Consul ACL token (optional).
    public static let consulToken = "GWS_CONSUL_TOKEN"
    /// Health check interval the service asks Consul for, in seconds (default 1).
    public static let checkIntervalSeconds = "GWS_CONSUL_CHECK_INTERVAL_SECONDS"
    /// `deploymentGlobals.location` (`/USW1`), sent as a Consul tag.
    public static let location = "GWS_LOCATION"
    /// `deploymentGlobals.deploymentTag` (`blue`), sent as a Consul tag.
    public static let deploymentTag = "GWS_DEPLOYMENT_TAG"
    /// Name of the deployment (metadata.name).
    public static let deploymentName = "GWS_DEPLOYMENT_NAME"
    /// Shared wiring, as in Genesys's charts.
    public static let authURL = "GWS_SERVICE_AUTH_URL"
    public static let confURL = "GWS_SERVICE_CONF_URL"
    public static let voicemailURL = "GWS_SERVICE_VOICEMAIL_URL"

    // Proxy only.
    /// JSON list of routes: `[{"prefix": "/workspace/v3", "service": "gws-app-workspace"}]`.
    public static let proxyRoutes = "GWS_PROXY_ROUTES"
    /// HTTPS port of the proxy (unset: no HTTPS listener).
    public static let proxyTLSPort = "GWS_PROXY_TLS_PORT"
    /// The proxy's own port for the operator's probes (its public ports are
    /// shared with the other proxy instances, so a probe there may reach any of them).
    public static let probePort = "GWS_PROXY_PROBE_PORT"
    /// PEM certificate chain and private key files for HTTPS.
    public static let proxyTLSCertificate = "GWS_PROXY_TLS_CERT"
    public static let proxyTLSKey = "GWS_PROXY_TLS_KEY"
}

/// Backing-store bindings the operator gives services (issue 3). Secrets are
/// never in the environment itself: only the path of a file holding them.
extension ServiceEnvironmentKeys {
    /// `postgres://<user>@<host>:<port>/<db>` (add `?sslmode=require` for TLS).
    public static let postgresURL = "GWS_POSTGRES_URL"
    /// A file whose content (trailing newline stripped) is the PostgreSQL password.
    public static let postgresPasswordFile = "GWS_POSTGRES_PASSWORD_FILE"
    /// `redis://<host>:<port>/<db>` or `rediss://…` for TLS.
    public static let redisURL = "GWS_REDIS_URL"
    public static let redisPasswordFile = "GWS_REDIS_PASSWORD_FILE"
    /// `http(s)://<host>:<port>` of the Elasticsearch/OpenSearch REST API.
    public static let elasticsearchURL = "GWS_ELASTICSEARCH_URL"
    public static let elasticsearchPasswordFile = "GWS_ELASTICSEARCH_PASSWORD_FILE"
}

/// Token signing (issue 4): every service validates bearer tokens itself.
extension ServiceEnvironmentKeys {
    /// A file holding the HMAC-SHA256 key that signs and verifies access tokens (JWT, HS256).
    public static let jwtSecretFile = "GWS_AUTH_JWT_SECRET_FILE"
}
