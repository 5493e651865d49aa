/// What a running job does, one batch of items per step of the job clock.
enum JobWork: Sendable {
    /// Creates a record from each line of an uploaded NDJSON or CSV file.
    case importRecords(ImportFile)
    /// Deletes these records (matched when the job first ran), marking them deleted or removing them.
    case deleteRecords(ids: [String], permanent: Bool)
    /// Counts through `total` items (export, backup and the other kinds the emulator has no data for).
    case simulated(total: Int)

    /// How many items the job processes.
    var total: Int {
        switch self {
        case .importRecords(let file): return file.lines.count
        case .deleteRecords(let ids, _): return ids.count
        case .simulated(let total): return total
        }
    }
}

/// The lines of an import file, split once, and how to read one.
struct ImportFile: Sendable {
    enum Format: String, Sendable, CaseIterable {
        case ndjson, csv
    }

    let format: Format
    /// The data lines (a CSV header excluded).
    let lines: [Substring]
    /// The file line number of `lines[0]` (2 when a CSV header precedes it).
    let firstLineNumber: Int
    let header: [String]
    let documentIdField: String

    /// The result of reading one line.
    enum Line {
        case record([String: JSON])
        case blank
        case invalid(String)
    }

    /// Splits `text` into lines; a CSV file must start with a header naming the document id column.
    init(text: String, format: Format, documentIdField: String) throws(JobFailure) {
        // Split on bytes (a "\r\n" is one Character, and bytes are faster), then drop a "\r" before the "\n".
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { bytes in
            let line = Substring(bytes)
            return line.utf8.last == UInt8(ascii: "\r") ? line.dropLast() : line
        }
        if lines.last?.isEmpty == true { lines.removeLast() }
        self.format = format
        self.documentIdField = documentIdField
        if format == .csv {
            guard let first = lines.first, case .success(let names) = Self.csvValues(first) else {
                throw JobFailure(code: "INVALID_FILE", message: "The CSV file has no header line")
            }
            guard names.contains(documentIdField) else {
                throw JobFailure(code: "INVALID_FILE", message: "The CSV header has no \(documentIdField) column")
            }
            header = names
            self.lines = Array(lines.dropFirst())
            firstLineNumber = 2
        } else {
            header = []
            self.lines = lines
            firstLineNumber = 1
        }
    }

    /// The record body of data line `index`, before the job's project and defaults are added.
    func read(_ index: Int) -> Line {
        let line = lines[index]
        guard !line.allSatisfy({ $0 == " " || $0 == "\t" }) else { return .blank }
        switch format {
        case .ndjson: return readJSON(line)
        case .csv: return readCSV(line)
        }
    }

    private func readJSON(_ line: Substring) -> Line {
        let value: JSON
        do throws(JSONParser.Failure) {
            value = try JSONParser.parse(Array(line.utf8))
        } catch {
            return .invalid("not JSON: \(error.reason) at byte \(error.offset)")
        }
        guard var object = value.objectValue else { return .invalid("not a JSON object") }
        if object["fields"]?.objectValue != nil {
            if documentIdField != "documentId", let id = object.removeValue(forKey: documentIdField) { object["documentId"] = id }
            return .record(object)
        }
        guard let id = object.removeValue(forKey: documentIdField) else { return .invalid("no \(documentIdField)") }
        return .record(["documentId": id, "fields": .object(object)])
    }

    private func readCSV(_ line: Substring) -> Line {
        switch Self.csvValues(line) {
        case .failure(let reason):
            return .invalid(reason.message)
        case .success(let values):
            guard values.count == header.count else {
                return .invalid("\(values.count) values where the header has \(header.count) columns")
            }
            var fields: [String: JSON] = [:]
            var documentId: JSON = .null
            for (name, value) in zip(header, values) {
                if name == documentIdField { documentId = .string(value) } else if !value.isEmpty { fields[name] = .string(value) }
            }
            return .record(["documentId": documentId, "fields": .object(fields)])
        }
    }

    struct CSVError: Error { let message: String }

    /// The values of one RFC 4180 line: comma-separated, `"` quoting with `""` for a quote inside.
    static func csvValues(_ line: Substring) -> Result<[String], CSVError> {
        var values: [String] = []
        var current = ""
        var quoted = false
        var atStart = true
        var iterator = line.makeIterator()
        while let character = iterator.next() {
            if quoted {
                if character == "\"" {
                    var lookahead = iterator
                    if lookahead.next() == "\"" {
                        current.append("\"")
                        iterator = lookahead
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(character)
                }
            } else if character == "," {
                values.append(current)
                current = ""
                atStart = true
                continue
            } else if character == "\"", atStart {
                quoted = true
            } else {
                current.append(character)
            }
            atStart = false
        }
        guard !quoted else { return .failure(CSVError(message: "a quoted value is not closed")) }
        values.append(current)
        return .success(values)
    }
}

/// Why a job failed as a whole: a code and a message, kept on the job as `error`.
struct JobFailure: Error, Sendable {
    let code: String
    let message: String

    var json: JSON { ["code": .string(code), "message": .string(message)] }
}
