import Foundation
import GWSServiceKit
import GWSStores

/// One favorite or recent of an agent: its id, when it was last written and
/// the client's own fields (`kind`, `label`, `value`…), kept as given.
///
/// Encoded flat: `{"id": "…", "updatedAt": "…", "kind": "…", "label": "…", …}`
/// (`id` and `updatedAt` win over client fields of the same name).
struct SettingItem: Codable, Sendable, Equatable {
    var id: String
    var updatedAt: Date
    var fields: [String: JSONValue]

    init(id: String, updatedAt: Date, fields: [String: JSONValue]) {
        self.id = id
        self.updatedAt = updatedAt
        self.fields = fields
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        id = try container.decode(String.self, forKey: Key("id"))
        updatedAt = try container.decode(Date.self, forKey: Key("updatedAt"))
        var fields: [String: JSONValue] = [:]
        for key in container.allKeys where key.stringValue != "id" && key.stringValue != "updatedAt" {
            fields[key.stringValue] = try container.decode(JSONValue.self, forKey: key)
        }
        self.fields = fields
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (name, value) in fields where name != "id" && name != "updatedAt" {
            try container.encode(value, forKey: Key(name))
        }
        try container.encode(id, forKey: Key("id"))
        try container.encode(updatedAt, forKey: Key("updatedAt"))
    }

    /// Checks a client's fields: `kind` must be a non-empty string, `label` a
    /// string when present, and no key or string anywhere may hold the NUL
    /// character (PostgreSQL's `jsonb` cannot store `\u0000`).
    static func validated(_ fields: [String: JSONValue]) throws -> [String: JSONValue] {
        guard case .string(let kind)? = fields["kind"], !kind.isEmpty else {
            throw GWSError(.badRequest, "field data.kind must be a non-empty string")
        }
        if let label = fields["label"], label.stringValue == nil {
            throw GWSError(.badRequest, "field data.label must be a string")
        }
        if let path = nulPath(in: .object(fields), at: "data") {
            throw GWSError(.badRequest, "field \(path) contains the NUL character (\\u0000), which cannot be stored")
        }
        return fields
    }

    /// Where in `value` (at `path`) a key or string holds U+0000, or nil.
    private static func nulPath(in value: JSONValue, at path: String) -> String? {
        switch value {
        case .string(let text):
            return text.utf8.contains(0) ? path : nil
        case .array(let items):
            for (index, item) in items.enumerated() {
                if let found = nulPath(in: item, at: "\(path)[\(index)]") { return found }
            }
            return nil
        case .object(let members):
            for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                if key.utf8.contains(0) { return path }
                if let found = nulPath(in: member, at: "\(path).\(key)") { return found }
            }
            return nil
        case .null, .bool, .int, .double:
            return nil
        }
    }
}
