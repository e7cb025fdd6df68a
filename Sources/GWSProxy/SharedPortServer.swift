import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

#if canImport(Glibc)
    import Glibc
#endif

/// An HTTP(S) listener that binds with `SO_REUSEPORT`, so that several proxy
/// processes share the public port: during a rolling restart the new proxy
/// listens beside the old one and the kernel spreads new connections over
/// both, with no moment when the port is closed.
///
/// Graceful shutdown drains without failing a request:
/// 1. the listening socket closes at once: new connections go to the other
///    processes on the port;
/// 2. for `drainPeriod`, every response carries `Connection: close`, so
///    clients leave their keep-alive connections after their next request
///    (closing them from here could race a request the client is sending);
/// 3. then the connections left (idle ones) are asked to quiesce — closed
///    when idle, after their response otherwise — and the server returns once
///    every connection is closed.
///
/// Hummingbird's `Application` binds without `SO_REUSEPORT`, so this runs
/// the same child channels (`HTTP1Channel`, `TLSChannel`) on a bootstrap of
/// its own; the router answers as in an `Application`.
public struct SharedPortServer<Child: ServerChildChannel>: Service {
    let host: String
    let port: Int
    let child: Child
    let drainPeriod: Duration
    let logger: Logger
    let onListening: @Sendable (Int) -> Void

    public init(
        host: String, port: Int, child: Child, connections: OpenConnections = OpenConnections(),
        drainPeriod: Duration = .seconds(1), logger: Logger, onListening: @escaping @Sendable (Int) -> Void = { _ in }
    ) {
        self.connections = connections
        self.host = host
        self.port = port
        self.child = child
        self.drainPeriod = drainPeriod
        self.logger = logger
        self.onListening = onListening
    }

    /// Its connections, and whether it drains (responses then carry `Connection: close`).
    public let connections: OpenConnections

    public func run() async throws {
        let connections = self.connections
        let child = self.child
        let logger = self.logger
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(ChannelOptions.socket(SocketOptionLevel(SOL_SOCKET), SO_REUSEPORT), value: 1)
            .childChannelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
            .bind(host: host, port: port) { channel in
                connections.opened(channel)
                return child.setup(channel: channel, logger: logger)
            }
        onListening(server.channel.localAddress?.port ?? port)
        let drainPeriod = self.drainPeriod
        try await withGracefulShutdownHandler {
            do {
                try await server.executeThenClose { inbound in
                    try await withThrowingDiscardingTaskGroup { group in
                        for try await value in inbound {
                            group.addTask { await child.handle(value: value, logger: logger) }
                        }
                    }
                }
            } catch where connections.draining {
                // The drain closed the listening socket: the connections finished above.
            }
        } onGracefulShutdown: {
            connections.startDraining()
            server.channel.close(promise: nil)
            Task {
                try? await Task.sleep(for: drainPeriod)
                connections.quiesceAll()
            }
        }
    }
}
