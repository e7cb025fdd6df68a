import Foundation
import GWSReconciler
import Hummingbird

/// The rollout endpoints of the admin API:
///
///     POST /admin/v1/rollouts/<role>/restart   202 RolloutProgress (404 with {"error"} for an unknown role)
///     GET  /admin/v1/rollouts[?role=<role>]    [RolloutProgress]
extension AdminAPI {
    /// The body of an admin API error.
    struct ErrorBody: Codable, Sendable {
        var error: String
    }

    static func addRolloutRoutes<Context: RequestContext>(to router: Router<Context>, controller: ClusterController) {
        router.post("/admin/v1/rollouts/:role/restart") { _, context in
            let role = context.parameters.get("role") ?? ""
            do {
                return try json(try await controller.requestRollout(role: role), status: .accepted)
            } catch {
                return try json(ErrorBody(error: "\(error)"), status: .notFound)
            }
        }
        router.get("/admin/v1/rollouts") { request, _ in
            let role = request.uri.queryParameters.get("role")
            return try json(await controller.rolloutProgress(role: role))
        }
    }
}
