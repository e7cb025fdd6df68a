import Foundation
import GWSServiceKit
import GWSSpec
import Hummingbird
import Logging
import Synchronization

@testable import GWSProxy

/// A tiny upstream service on port 0, built with the service kit: it answers
/// `GET <base>/whoami` with its name, echoes `POST <base>/echo`, and reports
/// the headers and query it received at `GET <base>/inspect`.
struct TestUpstream: Sendable {
    let name: String
    let scaffold: ServiceScaffold
    /// Requests received, by path.
    let received = RequestLog()

    init(name: String, role: RoleDescriptor = RoleCatalog.required("workspace")) {
        self.name = name
        var configuration = ServiceConfiguration(role: role)
        configuration.instanceID = name
        self.scaffold = ServiceScaffold(
            configuration: configuration, logger: testLogger(name), announcesListening: false)
    }

    var basePath: String { scaffold.configuration.role.basePath }

    func makeApplication() -> some ApplicationProtocol {
        let router = scaffold.makeRouter()
        let name = name
        let received = received
        router.get(RouterPath("\(basePath)/whoami")) { request, _ in
            received.append(request.uri.path)
            return name
        }
        router.post(RouterPath("\(basePath)/echo")) { request, _ -> Response in
            received.append(request.uri.path)
            var request = request
            let body = try await request.collectBody(upTo: 1 << 20)
            return Response(status: .created, headers: [.contentType: "text/plain"], body: .init(byteBuffer: body))
        }
        router.get(RouterPath("\(basePath)/inspect")) { request, _ -> Response in
            var report: [String: String] = ["query": request.uri.query ?? "", "upstream": name]
            for field in request.headers {
                report[field.name.canonicalName] = field.value
            }
            let data = try JSONEncoder().encode(report)
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        return scaffold.makeApplication(router: router)
    }

    /// Where the proxy reaches it (once listening).
    func instance() async throws -> UpstreamInstance {
        UpstreamInstance(id: name, address: "127.0.0.1", port: try await scaffold.listening.waitForPort())
    }
}

/// The paths an upstream received, in order.
final class RequestLog: Sendable {
    private let paths = Mutex<[String]>([])

    func append(_ path: String) {
        paths.withLock { $0.append(path) }
    }

    var all: [String] { paths.withLock { $0 } }
}

/// A logger that only shows errors, so test output stays readable.
func testLogger(_ label: String) -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = .error
    return logger
}
