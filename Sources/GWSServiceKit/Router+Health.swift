import Foundation
import Hummingbird

extension Router {
    /// Serves `GET /livez`, `GET /readyz` and `GET /health` (like `/readyz`, for
    /// GWS compatibility) with Kubernetes semantics: 200 `ok`, or 503 listing
    /// the checks; `?verbose` lists every check; `?exclude=<name>` skips one.
    @discardableResult
    public func addHealthRoutes(_ checks: HealthChecks) -> Self {
        get("/livez") { request, _ in
            await Self.healthResponse(checks, probe: .liveness, request: request, label: "livez")
        }
        get("/readyz") { request, _ in
            await Self.healthResponse(checks, probe: .readiness, request: request, label: "readyz")
        }
        get("/health") { request, _ in
            await Self.healthResponse(checks, probe: .readiness, request: request, label: "health")
        }
        return self
    }

    static func healthResponse(
        _ checks: HealthChecks, probe: HealthProbe, request: Request, label: String
    ) async -> Response {
        let query = QueryFlags(request.uri.query)
        let report = await checks.report(probe, excluding: Set(query.values(of: "exclude")))
        let body = report.render(verbose: query.contains("verbose"), label: label)
        return Response(
            status: report.passed ? .ok : .serviceUnavailable,
            headers: [.contentType: "text/plain; charset=utf-8", .xContentTypeOptions: "nosniff"],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

/// Query parameters as Kubernetes health endpoints read them: `?verbose`
/// (with or without a value) and repeated `?exclude=name`.
struct QueryFlags {
    private let pairs: [(key: Substring, value: Substring)]

    init(_ query: String?) {
        pairs = (query ?? "").split(separator: "&").map { item in
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (parts[0], parts.count > 1 ? parts[1] : "")
        }
    }

    /// Whether the key is present; `verbose=false` and `verbose=0` count as absent.
    func contains(_ key: String) -> Bool {
        pairs.contains { $0.key == key && $0.value != "false" && $0.value != "0" }
    }

    /// Every value given for `key`.
    func values(of key: String) -> [String] {
        pairs.filter { $0.key == key }.map { String($0.value.removingPercentEncoding ?? String($0.value)) }
    }
}
