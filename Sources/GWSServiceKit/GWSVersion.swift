/// The version every gws-service process reports (`GET <basePath>/version`,
/// Consul metadata). One place, so a release bumps one line.
public enum GWSVersion {
    /// Semantic version of gws-operator and its services.
    public static let version = "0.1.0"
    /// A short text naming the build (a commit, or `dev` for local builds).
    public static let changeset = "dev"
}
