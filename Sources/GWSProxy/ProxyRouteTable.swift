/// The proxy's routes, matched by longest path prefix on segment boundaries:
/// `/workspace/v3` matches `/workspace/v3` and `/workspace/v3/…`, not `/workspace/v30`.
public struct ProxyRouteTable: Sendable, Equatable {
    /// The routes, longest prefix first.
    public let routes: [ProxyRoute]

    public init(_ routes: [ProxyRoute]) {
        self.routes =
            routes
            .map { ProxyRoute(prefix: Self.normalize($0.prefix), service: $0.service) }
            .sorted { $0.prefix.count > $1.prefix.count }
    }

    /// The route for `path`, or nil when none matches.
    public func match(_ path: String) -> ProxyRoute? {
        routes.first { route in
            route.prefix == "/" || path == route.prefix || path.hasPrefix(route.prefix + "/")
        }
    }

    /// The distinct services the routes point at, in first-seen order.
    public var services: [String] {
        var seen = Set<String>()
        return routes.map(\.service).filter { seen.insert($0).inserted }
    }

    /// `/a/b/` → `/a/b`; `a` → `/a`; `/` stays `/`.
    static func normalize(_ prefix: String) -> String {
        var result = prefix.hasPrefix("/") ? prefix : "/" + prefix
        while result.count > 1 && result.hasSuffix("/") {
            result.removeLast()
        }
        return result
    }
}
