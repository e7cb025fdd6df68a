import Foundation
import GWSServiceKit
import GWSSpec
import Hummingbird

/// The `agent-setup` role: the Agent Setup UI (`/ui/provisioning`), a static
/// web app that signs in through `/auth/v3/oauth/token` (public client
/// `agent-setup`) and lists and creates users through the Provisioning API.
///
/// Serves the standard endpoints (`GET <basePath>/version` among them) and the
/// files of `AgentSetup/webapp` (bundled with this module) under each base
/// path, through ``StaticFileRoutes``.
public enum AgentSetupService: GWSApplicationRole {
    public static let descriptor = RoleCatalog.required("agent-setup")

    public static func buildApplication(_ scaffold: ServiceScaffold) -> some ApplicationProtocol {
        let router = scaffold.makeRouter()
        let files: StaticFiles
        do {
            files = try webApp()
        } catch {
            // Answer 404 for every file rather than not start: the standard
            // endpoints keep working and the log says why.
            scaffold.logger.error("cannot read the Agent Setup web app", metadata: ["error": "\(error)"])
            files = StaticFiles(files: [:])
        }
        StaticFileRoutes(files: files, basePaths: scaffold.configuration.role.basePaths).register(on: router)
        return scaffold.makeApplication(router: router)
    }

    /// The web app's files, read from this module's resource bundle.
    static func webApp() throws -> StaticFiles {
        guard let directory = Bundle.module.url(forResource: "webapp", withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try StaticFiles(directory: directory)
    }
}
