import GWSServiceKit
import GWSStores

/// The OpenAPI document of the Provisioning API (`/provisioning/v3`): what
/// ``ProvisioningRoutes`` serves. Every operation needs a token with ROLE_ADMIN.
enum ProvisioningOpenAPI {
    static var document: OpenAPIDocument {
        var document = OpenAPIDocument(
            title: "GWS Provisioning API",
            description: """
                Users, skills and agent groups of the token's tenant (kept in the Configuration service), \
                for tokens with ROLE_ADMIN.
                """,
            basePath: ProvisioningRoutes.basePath)
        document.define("User", user)
        document.define("UserInput", userInput)
        document.define("NamedObject", Schema.object(["DBID": Schema.integer(), "name": Schema.text], required: ["DBID", "name"]))
        document.add(operations)
        return document
    }

    private static let admin = ["ROLE_ADMIN"]

    private static let user = Schema.object(
        [
            "DBID": Schema.integer(), "userName": Schema.text, "firstName": Schema.text, "lastName": Schema.text,
            "employeeID": Schema.text, "email": Schema.text, "agentLogin": Schema.text, "defaultPlace": Schema.text,
            "isAgent": Schema.boolean, "isAdmin": Schema.boolean, "enabled": Schema.boolean,
            "agentGroups": Schema.array(Schema.text),
            "skills": Schema.array(Schema.object(["name": Schema.text, "level": Schema.integer()])),
        ], required: ["DBID", "userName", "employeeID"])

    /// A creation needs `userName`, `employeeID` (or `employeeId`) and `password`; an update takes any subset.
    private static let userInput = Schema.object(
        [
            "userName": Schema.text, "firstName": Schema.text, "lastName": Schema.text,
            "employeeID": Schema.text, "employeeId": Schema.string("accepted for employeeID"), "email": Schema.string(format: "email"),
            "password": Schema.string(format: "password"), "isAgent": Schema.boolean, "isAdmin": Schema.boolean,
            "agentLogin": Schema.text, "defaultPlace": Schema.text, "enabled": Schema.boolean,
            "agentGroups": Schema.array(Schema.text, description: "names of existing agent groups; they replace the user's"),
            "skills": Schema.array(
                Schema.object(["name": Schema.text, "level": Schema.integer(minimum: 0)], required: ["name", "level"]),
                description: "skill levels by existing skill name; they replace the user's"),
        ])

    private static var operations: [OpenAPIOperation] {
        let dbid = OpenAPIShared.dbidParameter("dbid")
        let created = Schema.envelope(data: Schema.object(["dbid": Schema.integer()], required: ["dbid"]))
        let name = Operation.jsonBody(Schema.object(["name": Schema.string(minLength: 1)], required: ["name"]))
        return [
            Operation(
                .post, "/initialize-provisioning", id: "initializeProvisioning", summary: "Open a Provisioning session",
                tags: ["session"], authorities: admin,
                response: Schema.envelope(data: Schema.object(["sessionId": Schema.text], required: ["sessionId"])),
                successHeaders: Operation.setCookieHeader(ProvisioningRoutes.cookieName)),
            Operation(
                .get, "/objects/users", id: "getUsers", summary: "A page of users", tags: ["users"], authorities: admin,
                parameters: OpenAPIShared.pageParameters,
                response: Schema.envelope(data: Schema.object(
                    ["users": Schema.array(Schema.ref("User")), "totalCount": Schema.integer()], required: ["users", "totalCount"])),
                errors: [400]),
            Operation(
                .post, "/objects/users", id: "addUser", summary: "Create a user", tags: ["users"], authorities: admin,
                body: Operation.jsonBody(Schema.ref("UserInput")), response: created, errors: [409]),
            Operation(
                .get, "/objects/users/{dbid}", id: "getUser", summary: "A user with its groups and skills", tags: ["users"],
                authorities: admin, parameters: [dbid],
                response: Schema.envelope(data: Schema.object(["user": Schema.ref("User")], required: ["user"])), errors: [400, 404]),
            Operation(
                .put, "/objects/users/{dbid}", id: "updateUser", summary: "Change a user's fields, groups or skills",
                tags: ["users"], authorities: admin, parameters: [dbid], body: Operation.jsonBody(Schema.ref("UserInput")),
                errors: [404, 409]),
            Operation(
                .delete, "/objects/users/{dbid}", id: "deleteUser", summary: "Delete a user", tags: ["users"],
                authorities: admin, parameters: [dbid], errors: [400, 404]),
            Operation(
                .get, "/objects/skills", id: "getSkills", summary: "The tenant's skills", tags: ["objects"], authorities: admin,
                response: Schema.envelope(data: Schema.object(["skills": Schema.array(Schema.ref("NamedObject"))], required: ["skills"]))),
            Operation(
                .post, "/objects/skills", id: "addSkill", summary: "Create a skill", tags: ["objects"], authorities: admin,
                body: name, response: created, errors: [409]),
            Operation(
                .get, "/objects/agent-groups", id: "getAgentGroups", summary: "The tenant's agent groups", tags: ["objects"],
                authorities: admin,
                response: Schema.envelope(data: Schema.object(
                    ["agentGroups": Schema.array(Schema.ref("NamedObject"))], required: ["agentGroups"]))),
            Operation(
                .post, "/objects/agent-groups", id: "addAgentGroup", summary: "Create an agent group", tags: ["objects"],
                authorities: admin, body: name, response: created, errors: [409]),
        ]
    }
}
