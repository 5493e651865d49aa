import Foundation
import Testing

@testable import Iconect

@Suite("JSONValue")
struct JSONValueTests {
    private func encode(_ value: JSONValue) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return text(try encoder.encode(value))
    }

    private func decode(_ json: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
    }

    static let everyCase: [JSONValue] = [
        .null, .bool(true), .bool(false), .number(0), .number(42), .number(-7), .number(2.5), .number(-0.125), .number(1e-7),
        .number(1.5e300), .string(""), .string("x/y \"quoted\" \u{1F600} \n"), .array([]), .array([.null, 1, "a", [true]]),
        .object([:]), .object(["a": 1, "b": ["c": [1, 2, ["d": nil]]], "": "empty key"]),
    ]

    @Test(arguments: everyCase)
    func codableRoundTrip(value: JSONValue) throws {
        let data = try JSONEncoder().encode(value)
        #expect(try JSONDecoder().decode(JSONValue.self, from: data) == value)
    }

    @Test func roundTripInsideAnObjectKeepsTheShape() throws {
        let value: JSONValue = ["fields": ["title": "Q3 minutes", "pages": 12, "ratio": 0.5, "responsive": true, "notes": nil]]
        let again = try decode(try encode(value))
        #expect(again == value)
        #expect(again["fields"]?["notes"]?.isNull == true, "an explicit null must survive, not vanish")
    }

    @Test func integersEncodeWithoutAFraction() throws {
        #expect(try encode(12) == "12")
        #expect(try encode(-3) == "-3")
        #expect(try encode(0) == "0")
        #expect(try encode(.number(1.0)) == "1")
        #expect(try encode(.number(12_345_678_901_234)) == "12345678901234")
        #expect(try encode([1, 2.0, 3.5]) == "[1,2,3.5]")
        #expect(try encode(2.5) == "2.5")
    }

    @Test func decodingDistinguishesBooleansNumbersAndStrings() throws {
        #expect(try decode("true") == .bool(true))
        #expect(try decode("false") == .bool(false))
        #expect(try decode("1") == .number(1))
        #expect(try decode("0") == .number(0))
        #expect(try decode("\"1\"") == .string("1"))
        #expect(try decode("\"true\"") == .string("true"))
        #expect(try decode("null") == .null)
        #expect(try decode("1.0").intValue == 1)
        #expect(try decode("[true, 1, \"1\", null]") == [true, 1, "1", nil])
    }

    @Test func decodingNestedObjects() throws {
        let value = try decode(#"{"a": {"b": [1, {"c": "d"}]}, "e": null}"#)
        #expect(value["a"]?["b"]?.arrayValue?[1]["c"]?.stringValue == "d")
        #expect(value["e"] == .null)
        #expect(value["missing"] == nil)
    }

    @Test func queryText() {
        #expect(JSONValue.string("a b").queryText == "a b")
        #expect(JSONValue.bool(true).queryText == "true")
        #expect(JSONValue.bool(false).queryText == "false")
        #expect(JSONValue.number(5).queryText == "5")
        #expect(JSONValue.number(-5).queryText == "-5")
        #expect(JSONValue.number(2.5).queryText == "2.5")
        #expect(JSONValue.number(0.1).queryText == "0.1")
        #expect(JSONValue.array(["a", 1, true]).queryText == "a,1,true")
        #expect(JSONValue.array([]).queryText == "")
        #expect(JSONValue.array(["a", nil]).queryText == nil, "an element without a query form spoils the list")
        #expect(JSONValue.array(["a", ["b": 1]]).queryText == nil)
        #expect(JSONValue.null.queryText == nil)
        #expect(JSONValue.object(["a": 1]).queryText == nil)
    }

    @Test func literals() {
        let null: JSONValue = nil
        let flag: JSONValue = true
        let integer: JSONValue = 3
        let float: JSONValue = 2.5
        let string: JSONValue = "s"
        let array: JSONValue = [1, "two"]
        let object: JSONValue = ["k": "v"]
        #expect(null == .null)
        #expect(flag == .bool(true))
        #expect(integer == .number(3))
        #expect(float == .number(2.5))
        #expect(string == .string("s"))
        #expect(array == .array([.number(1), .string("two")]))
        #expect(object == .object(["k": .string("v")]))
    }

    @Test func duplicateKeysInALiteralKeepTheLast() {
        let object: JSONValue = ["k": 1, "k": 2]
        #expect(object["k"] == 2)
    }

    @Test func accessors() {
        let number: JSONValue = 12
        #expect(number.intValue == 12)
        #expect(number.doubleValue == 12)
        #expect(number.stringValue == nil)
        #expect(number.boolValue == nil)
        #expect(JSONValue.number(12.5).intValue == nil)
        #expect(JSONValue.number(-4).intValue == -4)
        #expect(JSONValue.number(1e16).intValue == nil, "beyond exact Double integers there is no safe Int")
        #expect(JSONValue.number(.infinity).intValue == nil)
        #expect(JSONValue.number(.nan).intValue == nil)
        #expect(JSONValue.string("12").intValue == nil)
        #expect(JSONValue.string("x").stringValue == "x")
        #expect(JSONValue.bool(false).boolValue == false)
        #expect(JSONValue.string("true").boolValue == nil)
        #expect(JSONValue.array([1]).arrayValue == [1])
        #expect(JSONValue.object(["a": 1]).arrayValue == nil)
        #expect(JSONValue.object(["a": 1]).objectValue == ["a": 1])
        #expect(JSONValue.null.isNull)
        #expect(!JSONValue.string("").isNull)
        #expect(JSONValue.array([1])["a"] == nil)
        #expect(JSONValue.string("a")["a"] == nil)
    }

    @Test func descriptionIsCompactSortedJSON() {
        let value: JSONValue = ["b": 1, "a": "x/y", "c": [true, nil, 2.5]]
        #expect(value.description == #"{"a":"x/y","b":1,"c":[true,null,2.5]}"#)
        #expect(JSONValue.string("q\"").description == #""q\"""#)
        #expect(JSONValue.null.description == "null")
    }

    @Test func hashableAgreesWithEquality() {
        let set: Set<JSONValue> = [1, 1.0, "1", true, nil, [1], ["a": 1], ["a": 1]]
        #expect(set.count == 6)
    }
}

@Suite("JSONValue(parsing:)")
struct JSONValueParsingTests {
    @Test func parsesADocument() throws {
        let value = try JSONValue(parsing: Data(#"{"ids": ["a", "b"], "count": 2, "ok": true, "none": null, "ratio": 0.5}"#.utf8))
        #expect(value == ["ids": ["a", "b"], "count": 2, "ok": true, "none": .null, "ratio": 0.5])
    }

    @Test(arguments: ["", "{", #"{"a": }"#, "[1,]", "nul", "1 2"])
    func refusesWhatIsNotJSON(text: String) throws {
        let error = try #require(throws: IconectError.self) { try JSONValue(parsing: Data(text.utf8)) }
        #expect(error.code == .decoding)
    }
}
