/// A coding key that can name any JSON object member.
struct AnyCodingKey: CodingKey, Hashable {
    let stringValue: String
    var intValue: Int? { nil }

    init(_ string: String) { self.stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}

/// Reads a JSON object's members the way Consul (Go's `encoding/json`) does: key names match
/// case-insensitively, and snake_case spellings (`deregister_critical_service_after`) match too.
struct LenientKeyedDecoding {
    private let container: KeyedDecodingContainer<AnyCodingKey>
    private let keys: [String: AnyCodingKey]

    init(_ decoder: any Decoder) throws {
        container = try decoder.container(keyedBy: AnyCodingKey.self)
        var keys: [String: AnyCodingKey] = [:]
        for key in container.allKeys {
            let normalized = Self.normalize(key.stringValue)
            if keys[normalized] == nil || key.stringValue.first?.isUppercase == true {
                keys[normalized] = key
            }
        }
        self.keys = keys
    }

    /// Lower-cases a key and removes underscores and dashes.
    static func normalize(_ key: String) -> String {
        String(key.lowercased().filter { $0 != "_" && $0 != "-" })
    }

    private func key(_ names: [String]) -> AnyCodingKey? {
        for name in names {
            if let key = keys[Self.normalize(name)] { return key }
        }
        return nil
    }

    /// Decodes the first present, non-null member among `names`.
    func decode<T: Decodable>(_ type: T.Type, _ names: String...) throws -> T? {
        guard let key = key(names), try !container.decodeNil(forKey: key) else { return nil }
        return try container.decode(type, forKey: key)
    }

    /// Decodes a string member, also accepting a JSON number (written in decimal).
    func decodeStringOrNumber(_ names: String...) throws -> String? {
        guard let key = key(names), try !container.decodeNil(forKey: key) else { return nil }
        if let string = try? container.decode(String.self, forKey: key) { return string }
        return String(try container.decode(Int64.self, forKey: key))
    }

    /// Decodes a Consul duration member: a string (`"10s"`) or a number of nanoseconds, always returned as a string.
    func decodeDuration(_ names: String...) throws -> String? {
        guard let key = key(names), try !container.decodeNil(forKey: key) else { return nil }
        if let string = try? container.decode(String.self, forKey: key) { return string }
        let nanoseconds = try container.decode(Int64.self, forKey: key)
        return ConsulDuration.format(.nanoseconds(nanoseconds))
    }
}
