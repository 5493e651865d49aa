import ArgumentParser
import Iconect

/// What every `iconect bulk` action takes: the project, the ids, where failures go, and the batching.
struct BulkRunOptions: ParsableArguments {
    @Option(help: "The project (default: the profile's).")
    var project: String?

    @Option(help: ArgumentHelp("A file of record ids, one a line (or NDJSON lines with recordId or id), or - for standard input.",
                               valueName: "file|-"))
    var ids: String

    @Option(help: ArgumentHelp("Where the ids that did not succeed are written, as NDJSON (default: "
                               + "./iconect-bulk-ACTION-failures-TIME.ndjson, created only when needed).", valueName: "file"))
    var failures: String?

    @Option(name: .customLong("batch-size"), help: "Records per server-side operation, from 1 to 10000.")
    var batchSize = 1_000

    @Option(help: "Operations running at once.")
    var concurrency = 4

    @Flag(help: "Print a JSON summary on standard output at the end (progress goes to standard error).")
    var json = false

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        guard (1...BulkOptions.maximumBatchSize).contains(batchSize) else { throw ValidationError("--batch-size must be from 1 to 10000") }
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
    }
}
