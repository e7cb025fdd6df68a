import GWSStores
import Hummingbird

extension CometDServer {
    /// The message types CometD JS appends to the URL (`<path>/connect`).
    static let messageTypeSuffixes = ["handshake", "connect", "subscribe", "unsubscribe", "disconnect"]

    /// Adds `POST <path>` and `POST <path>/<message type>` to `router`.
    /// Bodies are JSON arrays of Bayeux messages (a single object is accepted);
    /// answers are JSON arrays. Malformed bodies get 400 (a `GWSError`).
    public func register<Context: RequestContext>(on router: some RouterMethods<Context>) {
        let base = configuration.path.hasSuffix("/") ? String(configuration.path.dropLast()) : configuration.path
        router.post(RouterPath(base)) { request, context in
            try await self.respond(to: request, context: context)
        }
        for suffix in Self.messageTypeSuffixes {
            router.post(RouterPath("\(base)/\(suffix)")) { request, context in
                try await self.respond(to: request, context: context)
            }
        }
    }

    /// Answers one Bayeux HTTP request.
    func respond(to request: Request, context: some RequestContext) async throws -> Response {
        let body = try await request.body.collect(upTo: configuration.maxRequestBytes)
        let messages = try BayeuxBatch.decode(body)
        let replies = try await process(messages, request: request)
        return Response(
            status: .ok,
            headers: [.contentType: "application/json", .cacheControl: "no-cache, no-store"],
            body: .init(byteBuffer: BayeuxBatch.encode(replies)))
    }

    /// Handles a batch in order; a connect contributes the queued messages
    /// followed by its reply.
    func process(_ messages: [BayeuxMessage], request: Request) async throws -> [JSONValue] {
        var replies: [JSONValue] = []
        for message in messages {
            switch message.channel {
            case "/meta/handshake": replies.append(try await handshake(message, request: request))
            case "/meta/connect": replies.append(contentsOf: await connect(message))
            case "/meta/subscribe": replies.append(await subscribe(message))
            case "/meta/unsubscribe": replies.append(unsubscribe(message))
            case "/meta/disconnect": replies.append(await disconnect(message))
            case _ where message.isMeta:
                replies.append(BayeuxReply.failure(to: message, error: BayeuxReply.unknownMetaChannel))
            default: replies.append(await publish(message))
            }
        }
        return replies
    }
}
