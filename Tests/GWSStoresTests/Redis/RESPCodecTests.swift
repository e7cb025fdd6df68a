import GWSStores
import NIOCore
import Testing

@Suite("RESP codec")
struct RESPCodecTests {
    private func encode(_ value: RESPValue) -> ByteBuffer {
        var buffer = ByteBuffer()
        RESPEncoder.encode(value, into: &buffer)
        return buffer
    }

    private func decodeAll(_ text: String, decoder: RESPDecoder = RESPDecoder()) throws -> [RESPValue] {
        var buffer = ByteBuffer(string: text)
        var values: [RESPValue] = []
        while let value = try decoder.parse(&buffer) { values.append(value) }
        return values
    }

    static let samples: [RESPValue] = [
        .simpleString("OK"), .error("ERR unknown command"), .integer(0), .integer(-42), .integer(Int.max),
        .integer(Int.min), .integer(-1), .integer(123_456_789_012_345_678),
        .bulkString("hello"), .bulkString(ByteBuffer()), .bulkString(nil), .bulkString("line\r\nbreak"),
        .array(nil), .array([]),
        .array([.integer(1), .bulkString("two"), .array([.simpleString("three"), .bulkString(nil), .array(nil)])]),
    ]

    @Test("every value survives encode → decode", arguments: samples)
    func roundTrip(_ value: RESPValue) throws {
        var buffer = encode(value)
        #expect(try RESPDecoder().parse(&buffer) == value)
        #expect(buffer.readableBytes == 0)
    }

    @Test("wire format matches the protocol")
    func wireFormat() {
        #expect(String(buffer: encode(.array([.bulkString("GET"), .bulkString("k")]))) == "*2\r\n$3\r\nGET\r\n$1\r\nk\r\n")
        #expect(String(buffer: encode(.bulkString(nil))) == "$-1\r\n")
        #expect(String(buffer: encode(.integer(123))) == ":123\r\n")
        var command = ByteBuffer()
        RESPEncoder.encodeCommand(["SET", "ключ", "v"], into: &command)
        #expect(String(buffer: command) == "*3\r\n$3\r\nSET\r\n$8\r\nключ\r\n$1\r\nv\r\n")
        var raw = ByteBuffer()
        RESPEncoder.encodeCommand([.string("SET"), .bytes(ByteBuffer(bytes: [0, 255]))], into: &raw)
        #expect(Array(raw.readableBytesView) == Array("*2\r\n$3\r\nSET\r\n$2\r\n".utf8) + [0, 255, 13, 10])
    }

    @Test("commands with empty, long and many arguments encode exactly, after what the buffer already holds")
    func commandSizes() {
        let arguments = ["MSET", "", String(repeating: "a", count: 12_345), "ключ"] + (0..<10).map { "k\($0)" }
        var expected = "*\(arguments.count)\r\n"
        for argument in arguments { expected += "$\(argument.utf8.count)\r\n\(argument)\r\n" }
        var strings = ByteBuffer(string: "prefix")
        RESPEncoder.encodeCommand(arguments, into: &strings)
        #expect(String(buffer: strings) == "prefix" + expected)
        var raw = ByteBuffer(string: "prefix")
        RESPEncoder.encodeCommand(
            arguments.enumerated().map { $0 % 2 == 0 ? .string($1) : .bytes(ByteBuffer(string: $1)) }, into: &raw)
        #expect(String(buffer: raw) == "prefix" + expected)
    }

    @Test("a frame split anywhere waits for the rest, then decodes once")
    func partialFrames() throws {
        let value = RESPValue.array([
            .bulkString("payload"), .integer(7), .array([.simpleString("x"), .bulkString(nil)]), .error("ERR e"),
        ])
        let bytes = Array(encode(value).readableBytesView)
        let decoder = RESPDecoder()
        for split in 0..<bytes.count {
            var buffer = ByteBuffer(bytes: bytes[..<split])
            #expect(try decoder.parse(&buffer) == nil, "split at \(split)")
            #expect(buffer.readableBytes == split, "nothing consumed at \(split)")
            buffer.writeBytes(bytes[split...])
            #expect(try decoder.parse(&buffer) == value)
        }
    }

