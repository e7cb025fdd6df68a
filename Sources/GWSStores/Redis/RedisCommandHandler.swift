import NIOCore

/// The channel handler behind ``RedisConnection``: writes commands and
/// completes their promises in order as replies arrive (RESP replies come
/// back in the order the commands were sent, which is what makes pipelining
/// work).
///
/// When the channel closes, or the decoder reports an error, every promise
/// still waiting is failed, so no request ever hangs on a dead connection.
final class RedisCommandHandler: ChannelDuplexHandler {
    typealias InboundIn = RESPValue
    typealias OutboundIn = Request
    typealias OutboundOut = ByteBuffer

    /// Encoded commands and one promise per command, in order.
    struct Request: Sendable {
        var payload: ByteBuffer
        var promises: [EventLoopPromise<RESPValue>]
    }

    private var waiting = CircularBuffer<EventLoopPromise<RESPValue>>(initialCapacity: 16)
    private var failure: RedisError?
    private let address: String

    init(address: String) {
        self.address = address
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        if let failure {
            for p in request.promises { p.fail(failure) }
            promise?.fail(failure)
            return
        }
        waiting.append(contentsOf: request.promises)
        context.write(wrapOutboundOut(request.payload), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let value = unwrapInboundIn(data)
        guard let promise = waiting.popFirst() else {
            // A reply nobody asked for: the stream is out of step; give up on it.
            fail(RedisError(.protocolViolation, "unsolicited reply from Redis at \(address): \(value)"), context: context)
            return
        }
        promise.succeed(value)
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

    private func fail(_ error: RedisError, context: ChannelHandlerContext) {
        failAll(error)
        context.close(promise: nil)
    }

    private func failAll(_ error: RedisError) {
        if failure == nil { failure = error }
        while let promise = waiting.popFirst() { promise.fail(error) }
    }
}
