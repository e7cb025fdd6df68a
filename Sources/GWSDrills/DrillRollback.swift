/// Putting things back when the cluster cannot by itself.
public struct DrillRollback: Sendable, Equatable {
    /// Operator target: start a new operator this many seconds after the
    /// fault when no other operator took over by then (nil: never).
    public var startOperatorAfter: Double?

    public init(startOperatorAfter: Double? = 0) {
        self.startOperatorAfter = startOperatorAfter
    }
}
