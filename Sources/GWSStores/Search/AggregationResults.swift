/// The `aggregations` part of a search answer, raw and with typed accessors.
public struct AggregationResults: Sendable, Hashable {
    /// One bucket of a `terms` aggregation.
    public struct TermsBucket: Sendable, Hashable {
        /// The value, as text (numbers printed).
        public let key: String
        /// How many documents have it.
        public let docCount: Int
        /// The bucket as the server sent it (with any sub-aggregations).
        public let raw: JSONValue
    }

    /// The results by aggregation name, as the server sent them.
    public let raw: [String: JSONValue]

    public init(raw: [String: JSONValue]) { self.raw = raw }

    /// The raw result of the aggregation `name`.
    public subscript(name: String) -> JSONValue? { raw[name] }

    /// The buckets of the `terms` aggregation `name`, in the server's order
    /// (most documents first); empty when there is no such aggregation.
    public func buckets(_ name: String) -> [TermsBucket] {
        (raw[name]?["buckets"]?.arrayValue ?? []).compactMap { bucket in
            guard let key = bucket["key"]?.scalarText else { return nil }
            return TermsBucket(key: key, docCount: bucket["doc_count"]?.intValue ?? 0, raw: bucket)
        }
    }

    /// The buckets of the `terms` aggregation `name` as a dictionary from key to count.
    public func counts(_ name: String) -> [String: Int] {
        Dictionary(buckets(name).map { ($0.key, $0.docCount) }, uniquingKeysWith: +)
    }

    /// The value of the single-value aggregation `name` (`value_count`, `sum`,
    /// `avg`, `min`, `max`…); `nil` when absent or `null` (an average of nothing).
    public func value(_ name: String) -> Double? {
        raw[name]?["value"]?.doubleValue
    }
}
