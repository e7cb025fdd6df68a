import Foundation
import GWSSpec
import Hummingbird
import NIOCore

/// The operator's admin API, used by `gwsctl`:
///
///     GET  /admin/v1/status     OperatorStatus
///     POST /admin/v1/apply      ApplyRequest → ApplyResponse (422 with every error, nothing applied)
///     POST /admin/v1/shutdown   stop every instance and exit
///     POST /admin/v1/step-down  exit leaving every instance running (a standby takes over)
///     GET  /livez /readyz /metrics
enum AdminAPI {
    struct Handlers: Sendable {
        let status: @Sendable () async -> OperatorStatus
        let apply: @Sendable (ApplyRequest) async -> ApplyResponse
        let shutdown: @Sendable () async -> Void
        let stepDown: @Sendable () async -> Void
        let metrics: @Sendable () -> String
    }

    static func addRoutes<Context: RequestContext>(to router: Router<Context>, handlers: Handlers) {
        router.get("/admin/v1/status") { _, _ in
            try json(await handlers.status())
        }
        router.post("/admin/v1/apply") { request, context in
            let body = try await request.body.collect(upTo: 16 * 1024 * 1024)
            let applyRequest: ApplyRequest
            do {
                applyRequest = try JSONDecoder().decode(ApplyRequest.self, from: Data(buffer: body))
            } catch {
                return try json(
                    ApplyResponse(applied: false, errors: ["request body is not an ApplyRequest: \(error)"], plan: []),
                    status: .badRequest)
            }
            let response = await handlers.apply(applyRequest)
            return try json(response, status: response.errors.isEmpty ? .ok : .unprocessableContent)
        }
        router.post("/admin/v1/shutdown") { _, _ in
            Task { await handlers.shutdown() }
            return Response(status: .accepted)
        }
        router.post("/admin/v1/step-down") { _, _ in
            Task { await handlers.stepDown() }
            return Response(status: .accepted)
        }
        router.get("/livez") { _, _ in "ok" }
        router.get("/readyz") { _, _ in "ok" }
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: ByteBuffer(string: handlers.metrics())))
        }
    }

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
