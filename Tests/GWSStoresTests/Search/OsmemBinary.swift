import Foundation

/// Finds the osmem-server binary: `$GWS_OSMEM_BIN`, else the one bundled in
/// the `osmem-server` Python package installed in the project's `.venv`
/// (by `hack/install-osmem.sh`), else `osmem-server` on `PATH`.
enum OsmemBinary {
    static let installHint = "run hack/install-osmem.sh (or set GWS_OSMEM_BIN to the osmem-server binary)"

    static func locate() throws -> String {
        let files = FileManager.default
        if let path = ProcessInfo.processInfo.environment["GWS_OSMEM_BIN"], !path.isEmpty {
            guard files.isExecutableFile(atPath: path) else {
                throw OsmemError("GWS_OSMEM_BIN=\(path) is not an executable file; \(installHint)")
            }
            return path
        }
        let venvLib = repositoryRoot + "/.venv/lib"
        let pythons = ((try? files.contentsOfDirectory(atPath: venvLib)) ?? []).filter { $0.hasPrefix("python") }.sorted()
        for python in pythons.reversed() {
            let candidate = "\(venvLib)/\(python)/site-packages/osmem_server/bin/osmem-server"
            if files.isExecutableFile(atPath: candidate) { return candidate }
        }
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(directory)/osmem-server"
            if files.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw OsmemError("osmem-server not found (looked at $GWS_OSMEM_BIN, \(venvLib)/python*/site-packages, PATH); \(installHint)")
    }

    /// The package root: this file is Tests/GWSStoresTests/Search/OsmemBinary.swift.
    static var repositoryRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
    }
}
