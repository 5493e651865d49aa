import Foundation

/// RFC 4180 CSV: a header row, CRLF line ends, and a cell quoted (quotes doubled) when it holds a comma, a quote, CR or LF.
///
/// Cells: strings as they are, numbers without a needless `.0`, `true`/`false`, `null` as an empty cell, arrays and objects
/// as compact JSON.
enum CSVText {
    static func render(columns: [String], rows: [[String: JSON]]) -> String {
        var text = columns.map(quoted).joined(separator: ",") + "\r\n"
        for row in rows {
            text += columns.map { quoted(cell(row[$0])) }.joined(separator: ",") + "\r\n"
        }
        return text
    }

    static func cell(_ value: JSON?) -> String {
        switch value {
        case nil, .null?: return ""
        case .string(let text)?: return text
        case .bool(let flag)?: return flag ? "true" : "false"
        case let other?: return other.compactText
        }
    }

    static func quoted(_ text: String) -> String {
        // Unicode scalars, not Characters: "\r\n" is one Character, equal to neither "\r" nor "\n".
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
