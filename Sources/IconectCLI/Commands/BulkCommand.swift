import ArgumentParser
import Foundation
import Iconect

/// `iconect bulk update|tag|delete`: server-side bulk operations over ids from a file or standard input.
struct BulkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bulk",
        abstract: "Update, tag or delete records in bulk, with progress and a file of the ids that did not succeed.",
        discussion: """
            Ids are read in windows and sent as server-side bulk operations (1,000 records each, 4 at once by default), \
            polled to their end; records the server reports as transiently locked are sent again. Every id ends up \
            counted as succeeded or written, with why, to the failures file, which a retry run takes as its --ids. \
            Exit status: 0 when every record succeeded, 1 when one failed, 130 when interrupted.
            """,
        subcommands: [BulkUpdateCommand.self, BulkTagCommand.self, BulkDeleteCommand.self])
}

/// `iconect bulk update --set field=value...`.
struct BulkUpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update", abstract: "Set coding fields on every record.",
        discussion: "A value that reads as JSON (5, true, null, \"05\", [1,2]) is sent as that JSON; any other value as text.")

    @Option(name: .customLong("set"), help: ArgumentHelp("A field and its new value (repeatable).", valueName: "field=value"))
    var assignments: [String]

    @OptionGroup var bulk: BulkRunOptions

    func validate() throws {
        guard !assignments.isEmpty else { throw ValidationError("give at least one --set field=value") }
        _ = try fields()
    }

    func run() async throws {
        try await BulkRun(options: bulk, action: .update, parameters: ["fields": .object(try fields())]).execute()
    }

    /// The `--set` assignments as field values.
    func fields() throws -> [String: JSONValue] {
        var fields: [String: JSONValue] = [:]
        for assignment in assignments {
            guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
                throw ValidationError("--set \"\(assignment)\" must be field=value")
            }
            let text = String(assignment[assignment.index(after: equals)...])
            fields[String(assignment[..<equals])] = (try? JSONValue(parsing: Data(text.utf8))) ?? .string(text)
        }
        return fields
    }
}

/// `iconect bulk tag --tags a,b`.
struct BulkTagCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tag", abstract: "Add tags to every record.")

    @Option(help: ArgumentHelp("The tags to add, comma-separated.", valueName: "a,b,..."))
    var tags: String

    @OptionGroup var bulk: BulkRunOptions

    var tagList: [String] { tags.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }

    func validate() throws {
        guard !tagList.isEmpty else { throw ValidationError("--tags must name at least one tag") }
    }

    func run() async throws {
        try await BulkRun(options: bulk, action: .tag, parameters: ["tags": .array(tagList.map(JSONValue.string))]).execute()
    }
}

/// `iconect bulk delete`.
struct BulkDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete every record.")

    @OptionGroup var bulk: BulkRunOptions

    func run() async throws {
        try await BulkRun(options: bulk, action: .delete, parameters: nil).execute()
    }
}
