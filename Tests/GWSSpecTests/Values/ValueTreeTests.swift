import Testing
@testable import GWSSpec

@Suite struct ValueTreeTests {
    @Test func typeNames() {
        let names = ([nil, true, 1, 1.5, "s", [], [:]] as [Value]).map(\.typeName)
        #expect(names == ["null", "boolean", "integer", "number", "string", "list", "map"])
    }

    @Test func subscriptsAndAccessors() {
        let value: Value = ["a": ["b": [10, 20]], "s": "x"]
        #expect(value["a"]?["b"]?[1] == .int(20))
        #expect(value[key: "s"] == .string("x"))
        #expect(value["missing"] == nil)
        #expect(value["s"]?["b"] == nil)
        #expect(value["a"]?["b"]?[5] == nil)
        #expect(Value.int(3).doubleValue == 3)
        #expect(Value.string("3").intValue == nil)
        #expect(Value.null.isNull)
        #expect(Value.bool(true).boolValue == true)
    }

    @Test func valueAtPath() {
        let value: Value = ["ports": [["name": "http"], ["name": "https"]]]
        #expect(value.value(at: [.key("ports"), .index(1), .key("name")]) == "https")
        #expect(value.value(at: []) == value)
        #expect(value.value(at: [.key("ports"), .index(2)]) == nil)
        #expect(value.value(at: [.index(0)]) == nil)
    }

    @Test func settingCreatesIntermediates() {
        let empty: Value = [:]
        #expect(empty.setting(1, at: [.key("a"), .key("b")]) == ["a": ["b": 1]])
        #expect(empty.setting("x", at: [.key("list"), .index(2)]) == ["list": [nil, nil, "x"]])
        #expect(empty.setting(true, at: [.key("l"), .index(0), .key("on")]) == ["l": [["on": true]]])
        let existing: Value = ["a": ["keep": 1], "s": "scalar"]
        #expect(existing.setting(2, at: [.key("a"), .key("new")]) == ["a": ["keep": 1, "new": 2], "s": "scalar"])
        #expect(existing.setting(2, at: [.key("s"), .key("k")]) == ["a": ["keep": 1], "s": ["k": 2]])
        #expect(existing.setting(9, at: []) == 9)
        #expect(existing.setting(9, at: [.key("a"), .index(-1)]) == existing)
    }

    @Test func pathRendering() {
        #expect(PathComponent.render([.key("spec"), .key("gwsServices"), .key("ports"), .index(2)]) == "spec.gwsServices.ports[2]")
        #expect(PathComponent.render([.key("env"), .key("a.b")]) == "env[\"a.b\"]")
        #expect(PathComponent.render([.key("a b")]) == "[\"a b\"]")
        #expect(PathComponent.render([.key("gws-app_1")]) == "gws-app_1")
        #expect(PathComponent.appending(key: "9lives", to: "x") == "x[\"9lives\"]")
        #expect(PathComponent.appending(key: "q\"uote", to: "x") == "x[\"q\\\"uote\"]")
    }

    @Test func literalsWithRepeatedKeysKeepTheLast() {
        let value: Value = ["a": 1, "a": 2]
        #expect(value == ["a": 2])
    }

    @Test func yamlStringRoundTrips() throws {
        let value: Value = [
            "port": "80", "flag": "true", "yes": "yes", "empty": "", "nothing": nil, "null": "null",
            "int": 80, "double": 1.5, "whole": 2.0, "bool": false, "list": [1, "two", [:]],
            "nested": ["b": "multi\nline", "a": "colon: inside", "z": "#hash"],
        ]
        let yaml = value.yamlString()
        #expect(try YAMLValuesLoader.load(yaml: yaml, source: "roundtrip") == value)
        #expect(yaml.hasPrefix("bool: false\ndouble: 1.5\nempty: ''\n"))
        #expect(yaml.contains("port: '80'\n"))
        #expect(yaml.contains("'yes': 'yes'\n"))
        #expect(yaml.contains("  b: |-\n    multi\n    line\n"))
        #expect(yaml.contains("nothing: null\n"))
        #expect(yaml.contains("int: 80\n"))
    }

    @Test func yamlStringOfNonFiniteDoubles() throws {
        let value: Value = ["inf": .double(.infinity), "minus": .double(-.infinity)]
        #expect(value.yamlString() == "inf: .inf\nminus: -.inf\n")
        #expect(try YAMLValuesLoader.load(yaml: value.yamlString(), source: "x") == value)
    }
}
