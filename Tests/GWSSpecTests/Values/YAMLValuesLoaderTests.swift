import Testing
@testable import GWSSpec

@Suite struct YAMLValuesLoaderTests {
    private func load(_ yaml: String) throws(ValuesError) -> Value {
        try YAMLValuesLoader.load(yaml: yaml, source: "values.yaml")
    }

    private func loadError(_ yaml: String) -> ValuesError? {
        do {
            _ = try load(yaml)
            return nil
        } catch {
            return error
        }
    }

    @Test func emptyAndCommentOnlyDocumentsAreEmptyMaps() throws {
        #expect(try load("") == .map([:]))
        #expect(try load("\n\n") == .map([:]))
        #expect(try load("# only a comment\n") == .map([:]))
        #expect(try load("---\n") == .map([:]))
    }

    @Test func coreSchemaScalarTypes() throws {
        let value = try load("""
            port: 80
            negative: -12
            plus: +7
            octal: 0o17
            hex: 0x1F
            ratio: 1.5
            exponent: 1e3
            leadingDot: .5
            infinity: .inf
            yes: true
            no: False
            nothing: null
            tilde: ~
            empty:
            text: hello world
            version: 1.2.3
            yesWord: yes
            onWord: on
            huge: 99999999999999999999
            notOctal: 0o
            """)
        #expect(value["port"] == .int(80))
        #expect(value["negative"] == .int(-12))
        #expect(value["plus"] == .int(7))
        #expect(value["octal"] == .int(15))
        #expect(value["hex"] == .int(31))
        #expect(value["ratio"] == .double(1.5))
        #expect(value["exponent"] == .double(1000))
        #expect(value["leadingDot"] == .double(0.5))
        #expect(value["infinity"] == .double(.infinity))
        #expect(value["yes"] == .bool(true))
        #expect(value["no"] == .bool(false))
        #expect(value["nothing"] == .null)
        #expect(value["tilde"] == .null)
        #expect(value["empty"] == .null)
        #expect(value["text"] == .string("hello world"))
        #expect(value["version"] == .string("1.2.3"))
        // YAML 1.1 booleans are plain strings in the 1.2 core schema.
        #expect(value["yesWord"] == .string("yes"))
        #expect(value["onWord"] == .string("on"))
        #expect(value["huge"] == .double(1e20))
        #expect(value["notOctal"] == .string("0o"))
    }

    @Test func quotedAndBlockScalarsStayStrings() throws {
        let value = try load("""
            a: "80"
            b: 'true'
            c: "null"
            d: ""
            e: '1.5'
            f: |
              80
            g: >-
              true
            """)
        #expect(value["a"] == .string("80"))
        #expect(value["b"] == .string("true"))
        #expect(value["c"] == .string("null"))
        #expect(value["d"] == .string(""))
        #expect(value["e"] == .string("1.5"))
        #expect(value["f"] == .string("80\n"))
        #expect(value["g"] == .string("true"))
    }

