import GWSSpec
import GWSStores
import Logging
import ServiceLifecycle

/// The backing stores this process was bound to by the operator
/// (`GWS_POSTGRES_URL`, `GWS_REDIS_URL`, … with password files), as running
/// clients, each with a readiness check: a service whose store is down is
/// not ready (it is not killed) and recovers by itself when the store returns.
public struct StoreConnections: Sendable {
    public let postgres: PostgresStore?
    public let redis: RedisClient?
    public let elasticsearch: ElasticsearchClient?
    /// Statistics and contact search: Elasticsearch when bound, else an
    /// in-process embedded store (one per process; not shared between instances).
    public let statistics: any StatisticsStore

    public static let none = StoreConnections(postgres: nil, redis: nil, elasticsearch: nil)

    init(postgres: PostgresStore?, redis: RedisClient?, elasticsearch: ElasticsearchClient?, logger: Logger? = nil) {
        self.postgres = postgres
        self.redis = redis
        self.elasticsearch = elasticsearch
        if let elasticsearch, let logger {
            statistics = ElasticsearchStatisticsStore(client: elasticsearch, refresh: .immediate, logger: logger)
        } else {
            statistics = EmbeddedStatisticsStore()
        }
    }

    /// Clients for every store named in `environment`; bad URLs fail here, at startup.
    public static func fromEnvironment(_ environment: [String: String], logger: Logger) throws -> StoreConnections {
        typealias K = ServiceEnvironmentKeys
        func value(_ key: String) -> String? { environment[key].flatMap { $0.isEmpty ? nil : $0 } }
        var postgres: PostgresStore?
        var redis: RedisClient?
        if let url = value(K.postgresURL) {
            let configuration = try PostgresConfiguration(url: url, passwordFile: value(K.postgresPasswordFile))
            postgres = try PostgresStore(configuration: configuration, operationTimeout: .seconds(5), logger: logger)
        }
        if let url = value(K.redisURL) {
            let configuration = try RedisConfiguration(url: url, passwordFile: value(K.redisPasswordFile))
            redis = RedisClient(configuration: configuration, logger: logger)
        }
        var elasticsearch: ElasticsearchClient?
        if let url = value(K.elasticsearchURL) {
            let configuration = ElasticsearchConfiguration(url: url, passwordFile: value(K.elasticsearchPasswordFile))
            elasticsearch = try ElasticsearchClient(configuration: configuration, logger: logger)
        }
        return StoreConnections(postgres: postgres, redis: redis, elasticsearch: elasticsearch, logger: logger)
    }

    /// The clients' long-running parts, to run in the process's ServiceGroup.
    public var services: [any Service] {
        var result: [any Service] = []
        if let postgres { result.append(postgres) }
        if let redis { result.append(redis) }
        return result
    }

    /// Adds one readiness check per store (`postgres`, `redis`).
    public func addReadinessChecks(to health: HealthChecks) {
        if let postgres {
            health.addReadinessCheck("postgres") {
                do {
                    try await postgres.ping(timeout: .seconds(1))
                    return .ok
                } catch {
                    return .failed("\(error)")
                }
            }
        }
        if let elasticsearch {
            health.addReadinessCheck("elasticsearch") {
                do {
                    _ = try await elasticsearch.ping()
                    return .ok
                } catch {
                    return .failed("\(error)")
                }
            }
        }
        if let redis {
            health.addReadinessCheck("redis") {
                await redis.isReachable(timeout: .seconds(1)) ? .ok : .failed("Redis at \(redis.configuration.address) is unreachable")
            }
        }
    }
}
