import Foundation
import GWSStores
import Testing

@Suite("JSONValue")
struct JSONValueTests {
    @Test("decodes every JSON kind and encodes it back")
    func roundTrip() throws {
        let text = #"{"a":null,"b":true,"c":3,"d":2.5,"e":"x","f":[1,"y"],"g":{"h":[]}}"#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        let expected: JSONValue = ["a": nil, "b": true, "c": 3, "d": 2.5, "e": "x", "f": [1, "y"], "g": ["h": []]]
        #expect(value == expected)
        let again = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
        #expect(again == expected)
    }

    @Test("accessors read members, elements and numbers")
    func accessors() {
        let value: JSONValue = ["n": 3, "d": 2.0, "s": "x", "list": [true, "y"]]
        #expect(value["n"]?.intValue == 3)
        #expect(value["d"]?.intValue == 2)
        #expect(value["d"]?.doubleValue == 2.0)
        #expect(value["s"]?.stringValue == "x")
        #expect(value["list"]?[0]?.boolValue == true)
        #expect(value["list"]?[5] == nil)
        #expect(value["missing"] == nil)
        #expect(value["s"]?.intValue == nil)
        #expect(JSONValue.double(2.5).intValue == nil)
        #expect(JSONValue.int(7).scalarText == "7")
    }
}
