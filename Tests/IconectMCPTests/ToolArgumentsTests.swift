import Foundation
import Iconect
@testable import IconectMCP
import MCP
import Testing

@Suite("ToolArguments")
struct ToolArgumentsTests {
    static let schema = ToolSchema("test_tool", area: "Tests", "A tool for tests.", [
        ToolParameter("id", .string, required: true),
        ToolParameter("pageSize", .integer, minimum: 1, maximum: 100),
        ToolParameter("ratio", .number, minimum: 0),
        ToolParameter("flag", .boolean),
        ToolParameter("filter", .object),
        ToolParameter("tags", .array(.string)),
        ToolParameter("states", .array(.string), allowedValues: ["a", "b"]),
        ToolParameter("order", .string, allowedValues: ["asc", "desc"]),
        ToolParameter("value", .any),
        ToolParameter("content", .string),
        ToolParameter("range", .object, properties: [
            ToolParameter("start", .integer, required: true, minimum: 0), ToolParameter("end", .integer, required: true, minimum: 0),
        ]),
        ToolParameter("dateRange", .object),
        ToolParameter("path", .string),
    ])

    private func refusal(_ arguments: [String: Value]) -> ToolArgumentError? {
        do {
            _ = try ToolArguments(arguments, schema: Self.schema)
            return nil
        } catch {
            return error
        }
    }

    @Test("valid arguments convert to the SDK's types")
    func accessors() throws {
        let arguments = try ToolArguments([
            "id": "p-1", "pageSize": .double(20), "ratio": 0.5, "flag": true, "filter": ["status": "active"],
            "tags": ["x", "y"], "states": ["a"], "order": "desc", "value": [1, "two"], "content": "AAEC/w==",
            "range": ["start": 2, "end": 9], "path": "~/x.bin", "dateRange": ["field": "docDate", "from": "2024-01-01"],
        ], schema: Self.schema)
        #expect(try arguments.requiredString("id") == "p-1")
        #expect(try arguments.int("pageSize") == 20)
        #expect(try arguments.double("ratio") == 0.5)
        #expect(try arguments.bool("flag") == true)
        #expect(try arguments.object("filter") == ["status": "active"])
        #expect(try arguments.stringArray("tags") == ["x", "y"])
        #expect(try arguments.value("order", as: SortOrder.self) == .descending)
        #expect(try arguments.json("value") == [1, "two"])
        #expect(try arguments.base64Data("content") == Data([0, 1, 2, 255]))
        #expect(try arguments.byteRange("range") == 2...9)
        #expect(try arguments.absolutePath("path")?.path.hasPrefix("/") == true)
        #expect(try arguments.dateRange("dateRange") == DateRange(field: "docDate", from: "2024-01-01"))
        #expect(try arguments.string("order") == "desc")
        #expect(throws: ToolArgumentError.self) { _ = try arguments.int("undeclared") }
    }

    @Test("null counts as absent; absent optional arguments read as nil")
    func nulls() throws {
        let arguments = try ToolArguments(["id": "x", "pageSize": .null, "tags": .null], schema: Self.schema)
        #expect(try arguments.int("pageSize") == nil)
        #expect(try arguments.stringArray("tags") == nil)
        #expect(try arguments.filter("filter").isEmpty)
        #expect(refusal(["id": .null])?.argument == "id")
    }

    @Test("every refusal names the argument")
    func refusals() {
        #expect(refusal([:])?.argument == "id")
        #expect(refusal(["id": ""])?.message == "id must not be empty")
        #expect(refusal(["id": 5])?.message == "id must be a string, got number")
        #expect(refusal(["id": "x", "pageSize": 2.5])?.message == "pageSize must be an integer, got 2.5")
        #expect(refusal(["id": "x", "pageSize": 0])?.message == "pageSize must be between 1 and 100, got 0")
        #expect(refusal(["id": "x", "pageSize": 101])?.argument == "pageSize")
        #expect(refusal(["id": "x", "ratio": -1])?.message == "ratio must be at least 0, got -1")
        #expect(refusal(["id": "x", "flag": "true"])?.message == "flag must be a boolean, got string")
        #expect(refusal(["id": "x", "filter": ["a"]])?.message == "filter must be an object, got array")
        #expect(refusal(["id": "x", "tags": ["a", 3]])?.message == "tags[1] must be a string, got number")
        #expect(refusal(["id": "x", "tags": ["a", 3]])?.argument == "tags")
        #expect(refusal(["id": "x", "states": ["a", "c"]])?.argument == "states")
        #expect(refusal(["id": "x", "order": "ASC"])?.message == "order must be one of asc, desc; got \"ASC\"")
        #expect(refusal(["id": "x", "range": ["start": 1]])?.argument == "range.end")
        #expect(refusal(["id": "x", "range": ["start": -1, "end": 2]])?.argument == "range.start")
        #expect(refusal(["id": "x", "range": ["start": 1, "end": 2, "step": 1]])?.argument == "range.step")
        let unknown = refusal(["id": "x", "ID": "y", "zzz": 1])
        #expect(unknown?.argument == "ID")
        #expect(unknown?.message.contains("\"ID\", \"zzz\"") == true)
        #expect(unknown?.message.contains("did you mean \"id\"") == true)
    }

