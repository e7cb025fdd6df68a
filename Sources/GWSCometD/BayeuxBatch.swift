import Foundation
import GWSServiceKit
import GWSStores
import NIOCore

/// Parses request bodies into Bayeux messages and encodes responses.
enum BayeuxBatch {
    /// The messages of a request body: a JSON array of message objects, or a
    /// single object. Anything else is a 400 with a message saying what is wrong.
    static func decode(_ buffer: ByteBuffer) throws -> [BayeuxMessage] {
        let bytes = Data(buffer.readableBytesView)
        guard !bytes.isEmpty else {
            throw GWSError(.badRequest, "empty body: expected a JSON array of Bayeux messages")
        }
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: bytes)
        } catch {
            throw GWSError(.badRequest, "malformed JSON: expected an array of Bayeux messages")
        }
        let elements: [JSONValue]
        switch value {
        case .array(let array): elements = array
        case .object: elements = [value]
        default: throw GWSError(.badRequest, "expected a JSON array of Bayeux messages or one message object")
        }
        guard !elements.isEmpty else {
            throw GWSError(.badRequest, "empty message array: expected at least one Bayeux message")
        }
        return try elements.enumerated().map { index, element in
            guard case .object(let fields) = element else {
                throw GWSError(.badRequest, "message \(index) is not a JSON object")
            }
            guard let message = BayeuxMessage(fields: fields) else {
                throw GWSError(.badRequest, "message \(index) has no \"channel\" string")
            }
            return message
        }
    }

    /// The response body: the replies and deliveries as one JSON array, with
    /// sorted keys and unescaped slashes.
    static func encode(_ messages: [JSONValue]) -> ByteBuffer {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // JSONValue holds only encodable values; non-finite doubles cannot come from parsed JSON.
        let data = (try? encoder.encode(JSONValue.array(messages))) ?? Data("[]".utf8)
        return ByteBuffer(bytes: data)
    }
}
