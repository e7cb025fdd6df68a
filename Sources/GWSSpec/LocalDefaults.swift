/// The built-in values: every known role with one replica on a free port,
/// the embedded Consul registry, 1 s probes. The bottom layer under every `-f`.
public enum LocalDefaults {
    public static let values: Value = {
        var services: [String: Value] = [:]
        var externals: [String: Value] = [:]
        for role in RoleCatalog.all {
            var entry: [String: Value] = [
                "enabled": .bool(role.enabledByDefault),
                "deployment": ["replicaCount": 1],
                "service": ["port": 0],
                "context": ["env": .map([:])],
            ]
            if role.role == RoleCatalog.proxy.role {
                entry["tls"] = ["enabled": true, "port": 0, "certificateFile": "", "keyFile": ""]
            }
            if role.isExternal {
                entry["url"] = ""
                externals[role.key] = .map(entry)
            } else {
                services[role.key] = .map(entry)
            }
        }
        return .map([
            "deploymentGlobals": ["deploymentTag": "blue", "location": "/USW1"],
            "gwsServices": .map(services),
            "externals": .map(externals),
            "consul": ["address": "", "port": 0, "kv_prefix": "gws", "enableTls": false],
            "postgres": ["address": "", "port": 0, "db": "gws", "ha": ["enabled": false]],
            "redis": [
                "address": "", "port": 0, "db": "0",
                "sentinel": [
                    "enabled": false, "replicas": 1, "sentinels": 3, "masterName": "gws", "port": 0,
                    "downAfterMilliseconds": 1000, "failoverTimeoutMilliseconds": 3000,
                ],
            ],
            "elasticSearch": ["address": "", "port": 0],
            "probes": [
                "startup": ["path": "/livez", "periodSeconds": 1, "timeoutSeconds": 1, "failureThreshold": 30],
                "readiness": ["path": "/readyz", "periodSeconds": 1, "timeoutSeconds": 1, "failureThreshold": 3],
                "liveness": ["path": "/livez", "periodSeconds": 1, "timeoutSeconds": 1, "failureThreshold": 3],
            ],
            "local": [
                "bindAddress": "127.0.0.1", "terminationGracePeriodSeconds": 10, "restartBackoffBaseSeconds": 1,
                "restartBackoffMaxSeconds": 60, "stableRunSeconds": 30, "demoTenant": "demo",
            ],
        ])
    }()
}
