import Foundation
import Iconect

/// A text table for reading on a terminal: columns sized to the first page (at most 40 characters; longer values are cut
/// with `…`), so rows print as they stream in.
struct TableRecordFormat: RecordFormat {
    let fields: [String]
    private var widths: [Int] = []

    init(fields: [String]) {
        self.fields = fields
    }

    mutating func header(firstPage: [Record]) -> String {
        let columns = ["id"] + fields
        widths = columns.indices.map { column in
            let values = firstPage.map { cells($0)[column] }
            return min(40, max(columns[column].count, values.map(\.count).max() ?? 0))
        }
        return row(columns) + row(widths.map { String(repeating: "-", count: $0) })
    }

    mutating func line(_ record: Record) throws -> String {
        row(cells(record))
    }

    private func cells(_ record: Record) -> [String] {
        [record.id] + fields.map { (record.fields[$0]?.cellText ?? "").replacingOccurrences(of: "\n", with: " ") }
    }

    private func row(_ cells: [String]) -> String {
        zip(cells, widths).map { cell, width in
            let text = cell.count > width ? String(cell.prefix(width - 1)) + "…" : cell
            return text.padding(toLength: width, withPad: " ", startingAt: 0)
        }.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
    }
}

extension String {
    /// The string without the spaces at its end.
    func trimmingTrailingSpaces() -> String {
        var text = Substring(self)
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
