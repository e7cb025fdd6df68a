import GWSConfigData
import GWSAuth
import GWSServiceKit
import GWSStores
import Hummingbird

/// The Configuration API under `/configuration/v3`, in the GWS envelope, the
/// tenant taken from `X-GWS-Tenant` (authentication replaces it later):
///
/// - `GET|POST /persons` (`?limit=1…1000&offset&filterName`, or `?userName=` exactly), `GET|PUT|DELETE /persons/{dbid}`,
///   `POST /persons/verify` (`{data:{userName,password}}` → the person, or 401);
/// - `GET|POST /skills`, `/agent-groups`, `/dns`, `/places`.
///
/// Bad input → 400 naming the field, unknown → 404, duplicate → 409, store
/// down or migrations pending → 503. Writes create the tenant on first use
/// (until the Tenant service provisions tenants).
struct ConfigurationRoutes: Sendable {
    static let basePath = "/configuration/v3"
    /// The repository, or nil when no PostgreSQL is configured (every call answers 503).
    let repository: ConfigurationRepository?
    /// The migrations step; calls answer 503 until it is done.
    let migrations: StartupRetryService?

    func register(on router: Router<GWSRequestContext>) {
        let api = router.group(RouterPath(Self.basePath))
        registerVerify(on: api)
        // Reads are open to every user of the tenant; writes need an admin (or a service).
        api.add(middleware: RequireAuthorityMiddleware<GWSRequestContext>(
            anyOf: ["ROLE_ADMIN", "ROLE_SERVICE"], methods: [.post, .put, .patch, .delete],
            action: "changing the configuration"))
        registerPersons(on: api)
        registerObjects(on: api)
        registerMemberships(on: api)
    }

    /// `POST /persons/verify`: for the auth role only (a service token), so a
    /// user's token cannot be used to guess other users' passwords.
    private func registerVerify(on api: RouterGroup<GWSRequestContext>) {
        api.post("persons/verify") { request, context in
            _ = try AuthenticatedRequest.requireAuthority("ROLE_SERVICE", for: "checking a password")
            let (repository, tenant) = try scope(request)
            let input = try await RequestInput.data(ConfigurationVerifyInput.self, from: request, context: context)
            guard let person = try await Self.mapped({
                try await repository.verifyPassword(tenant: tenant, userName: input.userName, password: input.password)
            }) else {
                throw GWSError(.unauthorized, "invalid user name or password")
            }
            return GWSEnvelope(data: ConfigurationPersonData(person: person))
        }
    }

    private func registerPersons(on api: RouterGroup<GWSRequestContext>) {
        api.get("persons") { request, context in
            let (repository, tenant) = try scope(request)
            let limit = try RequestInput.integer("limit", of: request, default: 100, in: 1...1000)
            let offset = try RequestInput.integer("offset", of: request, default: 0, in: 0...Int(Int32.max))
            let filter = request.uri.queryParameters.get("filterName")
            if let userName = request.uri.queryParameters.get("userName") {
                // An exact lookup (the unique index): 0 or 1 person.
                let person = try await Self.mapped { () async throws -> Person? in
                    guard !userName.isEmpty else { return nil }
                    do {
                        return try await repository.person(tenant: tenant, userName: userName)
                    } catch let error as ConfigurationError where error.code == .notFound {
                        return nil
                    }
                }
                return GWSEnvelope(data: ConfigurationPersonsData(persons: person.map { [$0] } ?? [], totalCount: person == nil ? 0 : 1))
            }
            let page = try await Self.mapped {
                try await repository.listPersons(tenant: tenant, limit: limit, offset: offset, filterName: filter)
            }
            return GWSEnvelope(data: ConfigurationPersonsData(persons: page.items, totalCount: page.totalCount))
        }
        api.post("persons") { request, context in
            let (repository, tenant) = try scope(request)
            let new = try await RequestInput.data(NewPerson.self, from: request, context: context)
            let person = try await Self.mapped {
                try await repository.ensureTenant(id: tenant)
                return try await repository.createPerson(tenant: tenant, new)
            }
            return GWSEnvelope(data: ConfigurationPersonData(person: person))
        }
        api.get("persons/:dbid") { request, context in
            let (repository, tenant) = try scope(request)
            let dbid = try Self.dbid(context)
            let person = try await Self.mapped { try await repository.person(tenant: tenant, dbid: dbid) }
            return GWSEnvelope(data: ConfigurationPersonData(person: person))
        }
        api.put("persons/:dbid") { request, context in
            let (repository, tenant) = try scope(request)
            let dbid = try Self.dbid(context)
            let update = try await RequestInput.data(PersonUpdate.self, from: request, context: context)
            let person = try await Self.mapped { try await repository.updatePerson(tenant: tenant, dbid: dbid, update) }
            return GWSEnvelope(data: ConfigurationPersonData(person: person))
        }
        api.delete("persons/:dbid") { request, context in
            let (repository, tenant) = try scope(request)
            let dbid = try Self.dbid(context)
            try await Self.mapped { try await repository.deletePerson(tenant: tenant, dbid: dbid) }
            return GWSEnvelope<GWSNoData>(status: .ok)
        }
    }

    /// The repository (503 when unusable) and the tenant of a request.
    func scope(_ request: Request) throws -> (ConfigurationRepository, String) {
        let tenant = try RequestInput.tenant(request)
        guard let repository else {
            throw GWSError(.serviceUnavailable, "no PostgreSQL is configured for the Configuration service")
        }
        try migrations?.requireDone()
        return (repository, tenant)
    }

    /// The `dbid` path parameter as a positive integer (400 otherwise).
    static func dbid(_ context: GWSRequestContext) throws -> Int {
        guard let text = context.parameters.get("dbid"), let value = Int(text), value > 0 else {
            throw GWSError(.badRequest, "invalid path parameter dbid: expected a positive integer")
        }
        return value
    }
}
