import Foundation

/// The key/value store of ``RegistryState``, with Consul's check-and-set rules.
extension RegistryState {
    /// The entry under `key`, if any.
    func kvEntry(_ key: String) -> ConsulWire.KVEntry? {
        kv[key].map { wire(key, $0) }
    }

    /// Every entry whose key starts with `prefix`, sorted by key.
    func kvEntries(prefix: String) -> [ConsulWire.KVEntry] {
        kv.filter { $0.key.hasPrefix(prefix) }.sorted { $0.key < $1.key }.map { wire($0.key, $0.value) }
    }

    /// The keys starting with `prefix`, sorted; with a `separator`, keys are cut after the first separator
    /// that follows the prefix and deduplicated (Consul's `?keys&separator=`).
    func kvKeys(prefix: String, separator: String?) -> [String] {
        var result = Set<String>()
        for key in kv.keys where key.hasPrefix(prefix) {
            if let separator, !separator.isEmpty,
                let range = key[key.index(key.startIndex, offsetBy: prefix.count)...].range(of: separator)
            {
                result.insert(String(key[..<range.upperBound]))
            } else {
                result.insert(key)
            }
        }
        return result.sorted()
    }

    private func wire(_ key: String, _ entry: RegistryKVEntry) -> ConsulWire.KVEntry {
        ConsulWire.KVEntry(
            key: key, value: entry.value.isEmpty ? nil : Data(entry.value).base64EncodedString(), flags: entry.flags,
            lockIndex: entry.lockIndex, createIndex: entry.createIndex, modifyIndex: entry.modifyIndex,
            session: entry.session)
    }

    /// Stores `value` under `key`. With `cas`, writes only if the key's modify index equals it
    /// (0: only if the key does not exist). A lock on the key stays as it is (Consul keeps the holder and
    /// lock index on plain writes). Returns whether it wrote.
    mutating func kvPut(_ key: String, value: [UInt8], flags: UInt64 = 0, cas: UInt64? = nil) -> Bool {
        let existing = kv[key]
        if let cas {
            guard cas == (existing?.modifyIndex ?? 0) else { return false }
        }
        let index = nextIndex()
        kv[key] = RegistryKVEntry(
            value: value, flags: flags, createIndex: existing?.createIndex ?? index, modifyIndex: index,
            lockIndex: existing?.lockIndex ?? 0, session: existing?.session)
        kvTombstones.removeValue(forKey: key)
        return true
    }

    /// Deletes `key` (or, with `recurse`, every key under it), locked or not, as Consul does. With `cas`,
    /// deletes a single key only if its modify index equals it (a non-zero value). Returns whether the
    /// delete was allowed.
    mutating func kvDelete(_ key: String, recurse: Bool = false, cas: UInt64? = nil) -> Bool {
        if let cas, !recurse {
            guard cas != 0, let existing = kv[key], existing.modifyIndex == cas else { return false }
        }
        let doomed = recurse ? kv.keys.filter { $0.hasPrefix(key) } : (kv[key] == nil ? [] : [key])
        guard !doomed.isEmpty else { return true }
        let index = nextIndex()
        for key in doomed {
            kv.removeValue(forKey: key)
            kvTombstones[key] = index
        }
        return true
    }
}
