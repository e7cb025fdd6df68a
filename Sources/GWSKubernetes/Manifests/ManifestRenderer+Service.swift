import GWSSpec

extension ManifestRenderer {
    /// The proxy's Service ports, as Genesys's gws-ingress chart names them:
    /// 80 (external) and 81 (internal; our proxy serves both on one listener),
    /// plus 443 when HTTPS is on.
    static let proxyHTTPPorts = [("http", 80), ("http-internal", 81)]
    static let proxyHTTPSPort = 443

    /// A ClusterIP Service named like Genesys's (`gws-app-workspace`): port
    /// `service.port` (default 80) → the container's `http` port.
    func service(_ workload: RoleWorkload) -> Value {
        var ports: [Value] = []
        if workload.role.role == RoleCatalog.proxy.role {
            for (name, port) in Self.proxyHTTPPorts { ports.append(servicePort(name, port, target: "http")) }
            if workload.https { ports.append(servicePort("https", Self.proxyHTTPSPort, target: "https")) }
        } else {
            ports.append(servicePort("http", workload.servicePort, target: "http"))
        }
        return [
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": workload.labels.metadata(name: workload.objectName, namespace: options.namespace),
            "spec": [
                "type": "ClusterIP",
                "selector": workload.labels.selector,
                "ports": .list(ports),
            ],
        ]
    }

    func servicePort(_ name: String, _ port: Int, target: String) -> Value {
        ["name": .string(name), "port": .int(port), "targetPort": .string(target), "protocol": "TCP"]
    }

    /// The role's shared environment (`GWS_*`, no secrets: those come as files or secretKeyRefs).
    func configMap(_ workload: RoleWorkload) -> Value {
        [
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": workload.labels.metadata(name: workload.configMapName, namespace: options.namespace),
            "data": .map(workload.configData.mapValues(Value.string)),
        ]
    }

    /// At most one pod of a role voluntarily down at a time (roles with two replicas or more).
    func podDisruptionBudget(_ workload: RoleWorkload) -> Value {
        [
            "apiVersion": "policy/v1",
            "kind": "PodDisruptionBudget",
            "metadata": workload.labels.metadata(name: workload.objectName, namespace: options.namespace),
            "spec": [
                "maxUnavailable": 1,
                "selector": ["matchLabels": workload.labels.selector],
                "unhealthyPodEvictionPolicy": "AlwaysAllow",
            ],
        ]
    }

    /// A Prometheus Operator ServiceMonitor scraping the role's `/metrics`.
    func serviceMonitor(_ workload: RoleWorkload) -> Value {
        [
            "apiVersion": "monitoring.coreos.com/v1",
            "kind": "ServiceMonitor",
            "metadata": workload.labels.metadata(name: workload.objectName, namespace: options.namespace),
            "spec": [
                "selector": ["matchLabels": workload.labels.selector],
                "endpoints": [["port": "http", "path": "/metrics", "interval": "30s", "scheme": "http"]],
            ],
        ]
    }
}
