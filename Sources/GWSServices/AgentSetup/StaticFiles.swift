import Foundation
import Hummingbird

/// The files of a static web app, read once into memory.
///
/// Requests are answered from this table and never touch the file system, so
/// no request path, however crafted, can reach a file outside the app.
/// Only regular files whose every path segment passes ``isSafeSegment(_:)``
/// are loaded (no hidden files, no symbolic links).
struct StaticFiles: Sendable {
    /// One file, ready to send.
    struct File: Sendable, Equatable {
        /// The bytes.
        var body: ByteBuffer
        /// The `Content-Type` header value.
        var contentType: String
        /// A strong entity tag of the bytes (quoted), for `If-None-Match`.
        var etag: String
    }

    /// The files by path relative to the app's root, `/`-separated (`"app.js"`, `"img/logo.svg"`).
    let files: [String: File]

    /// A table of the given files.
    init(files: [String: File]) {
        self.files = files
    }

    /// Reads every servable file under `directory`.
    ///
    /// - Throws: when the directory cannot be listed or a file cannot be read.
    init(directory: URL) throws {
        let root = directory.standardizedFileURL.resolvingSymlinksInPath()
        let keys: [URLResourceKey] = [.isRegularFileKey, .isSymbolicLinkKey]
        let paths = try FileManager.default.subpathsOfDirectory(atPath: root.path)
        var files: [String: File] = [:]
        for relative in paths {
            let segments = relative.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard segments.allSatisfy(Self.isSafeSegment) else { continue }
            let url = root.appendingPathComponent(relative)
            let values = try url.resourceValues(forKeys: Set(keys))
            guard values.isRegularFile == true, values.isSymbolicLink != true else { continue }
            let data = try Data(contentsOf: url)
            files[segments.joined(separator: "/")] = Self.file(data, named: relative)
        }
        self.files = files
    }

    /// The file at `relativePath` (`""` and paths ending in `/` mean their
    /// `index.html`), or nil when there is none or the path is not a plain,
    /// safe relative path (`..`, `.`, empty segments, percent-encoding,
    /// backslashes, hidden files).
    func file(at relativePath: String) -> File? {
        let path = relativePath.isEmpty || relativePath.hasSuffix("/") ? relativePath + "index.html" : relativePath
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard segments.allSatisfy(Self.isSafeSegment) else { return nil }
        return files[path]
    }

    /// Whether `segment` may name a served file or folder: 1 to 128 of
    /// `A-Z a-z 0-9 . _ -`, not starting with `.` (so never `.`, `..` or a hidden file).
    static func isSafeSegment(_ segment: String) -> Bool {
        guard !segment.isEmpty, segment.utf8.count <= 128, segment.first != "." else { return false }
        return segment.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
                true
            default:
                false
            }
        }
    }

    /// A file of `data` with the content type its name's extension gives.
    static func file(_ data: Data, named name: String) -> File {
        File(
            body: ByteBuffer(bytes: data),
            contentType: contentType(forPath: name),
            etag: "\"\(String(fnv1a64(data), radix: 16))-\(data.count)\"")
    }

    /// The `Content-Type` for a file name, by extension; `application/octet-stream` when unknown.
    static func contentType(forPath path: String) -> String {
        let ext = path.split(separator: "/").last.flatMap { name in
            name.contains(".") ? name.split(separator: ".").last.map { $0.lowercased() } : nil
        }
        return switch ext {
        case "html", "htm": "text/html; charset=utf-8"
        case "js", "mjs": "text/javascript; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "json", "map": "application/json; charset=utf-8"
        case "webmanifest": "application/manifest+json; charset=utf-8"
        case "txt": "text/plain; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "ico": "image/x-icon"
        case "woff2": "font/woff2"
        default: "application/octet-stream"
        }
    }

    /// 64-bit FNV-1a: a cheap content hash for entity tags (not for security).
    static func fnv1a64(_ data: Data) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
