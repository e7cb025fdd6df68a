import GWSSpec

/// `gwsctl template`: values files and `--set` → Kubernetes objects.
///
/// The spec is loaded exactly as `gwsctl plan` and `up` load it (built-in
/// defaults < files < `--set`, every error at once); when there is any error
/// nothing is rendered.
public enum ManifestTemplate {
    public static func render(
        files: [ValuesSource], set: [String] = [], setString: [String] = [], options: RenderOptions = RenderOptions()
    ) -> Result<RenderedManifests, SpecErrors> {
        SpecLoader.load(files: files, set: set, setString: setString).map { loaded in
            ManifestRenderer(options: options).render(loaded)
        }
    }
}
