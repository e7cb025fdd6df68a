import Hummingbird

/// `/v1/agent/…` and `/v1/status/…`: what a service calls on its local agent.
extension ConsulAPI {
    static func addAgentRoutes<Context: RequestContext>(to v1: RouterGroup<Context>, registry: ConsulRegistry) {
        v1.put("agent/service/register") { request, context in
            await handle {
                let registration = try await decode(ConsulServiceRegistration.self, from: request, context: context)
                try await registry.register(registration)
                return ok
            }
        }
        v1.put("agent/service/deregister/:id") { _, context in
            await handle {
                let id = try parameter("id", context)
                guard await registry.deregister(serviceID: id) else {
                    throw ConsulRegistryError.notFound("Unknown service ID \"\(id)\"")
                }
                return ok
            }
        }
        v1.put("agent/service/maintenance/:id") { request, context in
            await handle {
                let id = try parameter("id", context)
                let query = QueryParameters(request)
                guard let enable = query.string("enable"), !enable.isEmpty else {
                    throw ConsulRegistryError.badRequest("Missing value for enable")
                }
                guard let enabled = parseBool(enable) else {
                    throw ConsulRegistryError.badRequest("Invalid value for enable: \"\(enable)\"")
                }
                try await registry.setMaintenance(serviceID: id, enabled: enabled, reason: query.string("reason"))
                return ok
            }
        }
        v1.get("agent/services") { _, _ in
            await handle { try json(await registry.read(.catalogServices) { $0.agentServices }.value) }
        }
        v1.get("agent/service/:id") { _, context in
            await handle {
                let id = try parameter("id", context)
                guard let service = await registry.read(.catalogServices, { $0.agentServices[id] }).value else {
                    throw ConsulRegistryError.notFound("unknown service ID: \(id)")
                }
                return try json(service)
            }
        }
        v1.get("agent/checks") { _, _ in
            await handle { try json(await registry.read(.catalogServices) { $0.agentChecks }.value) }
        }
        for (verb, status) in [("pass", ConsulCheckStatus.passing), ("warn", .warning), ("fail", .critical)] {
            v1.put("agent/check/\(verb)/:id") { request, context in
                await handle {
                    let id = try parameter("id", context)
                    let note = QueryParameters(request).string("note")
                    try await registry.updateTTL(checkID: id, status: status, output: note)
                    return ok
                }
            }
        }
        v1.put("agent/check/update/:id") { request, context in
            await handle {
                let id = try parameter("id", context)
                let update = try await decode(ConsulWire.CheckUpdate.self, from: request, context: context)
                guard let status = ConsulCheckStatus(rawValue: update.status) else {
                    throw ConsulRegistryError.badRequest("Invalid check status: '\(update.status)'")
                }
                try await registry.updateTTL(checkID: id, status: status, output: update.output)
                return ok
            }
        }
        v1.get("agent/self") { _, _ in
            await handle {
                let (node, datacenter) = await registry.read(.nodes) { ($0.nodeName, $0.datacenter) }.value
                return try json(AgentSelf(datacenter: datacenter, nodeName: node))
            }
        }
        v1.get("status/leader") { _, _ in
            await handle { try json("127.0.0.1:8300") }
        }
        v1.get("status/peers") { _, _ in
            await handle { try json(["127.0.0.1:8300"]) }
        }
    }

    /// Go's `strconv.ParseBool`.
    static func parseBool(_ text: String) -> Bool? {
        switch text {
        case "1", "t", "T", "true", "TRUE", "True": true
        case "0", "f", "F", "false", "FALSE", "False": false
        default: nil
        }
    }
}

/// The minimal `/v1/agent/self` answer.
struct AgentSelf: Encodable {
    var datacenter: String
    var nodeName: String

    private enum Keys: String, CodingKey {
        case config = "Config", member = "Member", datacenter = "Datacenter", nodeName = "NodeName"
        case version = "Version", server = "Server", name = "Name", addr = "Addr", port = "Port"
        case tags = "Tags", status = "Status"
    }

    func encode(to encoder: any Encoder) throws {
        var root = encoder.container(keyedBy: Keys.self)
        var config = root.nestedContainer(keyedBy: Keys.self, forKey: .config)
        try config.encode(datacenter, forKey: .datacenter)
        try config.encode(nodeName, forKey: .nodeName)
        try config.encode("1.17.0", forKey: .version)
        try config.encode(true, forKey: .server)
        var member = root.nestedContainer(keyedBy: Keys.self, forKey: .member)
        try member.encode(nodeName, forKey: .name)
        try member.encode("127.0.0.1", forKey: .addr)
        try member.encode(8301, forKey: .port)
        try member.encode(["dc": datacenter, "role": "consul", "build": "1.17.0"], forKey: .tags)
        try member.encode(1, forKey: .status)
    }
}
