/// Keeps tenants apart in the statistics store, whose documents carry no
/// tenant: ids and group names are stored as `<tenant>/<name>`, and every
/// agent also belongs to the pseudo group `<tenant>/` so counts without a
/// group stay within the tenant.
struct DataCollectorTenantScope: Sendable {
    let tenant: String

    /// `<tenant>/`: the prefix of everything this tenant stores.
    var prefix: String { tenant + "/" }

    /// The stored form of an id or group name.
    func scoped(_ name: String) -> String { prefix + name }

    /// The client's form of a stored id or group name; nil when it is another tenant's.
    func unscoped(_ stored: String) -> String? {
        stored.hasPrefix(prefix) ? String(stored.dropFirst(prefix.count)) : nil
    }

    /// The group to count in: the tenant's pseudo group when none is given.
    func countingGroup(_ group: String?) -> String {
        group.map(scoped) ?? prefix
    }

    /// The stored groups of an agent: its groups, scoped, plus the pseudo group.
    func storedGroups(_ groups: [String]) -> [String] {
        [prefix] + groups.map(scoped)
    }

    /// The client's groups from stored ones (without the pseudo group).
    func clientGroups(_ stored: [String]) -> [String] {
        stored.compactMap(unscoped).filter { !$0.isEmpty }
    }
}
