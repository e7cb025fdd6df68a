import NIOCore
import NIOHTTP1

/// A complete HTTP response, with the CLOCK_MONOTONIC time its last byte arrived.
struct HTTPResponse {
    let status: Int
    let headers: HTTPHeaders
    let body: ByteBuffer
    let receivedAt: Double
}

/// One keep-alive HTTP/1.1 client connection, one request at a time. Lives on its channel's
/// event loop (every agent of a worker shares that one loop), so it needs no locks.
final class HTTPConnection: ChannelDuplexHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = Never
    typealias OutboundOut = HTTPClientRequestPart

    private var context: ChannelHandlerContext?
    private var completion: ((Result<HTTPResponse, any Error>) -> Void)?
    private var head: HTTPResponseHead?
    private var body: ByteBuffer?
    /// CLOCK_MONOTONIC time when the request in flight times out (see `expire(now:)`).
    private var deadline = Double.infinity
    private(set) var isOpen = true
    /// Set by the pool: called once when the channel closes.
    var onClose: (() -> Void)?

    var isBusy: Bool { completion != nil }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    /// Sends one request; `completion` runs on the event loop exactly once. After it the connection
    /// is open (`isOpen`) only if the server kept it alive. `timeout` (seconds) covers the whole exchange.
    func send(
        method: HTTPMethod, path: String, headers: HTTPHeaders, body: ByteBuffer?, timeout: Double,
        completion: @escaping (Result<HTTPResponse, any Error>) -> Void
    ) {
        guard let context, isOpen else {
            completion(.failure(LoadError.closed))
            return
        }
        precondition(self.completion == nil, "one request at a time")
        self.completion = completion
        self.head = nil
        self.body = nil
        let head = HTTPRequestHead(version: .http1_1, method: method, uri: path, headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if let body, body.readableBytes > 0 {
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        }
        deadline = Monotonic.now() + timeout
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    /// Fails and closes the request in flight if its deadline has passed. The pool calls this a few
    /// times a second for every connection: cheaper than a scheduled task per request, which NIO
    /// cancels with a linear search of its timer heap (thousands of long polls are in it).
    func expire(now: Double) {
        guard completion != nil, now >= deadline else { return }
        fail(LoadError.timeout)
        close()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
        case .body(var part):
            if body == nil {
                body = part
            } else {
                body!.writeBuffer(&part)
            }
        case .end:
            let now = Monotonic.now()
            guard let head, let completion else { return }
            deadline = .infinity
            self.completion = nil
            let keepAlive = head.isKeepAlive
            let response = HTTPResponse(
                status: Int(head.status.code), headers: head.headers,
                body: body ?? ByteBuffer(), receivedAt: now)
            self.head = nil
            self.body = nil
            if !keepAlive {
                isOpen = false
                context.close(promise: nil)
            }
            completion(.success(response))
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        isOpen = false
        fail(LoadError.closed)
        let onClose = self.onClose
        self.onClose = nil
        onClose?()
        context.fireChannelInactive()
    }

    /// Closes the connection, failing a request in flight.
    func close() {
        isOpen = false
        context?.close(promise: nil)
    }

    private func fail(_ error: any Error) {
        deadline = .infinity
        guard let completion else { return }
        self.completion = nil
        completion(.failure(error))
    }
}
