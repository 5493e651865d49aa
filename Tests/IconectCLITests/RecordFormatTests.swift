import Foundation
import Iconect
@testable import IconectCLI
import Testing

/// The CSV, table and NDJSON forms of `iconect search`.
struct RecordFormatTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""),
        ("crlf\r\nline", "\"crlf\r\nline\""),
        (" padded", "\" padded\""),
        ("", ""),
        ("ünïcödé", "ünïcödé"),
    ])
    func csvQuotesWhatNeedsIt(_ cell: String, _ expected: String) {
        #expect(CSVRecordFormat.quoted(cell) == expected)
    }

    @Test func csvRowsHaveTheHeaderAndCellTexts() throws {
        var format = try #require(try RecordFormatChoice.csv.makeFormat(fields: ["title", "pages", "responsive", "tags", "missing"])
            as? CSVRecordFormat)
        let record = try record(["title": "Memo, draft", "pages": 3, "responsive": true, "tags": ["a", "b"]])
        #expect(format.header(firstPage: []) == "id,title,pages,responsive,tags,missing\r\n")
        #expect(try format.line(record) == "rec-1,\"Memo, draft\",3,true,\"[\"\"a\"\",\"\"b\"\"]\",\r\n")
    }

    @Test func tabularFormatsNeedFields() {
        let error = #expect(throws: IconectError.self) { try RecordFormatChoice.table.makeFormat(fields: nil) }
        #expect(error?.fieldErrors["--fields"] != nil)
        #expect(throws: Never.self) { try RecordFormatChoice.ndjson.makeFormat(fields: nil) }
    }

    @Test func tableColumnsFitTheFirstPageAndCutLongValues() throws {
        var format = TableRecordFormat(fields: ["title"])
        let first = try record(["title": "Short"])
        let long = try record(["title": .string(String(repeating: "x", count: 60))])
        let header = format.header(firstPage: [first])
        #expect(header == "id     title\n-----  -----\n")
        #expect(try format.line(first) == "rec-1  Short\n", "no trailing spaces")
        #expect(try format.line(long) == "rec-1  xxxx…\n")
    }

    @Test func ndjsonIsOneObjectPerLine() throws {
        var format = NDJSONRecordFormat()
        let line = try format.line(try record(["title": "Memo"]))
        #expect(line.hasSuffix("}\n") && !line.dropLast().contains("\n"))
        #expect(try JSONValue(parsing: Data(line.utf8))["fields"]?["title"] == "Memo")
    }

    private func record(_ fields: [String: JSONValue]) throws -> Record {
        let json = JSONValue.object(["id": "rec-1", "fields": .object(fields)])
        return try JSONDecoder().decode(Record.self, from: Data(json.description.utf8))
    }
}
