/// Helm-style layering of values: built-in defaults, then `-f` files left to right, then `--set`.
public enum ValuesMerge {
    /// `overlay` laid over `base`, with Helm's coalescing rules:
    /// - two maps merge key by key, recursively;
    /// - a `null` in an overlay map removes that key from the result (Helm: null means unset);
    /// - anything else in the overlay (a scalar, a list, a map over a non-map) replaces the base
    ///   value; lists are replaced whole, never merged element by element.
    ///
    /// Nulls inside an overlay map that has nothing beneath it are dropped too, so a result never
    /// holds a map entry whose value came from an overlay `null`. A top-level `null` overlay yields
    /// `null`.
    public static func merge(_ base: Value, _ overlay: Value) -> Value {
        guard case .map(let overlayEntries) = overlay else { return overlay }
        var result = base.mapValue ?? [:]
        for (key, value) in overlayEntries {
            if value.isNull {
                result.removeValue(forKey: key)
            } else {
                result[key] = merge(result[key] ?? .null, value)
            }
        }
        return .map(result)
    }

    /// Merges `layers` left to right (later layers win), starting from an empty map.
    public static func layer(_ layers: [Value]) -> Value {
        layers.reduce(Value.map([:]), merge)
    }
}
