/// An error named like the Python worker's exceptions, so that failure reasons read the same.
struct LoadError: Error, CustomStringConvertible {
    let kind: String
    let message: String

    static func runtime(_ message: String) -> LoadError { LoadError(kind: "RuntimeError", message: message) }
    static let timeout = LoadError(kind: "TimeoutError", message: "")
    static let closed = LoadError(kind: "ServerDisconnectedError", message: "Server disconnected")

    var description: String { message.isEmpty ? kind : "\(kind): \(message)" }
    /// Like Python's repr(error): `RuntimeError('…')`.
    var repr: String { "\(kind)('\(message)')" }

    /// repr of any error: ours, or a NIO error by its type name.
    static func repr(_ error: any Error) -> String {
        if let error = error as? LoadError { return error.repr }
        return "\(type(of: error))('\(error)')"
    }

    /// "TypeName: message" of any error (the "transport …" failures).
    static func describe(_ error: any Error) -> String {
        if let error = error as? LoadError { return "\(error.kind): \(error.message)" }
        return "\(type(of: error)): \(error)"
    }
}
