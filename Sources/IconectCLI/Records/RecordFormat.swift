import ArgumentParser
import Iconect

/// How `iconect search` prints records: one per line, as the records stream in.
protocol RecordFormat {
    /// What comes before the first record (a header row), given the first page so that widths can fit it.
    mutating func header(firstPage: [Record]) -> String
    /// One record's line, with its line ending.
    mutating func line(_ record: Record) throws -> String
}

/// `--format ndjson|csv|table`.
enum RecordFormatChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    case ndjson, csv, table

    /// The format for these columns (`id` and the selected fields).
    /// - Throws: ``IconectError/Code/validation`` when a tabular format has no `--fields` to make its columns of.
    func makeFormat(fields: [String]?) throws -> any RecordFormat {
        switch self {
        case .ndjson: return NDJSONRecordFormat()
        case .csv, .table:
            guard let fields, !fields.isEmpty else {
                throw IconectError.invalidArgument("--fields", "--format \(rawValue) needs --fields (its columns are id and these fields)")
            }
            return self == .csv ? CSVRecordFormat(fields: fields) : TableRecordFormat(fields: fields)
        }
    }
}

extension JSONValue {
    /// The value as a cell: text as it is, numbers without a needless `.0`, `true`/`false`, nothing for null, and JSON for
    /// arrays and objects.
    var cellText: String {
        switch self {
        case .null: return ""
        case .array, .object: return description
        default: return queryText ?? description
        }
    }
}
