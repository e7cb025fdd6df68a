import PostgresNIO

extension ConfigurationRepository {
    /// The enabled person of `tenant` named `userName` (ignoring case) whose
    /// password is `password`, or nil: for an unknown user, a disabled one, one
    /// without a password or a wrong password alike (the caller cannot tell
    /// which, and an unknown user costs the same hashing time).
    public func verifyPassword(tenant: String, userName: String, password: String) async throws -> Person? {
        let found = try await run {
            let rows = try await store.query("""
                SELECT \(unescaped: Self.personColumns), password_hash FROM cfg_persons
                WHERE tenant_id = \(tenant) AND lower(user_name) = lower(\(userName))
                """, idempotent: true)
            return try rows.first.map { row in
                (try Self.person(from: row), try row.makeRandomAccess()["password_hash"].decode(String?.self))
            }
        }
        guard let (person, storedHash) = found, person.enabled, let storedHash else {
            hasher.simulateVerification(password)
            logger.debug("password verification failed", metadata: ["tenant": "\(tenant)", "reason": "no such enabled user"])
            return nil
        }
        guard hasher.verify(password, against: storedHash) else {
            logger.debug("password verification failed", metadata: ["tenant": "\(tenant)", "dbid": "\(person.dbid)"])
            return nil
        }
        return person
    }
}
