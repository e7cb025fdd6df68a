/// `postgres.ha`: PostgreSQL high availability in local mode. When enabled
/// the operator runs a primary and a synchronous streaming standby
/// (`postgres-0`, `postgres-1`), fails over to the standby when the primary
/// is lost (fencing the old one first), rebuilds the old primary as the new
/// standby, and switches over on `gwsctl switchover postgres`. Services get
/// both addresses and connect to the writable one. Off by default.
public struct PostgresHASpec: Codable, Sendable, Equatable {
    /// Run the primary/standby pair instead of one PostgreSQL.
    public var enabled: Bool

    public init(enabled: Bool = false) {
        self.enabled = enabled
    }

    enum CodingKeys: String, CodingKey { case enabled }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try c.decode(Bool.self, forKey: .enabled, default: false)
    }

    /// The number of PostgreSQL servers the operator runs: a primary and one standby.
    public static let nodes = 2
}
