import Foundation
import Iconect

/// The lines of an import file that the job could not turn into records, as NDJSON: each line's number, why (the job
/// log's message) and its text read back from the local file, so that the lines can be fixed and imported again. Written a
/// log page at a time, in constant memory; the file is created only when there is something to write.
struct ImportFailureLog {
    struct Line: Encodable, Sendable {
        var line: Int
        var message: String
        var text: String?
    }

    let url: URL

    /// Writes the error entries of job `jobId`'s log that name a line, with each line's text from `source`; answers how many
    /// it wrote and the first few line numbers.
    func write(jobId: String, source: URL, client: IconectClient) async throws -> (count: Int, first: [Int]) {
        let file = NDJSONFile(url: url, argument: "--failures")
        var reader = try LineReader(path: source.path, argument: "file")
        var text: String?
        var first: [Int] = []
        for try await page in client.jobs.paginateLogs(id: jobId, level: .error).pages {
            var lines = page.data.compactMap { entry in entry.line.map { Line(line: $0, message: entry.message) } }
            lines.sort { $0.line < $1.line }
            for index in lines.indices {
                let number = lines[index].line
                // Logs come in line order; a line behind the reader (a log in another order) reads the file again.
                if number < reader.lineNumber {
                    reader = try LineReader(path: source.path, argument: "file")
                    text = nil
                }
                while reader.lineNumber < number, let next = try reader.readLine() { text = next }
                lines[index].text = reader.lineNumber == number ? text : nil
                if first.count < 10, first.last != number { first.append(number) }
            }
            try file.append(lines)
        }
        return (file.count, first)
    }
}
