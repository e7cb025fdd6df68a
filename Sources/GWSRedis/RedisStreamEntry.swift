/// One entry of a Redis stream: its id and its field-value pairs, in order.
public struct RedisStreamEntry: Sendable, Hashable {
    public var id: RedisStreamID
    public var fields: [Field]

    /// One field-value pair.
    public struct Field: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(id: RedisStreamID, fields: [Field]) {
        self.id = id
        self.fields = fields
    }

    /// The value of the first field called `name`.
    public subscript(name: String) -> String? {
        fields.first { $0.name == name }?.value
    }

    /// Reads `[id, [field, value, …]]` as `XRANGE` and `XREAD` answer it.
    init(reply: RESPValue) throws {
        guard let items = reply.array, items.count == 2, let text = items[0].string, let id = RedisStreamID(text),
            let flat = items[1].array, flat.count % 2 == 0
        else { throw RedisError.unexpected(reply, for: "a stream entry") }
        var fields: [Field] = []
        for i in stride(from: 0, to: flat.count, by: 2) {
            guard let name = flat[i].string, let value = flat[i + 1].string else {
                throw RedisError.unexpected(reply, for: "a stream entry")
            }
            fields.append(Field(name: name, value: value))
        }
        self.init(id: id, fields: fields)
    }
}
