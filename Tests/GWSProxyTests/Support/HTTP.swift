import AsyncHTTPClient
import Foundation
import NIOCore

/// A response read whole.
struct HTTPResult: Sendable {
    let status: Int
    let headers: [String: String]
    let body: String

    /// The GWS envelope's status, when the body is one.
    var envelopeStatus: (code: Int, message: String?)? {
        struct Envelope: Decodable {
            struct Status: Decodable {
                let code: Int
                let message: String?
            }
            let status: Status
        }
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: Data(body.utf8)) else { return nil }
        return (envelope.status.code, envelope.status.message)
    }

    /// The body as a JSON object of strings.
    var jsonStrings: [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(body.utf8))) ?? [:]
    }
}

/// Sends one request and reads the whole answer.
func send(
    _ url: String,
    method: String = "GET",
    headers: [(String, String)] = [],
    body: String? = nil,
    client: HTTPClient = .shared
) async throws -> HTTPResult {
    var request = HTTPClientRequest(url: url)
    request.method = .init(rawValue: method)
    for (name, value) in headers {
        request.headers.add(name: name, value: value)
    }
    if let body {
        request.body = .bytes(ByteBuffer(string: body))
    }
    let response = try await client.execute(request, timeout: .seconds(30))
    let bytes = try await response.body.collect(upTo: 1 << 22)
    var fields: [String: String] = [:]
    for header in response.headers {
        fields[header.name.lowercased()] = header.value
    }
    return HTTPResult(status: Int(response.status.code), headers: fields, body: String(buffer: bytes))
}

extension Result where Failure == any Error {
    /// Captures the outcome of an async throwing body.
    init(catching body: () async throws -> Success) async {
        do {
            self = .success(try await body())
        } catch {
            self = .failure(error)
        }
    }
}
