import Foundation
import Hummingbird

/// The switchover endpoint of the admin API:
///
///     POST /admin/v1/switchover/postgres   200 PostgresSwitchoverResult, 409 {"error"} when refused
extension AdminAPI {
    static func addSwitchoverRoutes<Context: RequestContext>(
        to router: Router<Context>, postgres: PostgresHACoordinator?
    ) {
        router.post("/admin/v1/switchover/:store") { _, context in
            let store = context.parameters.get("store") ?? ""
            guard store == "postgres" else {
                return try json(ErrorBody(error: "no switchover for \"\(store)\" (only postgres)"), status: .notFound)
            }
            guard let postgres else { return try json(ErrorBody(error: "\(PostgresSwitchoverError.notEnabled)"), status: .conflict) }
            do {
                return try json(try await postgres.switchover())
            } catch {
                return try json(ErrorBody(error: "\(error)"), status: .conflict)
            }
        }
    }
}
