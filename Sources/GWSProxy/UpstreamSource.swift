/// Where the proxy learns the passing instances of a service. Production uses
/// ``ConsulUpstreamSource``; tests use a fake.
public protocol UpstreamSource: Sendable {
    /// The passing instances of `service`: the current list as soon as it is
    /// known, then a new list on every change, until the consumer stops
    /// iterating (or its task is cancelled).
    func instances(of service: String) -> AsyncStream<[UpstreamInstance]>
}
