import GWSServiceKit
import GWSStores

/// The OpenAPI document of the Configuration service (`/configuration/v3`):
/// what ``ConfigurationRoutes`` serves. Reads are open to every token of the
/// tenant; writes need ROLE_ADMIN or ROLE_SERVICE; `persons/verify` ROLE_SERVICE.
enum ConfigurationOpenAPI {
    static var document: OpenAPIDocument {
        var document = OpenAPIDocument(
            title: "GWS Configuration service",
            description: """
                Contact-center configuration of the token's tenant: persons, skills, agent groups, DNs, places. \
                Writes need ROLE_ADMIN or ROLE_SERVICE.
                """,
            basePath: ConfigurationRoutes.basePath)
        document.define("Person", person)
        document.define("PersonInput", personInput)
        for name in ["Skill", "AgentGroup", "DN", "Place"] { document.define(name, named(name)) }
        document.add(personOperations)
        document.add(objectOperations)
        document.add(membershipOperations)
        return document
    }

    static let writers = ["ROLE_ADMIN", "ROLE_SERVICE"]

    private static let person = Schema.object(
        [
            "dbid": Schema.integer(), "tenant": Schema.text, "userName": Schema.text, "firstName": Schema.text,
            "lastName": Schema.text, "employeeId": Schema.text, "email": Schema.text, "isAgent": Schema.boolean,
            "isAdmin": Schema.boolean, "agentLogin": Schema.text, "defaultPlace": Schema.text, "enabled": Schema.boolean,
            "createdAt": Schema.dateTime, "updatedAt": Schema.dateTime,
        ], required: ["dbid", "tenant", "userName", "employeeId"])

    /// A creation needs `userName` and `employeeId`; an update takes any subset.
    private static let personInput = Schema.object(
        [
            "userName": Schema.text, "firstName": Schema.text, "lastName": Schema.text,
            "employeeId": Schema.text, "employeeID": Schema.string("accepted for employeeId"),
            "email": Schema.string(format: "email"), "password": Schema.string(format: "password"),
            "isAgent": Schema.boolean, "isAdmin": Schema.boolean, "agentLogin": Schema.text, "defaultPlace": Schema.text,
            "enabled": Schema.boolean,
        ])

    private static func named(_ name: String) -> JSONValue {
        switch name {
        case "AgentGroup":
            Schema.object(["dbid": Schema.integer(), "tenant": Schema.text, "name": Schema.text, "memberDbids": Schema.array(Schema.integer())])
        case "DN": Schema.object(["dbid": Schema.integer(), "tenant": Schema.text, "number": Schema.text, "type": Schema.text])
        case "Place": Schema.object(["dbid": Schema.integer(), "tenant": Schema.text, "name": Schema.text, "dn": Schema.text])
        default: Schema.object(["dbid": Schema.integer(), "tenant": Schema.text, "name": Schema.text])
        }
    }

    private static func data(_ name: String, _ schema: JSONValue) -> JSONValue {
        Schema.envelope(data: Schema.object([name: schema], required: [name]))
    }

    private static var personOperations: [OpenAPIOperation] {
        let dbid = OpenAPIShared.dbidParameter("dbid")
        let onePerson = data("person", Schema.ref("Person"))
        return [
            Operation(
                .post, "/persons/verify", id: "verifyPassword", summary: "Check a user's password (for the auth service)",
                tags: ["persons"], authorities: ["ROLE_SERVICE"],
                body: Operation.jsonBody(Schema.object(["userName": Schema.text, "password": Schema.text], required: ["userName", "password"])),
                response: onePerson),
            Operation(
                .get, "/persons", id: "getPersons", summary: "A page of persons", tags: ["persons"],
                parameters: OpenAPIShared.pageParameters + [
                    Operation.queryParameter(
                        "userName", Schema.string(maxLength: 256),
                        description: "exactly this user name, ignoring case (0 or 1 person; filterName, limit and offset are then ignored)")
                ],
                response: Schema.envelope(data: Schema.object(
                    ["persons": Schema.array(Schema.ref("Person")), "totalCount": Schema.integer()], required: ["persons", "totalCount"])),
                errors: [400]),
            Operation(
                .post, "/persons", id: "addPerson", summary: "Create a person", tags: ["persons"], authorities: writers,
                body: Operation.jsonBody(Schema.ref("PersonInput")), response: onePerson, errors: [409]),
            Operation(
                .get, "/persons/{dbid}", id: "getPerson", summary: "A person", tags: ["persons"], parameters: [dbid],
                response: onePerson, errors: [400, 404]),
            Operation(
                .put, "/persons/{dbid}", id: "updatePerson", summary: "Change a person's fields", tags: ["persons"],
                authorities: writers, parameters: [dbid], body: Operation.jsonBody(Schema.ref("PersonInput")),
                response: onePerson, errors: [404, 409]),
            Operation(
                .delete, "/persons/{dbid}", id: "deletePerson", summary: "Delete a person", tags: ["persons"],
                authorities: writers, parameters: [dbid], errors: [400, 404]),
        ]
    }

