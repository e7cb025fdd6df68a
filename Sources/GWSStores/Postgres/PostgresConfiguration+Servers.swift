/// A multi-host configuration: several servers, one of them wanted
/// (libpq's `host=a,b` with `target_session_attrs`).
extension PostgresConfiguration {
    /// One server of a multi-host configuration.
    public struct Server: Sendable, Equatable, CustomStringConvertible {
        public var host: String
        public var port: Int

        public init(host: String, port: Int) {
            self.host = host
            self.port = port
        }

        public var description: String { "\(host):\(port)" }
    }

    /// Which server of several to use, as libpq's `target_session_attrs`.
    public enum TargetSessionAttributes: String, Sendable, CaseIterable {
        /// The first that accepts a connection.
        case any
        /// The first that accepts writes (`pg_is_in_recovery()` is false): the primary.
        case readWrite = "read-write"
    }

    /// Every server to try, in order: `host:port` first, then the others of a multi-host URL.
    public var servers: [Server] { [Server(host: host, port: port)] + otherServers }

    /// Whether the pool must find the server to use (several servers, or one that must be writable).
    public var needsServerSelection: Bool { !otherServers.isEmpty || targetSessionAttributes == .readWrite }

    /// The same credentials and database on one server only.
    public func onServer(_ server: Server) -> PostgresConfiguration {
        var copy = self
        copy.host = server.host
        copy.port = server.port
        copy.otherServers = []
        copy.targetSessionAttributes = .any
        return copy
    }
}
