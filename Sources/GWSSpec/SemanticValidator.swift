/// Checks a schema cannot express: ports that clash (each instance of a
/// role with a fixed port takes `port + ordinal`), URLs, cross-field rules.
enum SemanticValidator {
    static func validate(_ spec: DeploymentSpec) -> [String] {
        var issues: [String] = []
        var owners: [Int: String] = [:]

        func claim(_ port: Int, count: Int, path: String, what: String) {
            guard port != 0 else { return }
            for i in 0..<max(1, count) {
                let p = port + i
                if p > 65535 {
                    issues.append("\(path): \(what) needs ports \(port)–\(port + count - 1), beyond 65535")
                    return
                }
                if let owner = owners[p] {
                    issues.append("\(path): port \(p) (\(what)) is already used by \(owner)")
                } else {
                    owners[p] = "\(path) (\(what))"
                }
            }
        }

        if spec.consul.address.isEmpty {
            claim(spec.consul.port, count: 1, path: "spec.consul.port", what: "embedded Consul registry")
        }
        for role in RoleCatalog.all {
            let section = role.isExternal ? "externals" : "gwsServices"
            let base = "spec.\(section).\(role.key)"
            if role.isExternal, let external = spec.externals[role.key], !external.url.isEmpty {
                if !(external.url.hasPrefix("http://") || external.url.hasPrefix("https://")) {
                    issues.append("\(base).url: must start with http:// or https://, got \"\(external.url)\"")
                }
                continue
            }
            let service = role.isExternal ? spec.externals[role.key]?.asServiceSpec : spec.gwsServices[role.key]
            guard let service, service.enabled else { continue }
            let replicas = service.deployment.replicaCount
            // The proxy's instances share their ports; the others take port, port + 1, …
            let ports = role.role == RoleCatalog.proxy.role ? 1 : replicas
            claim(service.service.port, count: ports, path: "\(base).service.port", what: "\(replicas) × \(role.role)")
            if let tls = service.tls, tls.enabled {
                claim(tls.port, count: ports, path: "\(base).tls.port", what: "\(role.role) HTTPS")
                if tls.certificateFile.isEmpty != tls.keyFile.isEmpty {
                    issues.append("\(base).tls: set both certificateFile and keyFile, or neither (a self-signed one is made)")
                }
            }
            for key in service.context.env.keys.sorted() where !key.hasPrefix("GWS_") {
                issues.append(
                    "\(base).context.env[\"\(key)\"]: environment keys follow GWS_<SERVICE>_<section>_<key>, e.g. GWS_\(role.envSegment)_\(key)"
                )
            }
        }
        if let redis = spec.redis, let sentinel = redis.enabledSentinel {
            issues += redisSentinelIssues(redis, sentinel)
            claim(redis.port, count: 1 + sentinel.replicas, path: "spec.redis.port", what: "Redis master and replicas")
            claim(sentinel.port, count: sentinel.sentinels, path: "spec.redis.sentinel.port", what: "Redis Sentinels")
        }
        if let postgres = spec.postgres, postgres.enabledHA != nil {
            issues += postgresHAIssues(postgres)
            claim(postgres.port, count: PostgresHASpec.nodes, path: "spec.postgres.port", what: "PostgreSQL primary and standby")
        }
        return issues
    }

    /// `postgres.ha`: only for the PostgreSQL the operator runs itself, without TLS.
    static func postgresHAIssues(_ postgres: StoreBinding) -> [String] {
        var issues: [String] = []
        if !postgres.isOperatorManaged {
            issues.append(
                "spec.postgres.ha.enabled: HA applies only to the PostgreSQL the operator runs itself (local mode); remove spec.postgres.address, or turn ha off (an external server's HA is its own)"
            )
        }
        if postgres.enableTls {
            issues.append("spec.postgres.enableTls: TLS is not available with postgres.ha")
        }
        return issues
    }

    /// `redis.sentinel`: local mode only, no TLS, a name Sentinel and URLs accept.
    static func redisSentinelIssues(_ redis: StoreBinding, _ sentinel: RedisSentinelSpec) -> [String] {
        var issues: [String] = []
        if !redis.isOperatorManaged {
            issues.append(
                "spec.redis.sentinel.enabled: the operator runs the Sentinel topology itself (local mode); remove spec.redis.address, or turn sentinel off (external Sentinels are not supported yet)"
            )
        }
        if redis.enableTls {
            issues.append("spec.redis.enableTls: TLS is not available with redis.sentinel")
        }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        if sentinel.masterName.isEmpty || !sentinel.masterName.allSatisfy(allowed.contains) {
            issues.append(
                "spec.redis.sentinel.masterName: use letters, digits, '.', '_' and '-' only, got \"\(sentinel.masterName)\"")
        }
        return issues
    }
}
