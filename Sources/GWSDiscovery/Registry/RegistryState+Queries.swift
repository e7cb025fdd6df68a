/// Read-only views of ``RegistryState`` in the shapes Consul's HTTP API answers.
extension RegistryState {
    /// The modify index a blocking query on `watch` compares against; never 0.
    func watchedIndex(_ watch: RegistryWatch) -> UInt64 {
        switch watch {
        case .service(let name): serviceIndexes[name] ?? firstIndex
        case .catalogServices: catalogIndex
        case .nodes: firstIndex
        case .key(let key): max(kv[key]?.modifyIndex ?? 0, kvTombstones[key] ?? 0, firstIndex)
        case .prefix(let prefix):
            max(
                kv.lazy.filter { $0.key.hasPrefix(prefix) }.map(\.value.modifyIndex).max() ?? 0,
                kvTombstones.lazy.filter { $0.key.hasPrefix(prefix) }.map(\.value).max() ?? 0,
                firstIndex)
        case .sessions: sessionsIndex
        }
    }

    /// The one node this registry runs.
    var node: ConsulWire.Node {
        ConsulWire.Node(
            id: nodeID, node: nodeName, address: nodeAddress, datacenter: datacenter,
            taggedAddresses: ["lan": nodeAddress, "wan": nodeAddress], meta: ["consul-network-segment": ""])
    }

    /// The node's own always-passing check, as Consul reports it in every health entry.
    var serfHealth: ConsulWire.Check {
        ConsulWire.Check(
            node: nodeName, checkID: "serfHealth", name: "Serf Health Status", status: "passing", notes: "",
            output: "Agent alive and reachable", serviceID: "", serviceName: "", serviceTags: [], type: "",
            createIndex: 1, modifyIndex: 1)
    }

    /// A check in Consul's shape.
    func wire(_ check: RegistryCheck) -> ConsulWire.Check {
        ConsulWire.Check(
            node: nodeName, checkID: check.id, name: check.name, status: check.status.rawValue, notes: check.notes,
            output: check.output, serviceID: check.serviceID, serviceName: check.serviceName,
            serviceTags: services[check.serviceID]?.registration.tags ?? [], type: check.kind.typeName,
            createIndex: check.createIndex, modifyIndex: check.modifyIndex)
    }

    /// A service instance in Consul's shape.
    func wire(_ service: RegistryService, datacenter: String? = nil) -> ConsulWire.Service {
        let r = service.registration
        return ConsulWire.Service(
            id: r.id, service: r.name, tags: r.tags, address: r.address, meta: r.meta, port: r.port,
            datacenter: datacenter, createIndex: service.createIndex, modifyIndex: service.modifyIndex)
    }

    /// The instances of `name`, sorted by id, that carry every tag in `tags`.
    func instances(of name: String, tags: [String] = []) -> [RegistryService] {
        services.values
            .filter { $0.registration.name == name && tags.allSatisfy($0.registration.tags.contains) }
            .sorted { $0.registration.id < $1.registration.id }
    }

    /// A service's checks, in registration order.
    func checks(of service: RegistryService) -> [RegistryCheck] {
        service.checkIDs.compactMap { checks[$0] }
    }

    /// The worst status among a service's checks (`passing` when it has none).
    func aggregateStatus(of service: RegistryService) -> ConsulCheckStatus {
        checks(of: service).map(\.status).max { $0.severity < $1.severity } ?? .passing
    }

    /// `/v1/health/service/:name`: instances with their node and checks; with `passingOnly`, only those
    /// whose every check passes.
    func healthEntries(of name: String, passingOnly: Bool, tags: [String] = []) -> [ConsulWire.HealthEntry] {
        instances(of: name, tags: tags)
            .filter { !passingOnly || aggregateStatus(of: $0) == .passing }
            .map { ConsulWire.HealthEntry(node: node, service: wire($0), checks: [serfHealth] + checks(of: $0).map(wire)) }
    }

    /// `/v1/health/checks/:service`: every check of every instance of `name`.
    func healthChecks(of name: String) -> [ConsulWire.Check] {
        instances(of: name).flatMap { checks(of: $0).map(wire) }
    }

    /// `/v1/agent/services`.
    var agentServices: [String: ConsulWire.Service] {
        services.mapValues { wire($0, datacenter: datacenter) }
    }

    /// `/v1/agent/checks`.
    var agentChecks: [String: ConsulWire.Check] {
        checks.mapValues(wire)
    }

    /// `/v1/catalog/services`: every service name with the union of its instances' tags.
    var catalogServices: [String: [String]] {
        var result: [String: Set<String>] = [:]
        for service in services.values {
            result[service.registration.name, default: []].formUnion(service.registration.tags)
        }
        return result.mapValues { $0.sorted() }
    }

    /// `/v1/catalog/service/:name`.
    func catalogService(_ name: String, tags: [String] = []) -> [ConsulWire.CatalogService] {
        instances(of: name, tags: tags).map { service in
            let r = service.registration
            return ConsulWire.CatalogService(
                id: nodeID, node: nodeName, address: nodeAddress, datacenter: datacenter,
                taggedAddresses: node.taggedAddresses, nodeMeta: node.meta, serviceID: r.id, serviceName: r.name,
                serviceTags: r.tags, serviceAddress: r.address, servicePort: r.port, serviceMeta: r.meta,
                serviceEnableTagOverride: false, createIndex: service.createIndex, modifyIndex: service.modifyIndex)
        }
    }

    /// The passing instances of `name` as discovery clients see them.
    func passingInstances(of name: String) -> [ConsulServiceInstance] {
        instances(of: name)
            .filter { aggregateStatus(of: $0) == .passing }
            .map { service in
                let r = service.registration
                return ConsulServiceInstance(
                    id: r.id, name: r.name, address: r.address.isEmpty ? nodeAddress : r.address, port: r.port,
                    tags: r.tags, meta: r.meta)
            }
    }
}
