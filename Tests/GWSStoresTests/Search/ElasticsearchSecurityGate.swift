import AsyncHTTPClient
import Foundation
import Hummingbird
import NIOCore

/// A stand-in for Elasticsearch's security layer (osmem-server has none):
/// requests carrying the expected `Authorization` go on to osmem unchanged;
/// any other gets what Elasticsearch answers a request it cannot
/// authenticate: 401, `WWW-Authenticate: Basic realm="security"` and a
/// `security_exception` error body naming the user (never the password).
struct ElasticsearchSecurityGate: RouterMiddleware {
    typealias Context = BasicRequestContext

    /// `user:password` that Elasticsearch would accept.
    let username: String
    let password: String
    /// Where accepted requests go, such as osmem's URL.
    let upstream: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let expected = "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
        guard request.headers[.authorization] == expected else { return refusal(request) }
        var forwarded = HTTPClientRequest(url: upstream + request.uri.description)
        forwarded.method = .init(rawValue: request.method.rawValue)
        for field in request.headers where field.name != .authorization {
            forwarded.headers.add(name: field.name.rawName, value: field.value)
        }
        forwarded.body = .bytes(try await request.body.collect(upTo: 16 * 1024 * 1024))
        let answer = try await HTTPClient.shared.execute(forwarded, timeout: .seconds(30))
        let body = try await answer.body.collect(upTo: 16 * 1024 * 1024)
        var headers = HTTPFields()
        headers[.contentType] = answer.headers.first(name: "content-type") ?? "application/json"
        return Response(status: .init(code: Int(answer.status.code)), headers: headers, body: .init(byteBuffer: body))
    }

    /// Elasticsearch's answer to bad or missing credentials.
    private func refusal(_ request: Request) -> Response {
        let user = Self.basicUser(request.headers[.authorization]) ?? "elastic"
        let reason = "unable to authenticate user [\(user)] for REST request [\(request.uri.path)]"
        let cause = #"{"type":"security_exception","reason":"\#(reason)","header":{"WWW-Authenticate":"Basic realm=\"security\" charset=\"UTF-8\""}}"#
        let body = #"{"error":{"root_cause":[\#(cause)],"type":"security_exception","reason":"\#(reason)","header":{"WWW-Authenticate":"Basic realm=\"security\" charset=\"UTF-8\""}},"status":401}"#
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.wwwAuthenticate] = #"Basic realm="security" charset="UTF-8""#
        return Response(status: .unauthorized, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// The user name of a `Basic` authorization, if it is one.
    private static func basicUser(_ header: String?) -> String? {
        guard let header, header.hasPrefix("Basic "),
            let decoded = Data(base64Encoded: String(header.dropFirst(6))),
            let text = String(data: decoded, encoding: .utf8), let colon = text.firstIndex(of: ":")
        else { return nil }
        return String(text[..<colon])
    }

    /// An application that runs every request through the gate.
    static func application(username: String, password: String, upstream: String) -> some ApplicationProtocol {
        let router = Router()
        router.add(middleware: ElasticsearchSecurityGate(username: username, password: password, upstream: upstream))
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }
}