    @Test func explicitTagsAreHonoured() throws {
        let value = try load("""
            a: !!str 80
            b: !!int "42"
            c: !!float 3
            d: !!bool "true"
            e: ! 12
            """)
        #expect(value["a"] == .string("80"))
        #expect(value["b"] == .int(42))
        #expect(value["c"] == .double(3))
        #expect(value["d"] == .bool(true))
        #expect(value["e"] == .string("12"))
        #expect(loadError("a: !!int abc") == .malformedYAML(
            source: "values.yaml", line: 1, column: 4, message: "cannot read \"abc\" as !!int"))
    }

    @Test func nestedMapsAndLists() throws {
        let value = try load("""
            gwsServices:
              workspace:
                ports: [8080, 8443]
                env:
                  LOG_LEVEL: debug
            list:
              - name: a
              - name: b
                weight: 2
            """)
        #expect(value.value(at: [.key("gwsServices"), .key("workspace"), .key("ports"), .index(1)]) == .int(8443))
        #expect(value.value(at: [.key("gwsServices"), .key("workspace"), .key("env"), .key("LOG_LEVEL")]) == "debug")
        #expect(value["list"] == [["name": "a"], ["name": "b", "weight": 2]])
    }

    @Test func anchorsAliasesAndMergeKeys() throws {
        let value = try load("""
            base: &base
              image: gws
              replicas: 1
            one:
              <<: *base
              replicas: 3
            copy: *base
            """)
        #expect(value["one"] == ["image": "gws", "replicas": 3])
        #expect(value["copy"] == ["image": "gws", "replicas": 1])
    }

    @Test func malformedYAMLReportsLineAndColumn() {
        let error = loadError("a: 1\nb: c: d\n")
        #expect(error == .malformedYAML(
            source: "values.yaml", line: 2, column: 5, message: "mapping values are not allowed in this context"))
        #expect(error?.description == "values.yaml:2:5: mapping values are not allowed in this context")
    }

    @Test func tabIndentationIsReportedWhereItIs() {
        let error = loadError("a:\n  b: 1\n\tc: 2\n")
        guard case let .malformedYAML(source, line, column, message)? = error else {
            Issue.record("expected malformedYAML, got \(String(describing: error))")
            return
        }
        #expect(source == "values.yaml")
        #expect(line == 3)
        #expect(column == 1)
        #expect(message == "found a tab character that violates indentation (while scanning a plain scalar at line 2, column 6)")
    }

    @Test func contextIsAddedWhereLibYAMLGivesOne() {
        #expect(loadError("ports: [80, 443\nname: x\n")?.description
            == "values.yaml:2:5: did not find expected ',' or ']' (while parsing a flow sequence at line 1, column 8)")
        #expect(loadError("a: \"abc\nb: 1")?.description
            == "values.yaml:2:5: found unexpected end of stream (while scanning a quoted scalar at line 1, column 4)")
    }

    @Test func undefinedAliasIsAnError() {
        guard case let .malformedYAML(_, line, column, message)? = loadError("a: *missing\n") else {
            Issue.record("expected malformedYAML")
            return
        }
        #expect((line, column) == (1, 4))
        #expect(message == "found undefined alias")
    }

    @Test func duplicateKeysPointAtTheRepeat() {
        let error = loadError("""
            name: a
            replicas: 1
            name: b
            """)
        #expect(error == .duplicateKey(source: "values.yaml", line: 3, column: 1, key: "name"))
        #expect(error?.description == "values.yaml:3:1: duplicate key \"name\"")
    }

    @Test func nestedDuplicateKeys() {
        let error = loadError("""
            x:
              a: 1
              b:
                a: 2
            y:
              a: 1
              c: 2
              a: 3
            """)
        #expect(error == .duplicateKey(source: "values.yaml", line: 8, column: 3, key: "a"))
    }

    @Test func duplicateKeysWithWindowsLineEndings() {
        let error = loadError("a: 1\r\nb: 2\r\na: 3\r\n")
        #expect(error == .duplicateKey(source: "values.yaml", line: 3, column: 1, key: "a"))
    }

    @Test func duplicateKeysWrittenDifferently() {
        // A plain and a quoted spelling of the same key are the same string key.
        let error = loadError("a: 1\n\"a\": 2\n")
        #expect(error == .duplicateKey(source: "values.yaml", line: 2, column: 1, key: "a"))
    }

    @Test func duplicateKeysInFlowMappings() {
        guard case let .duplicateKey(_, line, _, key)? = loadError("m: {a: 1, a: 2}\n") else {
            Issue.record("expected duplicateKey")
            return
        }
        #expect(line == 1)
        #expect(key == "a")
    }

    @Test func nonStringKeysAreErrors() {
        #expect(loadError("80: http\n") == .nonStringKey(source: "values.yaml", line: 1, column: 1, found: "integer 80"))
        #expect(loadError("a:\n  true: x\n") == .nonStringKey(source: "values.yaml", line: 2, column: 3, found: "boolean true"))
        #expect(loadError("~: x\n") == .nonStringKey(source: "values.yaml", line: 1, column: 1, found: "null"))
        #expect(loadError("? [a, b]\n: x\n") == .nonStringKey(source: "values.yaml", line: 1, column: 3, found: "a list"))
        #expect(loadError("80: http\n")?.description == "values.yaml:1:1: map keys must be strings, found integer 80")
        // Quoted numbers are string keys.
        #expect(throws: Never.self) { try load("\"80\": http\n") }
    }

    @Test func multipleDocumentsAreRejected() {
        guard case let .malformedYAML(_, line, _, message)? = loadError("a: 1\n---\nb: 2\n") else {
            Issue.record("expected malformedYAML")
            return
        }
        #expect(line == 2)
        #expect(message == "expected a single document in the stream but found another document")
    }

    @Test func errorsWithoutAPosition() {
        #expect(ValuesError.malformedYAML(source: "x.yaml", line: 0, column: 0, message: "boom").description == "x.yaml: boom")
        #expect(ValuesError.malformedYAML(source: "x.yaml", line: 4, column: 0, message: "boom").description == "x.yaml:4: boom")
    }

    @Test func loadMapRequiresAMap() throws {
        #expect(try YAMLValuesLoader.loadMap(yaml: "", source: "v.yaml") == .map([:]))
        #expect(try YAMLValuesLoader.loadMap(yaml: "~", source: "v.yaml") == .map([:]))
        #expect(try YAMLValuesLoader.loadMap(yaml: "a: 1", source: "v.yaml") == ["a": 1])
        #expect(throws: ValuesError.notAMap(source: "v.yaml", found: "a list")) {
            try YAMLValuesLoader.loadMap(yaml: "- a\n- b\n", source: "v.yaml")
        }
        #expect(ValuesError.notAMap(source: "v.yaml", found: "a list").description
            == "v.yaml: the document must be a map of values, found a list")
    }
}
