import Foundation
import GWSStores
import Logging

/// Agents' favorites and recents in PostgreSQL (tables of ``SettingMigrations``).
///
/// Store errors propagate unchanged: the error middleware answers 503 for a
/// store that is down.
struct SettingStore: Sendable {
    /// How many recents are kept per agent (the newest).
    static let recentsKept = 50

    let postgres: PostgresStore
    let logger: Logger

    /// The agent's favorites, ordered by id.
    func favorites(tenant: String, agentId: String) async throws -> [SettingItem] {
        let rows = try await postgres.query("""
            SELECT item_id, data::text, (extract(epoch FROM updated_at) * 1000)::bigint
            FROM setting_favorites WHERE tenant = \(tenant) AND agent_id = \(agentId) ORDER BY item_id
            """, idempotent: true)
        return try rows.map { row in
            let (id, json, millis) = try row.decode((String, String, Int64).self)
            return try Self.item(id: id, json: json, millis: millis)
        }
    }

    /// Creates or replaces one favorite.
    func putFavorite(tenant: String, agentId: String, itemId: String, fields: [String: JSONValue]) async throws -> SettingItem {
        let json = try Self.json(fields)
        let rows = try await postgres.query("""
            INSERT INTO setting_favorites (tenant, agent_id, item_id, data)
            VALUES (\(tenant), \(agentId), \(itemId), \(json)::jsonb)
            ON CONFLICT (tenant, agent_id, item_id) DO UPDATE SET data = EXCLUDED.data, updated_at = now()
            RETURNING (extract(epoch FROM updated_at) * 1000)::bigint
            """, idempotent: true)
        let millis = try rows.first?.decode(Int64.self) ?? 0
        return SettingItem(id: itemId, updatedAt: Self.date(millis), fields: fields)
    }

    /// Deletes one favorite; false when there was none.
    func deleteFavorite(tenant: String, agentId: String, itemId: String) async throws -> Bool {
        let rows = try await postgres.query("""
            DELETE FROM setting_favorites
            WHERE tenant = \(tenant) AND agent_id = \(agentId) AND item_id = \(itemId) RETURNING item_id
            """)
        return !rows.isEmpty
    }

    /// The agent's newest recents, newest first.
    func recents(tenant: String, agentId: String, limit: Int) async throws -> [SettingItem] {
        let rows = try await postgres.query("""
            SELECT id, data::text, (extract(epoch FROM created_at) * 1000)::bigint
            FROM setting_recents WHERE tenant = \(tenant) AND agent_id = \(agentId)
            ORDER BY id DESC LIMIT \(limit)
            """, idempotent: true)
        return try rows.map { row in
            let (id, json, millis) = try row.decode((Int64, String, Int64).self)
            return try Self.item(id: String(id), json: json, millis: millis)
        }
    }

    /// Adds a recent and drops the agent's older ones beyond ``recentsKept``,
    /// in one transaction serialised per agent.
    func addRecent(tenant: String, agentId: String, fields: [String: JSONValue]) async throws -> SettingItem {
        let json = try Self.json(fields)
        let lockKey = "setting_recents:\(tenant):\(agentId)"
        let kept = Self.recentsKept
        let logger = logger
        let (id, millis) = try await postgres.withTransaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(lockKey)))", logger: logger)
            let inserted = try await connection.query("""
                INSERT INTO setting_recents (tenant, agent_id, data) VALUES (\(tenant), \(agentId), \(json)::jsonb)
                RETURNING id, (extract(epoch FROM created_at) * 1000)::bigint
                """, logger: logger)
            var result: (Int64, Int64) = (0, 0)
            for try await row in inserted {
                result = try row.decode((Int64, Int64).self)
            }
            try await connection.query("""
                DELETE FROM setting_recents WHERE tenant = \(tenant) AND agent_id = \(agentId) AND id NOT IN (
                    SELECT id FROM setting_recents WHERE tenant = \(tenant) AND agent_id = \(agentId)
                    ORDER BY id DESC LIMIT \(kept))
                """, logger: logger)
            return result
        }
        return SettingItem(id: String(id), updatedAt: Self.date(millis), fields: fields)
    }

    private static func json(_ fields: [String: JSONValue]) throws -> String {
        String(decoding: try JSONEncoder().encode(fields), as: UTF8.self)
    }

    private static func item(id: String, json: String, millis: Int64) throws -> SettingItem {
        let fields = try JSONDecoder().decode([String: JSONValue].self, from: Data(json.utf8))
        return SettingItem(id: id, updatedAt: date(millis), fields: fields)
    }

    private static func date(_ millis: Int64) -> Date {
        Date(timeIntervalSince1970: Double(millis) / 1000)
    }
}
