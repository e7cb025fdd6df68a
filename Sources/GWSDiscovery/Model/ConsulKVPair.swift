/// One KV entry with its lock state, as `GET /v1/kv/<key>` answers it.
public struct ConsulKVPair: Sendable, Equatable {
    public var key: String
    /// The raw value (empty for none).
    public var value: [UInt8]
    public var flags: UInt64
    /// How many times a session has newly acquired the key's lock.
    public var lockIndex: UInt64
    /// The session holding the lock, if any.
    public var session: String?
    public var createIndex: UInt64
    public var modifyIndex: UInt64

    /// Creates an entry.
    public init(
        key: String, value: [UInt8] = [], flags: UInt64 = 0, lockIndex: UInt64 = 0, session: String? = nil,
        createIndex: UInt64 = 0, modifyIndex: UInt64 = 0
    ) {
        self.key = key
        self.value = value
        self.flags = flags
        self.lockIndex = lockIndex
        self.session = session
        self.createIndex = createIndex
        self.modifyIndex = modifyIndex
    }

    /// The value as UTF-8 text.
    public var string: String { String(decoding: value, as: UTF8.self) }
}
