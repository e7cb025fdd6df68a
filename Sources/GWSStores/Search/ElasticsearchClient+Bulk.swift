import Foundation

extension ElasticsearchClient {
    /// Runs many operations in one `_bulk` request (NDJSON). Items fail one by
    /// one: the call throws only when the request as a whole fails; look at
    /// ``BulkResponse/failures`` (or call ``bulkOrThrow(_:refresh:)``).
    public func bulk(_ operations: [BulkOperation], refresh: RefreshPolicy = .none) async throws -> BulkResponse {
        guard !operations.isEmpty else { return BulkResponse(items: []) }
        var body = Data()
        for operation in operations {
            var target: [String: JSONValue] = ["_index": .string(operation.index)]
            if let id = operation.id { target["_id"] = .string(id) }
            if let version = operation.externalVersion {
                target["version"] = .int(version)
                target["version_type"] = "external_gte"
            }
            body.append(try encode(JSONValue.object([operation.action.rawValue: .object(target)]), what: "bulk action"))
            body.append(0x0A)
            if let document = operation.document {
                let line =
                    operation.action == .update
                    ? try encode(PartialUpdate(doc: document), what: "bulk update of \(operation.id ?? "")")
                    : try encode(document, what: "bulk document \(operation.id ?? "")")
                body.append(line)
                body.append(0x0A)
            }
        }
        let path = "/_bulk"
        let answer = try await call(.POST, path, query: refresh.queryItems, body: body, contentType: "application/x-ndjson")
        let decoded = try decode(BulkResponseBody.self, from: answer, method: .POST, path: path)
        let items = zip(operations, decoded.items).map { operation, entry in
            let outcome = entry.values.first
            return BulkResponse.Item(
                action: operation.action, index: outcome?.index ?? operation.index, id: outcome?.id ?? operation.id,
                status: outcome?.status ?? 0, result: outcome?.result,
                error: outcome?.error.map(ElasticsearchErrorDetail.init(error:)))
        }
        return BulkResponse(items: items)
    }

    /// Like ``bulk(_:refresh:)``, but throws a `.bulkItems` error listing the
    /// failed items when any failed.
    @discardableResult
    public func bulkOrThrow(_ operations: [BulkOperation], refresh: RefreshPolicy = .none) async throws -> BulkResponse {
        let response = try await bulk(operations, refresh: refresh)
        let failures = response.failures
        guard !failures.isEmpty else { return response }
        let list = failures.prefix(5).map { "\($0.action.rawValue) \($0.index)/\($0.id ?? "?"): \($0.error?.summary ?? "status \($0.status)")" }
        throw ElasticsearchError(
            code: .bulkItems, url: configuration.redactedURL, type: failures.first?.error?.type,
            reason: failures.first?.error?.reason,
            message: "\(failures.count) of \(response.items.count) bulk items failed at \(configuration.redactedURL): "
                + list.joined(separator: "; "))
    }
}

/// The `update` body: `{"doc": partial}`.
private struct PartialUpdate: Encodable {
    let doc: any Encodable & Sendable

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(doc, forKey: .doc)
    }

    enum CodingKeys: String, CodingKey { case doc }
}

/// The answer to `_bulk`: `{"errors": Bool, "items": [{"<action>": {...}}]}`.
private struct BulkResponseBody: Decodable {
    struct Outcome: Decodable {
        let index: String?
        let id: String?
        let status: Int
        let result: String?
        let error: JSONValue?

        enum CodingKeys: String, CodingKey {
            case index = "_index"
            case id = "_id"
            case status, result, error
        }
    }

    let items: [[String: Outcome]]
}
