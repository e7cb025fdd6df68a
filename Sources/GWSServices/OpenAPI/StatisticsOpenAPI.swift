import GWSServiceKit
import GWSStores

/// The OpenAPI documents of the Statistics API (`/statistics/v3`, ``StatisticsRoutes``
/// and its CometD endpoint) and of the Data Collector (`/datacollector/v3`, ``DataCollectorRoutes``).
enum StatisticsOpenAPI {
    static var statistics: OpenAPIDocument {
        var document = OpenAPIDocument(
            title: "GWS Statistics API",
            description: """
                Statistics of the token's tenant, computed from the agents' voice events: subscribe, peek, \
                unsubscribe, or read one value. Changed values of a user's subscriptions are pushed on CometD \
                channel /statistics/v3/updates.
                """,
            basePath: StatisticsRoutes.basePath)
        OpenAPIShared.defineShared(in: &document)
        document.define("StatisticValue", value)
        let id = Operation.pathParameter("id")
        let subscription = Schema.envelope(data: Schema.object(
            ["subscriptionId": Schema.text, "statistics": Schema.array(Schema.ref("StatisticValue"))],
            required: ["subscriptionId", "statistics"]))
        document.add([
            Operation(
                .post, "/subscriptions", id: "createSubscription", summary: "Subscribe to statistics and get their values",
                tags: ["subscriptions"],
                body: Operation.jsonBody(Schema.object(
                    ["statistics": Schema.array(statistic, minItems: 1, maxItems: StatisticsSubscription.maximumStatistics)],
                    required: ["statistics"])),
                response: subscription),
            Operation(
                .get, "/subscriptions/{id}/statistic-values", id: "peekSubscriptionStats",
                summary: "The current values of a subscription", tags: ["subscriptions"],
                parameters: [
                    id, Operation.queryParameter("statisticIds", Schema.string("comma-separated statisticIds; all by default")),
                ],
                response: subscription, errors: [400, 404]),
            Operation(
                .delete, "/subscriptions/{id}", id: "deleteSubscription", summary: "Unsubscribe", tags: ["subscriptions"],
                parameters: [id], errors: [400, 404]),
            Operation(
                .get, "/statistic-values/{name}", id: "getStatValue", summary: "One statistic's current value", tags: ["values"],
                parameters: [
                    Operation.pathParameter("name", names),
                    Operation.queryParameter("objectId", Schema.string(minLength: 1, maxLength: StatisticDescriptor.maximumLength), required: true),
                    Operation.queryParameter("objectType", types, required: true),
                ],
                response: Schema.envelope(data: Schema.object(["statistic": Schema.ref("StatisticValue")], required: ["statistic"])),
                errors: [400]),
        ])
        document.add(
            OpenAPIShared.cometD(
                path: "/notifications", tag: "notifications",
                description: """
                    Bayeux long-polling. A handshake is authenticated by an Authorization: Bearer header or \
                    ext.authorization / ext.access_token; channels under /statistics/v3/.
                    """))
        return document
    }

    private static let names = Schema.string(enum: StatisticName.allCases.map(\.rawValue))
    private static let types = Schema.string(enum: StatisticObjectType.allCases.map(\.rawValue))

    private static let statistic = Schema.object(
        [
            "statisticId": Schema.string(minLength: 1, maxLength: StatisticDescriptor.maximumLength),
            "objectId": Schema.string("an employee id (Agent), a group name (AgentGroup) or the tenant (Tenant)",
                                      minLength: 1, maxLength: StatisticDescriptor.maximumLength),
            "objectType": types, "name": names,
        ], required: ["statisticId", "objectId", "objectType", "name"])

    private static let value = Schema.object(
        [
            "statisticId": Schema.text, "objectId": Schema.text, "objectType": Schema.text, "name": Schema.text,
            "timestamp": Schema.integer("when it was computed, in milliseconds since 1970"),
            "value": ["description": "an integer, or an object for CurrentAgentState"],
        ], required: ["objectId", "objectType", "name", "timestamp", "value"])

    static var dataCollector: OpenAPIDocument {
        var document = OpenAPIDocument(
            title: "GWS Data Collector",
            description: "Agent states (counted by state and group) and contacts (searched by text) of the token's tenant.",
            basePath: "/datacollector/v3")
        let state = Schema.string(enum: AgentState.allCases.map(\.rawValue))
        let agentState = Schema.envelope(data: Schema.object(
            [
                "agentState": Schema.object(
                    [
                        "employeeId": Schema.text, "agentId": Schema.text, "state": state, "reason": Schema.text,
                        "groups": Schema.array(Schema.text), "updatedAt": Schema.dateTime,
                    ], required: ["employeeId", "state"]),
            ], required: ["agentState"]))
        let contact = Schema.object(
            [
                "id": Schema.text, "firstName": Schema.text, "lastName": Schema.text,
                "phoneNumbers": Schema.array(Schema.text), "emailAddresses": Schema.array(Schema.text),
            ], required: ["firstName", "lastName"])
        let employee = Operation.pathParameter("employeeId")
        document.add([
            Operation(
                .put, "/agents/{employeeId}/state", id: "putAgentState", summary: "Record an agent's state", tags: ["agents"],
                parameters: [employee],
                body: Operation.jsonBody(Schema.object(
                    ["state": state, "reason": Schema.text, "groups": Schema.array(Schema.text), "agentId": Schema.text],
                    required: ["state"])),
                response: agentState),
            Operation(
                .get, "/agents/{employeeId}/state", id: "getAgentState", summary: "An agent's state", tags: ["agents"],
                parameters: [employee], response: agentState, errors: [400, 404]),
            Operation(
                .get, "/agent-states/counts", id: "getAgentStateCounts", summary: "How many agents are in each state",
                tags: ["agents"], parameters: [Operation.queryParameter("group", Schema.text, description: "an agent group name")],
                response: Schema.envelope(data: Schema.object(
                    ["group": Schema.text, "counts": Schema.map(Schema.integer()), "total": Schema.integer()],
                    required: ["counts", "total"]))),
            Operation(
                .put, "/contacts/{id}", id: "putContact", summary: "Save a contact", tags: ["contacts"],
                parameters: [Operation.pathParameter("id")],
                body: Operation.jsonBody(Schema.object(
                    [
                        "firstName": Schema.text, "lastName": Schema.text, "phoneNumbers": Schema.array(Schema.text),
                        "emailAddresses": Schema.array(Schema.text),
                    ], required: ["firstName", "lastName"])),
                response: Schema.envelope(data: Schema.object(["contact": contact], required: ["contact"]))),
            Operation(
                .get, "/contacts", id: "searchContacts", summary: "Contacts matching a text", tags: ["contacts"],
                parameters: [
                    Operation.queryParameter("text", Schema.string(minLength: 1), required: true),
                    Operation.queryParameter("limit", Schema.integer(minimum: 1, maximum: DataCollectorRoutes.maximumLimit)),
                ],
                response: Schema.envelope(data: Schema.object(["contacts": Schema.array(contact)], required: ["contacts"])),
                errors: [400]),
        ])
        return document
    }
}
