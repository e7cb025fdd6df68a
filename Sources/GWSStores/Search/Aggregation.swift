/// An aggregation to ask a search for. Each builds the request body of one
/// Elasticsearch aggregation; read the answers with ``AggregationResults``.
public struct Aggregation: Sendable, Hashable {
    /// The aggregation's request body, such as `{"terms": {"field": "state.keyword"}}`.
    public let body: JSONValue

    /// Any aggregation, given its body.
    public init(body: JSONValue) { self.body = body }

    /// Counts documents per distinct value of `field` (use a `keyword` field).
    public static func terms(field: String, size: Int = 10) -> Aggregation {
        Aggregation(body: ["terms": ["field": .string(field), "size": .int(size)]])
    }

    /// Counts the values of `field`.
    public static func valueCount(field: String) -> Aggregation {
        Aggregation(body: ["value_count": ["field": .string(field)]])
    }

    /// Sums the numeric `field`.
    public static func sum(field: String) -> Aggregation {
        Aggregation(body: ["sum": ["field": .string(field)]])
    }

    /// Averages the numeric `field` (`nil` result when no document has it).
    public static func avg(field: String) -> Aggregation {
        Aggregation(body: ["avg": ["field": .string(field)]])
    }

    /// The smallest value of the numeric `field`.
    public static func min(field: String) -> Aggregation {
        Aggregation(body: ["min": ["field": .string(field)]])
    }

    /// The largest value of the numeric `field`.
    public static func max(field: String) -> Aggregation {
        Aggregation(body: ["max": ["field": .string(field)]])
    }
}
