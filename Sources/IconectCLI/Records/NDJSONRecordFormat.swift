import Foundation
import Iconect

/// One JSON object per record and line (`application/x-ndjson`), as the SDK models the record.
struct NDJSONRecordFormat: RecordFormat {
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    mutating func header(firstPage: [Record]) -> String { "" }

    mutating func line(_ record: Record) throws -> String {
        String(decoding: try encoder.encode(record), as: UTF8.self) + "\n"
    }
}
