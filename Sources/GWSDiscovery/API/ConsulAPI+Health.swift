import Hummingbird

/// `/v1/health/…` and `/v1/catalog/…`: what clients call to find services. All are blocking reads.
extension ConsulAPI {
    static func addHealthRoutes<Context: RequestContext>(to v1: RouterGroup<Context>, registry: ConsulRegistry) {
        v1.get("health/service/:name") { request, context in
            await handle {
                let name = try parameter("name", context)
                let query = QueryParameters(request)
                let passing = query.flag("passing")
                let tags = query.all("tag")
                let (entries, index) = try await blockingRead(request, registry: registry, watch: .service(name)) {
                    $0.healthEntries(of: name, passingOnly: passing, tags: tags)
                }
                return try json(entries, index: index)
            }
        }
        v1.get("health/checks/:name") { request, context in
            await handle {
                let name = try parameter("name", context)
                let (checks, index) = try await blockingRead(request, registry: registry, watch: .service(name)) {
                    $0.healthChecks(of: name)
                }
                return try json(checks, index: index)
            }
        }
        v1.get("catalog/services") { request, _ in
            await handle {
                let (services, index) = try await blockingRead(request, registry: registry, watch: .catalogServices) {
                    $0.catalogServices
                }
                return try json(services, index: index)
            }
        }
        v1.get("catalog/service/:name") { request, context in
            await handle {
                let name = try parameter("name", context)
                let tags = QueryParameters(request).all("tag")
                let (entries, index) = try await blockingRead(request, registry: registry, watch: .service(name)) {
                    $0.catalogService(name, tags: tags)
                }
                return try json(entries, index: index)
            }
        }
        v1.get("catalog/nodes") { request, _ in
            await handle {
                let (nodes, index) = try await blockingRead(request, registry: registry, watch: .nodes) { [$0.node] }
                return try json(nodes, index: index)
            }
        }
        v1.get("catalog/datacenters") { _, _ in
            await handle { try json([await registry.read(.nodes) { $0.datacenter }.value]) }
        }
    }
}