    @Test("several frames in one buffer decode in order")
    func manyFrames() throws {
        #expect(try decodeAll("+OK\r\n:1\r\n$-1\r\n*0\r\n-ERR x\r\n") == [
            .simpleString("OK"), .integer(1), .bulkString(nil), .array([]), .error("ERR x"),
        ])
    }

    @Test("RESP3 simple types fold into RESP2 values")
    func resp3() throws {
        #expect(try decodeAll("_\r\n#t\r\n#f\r\n,3.14\r\n(12345678901234567890\r\n") == [
            .bulkString(nil), .integer(1), .integer(0), .simpleString("3.14"), .simpleString("12345678901234567890"),
        ])
        #expect(try decodeAll("%1\r\n+k\r\n:1\r\n~1\r\n+m\r\n>2\r\n+message\r\n+x\r\n") == [
            .array([.simpleString("k"), .integer(1)]), .array([.simpleString("m")]),
            .array([.simpleString("message"), .simpleString("x")]),
        ])
        #expect(try decodeAll("!5\r\nERR x\r\n=8\r\ntxt:abcd\r\n") == [.error("ERR x"), .bulkString("abcd")])
    }

    @Test(
        "malformed input is a protocol violation, not a crash",
        arguments: [
            "?what\r\n", ":12a\r\n", "$abc\r\n", "$-2\r\n", "*-5\r\n", "$3\r\nabcXY", "+OK\rX", "#x\r\n",
            ":99999999999999999999999\r\n",
        ])
    func malformed(_ input: String) {
        #expect(throws: RedisError.self) { try decodeAll(input) }
        do {
            _ = try decodeAll(input)
        } catch let error as RedisError {
            #expect(error.code == .protocolViolation)
            #expect(error.message.contains("invalid RESP"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("limits: bulk length, element count, nesting depth, line length")
    func limits() throws {
        let small = RESPDecoder(maximumBulkLength: 4, maximumElements: 3, maximumDepth: 2, maximumLineLength: 16)
        #expect(try decodeAll("$4\r\nabcd\r\n", decoder: small) == [.bulkString("abcd")])
        let cases: [(String, String)] = [
            ("$5\r\nabcde\r\n", "exceeds the limit of 4"),
            ("$1000000000\r\n", "exceeds the limit of 4"),  // rejected before waiting for a gigabyte
            ("*4\r\n", "aggregate of 4 elements"),
            ("*1\r\n*1\r\n*1\r\n:1\r\n", "nesting deeper than 2"),
            ("+" + String(repeating: "a", count: 40), "line longer than 16"),
        ]
        for (input, expected) in cases {
            do {
                _ = try decodeAll(input, decoder: small)
                Issue.record("accepted \(input.debugDescription)")
            } catch let error as RedisError {
                #expect(error.code == .protocolViolation)
                #expect(error.message.contains(expected), "\(error.message)")
            }
        }
        #expect(try decodeAll("*1\r\n*1\r\n:1\r\n", decoder: small) == [.array([.array([.integer(1)])])])
    }

    @Test("deeply nested input does not overflow the stack")
    func deepNesting() {
        let input = String(repeating: "*1\r\n", count: 100_000) + ":1\r\n"
        #expect(throws: RedisError.self) { try decodeAll(input) }
    }

    @Test("value accessors")
    func accessors() {
        #expect(RESPValue.bulkString("12").int == 12)
        #expect(RESPValue.integer(3).string == "3")
        #expect(RESPValue.bulkString(nil).isNull)
        #expect(RESPValue.array(nil).isNull)
        #expect(!RESPValue.array([]).isNull)
        #expect(RESPValue.error("x").string == nil)
        #expect(RESPValue.array([.integer(1)]).array == [.integer(1)])
        #expect(RESPValue.bulkString("ab").description == "\"ab\"")
    }
}
