/// JSON shapes of Consul's HTTP API answers, shared by the client (decoding) and the embedded
/// registry (encoding). Key names are Consul's.
enum ConsulWire {
    /// A node (`/v1/catalog/nodes`, and `Node` in health entries).
    struct Node: Codable, Sendable, Equatable {
        var id: String
        var node: String
        var address: String
        var datacenter: String
        var taggedAddresses: [String: String]
        var meta: [String: String]
        var createIndex: UInt64
        var modifyIndex: UInt64

        enum CodingKeys: String, CodingKey {
            case id = "ID", node = "Node", address = "Address", datacenter = "Datacenter"
            case taggedAddresses = "TaggedAddresses", meta = "Meta"
            case createIndex = "CreateIndex", modifyIndex = "ModifyIndex"
        }

        init(
            id: String, node: String, address: String, datacenter: String,
            taggedAddresses: [String: String] = [:], meta: [String: String] = [:],
            createIndex: UInt64 = 1, modifyIndex: UInt64 = 1
        ) {
            self.id = id
            self.node = node
            self.address = address
            self.datacenter = datacenter
            self.taggedAddresses = taggedAddresses
            self.meta = meta
            self.createIndex = createIndex
            self.modifyIndex = modifyIndex
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decodeIfPresent(String.self, forKey: .id) ?? ""
            node = try c.decodeIfPresent(String.self, forKey: .node) ?? ""
            address = try c.decodeIfPresent(String.self, forKey: .address) ?? ""
            datacenter = try c.decodeIfPresent(String.self, forKey: .datacenter) ?? ""
            taggedAddresses = try c.decodeIfPresent([String: String].self, forKey: .taggedAddresses) ?? [:]
            meta = try c.decodeIfPresent([String: String].self, forKey: .meta) ?? [:]
            createIndex = try c.decodeIfPresent(UInt64.self, forKey: .createIndex) ?? 0
            modifyIndex = try c.decodeIfPresent(UInt64.self, forKey: .modifyIndex) ?? 0
        }
    }

    /// Load-balancing weights of a service instance.
    struct Weights: Codable, Sendable, Equatable {
        var passing: Int = 1
        var warning: Int = 1

        enum CodingKeys: String, CodingKey {
            case passing = "Passing", warning = "Warning"
        }
    }

    /// A service instance (`/v1/agent/services` values, and `Service` in health entries).
    struct Service: Codable, Sendable, Equatable {
        var id: String
        var service: String
        var tags: [String]
        var address: String
        var meta: [String: String]
        var port: Int
        var weights: Weights = .init()
        var enableTagOverride: Bool = false
        var datacenter: String?
        var createIndex: UInt64?
        var modifyIndex: UInt64?

        enum CodingKeys: String, CodingKey {
            case id = "ID", service = "Service", tags = "Tags", address = "Address", meta = "Meta", port = "Port"
            case weights = "Weights", enableTagOverride = "EnableTagOverride", datacenter = "Datacenter"
            case createIndex = "CreateIndex", modifyIndex = "ModifyIndex"
        }

