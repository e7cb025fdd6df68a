import Foundation
import GWSConfigData
import Testing

@Suite("Request bodies")
struct NewPersonDecodingTests {
    @Test func optionalFieldsDefaultAndEmployeeIDIsAccepted() throws {
        let json = #"{"userName":"u1","employeeID":"E1","password":"pw"}"#
        let new = try JSONDecoder().decode(NewPerson.self, from: Data(json.utf8))
        #expect(new.userName == "u1")
        #expect(new.employeeId == "E1")
        #expect(new.password == "pw")
        #expect(new.enabled && !new.isAgent && !new.isAdmin)
        #expect(new.firstName == "" && new.email == nil)
    }

    @Test func missingRequiredFieldsDecodeEmptyForValidation() throws {
        let new = try JSONDecoder().decode(NewPerson.self, from: Data("{}".utf8))
        #expect(new.userName == "" && new.employeeId == "")
    }

    @Test func encodingNeverIncludesThePassword() throws {
        let data = try JSONEncoder().encode(NewPerson(userName: "u", employeeId: "e", password: "hunter2"))
        #expect(!String(decoding: data, as: UTF8.self).contains("hunter2"))
    }

    @Test func partialUpdateDecodesOnlyGivenFields() throws {
        let update = try JSONDecoder().decode(PersonUpdate.self, from: Data(#"{"lastName":"Smith"}"#.utf8))
        #expect(update.lastName == "Smith")
        #expect(update.userName == nil && update.password == nil && update.enabled == nil)
    }
}
