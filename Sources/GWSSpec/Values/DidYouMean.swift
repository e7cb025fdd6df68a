/// "Did you mean …?" suggestions for misspelt keys and names.
public enum DidYouMean {
    /// The Levenshtein edit distance between `lhs` and `rhs` (insertions, deletions and
    /// substitutions of characters, each costing 1). Case-sensitive.
    public static func distance(_ lhs: String, _ rhs: String) -> Int {
        let source = Array(lhs)
        let target = Array(rhs)
        guard !source.isEmpty else { return target.count }
        guard !target.isEmpty else { return source.count }
        var previous = Array(0...target.count)
        var current = [Int](repeating: 0, count: target.count + 1)
        for (row, sourceCharacter) in source.enumerated() {
            current[0] = row + 1
            for (column, targetCharacter) in target.enumerated() {
                let substitution = previous[column] + (sourceCharacter == targetCharacter ? 0 : 1)
                current[column + 1] = min(substitution, previous[column + 1] + 1, current[column] + 1)
            }
            swap(&previous, &current)
        }
        return previous[target.count]
    }

    /// The candidate `word` most likely stands for, or `nil` when none is close.
    ///
    /// A candidate equal to `word` ignoring case wins outright. Otherwise the candidate with the
    /// smallest case-insensitive distance is chosen, provided that distance is at most
    /// `max(2, word.count / 3)` and smaller than the longer word's length (so `x` never suggests
    /// `id`); ties go to the candidate listed first. An exact (case-sensitive) match is returned
    /// as it is.
    public static func suggestion(for word: String, among candidates: [String]) -> String? {
        guard !word.isEmpty else { return nil }
        let lowered = word.lowercased()
        if let exact = candidates.first(where: { $0 == word }) ?? candidates.first(where: { $0.lowercased() == lowered }) {
            return exact
        }
        let limit = max(2, word.count / 3)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = distance(lowered, candidate.lowercased())
            let isRewrite = distance >= max(word.count, candidate.count)
            if distance <= limit, !isRewrite, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }
}
