import Foundation
import Iconect

/// RFC 4180 CSV: a header row of `id` and the selected fields, then one row per record, fields quoted when they hold a
/// comma, a quote, a line break or surrounding spaces (quotes doubled), rows ended by CRLF.
struct CSVRecordFormat: RecordFormat {
    let fields: [String]

    mutating func header(firstPage: [Record]) -> String {
        Self.row(["id"] + fields)
    }

    mutating func line(_ record: Record) throws -> String {
        Self.row([record.id] + fields.map { record.fields[$0]?.cellText ?? "" })
    }

    static func row(_ cells: [String]) -> String {
        cells.map(quoted).joined(separator: ",") + "\r\n"
    }

    /// The cell as CSV: as it is, or in quotes with its quotes doubled.
    static func quoted(_ cell: String) -> String {
        let needsQuotes = cell.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            || cell.first == " " || cell.last == " "
        guard needsQuotes else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
