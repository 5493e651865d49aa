import ArgumentParser
import Foundation
import Iconect
import IconectEmulator

/// `iconect-bench`: side-by-side figures for the SDK and its floor, on loopback against the emulator.
///
///     swift run -c release iconect-bench                  # every scenario
///     swift run -c release iconect-bench get-latency cache --json
///     swift run -c release iconect-bench throughput upload --transport ahc
///     swift run -c release iconect-bench peer             # the SDK on both transports beside a Python requests script
///     swift build -c release --product iconect-mcp && swift run -c release iconect-bench mcp
///     swift run -c release iconect-bench soak --minutes 10    # not part of "every scenario"
@main
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iconect-bench",
        abstract: "Benchmarks of the Iconect SDK against the emulator (or --base-url), each beside a floor measured in the same run.")

    @Argument(help: "Scenarios to run: \(Scenario.allCases.map(\.rawValue).joined(separator: ", ")) (default: all).")
    var scenarios: [Scenario] = []

    @Option(name: .customLong("base-url"), help: "Run against this server instead of an emulator (needs ICONECT_* credentials).")
    var baseURL: String?

    @Option(help: "Where the emulator runs: subprocess (default; the bench's memory is then the SDK's alone) or inprocess.")
    var emulator: EmulatorMode = .subprocess

    @Option(help: "Sequential GETs for get-latency.")
    var requests = 5_000

    @Option(help: "Concurrent tasks for throughput.")
    var concurrency = 32

    @Option(help: "Seconds each throughput measurement runs.")
    var seconds = 3.0

    @Option(help: "Records streamed by the stream scenario.")
    var records = 1_000_000

    @Option(name: .customLong("cache-queries"), help: "Concurrent identical queries for the cache scenario.")
    var cacheQueries = 1_000

    @Option(name: .customLong("upload-mb"), help: "MiB uploaded by the upload scenario.")
    var uploadMegabytes = 1024

    @Option(name: .customLong("bulk-records"), help: "Records updated by the bulk scenario.")
    var bulkRecords = 100_000

    @Option(name: .customLong("fanout-updates"), help: "Individual updates made by the fanout scenario.")
    var fanoutUpdates = 10_000

    @Option(name: .customLong("fanout-concurrency"), help: "Concurrency of the fanout scenario.")
    var fanoutConcurrency = 16

    @Option(name: .customLong("gzip-mb"), help: "MB of text compressed by the gzip scenario.")
    var gzipMegabytes = 100

    @Option(name: .customLong("transport"), help: "SDK transports to measure: urlsession, ahc (repeatable; default: both).")
    var transports: [BenchTransport] = []

    @Option(name: .customLong("peer-mb"), help: "MiB uploaded per run by the peer scenario (SDK, Python script, floors).")
    var peerMegabytes = 512

    @Option(name: .customLong("peer-rounds"), help: "Interleaved rounds of the peer scenario; figures are medians.")
    var peerRounds = 3

    @Flag(name: .customLong("peer-explore"), help: "The peer scenario also tries other URLSession pool sizes, chunk sizes and in-flight counts.")
    var peerExplore = false

    @Option(name: .customLong("pool-upload-mb"), help: "MiB uploaded per pool size by the pool scenario.")
    var poolUploadMegabytes = 256

    @Option(name: .customLong("mcp-calls"), help: "Sequential tools/call made by the mcp scenario (needs the iconect-mcp binary beside this one).")
    var mcpCalls = 2_000

    @Option(name: .customLong("mcp-upload-mb"), help: "MiB of the filePath upload the mcp scenario makes through iconect-mcp and directly (0: none).")
    var mcpUploadMegabytes = 256

    @Option(help: "Minutes the soak scenario runs.")
    var minutes = 10.0

    @Option(name: .customLong("import-records"), help: "NDJSON lines imported by the import-job scenario.")
    var importRecords = 100_000

    @Flag(help: "Print one JSON object per figure instead of a table.")
    var json = false

    @Flag(name: .customLong("serve-emulator"), help: .hidden)
    var serveEmulator = false

    @Option(name: .customLong("emulator-data"), help: .hidden)
    var emulatorData: String?

    mutating func run() async throws {
        if serveEmulator {
            // The child-process mode: an emulator seeded with --records records, until the parent terminates it.
            var configuration = EmulatorConfiguration(seedRecords: records)
            configuration.dataDirectory = emulatorData.map { URL(fileURLWithPath: $0, isDirectory: true) }
            let server = try await EmulatorServer.start(configuration)
            print("iconect-emulator listening on \(server.baseURL.absoluteString)")
            print("iconect-emulator admin token: \(server.adminToken)")
            flushStandardOutput()
            while true { try await Task.sleep(for: .seconds(3600)) }
        }
        let selected = scenarios.isEmpty ? Scenario.allCases.filter { $0 != .soak } : scenarios
        var seedRecords = selected.contains(.stream) ? records : 2_000
        if selected.contains(.bulk) { seedRecords = max(seedRecords, bulkRecords) }
        if selected.contains(.fanout) { seedRecords = max(seedRecords, min(fanoutUpdates, 100_000)) }
        if selected.contains(.soak) { seedRecords = max(seedRecords, 24_000) }
        let environment = try await BenchEnvironment.start(baseURL: baseURL, mode: emulator, seedRecords: seedRecords)
        let report = Report(json: json)
        let transports = self.transports.isEmpty ? BenchTransport.allCases : self.transports
        do {
            for scenario in selected {
                report.section(scenario.rawValue)
                switch scenario {
                case .getLatency:
                    try await GetLatencyScenario(environment: environment, requests: requests, transports: transports).run(report)
                case .throughput:
                    try await ThroughputScenario(environment: environment, concurrency: concurrency, seconds: seconds,
                                                 transports: transports).run(report)
                case .stream: try await StreamScenario(environment: environment, records: records, transports: transports).run(report)
                case .cache: try await CacheScenario(environment: environment, queries: cacheQueries, transports: transports).run(report)
                case .upload:
                    try await UploadScenario(environment: environment, megabytes: uploadMegabytes, transports: transports).run(report)
                case .peer:
                    try await PeerScenario(environment: environment, megabytes: peerMegabytes, rounds: peerRounds,
                                           transports: transports, explore: peerExplore).run(report)
                case .bulk: try await BulkScenario(environment: environment, records: bulkRecords, transports: transports).run(report)
                case .fanout:
                    try await FanoutScenario(environment: environment, updates: fanoutUpdates, concurrency: fanoutConcurrency,
                                             transports: transports).run(report)
                case .gzip: try await GzipScenario(megabytes: gzipMegabytes).run(report)
                case .overhead: try await OverheadScenario(environment: environment, calls: requests * 10).run(report)
                case .pool:
                    try await PoolScenario(environment: environment, concurrency: concurrency, seconds: seconds,
                                           uploadMegabytes: poolUploadMegabytes).run(report)
                case .mcp:
                    try await MCPScenario(environment: environment, calls: mcpCalls, uploadMegabytes: mcpUploadMegabytes,
                                          transports: transports).run(report)
                case .soak: try await SoakScenario(environment: environment, minutes: minutes, transports: transports).run(report)
                case .importJob: try await ImportJobScenario(records: importRecords).run(report)
                }
            }
        } catch {
            await environment.stop()
            throw error
        }
        await environment.stop()
    }
}

/// The scenarios the bench knows.
enum Scenario: String, CaseIterable, ExpressibleByArgument {
    case getLatency = "get-latency"
    case throughput
    case stream
    case cache
    case upload
    case peer
    case bulk
    case fanout
    case gzip
    case pool
    case overhead
    case mcp
    case soak
    case importJob = "import-job"
}

/// Where the emulator runs.
enum EmulatorMode: String, ExpressibleByArgument {
    case subprocess
    case inprocess
}
