import GWSSpec

extension ManifestRenderer {
    /// The annotation whose value changes whenever the ConfigMap's data does, so pods roll.
    static let configHashAnnotation = "gws.genesys.com/config-hash"
    /// The image's unprivileged user (the Containerfile's `USER`); Secret files are readable by its group.
    static let runAsUser = 65532

    /// A role's `apps/v1` Deployment: `gws-service <role>` with the spec's
    /// replicas, resources and probes; rolling updates that never drop below
    /// the desired count; a preStop drain; spread across zones and nodes.
    func deployment(_ workload: RoleWorkload) -> Value {
        var podSpec: [String: Value] = [
            "automountServiceAccountToken": false,
            "enableServiceLinks": false,
            "terminationGracePeriodSeconds": .int(workload.terminationGracePeriodSeconds),
            "securityContext": [
                "runAsNonRoot": true, "runAsUser": .int(Self.runAsUser), "runAsGroup": .int(Self.runAsUser),
                "fsGroup": .int(Self.runAsUser), "seccompProfile": ["type": "RuntimeDefault"],
            ],
            "containers": [container(workload)],
            "volumes": .list(volumes(workload)),
            "topologySpreadConstraints": [
                spread(workload, topologyKey: "topology.kubernetes.io/zone"),
                spread(workload, topologyKey: "kubernetes.io/hostname"),
            ],
            "affinity": [
                "podAntiAffinity": [
                    "preferredDuringSchedulingIgnoredDuringExecution": [
                        [
                            "weight": 100,
                            "podAffinityTerm": [
                                "topologyKey": "topology.kubernetes.io/zone",
                                "labelSelector": ["matchLabels": workload.labels.selector],
                            ],
                        ]
                    ]
                ]
            ],
        ]
        if !options.imagePullSecrets.isEmpty {
            podSpec["imagePullSecrets"] = .list(options.imagePullSecrets.map { ["name": .string($0)] })
        }
        return [
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": workload.labels.metadata(name: workload.objectName, namespace: options.namespace),
            "spec": [
                "replicas": .int(workload.replicas),
                "revisionHistoryLimit": 5,
                "selector": ["matchLabels": workload.labels.selector],
                "strategy": ["type": "RollingUpdate", "rollingUpdate": ["maxSurge": 1, "maxUnavailable": 0]],
                "template": [
                    "metadata": [
                        "labels": workload.labels.all,
                        "annotations": [Self.configHashAnnotation: .string(Self.hash(workload.configData))],
                    ],
                    "spec": .map(podSpec),
                ],
            ],
        ]
    }

    func container(_ workload: RoleWorkload) -> Value {
        var ports: [Value] = [
            ["name": "http", "containerPort": .int(RenderOptions.containerHTTPPort), "protocol": "TCP"]
        ]
        if workload.https {
            ports.append(["name": "https", "containerPort": .int(RenderOptions.containerHTTPSPort), "protocol": "TCP"])
        }
        var container: [String: Value] = [
            "name": .string(workload.role.role),
            "image": .string(options.imageReference),
            "imagePullPolicy": .string(options.imagePullPolicy),
            "args": [.string(workload.role.role)],
            "ports": .list(ports),
            "envFrom": [["configMapRef": ["name": .string(workload.configMapName)]]],
            "env": .list(environment(workload)),
            "startupProbe": probe(workload.probes.startup),
            "readinessProbe": probe(workload.probes.readiness),
            "livenessProbe": probe(workload.probes.liveness),
            "lifecycle": ["preStop": ["sleep": ["seconds": .int(options.drainSeconds)]]],
            "securityContext": [
                "allowPrivilegeEscalation": false,
                "readOnlyRootFilesystem": true,
                "capabilities": ["drop": ["ALL"]],
            ],
            "volumeMounts": .list(volumeMounts(workload)),
        ]
        if let resources = workload.resources {
            var entries: [String: Value] = [:]
            if let limits = resources.limits, !limits.isEmpty { entries["limits"] = .map(limits.mapValues(Value.string)) }
            if let requests = resources.requests, !requests.isEmpty {
                entries["requests"] = .map(requests.mapValues(Value.string))
            }
            if !entries.isEmpty { container["resources"] = .map(entries) }
        }
        return .map(container)
    }

    /// Per-pod variables: the pod's name as the instance id, its IP to bind and
    /// register, and the Consul token from its Secret.
    func environment(_ workload: RoleWorkload) -> [Value] {
        typealias K = ServiceEnvironmentKeys
        var env: [Value] = [
            ["name": .string(K.instanceID), "valueFrom": ["fieldRef": ["fieldPath": "metadata.name"]]],
            ["name": .string(K.host), "valueFrom": ["fieldRef": ["fieldPath": "status.podIP"]]],
        ]
        if let secret = workload.consulTokenSecret {
            env.append([
                "name": .string(K.consulToken),
                "valueFrom": [
                    "secretKeyRef": ["name": .string(secret), "key": .string(SecretBindings.consulTokenKey)]
                ],
            ])
        }
        return env
    }

    func probe(_ probe: ProbeSpec) -> Value {
        [
            "httpGet": ["path": .string(probe.path), "port": "http"],
            "initialDelaySeconds": .int(probe.initialDelaySeconds),
            "periodSeconds": .int(probe.periodSeconds),
            "timeoutSeconds": .int(probe.timeoutSeconds),
            "successThreshold": .int(probe.successThreshold),
            "failureThreshold": .int(probe.failureThreshold),
        ]
    }

    func volumes(_ workload: RoleWorkload) -> [Value] {
        var volumes: [Value] = [["name": "tmp", "emptyDir": .map([:])]]
        for mount in workload.mounts {
            volumes.append([
                "name": .string(mount.volume),
                "secret": [
                    "secretName": .string(mount.secretName),
                    "defaultMode": 0o440,
                    "items": .list(mount.keys.map { ["key": .string($0), "path": .string($0)] }),
                ],
            ])
        }
        return volumes
    }

    func volumeMounts(_ workload: RoleWorkload) -> [Value] {
        var mounts: [Value] = [["name": "tmp", "mountPath": "/tmp"]]
        for mount in workload.mounts {
            mounts.append(["name": .string(mount.volume), "mountPath": .string(mount.directory), "readOnly": true])
        }
        return mounts
    }

    func spread(_ workload: RoleWorkload, topologyKey: String) -> Value {
        [
            "maxSkew": 1,
            "topologyKey": .string(topologyKey),
            "whenUnsatisfiable": "ScheduleAnyway",
            "labelSelector": ["matchLabels": workload.labels.selector],
            "matchLabelKeys": ["pod-template-hash"],
        ]
    }

    /// FNV-1a (64 bits) of the sorted data: stable across runs and machines.
    static func hash(_ data: [String: String]) -> String {
        var text = ""
        for (key, value) in data.sorted(by: { $0.key < $1.key }) { text += "\(key)=\(value)\n" }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x100_0000_01b3
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
