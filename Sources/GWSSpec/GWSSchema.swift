/// The schema of a GWSDeployment's `spec` (Helm values): one source for
/// validating local specs, the CRD's openAPIV3Schema and the chart's
/// values.schema.json, so they cannot drift.
public enum GWSSchema {
    public static let spec: Schema = .object(
        description: "GWS deployment: Genesys gws-services Helm values plus gws-operator's own sections.",
        properties: [
            ("deploymentGlobals", deploymentGlobals),
            ("gwsServices", gwsServices),
            ("externals", externals),
            (
                "postgres",
                store(
                    "PostgreSQL (tenant data). No address: in local mode the operator runs it.", port: 5432,
                    extra: [("ha", postgresHA)])
            ),
            (
                "redis",
                store(
                    "Redis (sessions and cache). No address: in local mode the operator runs it.", port: 6379,
                    extra: [("sentinel", redisSentinel)])
            ),
            ("elasticSearch", store("Elasticsearch (statistics, search). No address: an embedded store.", port: 9200)),
            ("consul", consul),
            ("probes", probeSet("Default probes for every service; each service's `probes` override them knob by knob.")),
            ("local", local),
            ("secrets", .map(of: .string(), description: "Names of secrets (Helm compatibility; values never inline).")),
        ])

    static let deploymentGlobals: Schema = .object(
        description: "Settings shared by every service.",
        properties: [
            ("deploymentTag", .string(description: "Deployment colour/tag, sent as a Consul tag.", default: "blue")),
            ("location", .string(description: "Region/location, e.g. /USW1.", default: "/USW1")),
            ("securityContext", .map(of: .string(), description: "Kubernetes securityContext (Kubernetes mode only).")),
        ])

    static var gwsServices: Schema {
        .object(
            description: "The GWS services, by Helm key.",
            properties: RoleCatalog.gwsServices.map { ($0.key, service($0)) })
    }

    static var externals: Schema {
        .object(
            description: "External systems: a stand-in the operator runs, unless `url` points at the real one.",
            properties: RoleCatalog.externals.map { role in
                (role.key, service(role, external: true))
            })
    }

    static func service(_ role: RoleDescriptor, external: Bool = false) -> Schema {
        var properties: [(name: String, schema: Schema)] = [
            ("enabled", .boolean(description: "Run this role.", default: role.enabledByDefault)),
            (
                "deployment",
                .object(properties: [
                    ("replicaCount", .integer(description: "Number of instances.", min: 0, max: 1000, default: 1))
                ])
            ),
            (
                "service",
                .object(properties: [
                    (
                        "port",
                        .integer(
                            description: "Port. Local mode: 0 = any free port; instance i of a fixed port p uses p+i.",
                            min: 0, max: 65535, default: 0)
                    )
                ])
            ),
            (
                "context",
                .object(properties: [
                    (
                        "env",
                        .map(
                            of: .string(),
                            description: "Environment, GWS_\(role.envSegment)_<section>_<key>: value.")
                    )
                ])
            ),
            ("resources", resources),
            ("probes", probeSet("Overrides of the deployment-wide probes.")),
        ]
        if external {
            properties.insert(("url", .string(description: "URL of the real \(role.summary); empty: run the stand-in.", default: "")), at: 0)
        } else {
            properties.append(("postgres", store("Per-service PostgreSQL binding.", port: 5432)))
        }
        if role.role == RoleCatalog.proxy.role {
            properties.append(
                (
                    "tls",
                    .object(
                        description: "HTTPS listener of the proxy. Without files, a self-signed certificate is made.",
                        properties: [
                            ("enabled", .boolean(default: true)),
                            ("port", .integer(min: 0, max: 65535, default: 0)),
                            ("certificateFile", .string(description: "PEM certificate chain.", default: "")),
                            ("keyFile", .string(description: "PEM private key.", default: "")),
                        ])
                ))
        }
        return .object(description: role.summary, properties: properties)
    }

    static let resources: Schema = .object(
        description: "Kubernetes resources (Kubernetes mode only).",
        properties: [
            ("limits", .map(of: .string())),
            ("requests", .map(of: .string())),
        ])

