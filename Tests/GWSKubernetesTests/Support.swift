import Foundation
import GWSKubernetes
import GWSSpec

/// The repository's root, found from this file's path (Tests/GWSKubernetesTests/Support.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The text of a file under the repository root, or nil when it is missing.
func repositoryFile(_ path: String) -> String? {
    guard let data = FileManager.default.contents(atPath: repositoryRoot.appendingPathComponent(path).path) else {
        return nil
    }
    return String(decoding: data, as: UTF8.self)
}

/// Loads a spec from YAML texts and `--set` expressions, as `gwsctl template` does.
func loadSpec(_ files: [String] = [], set: [String] = []) throws -> LoadedSpec {
    try SpecLoader.load(files: files.enumerated().map { ValuesSource(name: "f\($0).yaml", content: $1) }, set: set)
        .get()
}

/// Renders a spec with `options`.
func render(_ files: [String] = [], set: [String] = [], options: RenderOptions = RenderOptions()) throws
    -> RenderedManifests
{
    ManifestRenderer(options: options).render(try loadSpec(files, set: set))
}

/// A spec with external Consul and stores, so nothing in it is local-only.
let clusterSpec = """
    consul: {address: consul.svc, port: 8500}
    postgres: {address: pg.svc, port: 5432, db: gws}
    redis: {address: redis.svc, port: 6379}
    elasticSearch: {address: es.svc, port: 9200}
    """

extension Value {
    /// Follows a dotted path of map keys and list indexes (`spec.template.spec.containers.0.name`).
    func at(_ dotted: String) -> Value? {
        var current: Value? = self
        for part in dotted.split(separator: ".") {
            if let index = Int(part) { current = current?[index] } else { current = current?[String(part)] }
        }
        return current
    }

    /// The entries of a Kubernetes `env` list or named list, by `name`.
    func named(_ name: String) -> Value? {
        listValue?.first { $0["name"]?.stringValue == name }
    }
}
