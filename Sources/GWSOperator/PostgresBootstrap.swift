import Foundation
import GWSStores
import Logging

/// Creates the databases GWS uses (`gws`, `prov`) in the PostgreSQL the
/// operator runs, once it accepts connections. Idempotent: data survives
/// `gwsctl down` and `up`. With HA (several ports) it goes to the writable server.
enum PostgresBootstrap {
    static let databases = ["gws", "prov"]

    /// `postgres://postgres@127.0.0.1:<port>[,…]/<database>`, the writable server wanted when there are several.
    static func url(ports: [Int], database: String) -> String {
        "postgres://postgres@" + ports.map { "127.0.0.1:\($0)" }.joined(separator: ",") + "/\(database)"
            + (ports.count > 1 ? "?target_session_attrs=read-write" : "")
    }

    static func ensureDatabases(ports: [Int], logger: Logger) async {
        do {
            let configuration = try PostgresConfiguration(url: url(ports: ports, database: "postgres"), passwordFile: nil)
            let admin = try PostgresStore(configuration: configuration, operationTimeout: .seconds(10), logger: logger)
            let pool = Task { try await admin.run() }
            defer { pool.cancel() }
            for name in databases {
                if try await admin.ensureDatabase(named: name) {
                    logger.info("created PostgreSQL database", metadata: ["database": "\(name)"])
                }
            }
        } catch {
            logger.error("could not create the GWS databases", metadata: ["error": "\(error)"])
        }
    }

    /// Seeds `tenant` (see ``DemoTenantSeeder``) into the `gws` database; nothing when `tenant` is empty.
    static func seedDemoTenant(_ tenant: String, ports: [Int], stateRoot: URL, logger: Logger) async {
        guard !tenant.isEmpty else { return }
        do {
            let configuration = try PostgresConfiguration(url: url(ports: ports, database: "gws"), passwordFile: nil)
            let store = try PostgresStore(configuration: configuration, operationTimeout: .seconds(30), logger: logger)
            let pool = Task { try await store.run() }
            defer { pool.cancel() }
            try await DemoTenantSeeder(store: store, stateRoot: stateRoot, tenant: tenant, logger: logger).seed()
        } catch {
            logger.error("could not seed the demo tenant", metadata: ["tenant": "\(tenant)", "error": "\(error)"])
        }
    }
}