    static func store(_ description: String, port: Int, extra: [(name: String, schema: Schema)] = []) -> Schema {
        .object(
            description: description,
            properties: [
                ("address", .string(description: "Host name or IP of an external server.", default: "")),
                ("port", .integer(min: 0, max: 65535, default: port)),
                ("db", .string(description: "Database name or number.", default: "")),
                ("enableTls", .boolean(default: false)),
                ("user", .string(description: "User name, if the server needs one.", default: "")),
                (
                    "passwordFrom",
                    .object(
                        description: "Where the password comes from; never inline.",
                        properties: [
                            ("file", .string(description: "A file holding the password (trailing newline ignored).", default: "")),
                            ("env", .string(description: "An environment variable of the operator holding it.", default: "")),
                        ])
                ),
            ] + extra)
    }

    static let postgresHA: Schema = .object(
        description:
            "PostgreSQL HA (local mode): a primary and a synchronous streaming standby; the operator fails over, fences and rebuilds.",
        properties: [
            ("enabled", .boolean(description: "Run postgres-0 (primary) and postgres-1 (synchronous standby).", default: false))
        ])

    static let redisSentinel: Schema = .object(
        description:
            "Redis HA (local mode): a master, replicas and Redis Sentinels; services follow the master through the Sentinels.",
        properties: [
            ("enabled", .boolean(description: "Run redis-0 (master), redis-1… (replicas) and redis-sentinel-0….", default: false)),
            ("replicas", .integer(description: "Replicas of the master.", min: 1, max: 5, default: 1)),
            ("sentinels", .integer(description: "Sentinels; a majority must agree on a failover (3 or more for HA).", min: 1, max: 9, default: 3)),
            ("masterName", .string(description: "The name the Sentinels monitor the master under.", default: "gws")),
            ("port", .integer(description: "First Sentinel's port (Sentinel i: port+i); 0: any free ports.", min: 0, max: 65535, default: 0)),
            ("downAfterMilliseconds", .integer(description: "Silence after which a Sentinel thinks the master is down.", min: 100, max: 600000, default: 1000)),
            ("failoverTimeoutMilliseconds", .integer(description: "Sentinel's failover-timeout.", min: 1000, max: 3600000, default: 3000)),
        ])

    static let consul: Schema = .object(
        description: "Consul. No address: the operator's embedded Consul-compatible registry.",
        properties: [
            ("address", .string(description: "Host of an external Consul agent.", default: "")),
            ("port", .integer(description: "0: any free port (kept across restarts).", min: 0, max: 65535, default: 0)),
            ("kv_prefix", .string(default: "gws")),
            ("enableTls", .boolean(default: false)),
        ])

    static func probeSet(_ description: String) -> Schema {
        .object(
            description: description,
            properties: [
                ("startup", probe("Startup probe: the others wait until it passes.")),
                ("readiness", probe("Readiness probe: out of rotation while failing.")),
                ("liveness", probe("Liveness probe: restarted after failureThreshold failures.")),
            ])
    }

    static func probe(_ description: String) -> Schema {
        .object(
            description: description,
            properties: [
                ("path", .string(description: "HTTP path.")),
                ("initialDelaySeconds", .integer(min: 0, max: 3600)),
                ("periodSeconds", .integer(min: 1, max: 3600)),
                ("timeoutSeconds", .integer(min: 1, max: 3600)),
                ("successThreshold", .integer(min: 1, max: 100)),
                ("failureThreshold", .integer(min: 1, max: 1000)),
            ])
    }

    static let local: Schema = .object(
        description: "How local mode runs processes.",
        properties: [
            ("bindAddress", .string(default: "127.0.0.1")),
            ("terminationGracePeriodSeconds", .integer(min: 0, max: 3600, default: 10)),
            ("restartBackoffBaseSeconds", .integer(min: 1, max: 3600, default: 1)),
            ("restartBackoffMaxSeconds", .integer(min: 1, max: 86400, default: 60)),
            ("stableRunSeconds", .integer(min: 1, max: 86400, default: 30)),
            ("demoTenant", .string(
                description: "Tenant seeded into an operator-managed PostgreSQL (credentials in <state-dir>/credentials.json); empty: none.",
                default: "demo")),
        ])
}
