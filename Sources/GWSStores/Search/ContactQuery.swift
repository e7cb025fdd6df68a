/// The meaning of a contact text search, shared by both stores: the text is
/// split on white space into terms, and a contact matches when every term
/// occurs, ignoring case, inside one of its names, phone numbers or e-mail
/// addresses (so `"smi 555"` finds Ann Smith with +1 555 0100). An empty text
/// matches every contact. Results are ordered by last name, first name, id.
struct ContactQuery: Sendable, Hashable {
    /// The lowercased terms, all of which must match.
    let terms: [String]

    init(text: String) {
        terms = text.split(whereSeparator: \.isWhitespace).map { $0.lowercased() }
    }

    /// Whether `contact` matches every term.
    func matches(_ contact: ContactDocument) -> Bool {
        let values = contact.searchableValues.map { $0.lowercased() }
        return terms.allSatisfy { term in values.contains { $0.contains(term) } }
    }

    /// The fields searched, as keyword fields in Elasticsearch.
    static let keywordFields = ["firstName.keyword", "lastName.keyword", "phoneNumbers.keyword", "emailAddresses.keyword"]

    /// The Elasticsearch query: per term, a case-insensitive `*term*` wildcard on any keyword field.
    var elasticsearchQuery: JSONValue {
        let clauses: [JSONValue] = terms.map { term in
            let pattern = "*" + Self.escapeWildcard(term) + "*"
            let anyField: [JSONValue] = Self.keywordFields.map { field in
                ["wildcard": .object([field: ["value": .string(pattern), "case_insensitive": true]])]
            }
            return ["bool": ["should": .array(anyField), "minimum_should_match": 1]]
        }
        return ["bool": ["filter": .array(clauses)]]
    }

    /// The sort both stores use.
    static let elasticsearchSort: [JSONValue] = [
        ["lastName.keyword": "asc"], ["firstName.keyword": "asc"], ["id.keyword": "asc"],
    ]

    /// Whether `a` sorts before `b` (last name, first name, id).
    static func areInOrder(_ a: ContactDocument, _ b: ContactDocument) -> Bool {
        (a.lastName, a.firstName, a.id) < (b.lastName, b.firstName, b.id)
    }

    /// Escapes the wildcard metacharacters `*`, `?` and `\`.
    static func escapeWildcard(_ term: String) -> String {
        var escaped = ""
        for character in term {
            if character == "*" || character == "?" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
