import Foundation
import GWSSpec

/// Finds the `gws-service` executable: `$GWS_SERVICE_BINARY`, else beside
/// the running executable, else on `PATH`.
public enum ServiceBinaryLocator {
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit = environment["GWS_SERVICE_BINARY"], !explicit.isEmpty { return explicit }
        if let me = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            let sibling = URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent("gws-service").path
            if FileManager.default.isExecutableFile(atPath: sibling) { return sibling }
        }
        for dir in (environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(dir)/gws-service"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return "gws-service"
    }

    /// Reads `-f` files into values sources, with a clear error for a missing file.
    public static func readValuesFiles(_ paths: [String]) throws -> [ValuesSource] {
        try paths.map { path in
            let content: String
            if path == "-" {
                content = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            } else {
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw ValuesFileError(message: "cannot read values file \(path): no such file or not readable")
                }
                content = String(decoding: data, as: UTF8.self)
            }
            return ValuesSource(name: path, content: content)
        }
    }
}

public struct ValuesFileError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
