import Logging
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// One connection to a Redis server: many commands may be in flight at once
/// (from any number of tasks); replies are matched to commands in order.
///
/// Commands are encoded by the calling task into one outgoing buffer; the
/// first of a run of callers schedules a single write-and-flush on the event
/// loop, and every command that arrives before it runs goes out in the same
/// write. So concurrent callers and ``pipeline(_:timeout:)`` batch on the
/// wire, and a command costs one event-loop task at most.
///
/// Connecting sends AUTH (when a password is configured) and SELECT (when
/// the database is not 0). Every command has a timeout; when the connection
/// drops, every request in flight fails with ``RedisError/Code/connectionClosed``.
public final class RedisConnection: Sendable {
    /// Commands encoded but not yet handed to the event loop.
    private struct Outbox {
        var payload: ByteBuffer?
        var waiters: [RedisCommandHandler.Waiter] = []
        var flushScheduled = false
    }

    private let channel: any Channel
    private let handler: NIOLoopBound<RedisCommandHandler>
    private let outbox = Mutex(Outbox())
    private let address: String
    private let commandTimeout: Duration
    private let logger: Logger
    /// The master generation this connection was made for (Sentinel mode; 0 otherwise).
    let generation: UInt64

    private init(
        channel: any Channel, handler: NIOLoopBound<RedisCommandHandler>, configuration: RedisConfiguration,
        logger: Logger, generation: UInt64
    ) {
        self.generation = generation
        self.channel = channel
        self.handler = handler
        self.address = configuration.address
        self.commandTimeout = configuration.commandTimeout
        self.logger = logger
    }

    /// Connects, authenticates and selects the database.
    ///
    /// - Parameter sslContext: the TLS context to use when `configuration.tls`
    ///   is set; made from it when nil (pools pass one shared context).
    /// - Throws: ``RedisError``: ``RedisError/Code/connectionRefused`` naming
    ///   `host:port`, ``RedisError/Code/authenticationFailed``, …
    public static func connect(
        configuration: RedisConfiguration, eventLoop: any EventLoop = MultiThreadedEventLoopGroup.singleton.any(),
        logger: Logger, sslContext: NIOSSLContext? = nil
    ) async throws -> RedisConnection {
        try await connect(
            configuration: configuration, eventLoop: eventLoop, logger: logger, sslContext: sslContext, generation: 0)
    }

    /// ``connect(configuration:eventLoop:logger:sslContext:)`` to
    /// `configuration.host`/`port` (never through its Sentinels), tagged with
    /// the master `generation` it was made for.
    static func connect(
        configuration: RedisConfiguration, eventLoop: any EventLoop, logger: Logger, sslContext: NIOSSLContext?,
        generation: UInt64
    ) async throws -> RedisConnection {
        let address = configuration.address
        var context = sslContext
        if context == nil, let tls = configuration.tls {
            do { context = try NIOSSLContext(configuration: tls) } catch {
                throw RedisError(.connectFailed, "cannot set up TLS for Redis at \(address): \(error)")
            }
        }
        let host = configuration.host
        let serverName = (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(.nanoseconds(Int64(configuration.connectTimeout.nanoseconds)))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
        let channel: any Channel
        let handler: NIOLoopBound<RedisCommandHandler>
        do {
            (channel, handler) = try await bootstrap.connect(host: host, port: configuration.port) { [context] channel in
                channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    if let context {
                        try sync.addHandler(NIOSSLClientHandler(context: context, serverHostname: serverName))
                    }
                    let handler = RedisCommandHandler(address: address)
                    try sync.addHandler(handler)
                    return (channel, NIOLoopBound(handler, eventLoop: channel.eventLoop))
                }
            }
        } catch {
            throw connectError(error, address: address)
        }
        let connection = RedisConnection(
            channel: channel, handler: handler, configuration: configuration, logger: logger, generation: generation)
        do {
            try await connection.handshake(configuration)
        } catch {
            await connection.close()
            throw error
        }
        logger.debug("connected to Redis", metadata: ["redis.address": "\(address)"])
        return connection
    }

    /// Whether the channel is still open.
    public var isActive: Bool { channel.isActive }

    /// Completes when the connection has closed, for whatever reason.
    public var closeFuture: EventLoopFuture<Void> { channel.closeFuture }

    /// Sends one command and waits for its reply.
    ///
    /// - Throws: ``RedisError``: ``RedisError/Code/server`` with the server's
    ///   message for an error reply, ``RedisError/Code/timeout``,
    ///   ``RedisError/Code/connectionClosed``.
    public func send(_ command: [String], timeout: Duration? = nil) async throws -> RESPValue {
        let reply = try await withUnsafeThrowingContinuation { continuation in
            enqueue(.single(continuation), count: 1, name: command.first ?? "", timeout: timeout) {
                RESPEncoder.encodeCommand(command, into: &$0)
            }
        }
        if case .error(let message) = reply { throw Self.serverError(message, address: address) }
        return reply
    }

