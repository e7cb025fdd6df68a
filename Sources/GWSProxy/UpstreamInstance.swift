import GWSDiscovery

/// One instance the proxy can forward to.
public struct UpstreamInstance: Sendable, Hashable {
    /// Unique id (Consul service ID, `workspace-0`).
    public var id: String
    /// Host or IP address.
    public var address: String
    /// HTTP port.
    public var port: Int

    public init(id: String, address: String, port: Int) {
        self.id = id
        self.address = address
        self.port = port
    }

    /// The instance as Consul lists it.
    public init(_ instance: ConsulServiceInstance) {
        self.init(
            id: instance.id, address: instance.address.isEmpty ? "127.0.0.1" : instance.address, port: instance.port)
    }

    /// `http://address:port`, with IPv6 addresses bracketed.
    public var baseURL: String {
        let host = address.contains(":") ? "[\(address)]" : address
        return "http://\(host):\(port)"
    }
}
