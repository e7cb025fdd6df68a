import PostgresNIO

extension PostgresStore {
    /// Creates database `name` if it does not exist (run it on a store connected
    /// to an admin database such as `postgres`). Safe to call concurrently.
    /// - Returns: `true` if this call created it.
    @discardableResult
    public func ensureDatabase(named name: String) async throws -> Bool {
        let quoted = try Self.quotedIdentifier(name, endpoint: configuration.endpoint)
        let rows = try await query("SELECT 1 FROM pg_database WHERE datname = \(name)")
        guard rows.isEmpty else { return false }
        do {
            try await execute(PostgresQuery(unsafeSQL: "CREATE DATABASE \(quoted)"))
            logger.info("created database", metadata: ["database": "\(name)"])
            return true
        } catch let error as PostgresStoreError where error.sqlState == "42P04" || error.sqlState == "23505" {
            return false  // created concurrently by someone else
        }
    }

    /// `name` double-quoted, after checking it is a plain identifier (letters, digits, `_`, at most 63 bytes).
    static func quotedIdentifier(_ name: String, endpoint: String) throws -> String {
        let valid = !name.isEmpty && name.utf8.count <= 63
            && name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
            && !("0"..."9").contains(name.unicodeScalars.first!)
        guard valid else {
            throw PostgresStoreError(code: .invalidConfiguration, endpoint: endpoint,
                                     message: "invalid database name \"\(name)\" (use letters, digits and _, at most 63)")
        }
        return "\"\(name)\""
    }
}
