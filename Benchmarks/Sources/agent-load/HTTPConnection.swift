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
    private var timeout: Scheduled<Void>?
    private(set) var isOpen = true
    /// Set by the pool: called once when the channel closes.
    var onClose: (() -> Void)?

    var isBusy: Bool { completion != nil }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    /// Sends one request; `completion` runs on the event loop exactly once. `keepAlive` in the
    /// result says whether the connection may carry another request.
    func send(
        method: HTTPMethod, path: String, headers: HTTPHeaders, body: ByteBuffer?, timeout: TimeAmount,
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
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        self.timeout = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [weak self] in
            guard let self else { return }
            self.fail(LoadError.timeout)
            self.context?.close(promise: nil)
        }
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
            timeout?.cancel()
            timeout = nil
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
        timeout?.cancel()
        timeout = nil
        guard let completion else { return }
        self.completion = nil
        completion(.failure(error))
    }
}
