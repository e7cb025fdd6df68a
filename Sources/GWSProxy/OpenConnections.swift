import NIOCore
import Synchronization

/// The connections a ``SharedPortServer`` accepted and has not seen closed,
/// and whether it is draining.
public final class OpenConnections: Sendable {
    private struct State {
        var channels: [ObjectIdentifier: any Channel] = [:]
        var draining = false
    }

    private let state = Mutex(State())

    public init() {}

    /// Whether the server is draining: responses should carry `Connection: close`.
    public var draining: Bool { state.withLock { $0.draining } }

    /// How many connections are open.
    public var count: Int { state.withLock { $0.channels.count } }

    func opened(_ channel: any Channel) {
        let id = ObjectIdentifier(channel)
        state.withLock { $0.channels[id] = channel }
        channel.closeFuture.whenComplete { [weak self] _ in
            _ = self?.state.withLock { $0.channels.removeValue(forKey: id) }
        }
    }

    func startDraining() { state.withLock { $0.draining = true } }

    /// Asks every open connection to quiesce: closed at once when idle, after
    /// the response in progress otherwise.
    func quiesceAll() {
        for channel in state.withLock({ Array($0.channels.values) }) {
            channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        }
    }
}
