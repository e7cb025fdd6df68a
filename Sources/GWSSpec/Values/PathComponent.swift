/// One step in a path through a ``Value``: a map key or a list index.
public enum PathComponent: Hashable, Sendable {
    case key(String)
    case index(Int)

    /// Renders a path the way validation messages do:
    /// `spec.services.workspace.replicaCount`, `ports[2]`, `env["a.b"]`.
    public static func render(_ path: [PathComponent]) -> String {
        path.reduce(into: "") { text, component in
            switch component {
            case .key(let key): text = appending(key: key, to: text)
            case .index(let index): text = appending(index: index, to: text)
            }
        }
    }

    /// `path` followed by the map key `key`: `.key` when the key is a plain identifier
    /// (ASCII letters, digits, `_` and `-`, starting with a letter or `_`), otherwise `["key"]`.
    public static func appending(key: String, to path: String) -> String {
        if isPlainIdentifier(key) {
            return path.isEmpty ? key : "\(path).\(key)"
        }
        return "\(path)[\(ValuesError.quoted(key))]"
    }

    /// `path` followed by the list index `index`: `path[index]`.
    public static func appending(index: Int, to path: String) -> String {
        "\(path)[\(index)]"
    }

    private static func isPlainIdentifier(_ key: String) -> Bool {
        let bytes = Array(key.utf8)
        guard let first = bytes.first, isLetter(first) || first == UInt8(ascii: "_") else { return false }
        return bytes.allSatisfy { byte in
            isLetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }
}