    @Test("strict base64: other alphabets, stray characters and bad lengths are refused")
    func base64() throws {
        func decode(_ text: String) throws(ToolArgumentError) -> Data? {
            try ToolArguments(["id": "x", "content": .string(text)], schema: Self.schema).base64Data("content")
        }
        #expect(try decode("") == Data())
        #expect(try decode("AAEC/w") == Data([0, 1, 2, 255]))
        #expect(try decode("AAEC\r\n/w==") == Data([0, 1, 2, 255]))
        let all = Data((0...255).map(UInt8.init))
        #expect(try decode(all.base64EncodedString()) == all)
        for bad in ["AAEC_w==", "AA EC", "A", "AA=A", "AAEC/w===", "QQ=", "é"] {
            #expect(throws: ToolArgumentError.self, "\(bad)") { _ = try decode(bad) }
        }
        do {
            _ = try decode("AAEC-w==")
            Issue.record("base64url was accepted")
        } catch {
            #expect(error.message.contains("base64url"))
        }
        // A data: URL, which the MCP library decodes into bytes itself, gives those bytes.
        let fromURL = try ToolArguments(["id": "x", "content": .data(mimeType: "application/pdf", Data([9, 8]))], schema: Self.schema)
        #expect(try fromURL.base64Data("content") == Data([9, 8]))
    }

    @Test("a relative path is refused")
    func relativePath() throws {
        let arguments = try ToolArguments(["id": "x", "path": "data/file.bin"], schema: Self.schema)
        #expect(throws: ToolArgumentError.self) { _ = try arguments.absolutePath("path") }
    }
}

@Suite("filter mapping")
struct FilterMappingTests {
    private func filter(_ value: Value) throws(ToolArgumentError) -> Filter {
        try ToolArguments(["id": "x", "filter": value], schema: ToolArgumentsTests.schema).filter("filter")
    }

    @Test("operator objects become operator conditions, with every operator")
    func operators() throws {
        let mapped = try filter([
            "docDate": ["$gte": "2024-01-01", "$lt": "2025-01-01"], "custodian": ["$in": ["A", "B"]],
            "status": "active", "pages": ["$gt": 10], "title": ["$regex": "^Q[1-4]"], "reviewed": ["$exists": true],
            "tag": ["$ne": "spam"], "owner": ["$nin": ["x"]], "priority": ["$eq": "high"],
        ])
        let conditions = Dictionary(grouping: mapped.conditions, by: \.field).mapValues { $0.map(\.condition) }
        #expect(conditions["docDate"] == [.gte("2024-01-01"), .lt("2025-01-01")])
        #expect(conditions["custodian"] == [.in(["A", "B"])])
        #expect(conditions["status"] == [.eq("active")])
        #expect(conditions["pages"] == [.gt(10)])
        #expect(conditions["title"] == [.regex("^Q[1-4]")])
        #expect(conditions["reviewed"] == [.exists(true)])
        #expect(conditions["tag"] == [.ne("spam")])
        #expect(conditions["owner"] == [.nin(["x"])])
        #expect(conditions["priority"] == [.eq("high")])
        let query = try mapped.queryItems().items.map { "\($0.name)=\($0.value)" }
        #expect(query.contains("filter.docDate[$gte]=2024-01-01"))
        #expect(query.contains("filter.custodian[$in]=A,B"))
        #expect(query.contains("filter.status=active"))
        #expect(!query.contains { $0.contains("object") || $0.contains("{") })
        // In a JSON body the filter is the object itself.
        #expect(mapped.json["docDate"] == ["$gte": "2024-01-01", "$lt": "2025-01-01"])
    }

    @Test("an unknown operator or a bad operand names the field")
    func refusals() {
        #expect(throws: ToolArgumentError.self) { _ = try filter(["docDate": ["$after": "2024"]]) }
        do {
            _ = try filter(["docDate": ["$after": "2024"]])
            Issue.record("$after was accepted")
        } catch {
            #expect(error.argument == "filter.docDate")
        }
        do {
            _ = try filter(["title": ["$regex": 5]])
            Issue.record("a numeric $regex was accepted")
        } catch {
            #expect(error.argument == "filter.title")
        }
    }
}
