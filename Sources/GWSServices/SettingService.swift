import GWSServiceKit
import GWSSpec
import Hummingbird

/// The `setting` role: the Setting service (`/setting/v3`): agent favorites, recents, tenant info.
///
/// For now it serves the standard endpoints (`/livez`, `/readyz`, `/health`,
/// `/metrics`) and `GET <basePath>/version`; its API lands here.
public enum SettingService: GWSApplicationRole {
    public static let descriptor = RoleCatalog.required("setting")

    public static func buildApplication(_ scaffold: ServiceScaffold) -> some ApplicationProtocol {
        scaffold.makeApplication(router: scaffold.makeRouter())
    }
}
