import Foundation
import Testing
@testable import GWSSpec

@Suite struct JSONValueTests {
    @Test func compactCanonicalForm() {
        let value: Value = ["b": [1, 2.5, true, nil], "a": "x", "c": [:], "d": []]
        #expect(value.jsonString() == #"{"a":"x","b":[1,2.5,true,null],"c":{},"d":[]}"#)
    }

    @Test func prettyForm() {
        let value: Value = ["b": [1, ["k": "v"]], "a": [:]]
        #expect(value.jsonString(pretty: true) == """
            {
              "a": {},
              "b": [
                1,
                {
                  "k": "v"
                }
              ]
            }
            """)
    }

    @Test func stringEscaping() {
        let value = Value.string("q\" b\\ n\n r\r t\t \u{08}\u{0C}\u{01}\u{7F} / é 😀")
        #expect(value.jsonString() == #""q\" b\\ n\n r\r t\t \b\f\u0001\u007f / é 😀""#)
    }

    @Test func numbers() {
        #expect(Value.int(-42).jsonString() == "-42")
        #expect(Value.int(Int.max).jsonString() == "9223372036854775807")
        #expect(Value.double(1.5).jsonString() == "1.5")
        #expect(Value.double(2).jsonString() == "2.0")
        #expect(Value.double(0.1).jsonString() == "0.1")
        #expect(Value.double(1e-5).jsonString() == "1e-05")
        #expect(Value.double(.infinity).jsonString() == "null")
    }

    @Test func parsingKeepsTypesApart() throws {
        let value = try Value(json: #"{"i": 1, "neg": -3, "d": 1.5, "e": 1e3, "whole": 2.0, "t": true, "f": false, "n": null, "s": "1"}"#)
        #expect(value == ["i": 1, "neg": -3, "d": 1.5, "e": .double(1000), "whole": .double(2), "t": true, "f": false, "n": nil, "s": "1"])
        #expect(value["i"] == .int(1))
        #expect(value["t"] == .bool(true))
        #expect(value["whole"] == .double(2))
        #expect(try Value(json: "  [ ]  ") == [])
        #expect(try Value(json: "9223372036854775808") == .double(9_223_372_036_854_775_808))
    }

    @Test func parsingStrings() throws {
        #expect(try Value(json: #""a\"b\\c\/d\n\u00e9\ud83d\ude00""#) == .string("a\"b\\c/d\né😀"))
        #expect(try Value(json: "\"é日本\"") == .string("é日本"))
    }

    @Test func roundTrip() throws {
        let value: Value = [
            "s": "line\nbreak \"quoted\" \u{1F} ü", "i": 7, "d": 0.30000000000000004, "tiny": .double(.leastNonzeroMagnitude),
            "big": 1.7976931348623157e308, "l": [[], [:], nil, false], "m": ["x": ["y": -0.5]],
        ]
        #expect(try Value(json: value.jsonString()) == value)
        #expect(try Value(json: value.jsonString(pretty: true)) == value)
    }

    @Test func agreesWithFoundation() throws {
        let value: Value = ["a": [1, 2.5, "x", true, nil], "b": ["c": "d"]]
        let object = try JSONSerialization.jsonObject(with: Data(value.jsonString().utf8))
        let again = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        #expect(try Value(json: String(decoding: again, as: UTF8.self)) == value)
    }

    @Test(arguments: [
        ("", 1, 1, "unexpected end of input, expected a value"),
        ("{\"a\":1,}", 1, 8, "unexpected \"}\", expected a key string"),
        ("[1 2]", 1, 4, "unexpected \"2\", expected \",\" or \"]\""),
        ("{\n  \"a\": tru\n}", 2, 8, "invalid literal, expected true"),
        ("01", 1, 2, "invalid number: leading zeros are not allowed"),
        ("1.", 1, 3, "invalid number: expected a digit after \".\""),
        ("\"abc", 1, 5, "unterminated string"),
        ("\"a\nb\"", 1, 3, "control characters must be escaped in strings"),
        ("\"\\x\"", 1, 2, "invalid escape sequence"),
        ("\"\\ud800\"", 1, 8, "unpaired UTF-16 surrogate in \\u escape"),
        ("{\"a\":1,\"a\":2}", 1, 8, "duplicate key \"a\""),
        ("[1] x", 1, 5, "unexpected \"x\" after the JSON value"),
    ])
    func parseErrors(text: String, line: Int, column: Int, message: String) {
        #expect(throws: ValuesError.malformedJSON(line: line, column: column, message: message)) {
            try Value(json: text)
        }
    }

    @Test func errorDescription() {
        #expect(ValuesError.malformedJSON(line: 2, column: 8, message: "invalid literal, expected true").description
            == "invalid JSON at line 2, column 8: invalid literal, expected true")
    }

    @Test func deepNestingIsRejectedNotCrashing() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: ValuesError.self) { try Value(json: deep) }
    }
}