    /// Sends one command made of raw arguments and waits for its reply.
    public func send(_ command: [RedisArgument], timeout: Duration? = nil) async throws -> RESPValue {
        let name: String
        switch command.first {
        case .string(let s)?: name = s
        case .bytes(let b)?: name = String(buffer: b)
        case nil: name = ""
        }
        let reply = try await withUnsafeThrowingContinuation { continuation in
            enqueue(.single(continuation), count: 1, name: name, timeout: timeout) {
                RESPEncoder.encodeCommand(command, into: &$0)
            }
        }
        if case .error(let message) = reply { throw Self.serverError(message, address: address) }
        return reply
    }

    /// Sends one command made of byte buffers and waits for its reply.
    public func send(_ command: [ByteBuffer], timeout: Duration? = nil) async throws -> RESPValue {
        try await send(command.map(RedisArgument.bytes), timeout: timeout)
    }

    /// Sends all `commands` in one write and returns their replies in order.
    ///
    /// Error replies are returned in place as ``RESPValue/error(_:)`` so one
    /// failing command does not hide the others' results; connection failures
    /// and the timeout (one for the whole batch) throw.
    public func pipeline(_ commands: [[String]], timeout: Duration? = nil) async throws -> [RESPValue] {
        guard !commands.isEmpty else { return [] }
        return try await withUnsafeThrowingContinuation { continuation in
            enqueue(.batch(continuation), count: commands.count, name: "", timeout: timeout) {
                for command in commands { RESPEncoder.encodeCommand(command, into: &$0) }
            }
        }
    }

    /// Closes the connection; requests in flight fail with ``RedisError/Code/connectionClosed``.
    public func close() async {
        try? await channel.close()
    }

    /// Starts closing without waiting.
    func closeSoon() {
        channel.close(promise: nil)
    }

    /// Encodes a request into the outbox and makes sure a flush is on its way
    /// to the event loop; the waiter is resumed exactly once, by the handler.
    private func enqueue(
        _ kind: RedisCommandHandler.Waiter.Kind, count: Int, name: String, timeout: Duration?,
        encode: (inout ByteBuffer) -> Void
    ) {
        let limit = timeout ?? commandTimeout
        let waiter = RedisCommandHandler.Waiter(
            kind: kind, count: count, deadline: .now() + .nanoseconds(limit.nanoseconds), name: name, timeout: limit)
        let scheduleFlush = outbox.withLock { outbox -> Bool in
            if outbox.payload == nil { outbox.payload = channel.allocator.buffer(capacity: 1024) }
            encode(&outbox.payload!)
            outbox.waiters.append(waiter)
            guard !outbox.flushScheduled else { return false }
            outbox.flushScheduled = true
            return true
        }
        if scheduleFlush {
            channel.eventLoop.execute { self.flush() }
        }
    }

    /// On the event loop: hands everything in the outbox to the handler as one write.
    private func flush() {
        let handler = self.handler.value
        let payload = outbox.withLock { outbox -> ByteBuffer? in
            outbox.flushScheduled = false
            handler.enqueue(&outbox.waiters)
            defer { outbox.payload = nil }
            return outbox.payload
        }
        if let payload { handler.write(payload) }
    }

    private func handshake(_ configuration: RedisConfiguration) async throws {
        if let password = configuration.password {
            var command = ["AUTH"]
            if let user = configuration.username { command.append(user) }
            command.append(password)
            do {
                _ = try await send(command, timeout: configuration.connectTimeout)
            } catch let error as RedisError where error.code == .server || error.code == .authenticationFailed {
                throw RedisError(
                    .authenticationFailed, "authentication failed for Redis at \(address): \(error.message)")
            }
        }
        if configuration.database != 0 {
            _ = try await send(["SELECT", String(configuration.database)], timeout: configuration.connectTimeout)
        }
    }

    static func serverError(_ message: String, address: String) -> RedisError {
        if message.hasPrefix("NOAUTH") || message.hasPrefix("WRONGPASS") {
            return RedisError(.authenticationFailed, "authentication failed for Redis at \(address): \(message)")
        }
        return RedisError(.server, message)
    }

    static func connectError(_ error: any Error, address: String) -> RedisError {
        if let error = error as? RedisError { return error }
        let text = "\(error)"
        if text.contains("refused") || text.contains("ECONNREFUSED") || text.contains("connectTimeout")
            || error is NIOConnectionError
        {
            let reason = text.contains("connectTimeout") ? "connect timed out" : "connection refused"
            return RedisError(.connectionRefused, "cannot connect to Redis at \(address): \(reason)")
        }
        return RedisError(.connectFailed, "cannot connect to Redis at \(address): \(error)")
    }
}

extension Duration {
    /// The duration in whole nanoseconds (saturating).
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (ns, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : ns &+ attoseconds / 1_000_000_000
    }
}
