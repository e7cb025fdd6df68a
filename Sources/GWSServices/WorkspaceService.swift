import GWSServiceKit
import GWSSpec
import Hummingbird

/// The `workspace` role: the Workspace API (`/workspace/v3`) and CometD notifications for the agent desktop.
///
/// For now it serves the standard endpoints (`/livez`, `/readyz`, `/health`,
/// `/metrics`) and `GET <basePath>/version`; its API lands here.
public enum WorkspaceService: GWSApplicationRole {
    public static let descriptor = RoleCatalog.required("workspace")

    public static func buildApplication(_ scaffold: ServiceScaffold) -> some ApplicationProtocol {
        scaffold.makeApplication(router: scaffold.makeRouter())
    }
}
