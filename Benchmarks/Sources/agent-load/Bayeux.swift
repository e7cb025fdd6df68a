import Foundation
import NIOCore

/// The fields of a Bayeux message that the agents read; everything else is skipped.
struct BayeuxMessage: Decodable {
    let channel: String?
    let successful: Bool?
    let clientId: String?
    /// `data` of a /workspace/v3/voice message when it is an object (nil otherwise).
    let data: VoiceData?

    struct VoiceData: Decodable {
        let messageType: String?
        let dn: DN?
    }

    struct DN: Decodable {
        let agentState: String?
    }

    enum CodingKeys: String, CodingKey {
        case channel, successful, clientId, data
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        channel = try? c.decodeIfPresent(String.self, forKey: .channel)
        successful = try? c.decodeIfPresent(Bool.self, forKey: .successful)
        clientId = try? c.decodeIfPresent(String.self, forKey: .clientId)
        data = try? c.decodeIfPresent(VoiceData.self, forKey: .data)
    }
}

/// The `{"status": {"code", "message"}}` envelope of a Workspace answer.
struct Envelope: Decodable {
    let status: Status?

    struct Status: Decodable {
        let code: Int?
        let message: String?

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            code = try? c.decodeIfPresent(Int.self, forKey: .code)
            message = try? c.decodeIfPresent(String.self, forKey: .message)
        }

        enum CodingKeys: String, CodingKey { case code, message }

        /// As Python prints the dict: `{'code': 2, 'message': '…'}`.
        var pythonRepr: String {
            var parts: [String] = []
            if let code { parts.append("'code': \(code)") }
            if let message { parts.append("'message': '\(message)'") }
            return "{" + parts.joined(separator: ", ") + "}"
        }
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        status = try? c.decodeIfPresent(Status.self, forKey: .status)
    }

    enum CodingKeys: String, CodingKey { case status }
}

enum JSON {
    static func decode<T: Decodable>(_ type: T.Type, from buffer: ByteBuffer) throws -> T {
        try JSONDecoder().decode(type, from: Data(buffer.readableBytesView))
    }

    /// A JSON string literal of `s`.
    static func quote(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where ch.value < 0x20: out += String(format: "\\u%04x", ch.value)
            default: out.unicodeScalars.append(ch)
            }
        }
        return out + "\""
    }
}

extension ByteBuffer {
    /// The body as text, at most `limit` characters (for failure examples).
    func text(limit: Int) -> String {
        String(String(decoding: readableBytesView, as: UTF8.self).prefix(limit))
    }
}
