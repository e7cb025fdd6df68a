import Testing
@testable import GWSSpec

@Suite struct HelmSetParserTests {
    private func set(_ expression: String, into base: Value = .map([:])) throws(ValuesError) -> Value {
        try HelmSetParser.parse(expression, into: base)
    }

    private func setError(_ expression: String, into base: Value = .map([:])) -> String? {
        do {
            _ = try set(expression, into: base)
            return nil
        } catch {
            guard case let .badSetExpression(reported, message) = error else { return "wrong case: \(error)" }
            #expect(reported == expression)
            return message
        }
    }

    @Test func dottedKeys() throws {
        #expect(try set("a.b=c") == ["a": ["b": "c"]])
        #expect(try set("outer.middle.inner=value") == ["outer": ["middle": ["inner": "value"]]])
        #expect(try set("outer.inner1=value,outer.middle.inner=value")
            == ["outer": ["inner1": "value", "middle": ["inner": "value"]]])
    }

    @Test func severalPairs() throws {
        #expect(try set("a=1,b=2") == ["a": 1, "b": 2])
        #expect(try set("name1=value1,name2=value2,") == ["name1": "value1", "name2": "value2"])
        #expect(try set("name1=one two three") == ["name1": "one two three"])
    }

    @Test func typeInference() throws {
        let value = try set("t=true,f=FALSE,n=null,z=0,i=1234567890,neg=-5,lead=00009,float=1.5,text=abc,big=99999999999999999999")
        #expect(value["t"] == .bool(true))
        #expect(value["f"] == .bool(false))
        #expect(value["n"] == .null)
        #expect(value["z"] == .int(0))
        #expect(value["i"] == .int(1_234_567_890))
        #expect(value["neg"] == .int(-5))
        #expect(value["lead"] == .string("00009"))
        #expect(value["float"] == .string("1.5"))
        #expect(value["text"] == .string("abc"))
        #expect(value["big"] == .string("99999999999999999999"))
    }

    @Test func setStringKeepsEverythingAString() throws {
        let value = try HelmSetParser.parse("a=true,b=null,c=0,d=1234,e={1,x}", typeInference: false)
        #expect(value == ["a": "true", "b": "null", "c": "0", "d": "1234", "e": ["1", "x"]])
    }

    @Test func emptyValueIsAnEmptyString() throws {
        #expect(try set("a=") == ["a": ""])
        #expect(try set("name1=,name2=value2") == ["name1": "", "name2": "value2"])
        #expect(try set("name1.name2=") == ["name1": ["name2": ""]])
    }

    @Test func lists() throws {
        #expect(try set("a={x,y,z}") == ["a": ["x", "y", "z"]])
        #expect(try set("a={1021,902},b=c") == ["a": [1021, 902], "b": "c"])
        #expect(try set("name1.name2={value1,value2}") == ["name1": ["name2": ["value1", "value2"]]])
        #expect(try set("a={}") == ["a": []])
        #expect(try set("a={x\\,y,z\\}}") == ["a": ["x,y", "z}"]])
        // A brace only opens a list at the start of a value.
        #expect(try set("a=x{y}") == ["a": "x{y}"])
    }

    @Test func indexes() throws {
        #expect(try set("list[0]=foo") == ["list": ["foo"]])
        #expect(try set("list[0]=foo,list[1]=bar") == ["list": ["foo", "bar"]])
        #expect(try set("list[0]=foo,list[3]=bar") == ["list": ["foo", nil, nil, "bar"]])
        #expect(try set("a[1]=y") == ["a": [nil, "y"]])
        #expect(try set("a[0].b=x") == ["a": [["b": "x"]]])
        #expect(try set("list[0].foo=bar,list[0].hello=world") == ["list": [["foo": "bar", "hello": "world"]]])
        #expect(try set("name1.name2[1].foo=bar,name1.name2[0].foo=bar")
            == ["name1": ["name2": [["foo": "bar"], ["foo": "bar"]]]])
        #expect(try set("nested[0][0]=1") == ["nested": [[1]]])
        #expect(try set("nested[1][1]=1") == ["nested": [nil, [nil, 1]]])
        #expect(try set("a[0]={x,y}") == ["a": [["x", "y"]]])
        #expect(try set("a[0]=") == ["a": [""]])
    }

    @Test func indexesIntoAnExistingBase() throws {
        var values = try set("listOuter[0][0].type=listValue")
        values = try set("listOuter[0][0].status=alive", into: values)
        #expect(values == ["listOuter": [[["type": "listValue", "status": "alive"]]]])
        values = try set("listOuter[1][0].status=dead", into: values)
        #expect(values["listOuter"]?[1] == [["status": "dead"]])
    }

    @Test func parseIntoOverwritesAndKeeps() throws {
        let base: Value = ["outer": ["inner1": "overwrite", "inner2": "value2"]]
        let values = try set("outer.inner1=value1,outer.inner3=value3,outer.inner4=4", into: base)
        #expect(values == ["outer": ["inner1": "value1", "inner2": "value2", "inner3": "value3", "inner4": 4]])
    }

    @Test func escapes() throws {
        #expect(try set("name1=one\\,two,name2=three\\,four") == ["name1": "one,two", "name2": "three,four"])
        #expect(try set("name1=one\\=two") == ["name1": "one=two"])
        #expect(try set("a\\.b=c") == ["a.b": "c"])
        #expect(try set("nodeSelector.kubernetes\\.io/os=linux") == ["nodeSelector": ["kubernetes.io/os": "linux"]])
        #expect(try set("path=C:\\\\dir") == ["path": "C:\\dir"])
        #expect(try set("k\\=x=v") == ["k=x": "v"])
    }

    @Test func nullDeletesTheKeyWhenMerged() throws {
        let defaults: Value = ["image": ["tag": "1.0", "pullPolicy": "IfNotPresent"], "replicas": 2]
        let overrides = try set("image.pullPolicy=null,replicas=3")
        #expect(overrides == ["image": ["pullPolicy": nil], "replicas": 3])
        #expect(ValuesMerge.merge(defaults, overrides) == ["image": ["tag": "1.0"], "replicas": 3])
    }

    @Test func keysWithoutValues() {
        #expect(setError("name1") == "key \"name1\" has no value")
        #expect(setError("name1,name2=value2") == "key \"name1\" has no value")
        #expect(setError("name1.name2") == "key \"name1.name2\" has no value")
        #expect(setError("a.") == "key \"a.\" has no value")
        #expect(setError("noval[0]") == "key \"noval[0]\" has no value")
    }

    @Test func emptyKeys() {
        #expect(setError("name1=value1,,,,name2=value2,") == "missing key name before \",\"")
        #expect(setError("=x") == "missing key name before \"=\"")
        #expect(setError("name1.=name2") == "missing key name before \"=\" in key \"name1.\"")
        #expect(setError("a..b=1") == "missing key name before \".\" in key \"a.\"")
    }

    @Test func listErrors() {
        #expect(setError("name1={1021,902") == "the list for key \"name1\" must end with \"}\"")
        #expect(setError("a={x}}") == "unexpected \"}\" after the list for key \"a\"")
        #expect(setError("a={x}y=1") == "unexpected \"y\" after the list for key \"a\"")
    }

    @Test func indexErrors() {
        #expect(setError("list[0].foo=bar,list[-30].hello=world") == "negative index -30 in key \"list\" is not allowed")
        #expect(setError("a[65537]=x") == "index 65537 in key \"a\" is over the maximum of 65536")
        #expect(throws: Never.self) { try set("a[65536]=x") }
        #expect(setError("a[x]=1") == "invalid index \"x\" in key \"a\"; expected a number")
        #expect(setError("a[]=1") == "invalid index \"\" in key \"a\"; expected a number")
        #expect(setError("a[0=1") == "missing \"]\" after \"a[0=1\"")
        #expect(setError("illegal[0]name.foo=bar") == "unexpected \"name\" after \"]\" in key \"illegal[0]\"")
    }

    @Test func typeConflicts() {
        #expect(setError("a=1,a.b=2") == "key \"a\" is already an integer; it cannot also be a map")
        #expect(setError("a=x,a[0]=2") == "key \"a\" is already a string; it cannot also be a list")
        #expect(setError("]={}].") == "unexpected \"]\" after the list for key \"]\"")
        #expect(setError("a={x},a.b=1") == "key \"a\" is already a list; it cannot also be a map")
        // Null is unset, so it can become anything.
        #expect(throws: Never.self) { try set("a=null,a.b=2") }
    }

    @Test func trailingBackslash() {
        #expect(setError("a=b\\") == "a trailing \"\\\" escapes nothing")
    }

    @Test func nestingLimit() throws {
        let ok = (0..<30).map { "k\($0)" }.joined(separator: ".") + "=1"
        #expect(throws: Never.self) { try set(ok) }
        let deep = (0..<32).map { "k\($0)" }.joined(separator: ".") + "=1"
        #expect(setError(deep)?.contains("nested more than 30 levels deep") == true)
    }

    @Test func baseMustBeAMap() {
        #expect(setError("a=1", into: .list([])) == "the values to set into are a list, not a map")
        #expect(throws: Never.self) { try set("a=1", into: .null) }
    }

    @Test func errorDescriptionNamesTheExpression() {
        let error = ValuesError.badSetExpression(expression: "a[-1]=x", message: "negative index -1 in key \"a\" is not allowed")
        #expect(error.description == "invalid --set expression \"a[-1]=x\": negative index -1 in key \"a\" is not allowed")
    }

    @Test func typedValueMatchesHelm() {
        #expect(HelmSetParser.typedValue("True") == .bool(true))
        #expect(HelmSetParser.typedValue("NULL") == .null)
        #expect(HelmSetParser.typedValue("+5") == .int(5))
        #expect(HelmSetParser.typedValue("0") == .int(0))
        #expect(HelmSetParser.typedValue("01") == .string("01"))
        #expect(HelmSetParser.typedValue("") == .string(""))
        #expect(HelmSetParser.typedValue("1e3") == .string("1e3"))
    }
}
