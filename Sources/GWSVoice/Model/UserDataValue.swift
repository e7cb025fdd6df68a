/// The value of a user-data pair: GWS's `type` `"str"`, `"int"` or `"kvlist"`.
public enum UserDataValue: Sendable, Hashable {
    /// `type: "str"`
    case string(String)
    /// `type: "int"`
    case int(Int)
    /// `type: "kvlist"`: a nested key/value list.
    case list([UserDataPair])

    /// The GWS type name: `"str"`, `"int"` or `"kvlist"`.
    public var typeName: String {
        switch self {
        case .string: return "str"
        case .int: return "int"
        case .list: return "kvlist"
        }
    }
}