    private static var objectOperations: [OpenAPIOperation] {
        let name = Operation.jsonBody(Schema.object(["name": Schema.string(minLength: 1)], required: ["name"]))
        let kinds: [(path: String, schema: String, one: String, many: String, body: JSONValue)] = [
            ("skills", "Skill", "skill", "skills", name),
            ("agent-groups", "AgentGroup", "agentGroup", "agentGroups", name),
            ("dns", "DN", "dn", "dns",
             Operation.jsonBody(Schema.object(["number": Schema.string(minLength: 1), "type": Schema.string("Extension by default")], required: ["number"]))),
            ("places", "Place", "place", "places",
             Operation.jsonBody(Schema.object(["name": Schema.string(minLength: 1), "dn": Schema.string("the number of a DN of the tenant")], required: ["name"]))),
        ]
        return kinds.flatMap { kind in
            [
                Operation(
                    .get, "/\(kind.path)", id: "get\(kind.schema)s", summary: "The tenant's \(kind.many)", tags: ["objects"],
                    response: data(kind.many, Schema.array(Schema.ref(kind.schema)))),
                Operation(
                    .post, "/\(kind.path)", id: "add\(kind.schema)", summary: "Create a \(kind.one)", tags: ["objects"],
                    authorities: writers, body: kind.body, response: data(kind.one, Schema.ref(kind.schema)), errors: [404, 409]),
            ]
        }
    }

    private static var membershipOperations: [OpenAPIOperation] {
        let person = OpenAPIShared.dbidParameter("dbid")
        let skill = OpenAPIShared.dbidParameter("skillDbid")
        let group = OpenAPIShared.dbidParameter("groupDbid")
        let member = OpenAPIShared.dbidParameter("personDbid")
        return [
            Operation(
                .get, "/persons/{dbid}/skills", id: "getPersonSkills", summary: "A person's skill levels", tags: ["memberships"],
                parameters: [person],
                response: data("skills", Schema.array(Schema.object(["skillDbid": Schema.integer(), "name": Schema.text, "level": Schema.integer()]))),
                errors: [400, 404]),
            Operation(
                .put, "/persons/{dbid}/skills/{skillDbid}", id: "setPersonSkill", summary: "Set a person's level in a skill",
                tags: ["memberships"], authorities: writers, parameters: [person, skill],
                body: Operation.jsonBody(Schema.object(["level": Schema.integer(minimum: 0)], required: ["level"])), errors: [404]),
            Operation(
                .delete, "/persons/{dbid}/skills/{skillDbid}", id: "removePersonSkill", summary: "Remove a person's skill",
                tags: ["memberships"], authorities: writers, parameters: [person, skill], errors: [400, 404]),
            Operation(
                .put, "/agent-groups/{groupDbid}/members/{personDbid}", id: "addAgentGroupMember", summary: "Add a person to a group",
                tags: ["memberships"], authorities: writers, parameters: [group, member], errors: [400, 404]),
            Operation(
                .delete, "/agent-groups/{groupDbid}/members/{personDbid}", id: "removeAgentGroupMember",
                summary: "Remove a person from a group", tags: ["memberships"], authorities: writers, parameters: [group, member],
                errors: [400, 404]),
        ]
    }
}