        init(
            id: String, service: String, tags: [String], address: String, meta: [String: String], port: Int,
            datacenter: String? = nil, createIndex: UInt64? = nil, modifyIndex: UInt64? = nil
        ) {
            self.id = id
            self.service = service
            self.tags = tags
            self.address = address
            self.meta = meta
            self.port = port
            self.datacenter = datacenter
            self.createIndex = createIndex
            self.modifyIndex = modifyIndex
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id)
            service = try c.decode(String.self, forKey: .service)
            tags = try c.decodeIfPresent([String].self, forKey: .tags) ?? []
            address = try c.decodeIfPresent(String.self, forKey: .address) ?? ""
            meta = try c.decodeIfPresent([String: String].self, forKey: .meta) ?? [:]
            port = try c.decodeIfPresent(Int.self, forKey: .port) ?? 0
            weights = try c.decodeIfPresent(Weights.self, forKey: .weights) ?? .init()
            enableTagOverride = try c.decodeIfPresent(Bool.self, forKey: .enableTagOverride) ?? false
            datacenter = try c.decodeIfPresent(String.self, forKey: .datacenter)
            createIndex = try c.decodeIfPresent(UInt64.self, forKey: .createIndex)
            modifyIndex = try c.decodeIfPresent(UInt64.self, forKey: .modifyIndex)
        }
    }

    /// A health check's state (`/v1/agent/checks` values, `/v1/health/checks`, and `Checks` in health entries).
    struct Check: Codable, Sendable, Equatable {
        var node: String
        var checkID: String
        var name: String
        var status: String
        var notes: String
        var output: String
        var serviceID: String
        var serviceName: String
        var serviceTags: [String]
        var type: String
        var createIndex: UInt64?
        var modifyIndex: UInt64?

        enum CodingKeys: String, CodingKey {
            case node = "Node", checkID = "CheckID", name = "Name", status = "Status", notes = "Notes"
            case output = "Output", serviceID = "ServiceID", serviceName = "ServiceName"
            case serviceTags = "ServiceTags", type = "Type", createIndex = "CreateIndex", modifyIndex = "ModifyIndex"
        }

        init(
            node: String, checkID: String, name: String, status: String, notes: String, output: String,
            serviceID: String, serviceName: String, serviceTags: [String], type: String,
            createIndex: UInt64? = nil, modifyIndex: UInt64? = nil
        ) {
            self.node = node
            self.checkID = checkID
            self.name = name
            self.status = status
            self.notes = notes
            self.output = output
            self.serviceID = serviceID
            self.serviceName = serviceName
            self.serviceTags = serviceTags
            self.type = type
            self.createIndex = createIndex
            self.modifyIndex = modifyIndex
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            node = try c.decodeIfPresent(String.self, forKey: .node) ?? ""
            checkID = try c.decodeIfPresent(String.self, forKey: .checkID) ?? ""
            name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
            status = try c.decodeIfPresent(String.self, forKey: .status) ?? ""
            notes = try c.decodeIfPresent(String.self, forKey: .notes) ?? ""
            output = try c.decodeIfPresent(String.self, forKey: .output) ?? ""
            serviceID = try c.decodeIfPresent(String.self, forKey: .serviceID) ?? ""
            serviceName = try c.decodeIfPresent(String.self, forKey: .serviceName) ?? ""
            serviceTags = try c.decodeIfPresent([String].self, forKey: .serviceTags) ?? []
            type = try c.decodeIfPresent(String.self, forKey: .type) ?? ""
            createIndex = try c.decodeIfPresent(UInt64.self, forKey: .createIndex)
            modifyIndex = try c.decodeIfPresent(UInt64.self, forKey: .modifyIndex)
        }
    }

    /// One element of `/v1/health/service/:name`.
    struct HealthEntry: Codable, Sendable, Equatable {
        var node: Node
        var service: Service
        var checks: [Check]

        enum CodingKeys: String, CodingKey {
            case node = "Node", service = "Service", checks = "Checks"
        }
    }

    /// One element of `/v1/catalog/service/:name`.
    struct CatalogService: Codable, Sendable, Equatable {
        var id: String
        var node: String
        var address: String
        var datacenter: String
        var taggedAddresses: [String: String]
        var nodeMeta: [String: String]
        var serviceID: String
        var serviceName: String
        var serviceTags: [String]
        var serviceAddress: String
        var servicePort: Int
        var serviceMeta: [String: String]
        var serviceEnableTagOverride: Bool
        var createIndex: UInt64
        var modifyIndex: UInt64

        enum CodingKeys: String, CodingKey {
            case id = "ID", node = "Node", address = "Address", datacenter = "Datacenter"
            case taggedAddresses = "TaggedAddresses", nodeMeta = "NodeMeta", serviceID = "ServiceID"
            case serviceName = "ServiceName", serviceTags = "ServiceTags", serviceAddress = "ServiceAddress"
            case servicePort = "ServicePort", serviceMeta = "ServiceMeta"
            case serviceEnableTagOverride = "ServiceEnableTagOverride"
            case createIndex = "CreateIndex", modifyIndex = "ModifyIndex"
        }
    }

    /// One element of `/v1/kv/:key`.
    struct KVEntry: Codable, Sendable, Equatable {
        var key: String
        var value: String?
        var flags: UInt64
        var lockIndex: UInt64
        var createIndex: UInt64
        var modifyIndex: UInt64
        var session: String?

        enum CodingKeys: String, CodingKey {
            case key = "Key", value = "Value", flags = "Flags", lockIndex = "LockIndex"
            case createIndex = "CreateIndex", modifyIndex = "ModifyIndex", session = "Session"
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(key, forKey: .key)
            try c.encode(value, forKey: .value)  // Consul writes `"Value": null` for an empty value
            try c.encode(flags, forKey: .flags)
            try c.encode(lockIndex, forKey: .lockIndex)
            try c.encode(createIndex, forKey: .createIndex)
            try c.encode(modifyIndex, forKey: .modifyIndex)
            try c.encodeIfPresent(session, forKey: .session)
        }
    }

    /// The body of `PUT /v1/agent/check/update/:id`.
    struct CheckUpdate: Codable, Sendable {
        var status: String
        var output: String?

        enum CodingKeys: String, CodingKey {
            case status = "Status", output = "Output"
        }

        init(status: String, output: String?) {
            self.status = status
            self.output = output
        }

        init(from decoder: any Decoder) throws {
            let lenient = try LenientKeyedDecoding(decoder)
            status = try lenient.decode(String.self, "Status") ?? ""
            output = try lenient.decode(String.self, "Output")
        }
    }
}
