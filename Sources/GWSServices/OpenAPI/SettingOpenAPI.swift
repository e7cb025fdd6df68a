import GWSServiceKit
import GWSStores

/// The OpenAPI document of the Setting service (`/setting/v3`): what
/// ``SettingRoutes`` serves (favorites and recents of an agent of the token's tenant).
enum SettingOpenAPI {
    static var document: OpenAPIDocument {
        var document = OpenAPIDocument(
            title: "GWS Setting service",
            description: "Agents' favorites (keyed by item id) and recents (newest first, the newest 50 kept).",
            basePath: "/setting/v3")
        document.define("Item", item)
        document.add(operations)
        return document
    }

    /// An item: the client's fields (`kind` required, `label` a string) plus `id` and `updatedAt`.
    private static let item = Schema.object(
        ["id": Schema.text, "updatedAt": Schema.dateTime, "kind": Schema.text, "label": Schema.text], required: ["id", "updatedAt"])

    private static let itemInput = Operation.jsonBody(
        Schema.object(["kind": Schema.string(minLength: 1), "label": Schema.text], required: ["kind"]))

    private static var operations: [OpenAPIOperation] {
        let agent = Operation.pathParameter("agentId")
        let itemId = Operation.pathParameter("itemId")
        func data(_ name: String, _ schema: JSONValue) -> JSONValue {
            Schema.envelope(data: Schema.object([name: schema], required: [name]))
        }
        return [
            Operation(
                .get, "/agents/{agentId}/favorites", id: "getFavorites", summary: "An agent's favorites", tags: ["favorites"],
                parameters: [agent], response: data("favorites", Schema.array(Schema.ref("Item"))), errors: [400]),
            Operation(
                .put, "/agents/{agentId}/favorites/{itemId}", id: "putFavorite", summary: "Save a favorite", tags: ["favorites"],
                parameters: [agent, itemId], body: itemInput, response: data("favorite", Schema.ref("Item"))),
            Operation(
                .delete, "/agents/{agentId}/favorites/{itemId}", id: "deleteFavorite", summary: "Delete a favorite",
                tags: ["favorites"], parameters: [agent, itemId], errors: [400, 404]),
            Operation(
                .get, "/agents/{agentId}/recents", id: "getRecents", summary: "An agent's recents, newest first",
                tags: ["recents"],
                parameters: [agent, Operation.queryParameter("limit", Schema.integer(minimum: 1, maximum: SettingStore.recentsKept))],
                response: data("recents", Schema.array(Schema.ref("Item"))), errors: [400]),
            Operation(
                .post, "/agents/{agentId}/recents", id: "addRecent", summary: "Add a recent", tags: ["recents"],
                parameters: [agent], body: itemInput, response: data("recent", Schema.ref("Item"))),
        ]
    }
}
