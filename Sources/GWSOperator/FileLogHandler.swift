import Foundation
import Logging

/// A swift-log handler that appends structured lines to a file
/// (`<state>/operator.log` while `gwsctl up` shows progress on the terminal).
public struct FileLogHandler: LogHandler {
    private let handle: FileHandleBox
    private let label: String
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]

    public init(label: String, path: String) {
        self.label = label
        self.handle = FileHandleBox.shared(path: path)
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let meta = merged.isEmpty ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0)=\($1)" }.joined(separator: " ")
        let stamp = ISO8601DateFormatter().string(from: Date())
        handle.write("\(stamp) \(event.level) \(label): \(event.message)\(meta)\n")
    }
}

/// One append-only file handle per path, shared by every logger.
final class FileHandleBox: @unchecked Sendable {
    private let lock = NSLock()
    private let handle: FileHandle?
    nonisolated(unsafe) private static var boxes: [String: FileHandleBox] = [:]
    private static let boxesLock = NSLock()

    private init(path: String) {
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        handle = FileHandle(forWritingAtPath: path)
        _ = try? handle?.seekToEnd()
    }

    static func shared(path: String) -> FileHandleBox {
        boxesLock.lock()
        defer { boxesLock.unlock() }
        if let box = boxes[path] { return box }
        let box = FileHandleBox(path: path)
        boxes[path] = box
        return box
    }

    func write(_ line: String) {
        lock.lock()
        defer { lock.unlock() }
        handle?.write(Data(line.utf8))
    }
}
