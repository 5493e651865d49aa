import ArgumentParser
import Foundation
import Iconect

/// `iconect search --project P --filter 'docDate>=2024-01-01' --fields title,custodian --format csv`: every matching record,
/// page after page, to standard output.
struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Stream the records of a search to standard output as NDJSON, CSV or a table.",
        discussion: """
            Filters: field<op>value with = != > >= < <= ~ (a regular expression), or "field in a,b", \
            "field not in a,b", "field exists", "field not exists"; several --filter options must all match. \
            Pages are fetched while the previous one is written, and memory stays flat however many records match. \
            CSV has a header row of id and the --fields, quoted as RFC 4180 says.
            """)

    @Option(help: "The project (default: the profile's).")
    var project: String?

    @Option(name: .customLong("filter"), help: ArgumentHelp("A condition, such as 'docDate>=2024-01-01' or 'custodian in Alvarez,Chen'.",
                                                            valueName: "expression"))
    var filters: [String] = []

    @Option(help: ArgumentHelp("Free text to match in field values.", valueName: "text"))
    var query: String?

    @Option(help: ArgumentHelp("The fields to return, comma-separated (id always comes back).", valueName: "a,b,..."))
    var fields: String?

    @Option(help: "ndjson (default), csv or table.")
    var format: RecordFormatChoice = .ndjson

    @Option(help: "Stop after this many records.")
    var limit: Int?

    @Option(name: .customLong("page-size"), help: "Records per request, from 1 to 1000.")
    var pageSize = RecordQuery.maxPageSize

    @OptionGroup var connection: ConnectionOptions

    /// The `--fields` list.
    private var fieldList: [String]? {
        fields.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
    }

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        guard (1...RecordQuery.maxPageSize).contains(pageSize) else { throw ValidationError("--page-size must be from 1 to 1000") }
        // A filter or a format that cannot work is a usage error, found before anything is sent.
        do {
            _ = try filters.map(FilterExpression.init)
            _ = try format.makeFormat(fields: fieldList)
        } catch let error as IconectError {
            throw ValidationError(error.message)
        }
    }

    func run() async throws {
        let conditions = try filters.map(FilterExpression.init)
        let (project, query, format, limit, pageSize, fieldList) = (project, query, format, limit, pageSize, fieldList)

        let outcome = try await CLISession.run(connection) { session -> (count: Int, interrupted: Bool) in
            var search = RecordQuery(projectId: try session.project(project), text: query)
            for condition in conditions { search = search.filter(condition.field, condition.condition) }
            if let fieldList { search = search.fields(fieldList) }
            // No page larger than the limit: `--limit 5` asks for 5 records, not a thousand.
            return try await Self.stream(search.page(1, size: min(pageSize, limit ?? pageSize)), client: session.client, format: try format.makeFormat(fields: fieldList),
                                         limit: limit)
        }
        if ConsoleStream.standardError.isTerminal {
            ConsoleStream.standardError.print("\(ProgressUnit.count(Int64(outcome.count))) records\(outcome.interrupted ? " (interrupted)" : "")")
        }
        if outcome.interrupted { throw ExitCode(interruptedExitCode) }
    }

    /// Writes every record of `query` (up to `limit`) to standard output, a page at a time; stops quietly when the reader
    /// goes away (`| head`).
    static func stream(_ query: RecordQuery, client: IconectClient, format: any RecordFormat, limit: Int?) async throws
        -> (count: Int, interrupted: Bool)
    {
        var format = format
        var output = OutputBuffer(stream: .standardOutput)
        var count = 0
        var wroteHeader = false
        do {
            for try await page in client.records.paginate(query).pages {
                if !wroteHeader {
                    try output.append(format.header(firstPage: page.data))
                    wroteHeader = true
                }
                for record in page.data {
                    if let limit, count >= limit { break }
                    try output.append(try format.line(record))
                    count += 1
                }
                try output.flush()
                if let limit, count >= limit { break }
            }
            if !wroteHeader { try output.append(format.header(firstPage: [])) }
            try output.flush()
        } catch is StreamClosed {
            return (count, false)
        } catch let error where ErrorSummary.isCancellation(error) {
            try? output.flush()
            return (count, true)
        }
        return (count, false)
    }
}
