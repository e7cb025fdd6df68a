/// An error from the Redis client: a ``Code`` saying what kind of failure it
/// is, and a message for people.
///
/// Messages name the server (`host:port`) where that helps; they never contain
/// a password.
public struct RedisError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure. A closed set, matched with `==`.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case connectionRefused, connectFailed, connectionClosed, timeout, server
            case authenticationFailed, protocolViolation, unexpectedReply, clientClosed
            case invalidConfiguration
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// Nothing listens on the server's address (or the connect timed out).
        public static let connectionRefused = Code(.connectionRefused)
        /// Connecting failed for another reason (DNS, TLS handshake, …).
        public static let connectFailed = Code(.connectFailed)
        /// The connection went away while the request was in flight or queued.
        public static let connectionClosed = Code(.connectionClosed)
        /// No reply within the command timeout.
        public static let timeout = Code(.timeout)
        /// The server answered with an error reply (`-ERR …`); the message is the server's.
        public static let server = Code(.server)
        /// AUTH was rejected (wrong password or user), or the server demands one.
        public static let authenticationFailed = Code(.authenticationFailed)
        /// The bytes on the wire are not valid RESP, or exceed the decoder's limits.
        public static let protocolViolation = Code(.protocolViolation)
        /// A reply of a shape the typed helper did not expect.
        public static let unexpectedReply = Code(.unexpectedReply)
        /// The client, pool or subscriber was closed.
        public static let clientClosed = Code(.clientClosed)
        /// The URL or password file could not be used.
        public static let invalidConfiguration = Code(.invalidConfiguration)

        public var description: String { base.rawValue }
    }

    /// What kind of failure this is.
    public var code: Code
    /// A message for people; for ``Code/server`` the server's own message.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "RedisError.\(code): \(message)" }
}

extension RedisError {
    static func unexpected(_ reply: RESPValue, for command: String) -> RedisError {
        RedisError(.unexpectedReply, "unexpected reply to \(command): \(reply)")
    }
}
