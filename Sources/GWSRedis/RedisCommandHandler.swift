import NIOCore

/// The channel handler behind ``RedisConnection``, confined to the channel's
/// event loop: it decodes replies and hands them, in order, to the requests
/// waiting for them (RESP replies come back in the order the commands were
/// sent, which is what makes pipelining work).
///
/// A request is one command (``Waiter/Kind/single``) or a pipeline of several
/// (``Waiter/Kind/batch``, resumed once with all of its replies). Each has a
/// deadline; one timer per connection, armed for the earliest deadline,
/// fails the requests whose deadline passed. A request that timed out stays
/// in the queue (abandoned) so that its late replies are consumed and the
/// order is kept.
///
/// When the channel closes, or the bytes are not valid RESP, every request
/// still waiting is failed, so no request ever hangs on a dead connection.
final class RedisCommandHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// One request waiting for its replies.
    struct Waiter: Sendable {
        enum Kind: Sendable {
            case single(UnsafeContinuation<RESPValue, any Error>)
            case batch(UnsafeContinuation<[RESPValue], any Error>)
            case abandoned
        }
        var kind: Kind
        /// Replies this request takes (1 for a single command).
        var count: Int
        var deadline: NIODeadline
        /// The command's name, for the timeout message (empty for a pipeline).
        var name: String
        var timeout: Duration

        /// Resumes the request with `error`; it must not have been resumed before.
        func fail(_ error: RedisError) {
            switch kind {
            case .single(let continuation): continuation.resume(throwing: error)
            case .batch(let continuation): continuation.resume(throwing: error)
            case .abandoned: break
            }
        }
    }

    private let address: String
    private let decoder = RESPDecoder()
    private var context: ChannelHandlerContext?
    private var inbound: ByteBuffer?
    private var waiting = CircularBuffer<Waiter>(initialCapacity: 16)
    /// Replies received so far for the head of `waiting`.
    private var headReplies: [RESPValue] = []
    private var headReceived = 0
    private var failure: RedisError?
    private var timer: Scheduled<Void>?
    private var timerDeadline: NIODeadline?

    init(address: String) {
        self.address = address
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        failAll(RedisError(.connectionClosed, "connection to Redis at \(address) is closed"))
        self.context = nil
    }

    /// Queues `waiters` (in order) for the replies to the commands of the
    /// next ``write(_:)``, leaving the array empty (its storage kept for
    /// reuse). On the event loop only.
    func enqueue(_ waiters: inout [Waiter]) {
        guard let context, failure == nil else {
            let error = failure ?? RedisError(.connectionClosed, "connection to Redis at \(address) is closed")
            for waiter in waiters { waiter.fail(error) }
            waiters.removeAll(keepingCapacity: true)
            return
        }
        var earliest = waiters.first?.deadline ?? .distantFuture
        for waiter in waiters {
            waiting.append(waiter)
            earliest = min(earliest, waiter.deadline)
        }
        waiters.removeAll(keepingCapacity: true)
        armTimer(earliest, context: context)
    }

    /// Writes and flushes encoded commands whose waiters ``enqueue(_:)`` queued.
    func write(_ payload: ByteBuffer) {
        // A failed write closes the channel, and channelInactive fails the waiters.
        context?.writeAndFlush(NIOAny(payload), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = unwrapInboundIn(data)
        if inbound == nil || inbound!.readableBytes == 0 {
            inbound = bytes
        } else {
            var bytes = bytes
            inbound!.writeBuffer(&bytes)
        }
        do {
            while failure == nil, let value = try decoder.parse(&inbound!) {
                received(value, context: context)
            }
        } catch {
            let redisError = error as? RedisError ?? RedisError(.protocolViolation, "\(error)")
            fail(redisError, context: context)
            return
        }
        guard let left = inbound?.readableBytes else { return }  // nil: failed meanwhile
        if left == 0 {
            inbound = nil  // the reply slices keep the storage; the next read starts afresh
        } else if inbound!.readerIndex > 16 * 1024 {
            inbound!.discardReadBytes()
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        let count = waiting.count
        failAll(
            RedisError(
                .connectionClosed,
                count == 0
                    ? "connection to Redis at \(address) is closed"
                    : "connection to Redis at \(address) closed with \(count) request(s) in flight"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let redisError =
            error as? RedisError
            ?? RedisError(.connectionClosed, "connection to Redis at \(address) failed: \(error)")
        fail(redisError, context: context)
    }

    private func received(_ value: RESPValue, context: ChannelHandlerContext) {
        guard let head = waiting.first else {
            // A reply nobody asked for: the stream is out of step; give up on it.
            fail(RedisError(.protocolViolation, "unsolicited reply from Redis at \(address): \(value)"), context: context)
            return
        }
        switch head.kind {
        case .single(let continuation):
            waiting.removeFirst()
            continuation.resume(returning: value)
        case .batch(let continuation):
            if headReceived == 0 { headReplies.reserveCapacity(head.count) }
            headReplies.append(value)
            headReceived += 1
            guard headReceived == head.count else { return }
            waiting.removeFirst()
            let replies = headReplies
            headReplies = []
            headReceived = 0
            continuation.resume(returning: replies)
        case .abandoned:
            headReceived += 1
            guard headReceived == head.count else { return }
            waiting.removeFirst()
            headReplies.removeAll()
            headReceived = 0
        }
    }

    // MARK: - Timeouts

    private func armTimer(_ deadline: NIODeadline, context: ChannelHandlerContext) {
        if deadline == .distantFuture { return }
        if let timerDeadline, timerDeadline <= deadline { return }
        timer?.cancel()
        timerDeadline = deadline
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
            timerFired()
        }
    }

    /// Fails every request past its deadline, then re-arms for the earliest one left.
    private func timerFired() {
        timer = nil
        timerDeadline = nil
        guard let context, !waiting.isEmpty else { return }
        let now = NIODeadline.now()
        var earliest: NIODeadline?
        for index in waiting.indices {
            let waiter = waiting[index]
            if case .abandoned = waiter.kind { continue }
            if waiter.deadline <= now {
                let what = waiter.name.isEmpty ? "a pipeline of \(waiter.count) commands" : waiter.name
                waiter.fail(RedisError(.timeout, "no reply to \(what) from Redis at \(address) within \(waiter.timeout)"))
                waiting[index].kind = .abandoned
            } else {
                earliest = min(earliest ?? waiter.deadline, waiter.deadline)
            }
        }
        if let earliest { armTimer(earliest, context: context) }
    }

    // MARK: - Failure

    private func fail(_ error: RedisError, context: ChannelHandlerContext) {
        failAll(error)
        context.close(promise: nil)
    }

    private func failAll(_ error: RedisError) {
        if failure == nil { failure = error }
        timer?.cancel()
        timer = nil
        timerDeadline = nil
        while let waiter = waiting.popFirst() { waiter.fail(error) }
        headReplies.removeAll()
        headReceived = 0
        inbound = nil
    }
}
