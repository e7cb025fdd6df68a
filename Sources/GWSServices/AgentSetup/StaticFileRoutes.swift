import Foundation
import GWSServiceKit
import Hummingbird

/// Serves a ``StaticFiles`` web app under base paths:
///
/// - `GET|HEAD <base>` → a 308 redirect to `<base>/` (query kept), so the
///   page's relative URLs resolve under the base path;
/// - `GET|HEAD <base>/` and `<base>/index.html` → `index.html`;
/// - `GET|HEAD <base>/<path>` → that file, with its `Content-Type`, an `ETag`
///   (`If-None-Match` → 304), `Cache-Control: no-cache` and the security
///   headers (``securityHeaders``: a strict `Content-Security-Policy`, …);
/// - anything else under the base path (unknown files, `..`, `.`,
///   percent-encoded or hidden segments) → 404 in the GWS envelope.
///
/// Routes registered on the router for a longer, constant path (e.g.
/// `<base>/version`) take precedence over these.
struct StaticFileRoutes: Sendable {
    /// The `Content-Security-Policy` of every answer: scripts, styles, images
    /// and API calls from the page's own origin only, no inline script or
    /// style, no plugins, no framing, no native form submission (the app
    /// sends its forms with `fetch`).
    static let contentSecurityPolicy = [
        "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self'",
        "connect-src 'self'", "manifest-src 'self'", "base-uri 'none'", "form-action 'none'",
        "frame-ancestors 'none'", "object-src 'none'",
    ].joined(separator: "; ")

    /// The headers every answer of these routes carries, files and errors alike.
    static var securityHeaders: HTTPFields {
        var headers = HTTPFields()
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[.xContentTypeOptions] = "nosniff"
        headers[.referrerPolicy] = "no-referrer"
        headers[.xFrameOptions] = "DENY"
        headers[.crossOriginOpenerPolicy] = "same-origin"
        return headers
    }

    /// The `Cache-Control` of files: browsers keep them but revalidate with
    /// the `ETag` each time, so a new build is picked up at once.
    static let cacheControl = "no-cache"

    /// The files.
    let files: StaticFiles
    /// The base paths (`/ui/provisioning`), without a trailing slash.
    let basePaths: [String]

    /// Routes for `files` under each of `basePaths`.
    init(files: StaticFiles, basePaths: [String]) {
        self.files = files
        self.basePaths = basePaths.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
    }

    /// Adds the routes to `router`.
    func register(on router: Router<GWSRequestContext>) {
        for base in basePaths {
            for path in [base, "\(base)/**"] {
                for method in [HTTPRequest.Method.get, .head] {
                    router.on(RouterPath(path), method: method) { request, _ in
                        try respond(to: request, base: base)
                    }
                }
            }
        }
    }

    /// The answer to `request` for a path under `base`.
    func respond(to request: Request, base: String) throws -> Response {
        let path = request.uri.path
        if path == base {
            var headers = Self.securityHeaders
            let query = request.uri.query.map { $0.isEmpty ? "" : "?\($0)" } ?? ""
            headers[.location] = base + "/" + query
            return Response(status: .permanentRedirect, headers: headers)
        }
        guard path.hasPrefix(base + "/"), let file = files.file(at: String(path.dropFirst(base.count + 1))) else {
            throw GWSError(.notFound, "not found: \(request.uri.path)", headers: Self.securityHeaders)
        }
        var headers = Self.securityHeaders
        headers[.contentType] = file.contentType
        headers[.cacheControl] = Self.cacheControl
        headers[.eTag] = file.etag
        if let match = request.headers[.ifNoneMatch], Self.matches(match, etag: file.etag) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentLength] = String(file.body.readableBytes)
        let body: ResponseBody = request.method == .head ? .init() : .init(byteBuffer: file.body)
        return Response(status: .ok, headers: headers, body: body)
    }

    /// Whether an `If-None-Match` value names `etag` (or is `*`), weak tags included.
    static func matches(_ ifNoneMatch: String, etag: String) -> Bool {
        ifNoneMatch.split(separator: ",").contains { candidate in
            var tag = candidate.trimmingCharacters(in: .whitespaces)
            if tag.hasPrefix("W/") { tag.removeFirst(2) }
            return tag == "*" || tag == etag
        }
    }
}

extension HTTPFields.Element.Name {
    /// `X-Frame-Options`.
    static let xFrameOptions = Self("X-Frame-Options")!
    /// `Referrer-Policy`.
    static let referrerPolicy = Self("Referrer-Policy")!
    /// `Cross-Origin-Opener-Policy`.
    static let crossOriginOpenerPolicy = Self("Cross-Origin-Opener-Policy")!
}
