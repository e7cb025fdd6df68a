import Foundation
import GWSStores

/// One entry of a call's user data (attached data), GWS's key/value list
/// element `{key, type: "str"|"int"|"kvlist", value}`.
public struct UserDataPair: Sendable, Hashable {
    /// The key; never empty.
    public var key: String
    /// The typed value.
    public var value: UserDataValue

    public init(key: String, value: UserDataValue) {
        self.key = key
        self.value = value
    }

    /// A `"str"` pair.
    public static func string(_ key: String, _ value: String) -> UserDataPair {
        UserDataPair(key: key, value: .string(value))
    }

    /// An `"int"` pair.
    public static func int(_ key: String, _ value: Int) -> UserDataPair {
        UserDataPair(key: key, value: .int(value))
    }

    /// Reads a request's key/value list (`[{key, type, value}]`).
    ///
    /// An `"int"` value may also come as a string of digits (some clients
    /// send them so).
    /// - Throws: ``VoiceError`` with code ``VoiceError/Code/invalidArgument``
    ///   naming what is wrong.
    public static func list(from json: JSONValue) throws(VoiceError) -> [UserDataPair] {
        guard case .array = json else {
            throw VoiceError(.invalidArgument, "userData must be a list of {key, type, value}")
        }
        do {
            return try VoiceCoding.decode([UserDataPair].self, from: json)
        } catch {
            throw VoiceError(.invalidArgument, "userData is not a valid key/value list: \(VoiceCoding.describe(error))")
        }
    }
}

extension UserDataPair: Codable {
    private enum CodingKeys: String, CodingKey {
        case key, type, value
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        key = try c.decode(String.self, forKey: .key)
        let type = try c.decode(String.self, forKey: .type)
        switch type {
        case "str":
            value = .string(try c.decode(String.self, forKey: .value))
        case "int":
            if let number = try? c.decode(Int.self, forKey: .value) {
                value = .int(number)
            } else if let number = Int(try c.decode(String.self, forKey: .value)) {
                value = .int(number)
            } else {
                throw DecodingError.dataCorruptedError(
                    forKey: .value, in: c, debugDescription: "the value of \"\(key)\" is not an integer")
            }
        case "kvlist":
            value = .list(try c.decode([UserDataPair].self, forKey: .value))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: c, debugDescription: "unknown type \"\(type)\" (expected str, int or kvlist)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(key, forKey: .key)
        try c.encode(value.typeName, forKey: .type)
        switch value {
        case .string(let text): try c.encode(text, forKey: .value)
        case .int(let number): try c.encode(number, forKey: .value)
        case .list(let pairs): try c.encode(pairs, forKey: .value)
        }
    }
}
