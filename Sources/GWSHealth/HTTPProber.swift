import AsyncHTTPClient
import Foundation
import GWSSpec
import NIOCore

/// Runs one HTTP probe: `GET http://host:port<path>` within the timeout;
/// 200–399 is success, as in Kubernetes.
public struct HTTPProber: Sendable {
    private let httpClient: HTTPClient

    public init(httpClient: HTTPClient = .shared) { self.httpClient = httpClient }

    public struct Result: Sendable, Equatable {
        public let success: Bool
        public let reason: String
    }

    public func probe(host: String, port: Int, spec: ProbeSpec) async -> Result {
        let url = "http://\(host):\(port)\(spec.path)"
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        do {
            let response = try await httpClient.execute(request, timeout: .seconds(Int64(max(1, spec.timeoutSeconds))))
            _ = try? await response.body.collect(upTo: 64 * 1024)
            let code = Int(response.status.code)
            if (200..<400).contains(code) { return Result(success: true, reason: "HTTP \(code)") }
            return Result(success: false, reason: "HTTP probe failed with statuscode: \(code)")
        } catch {
            return Result(success: false, reason: "Get \"\(url)\": \(error)")
        }
    }
}
