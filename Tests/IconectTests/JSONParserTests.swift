import Foundation
import Testing

@testable import Iconect

@Suite("JSONParser and JSONValueDecoder")
struct JSONParserTests {
    private func parse(_ text: String) throws -> JSONValue {
        try JSONParser.parse(Data(text.utf8))
    }

    @Test(arguments: JSONValueTests.everyCase)
    func agreesWithFoundationOnEncodedValues(value: JSONValue) throws {
        let data = try JSONEncoder().encode(value)
        #expect(try JSONParser.parse(data) == value)
        #expect(try JSONParser.parse(data) == JSONDecoder().decode(JSONValue.self, from: data))
    }

    @Test func readsEscapesAndSurrogatePairs() throws {
        let value = try parse(#"["a\"b\\c\/d\b\f\n\r\t", "\u00e9\u65E5", "\ud83d\ude00", "plain é 日本語"]"#)
        #expect(value == .array(["a\"b\\c/d\u{08}\u{0C}\n\r\t", "é日", "😀", "plain é 日本語"]))
    }

    @Test func readsNumbersExactly() throws {
        let value = try parse("[0, -0, 7, -12, 123456789012345, 1234567890123456789, 2.5, -0.125, 1e3, 1E-7, 6.02e+23, 9007199254740993]")
        #expect(value == .array([0, 0, 7, -12, 123_456_789_012_345, .number(1_234_567_890_123_456_768), 2.5, -0.125, 1000, 1e-7,
                                 6.02e23, .number(9_007_199_254_740_992)]))
    }

    @Test func toleratesWhitespaceEverywhere() throws {
        #expect(try parse(" \n\t{ \"a\" :\r[ 1 , true , null ] } \n") == ["a": [1, true, nil]])
    }

    @Test func duplicateMembersKeepTheLast() throws {
        #expect(try parse(#"{"a": 1, "a": 2}"#) == ["a": 2])
    }

    @Test(arguments: [
        "", " ", "{", "[1,]", "{\"a\":1,}", "[1 2]", "{\"a\" 1}", "{a:1}", "tru", "nul", "01", "-", "1.", "1e", ".5", "+1",
        "\"unterminated", "\"bad \\x escape\"", "\"\\u12\"", "\"\\ud800\"", "\"\\udc00\"", "\"tab\there\"", "[1] 2", "NaN",
    ])
    func refusesInvalidDocuments(text: String) {
        #expect(throws: JSONParser.SyntaxError.self) { try parse(text) }
    }

    @Test func refusesNestingBeyondTheLimit() throws {
        let deep = String(repeating: "[", count: JSONParser.maximumDepth + 1) + String(repeating: "]", count: JSONParser.maximumDepth + 1)
        #expect(throws: JSONParser.SyntaxError.self) { try parse(deep) }
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: Never.self) { try parse(fine) }
    }

    @Test func syntaxErrorsNameTheOffset() {
        do {
            _ = try parse(#"{"a": [1, 2,, 3]}"#)
            Issue.record("expected an error")
        } catch let error as JSONParser.SyntaxError {
            #expect(error.offset == 12)
            #expect(error.description.contains("byte 12"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    // MARK: Decoding typed values

    @Test func decodesARecordPageLikeJSONDecoder() throws {
        let json = """
        {"data": [{"id": "r1", "documentId": "DOC-1", "projectId": "p", "status": "active", "priority": "high",
                   "fields": {"title": "Minutes", "pages": 12, "responsive": true, "custodians": ["a", "b"], "nothing": null},
                   "tags": ["hot"], "createdDate": "2024-01-30T10:00:00Z", "modifiedDate": "2024-01-30 12:30:00",
                   "someFutureField": {"x": 1}}],
         "total": 1, "page": 1, "pageSize": 1000, "hasMore": false}
        """
        let page = try JSONValueDecoder().decode(Page<Record>.self, from: Data(json.utf8))
        #expect(page.total == 1 && page.pageSize == 1000 && page.hasMore == false)
        let record = try #require(page.data.first)
        #expect(record.id == "r1" && record.documentId == "DOC-1" && record.status == .active && record.priority == .high)
        #expect(record.fields == ["title": "Minutes", "pages": 12, "responsive": true, "custodians": ["a", "b"], "nothing": nil])
        #expect(record.tags == ["hot"])
        #expect(record.createdDate == Date(timeIntervalSince1970: 1_706_608_800))
        #expect(record.modifiedDate != nil)
        #expect(record.assignedTo == nil)
    }

    @Test func recordsReadDirectlyMatchTheirDecodableForm() throws {
        let json = Data("""
        {"data": [
          {"id": "r1", "documentId": "D1", "projectId": "p", "folderId": "f", "status": "archived", "priority": "critical",
           "reviewStatus": "approved", "assignedTo": "u", "tags": ["a", "b"], "fileIds": ["fil_1"], "metadata": {"k": [1, {"x": null}]},
           "fields": {"t": "x", "n": 2.5, "b": false, "l": ["y"], "o": {"z": 1}}, "createdDate": "2024-01-30T10:00:00+02:00",
           "modifiedDate": "2024-01-30 12:30:00", "createdBy": "loader", "modifiedBy": "reviewer", "unknownKey": 1},
          {"id": "r2", "status": "someFutureStatus", "fields": null, "tags": null},
          {"id": "r3"}
         ], "total": 3, "page": 1, "pageSize": 1000, "hasMore": false}
        """.utf8)
        let fast = try JSONValueDecoder().decode(Page<Record>.self, from: json)
        let foundation = try JSONCoding.decodeWithFoundation(Page<Record>.self, from: json)
        #expect(fast == foundation)
        #expect(fast.data[1].status?.rawValue == "someFutureStatus" && fast.data[1].fields.isEmpty)
    }

    @Test func projectsReadDirectlyMatchTheirDecodableForm() throws {
        let json = Data("""
        {"data": [
          {"id": "p1", "name": "Alpha", "description": "d", "clientId": "c", "dataServerId": "s", "status": "archived",
           "settings": {"k": [1, {"x": null}]}, "createdDate": "2024-01-30T10:00:00+02:00", "modifiedDate": "2024-01-30 12:30:00",
           "unknownKey": 1},
          {"id": "p2", "name": "Beta", "status": "someFutureStatus", "settings": null}
         ], "total": 2, "page": 1, "pageSize": 20, "hasMore": false}
        """.utf8)
        let fast = try JSONValueDecoder().decode(Page<Project>.self, from: json)
        #expect(fast == (try JSONCoding.decodeWithFoundation(Page<Project>.self, from: json)))
        #expect(fast.data[1].status?.rawValue == "someFutureStatus" && fast.data[1].settings == nil)
        for broken in [#"{"name": "no id"}"#, #"{"id": "p"}"#, #"{"id": "p", "name": 3}"#, #"{"id": "p", "name": "n", "createdDate": "soon"}"#,
                       #"{"id": "p", "name": "n", "settings": []}"#] {
            #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(Project.self, from: Data(broken.utf8)) }
            #expect(throws: DecodingError.self) { try JSONCoding.decodeWithFoundation(Project.self, from: Data(broken.utf8)) }
        }
    }

    @Test(arguments: [
        #"{"data": [{"documentId": "no id"}]}"#, #"{"data": [{"id": 7}]}"#, #"{"data": [{"id": "r", "createdDate": "soon"}]}"#,
        #"{"data": [{"id": "r", "tags": "hot"}]}"#, #"{"data": [{"id": "r", "fields": []}]}"#, #"{"data": {}}"#, #"{"total": 1}"#,
        #"{"data": [], "total": 1.5}"#, #"[]"#,
    ])
    func recordsReadDirectlyFailLikeTheirDecodableForm(json: String) throws {
        let data = Data(json.utf8)
        #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(Page<Record>.self, from: data) }
        #expect(throws: DecodingError.self) { try JSONCoding.decodeWithFoundation(Page<Record>.self, from: data) }
    }

    @Test func errorsOfDirectReadingCarryThePath() {
        do {
            _ = try JSONValueDecoder().decode(Page<Record>.self, from: Data(#"{"data": [{"id": "a"}, {"id": "b", "tags": [1]}]}"#.utf8))
            Issue.record("expected an error")
        } catch DecodingError.typeMismatch(_, let context) {
            #expect(context.codingPath.map(\.stringValue) == ["data", "Index 1", "tags"])
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    private struct Sample: Decodable, Equatable {
        var count: Int
        var ratio: Double
        var small: UInt8?
        var when: Date?
        var list: [Int]
        var nested: [String: [Int]]
    }

    @Test func decodesScalarsAndCollections() throws {
        let json = #"{"count": 3, "ratio": 0.5, "small": 255, "when": null, "list": [1, 2], "nested": {"a": [3]}}"#
        let sample = try JSONValueDecoder().decode(Sample.self, from: Data(json.utf8))
        #expect(sample == Sample(count: 3, ratio: 0.5, small: 255, when: nil, list: [1, 2], nested: ["a": [3]]))
    }

    @Test func typeErrorsCarryTheCodingPath() throws {
        let json = #"{"count": 3, "ratio": 0.5, "list": [1, "two"], "nested": {}}"#
        do {
            _ = try JSONValueDecoder().decode(Sample.self, from: Data(json.utf8))
            Issue.record("expected an error")
        } catch DecodingError.typeMismatch(_, let context) {
            #expect(context.codingPath.map(\.stringValue) == ["list", "Index 1"])
            #expect(context.debugDescription.contains("found a string"))
        }
    }

    private struct Special: Decodable, Equatable {
        var link: URL
        var blob: Data
        var amount: Decimal
    }

    @Test func urlsDataAndDecimalsReadAsJSONDecoderReadsThem() throws {
        let json = Data(#"{"link": "https://idp.example/openid/revoke?x=1", "blob": "AAEC/w==", "amount": 12.5}"#.utf8)
        let special = try JSONValueDecoder().decode(Special.self, from: json)
        #expect(special == (try JSONDecoder().decode(Special.self, from: json)))
        #expect(special.link.path == "/openid/revoke" && special.blob == Data([0, 1, 2, 255]))
        #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(Special.self, from: Data(#"{"link": 1, "blob": "", "amount": 1}"#.utf8)) }
    }

    @Test func integersMustBeWholeAndInRange() {
        #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(Int.self, from: Data("2.5".utf8)) }
        #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(UInt8.self, from: Data("256".utf8)) }
        #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(UInt.self, from: Data("-1".utf8)) }
        #expect((try? JSONValueDecoder().decode(Int64.self, from: Data("-42".utf8))) == -42)
    }

    @Test func missingKeysAndBadDatesAreReported() {
        #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(Record.self, from: Data(#"{"documentId": "x"}"#.utf8)) }
        #expect(throws: DecodingError.self) {
            try JSONValueDecoder().decode(Record.self, from: Data(#"{"id": "x", "createdDate": "yesterday"}"#.utf8))
        }
    }

    @Test func malformedBodiesBecomeDataCorrupted() {
        do {
            _ = try JSONValueDecoder().decode(Record.self, from: Data("<html>".utf8))
            Issue.record("expected an error")
        } catch DecodingError.dataCorrupted(let context) {
            #expect(context.debugDescription.contains("invalid JSON at byte 0"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
