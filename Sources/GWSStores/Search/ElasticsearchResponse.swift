import Foundation

/// One answer from the server: its status and body.
struct ElasticsearchResponse: Sendable {
    let status: Int
    let body: Data
}

/// The HTTP methods the client uses.
enum RequestMethod: String, Sendable, CustomStringConvertible {
    case GET, HEAD, PUT, POST, DELETE

    var description: String { rawValue }
}
