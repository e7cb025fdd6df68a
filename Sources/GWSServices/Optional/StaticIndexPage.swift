import GWSServiceKit
import Hummingbird

/// The small `index.html` a static UI role serves at its base path until the
/// real web app is bundled.
public struct StaticIndexPage: Sendable {
    /// The page title.
    public let title: String
    /// The base paths it is served under.
    public let basePaths: [String]
    /// The HTML.
    public let html: String

    public init(title: String, configuration: ServiceConfiguration) {
        self.title = title
        self.basePaths = configuration.role.basePaths
        self.html = """
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>\(title)</title></head>
            <body>
            <h1>\(title)</h1>
            <p>gws-operator \(GWSVersion.version), instance \(configuration.instanceID).</p>
            </body>
            </html>

            """
    }
}

extension Router {
    /// Serves the page at `<base>`, `<base>/` and `<base>/index.html` for every base path.
    @discardableResult
    public func addStaticIndex(_ page: StaticIndexPage) -> Self {
        let body = ByteBuffer(string: page.html)
        for base in page.basePaths {
            for path in [base, "\(base)/index.html"] {
                get(RouterPath(path)) { _, _ in
                    Response(
                        status: .ok,
                        headers: [.contentType: "text/html; charset=utf-8"],
                        body: .init(byteBuffer: body))
                }
            }
        }
        return self
    }
}
