import GWSSpec

/// The spec's `secrets` section read for Kubernetes: each key names a purpose,
/// each value the Kubernetes Secret that holds it. Pods get Secrets only as
/// volumes (for the `GWS_*_FILE` variables the services read) or through
/// `secretKeyRef`: a secret value never appears in a rendered object.
///
/// | key | Secret holds | reaches the pod as |
/// |---|---|---|
/// | `postgresPassword` | `password` | file, `GWS_POSTGRES_PASSWORD_FILE` |
/// | `redisPassword` | `password` | file, `GWS_REDIS_PASSWORD_FILE` |
/// | `elasticSearchPassword` | `password` | file, `GWS_ELASTICSEARCH_PASSWORD_FILE` |
/// | `consulToken` | `token` | `GWS_CONSUL_TOKEN` (secretKeyRef) |
/// | `jwtSigningKey` | `key` | file, `GWS_AUTH_JWT_SECRET_FILE` (default Secret `gws-jwt-signing-key`) |
/// | `proxyTls` | `tls.crt`, `tls.key` | files, `GWS_PROXY_TLS_CERT`/`_KEY` (default `gws-service-proxy-tls`) |
public struct SecretBindings: Sendable, Equatable {
    /// A Secret mounted as files.
    public struct Mount: Sendable, Equatable {
        /// Volume name (`secret-postgres`).
        public var volume: String
        public var secretName: String
        /// The directory it is mounted at.
        public var directory: String
        /// The Secret's keys that become files.
        public var keys: [String]
    }

    public static let knownKeys = [
        "postgresPassword", "redisPassword", "elasticSearchPassword", "consulToken", "jwtSigningKey", "proxyTls",
    ]
    public static let defaultJWTSecret = "gws-jwt-signing-key"
    public static let defaultProxyTLSSecret = "gws-service-proxy-tls"
    /// The key of the consul token in its Secret.
    public static let consulTokenKey = "token"

    /// Store password Secrets, by store.
    public var storePasswords: [StoreKind: Mount] = [:]
    public var jwt: Mount
    public var proxyTLS: Mount
    /// The Secret holding the Consul ACL token, if any.
    public var consulToken: String?
    /// Keys of `secrets` that mean nothing here.
    public var unknownKeys: [String] = []

    /// Reads `secrets` from a loaded values tree (absent or null: the defaults).
    public init(values: Value) {
        let entries = values["secrets"]?.mapValue ?? [:]
        func name(_ key: String) -> String? {
            guard let text = entries[key]?.stringValue, !text.isEmpty else { return nil }
            return text
        }
        for kind in StoreKind.allCases {
            guard let secret = name("\(kind.specKey)Password") else { continue }
            storePasswords[kind] = Mount(
                volume: "secret-\(kind.rawValue)", secretName: secret,
                directory: "/var/run/secrets/gws/\(kind.rawValue)", keys: ["password"])
        }
        jwt = Mount(
            volume: "secret-jwt", secretName: name("jwtSigningKey") ?? Self.defaultJWTSecret,
            directory: "/var/run/secrets/gws/jwt", keys: ["key"])
        proxyTLS = Mount(
            volume: "secret-tls", secretName: name("proxyTls") ?? Self.defaultProxyTLSSecret,
            directory: "/etc/gws/tls", keys: ["tls.crt", "tls.key"])
        consulToken = name("consulToken")
        unknownKeys = entries.keys.filter { !Self.knownKeys.contains($0) }.sorted()
    }

    /// The file a store's password is read from, when its Secret is named.
    public func passwordFiles() -> [StoreKind: String] {
        storePasswords.mapValues { "\($0.directory)/\($0.keys[0])" }
    }

    public var jwtFile: String { "\(jwt.directory)/\(jwt.keys[0])" }
    public var proxyCertificateFile: String { "\(proxyTLS.directory)/tls.crt" }
    public var proxyKeyFile: String { "\(proxyTLS.directory)/tls.key" }
}
