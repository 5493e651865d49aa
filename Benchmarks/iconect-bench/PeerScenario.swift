import Foundation
import Iconect

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The SDK's chunked upload on each transport beside a twenty-line Python `requests` script (``PeerScript``) and the bare
/// floors, against the same emulator in the same run, in interleaved rounds: the medians and the SDK-to-script ratios.
/// Skipped, with a note, when `python3` or `requests` is missing.
struct PeerScenario {
    let environment: BenchEnvironment
    let megabytes: Int
    let rounds: Int
    let transports: [BenchTransport]
    /// Also measures URLSession with other pool sizes, chunk sizes and in-flight counts (`--peer-explore`).
    let explore: Bool

    /// The URLSession settings `--peer-explore` tries: sessions, chunk MiB, chunks in flight.
    static let variants: [(pool: Int, chunkMB: Int, concurrency: Int)] = [(4, 8, 4), (1, 16, 4), (1, 8, 8), (4, 8, 8), (2, 4, 8)]

    func run(_ report: Report) async throws {
        guard environment.hasEmulatorControls else {
            return report.note("the peer scenario needs the emulator (its body sink and admin token): skipped")
        }
        guard let python = Self.python() else {
            return report.note("python3 with requests not found (pip install requests): the peer scenario is skipped")
        }
        let source = FileManager.default.temporaryDirectory.appendingPathComponent("iconect-bench-peer-\(UUID().uuidString).bin")
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("iconect-bench-peer-\(UUID().uuidString).py")
        defer {
            try? FileManager.default.removeItem(at: source)
            try? FileManager.default.removeItem(at: script)
        }
        try BenchData.writeNoise(to: source, bytes: megabytes << 20)
        try Data(PeerScript.source.utf8).write(to: script)
        let upload = UploadScenario(environment: environment, megabytes: megabytes, transports: transports)
        let bytes = Double(megabytes << 20)

        let client = try environment.makeClient(.urlsession)
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        guard let storeId = try await client.fileStores.list().data.first?.id else { throw BenchError("the server has no file store") }
        let token = try await environment.bareToken(session: session)

        // One unmeasured upload first (see UploadScenario: the first write of fresh memory costs more on a VM).
        _ = try await upload.sdkUpload(source, transport: transports[0], report: nil)
        var scriptRates: [Double] = []
        var scriptProcessRates: [Double] = []
        var sdk: [BenchTransport: [Double]] = [:]
        var peakRSS: [BenchTransport: Double] = [:]
        var growth: [BenchTransport: Double] = [:]
        // CPU seconds per GiB, by side: the script's or the SDK's process, and the emulator serving it.
        var scriptCPU = CPUCost()
        var sdkCPU: [BenchTransport: CPUCost] = [:]
        var bareURLSession: [Double] = []
        var curl: [Double] = []
        var explored: [Int: [Double]] = [:]
        // `iconect upload` as a user runs it, when the tool is built next to this binary.
        let cli: CLIUploader? = if let binary = BenchEnvironment.builtTool("iconect"), let variables = environment.toolVariables {
            CLIUploader(binary: binary, variables: variables, projectId: environment.projectId, storeId: storeId)
        } else {
            nil
        }
        var cliRates: [BenchTransport: [Double]] = [:]
        let gibibytes = bytes / Double(1 << 30)
        for _ in 0..<rounds {
            let run = try await scriptCPU.measure(server: environment, per: gibibytes) {
                let run = try await runScript(python, script: script, source: source, token: token, storeId: storeId, client: client)
                return (run, run.cpu)
            }
            scriptRates.append(bytes / 1e6 / run.seconds)
            scriptProcessRates.append(bytes / 1e6 / run.wholeProcess)
            for transport in transports {
                // The peak of this upload alone, not of the floors and earlier rounds before it.
                ResidentMemory.resetPeak()
                let before = ResidentMemory.currentMB
                let rate = try await sdkCPU[transport, default: CPUCost()].measure(server: environment, per: gibibytes) {
                    let start = CPUTime.ofThisProcess
                    let rate = try await upload.sdkUpload(source, transport: transport, report: nil)
                    return (rate, CPUTime.ofThisProcess - start)
                }
                sdk[transport, default: []].append(rate)
                peakRSS[transport] = max(peakRSS[transport] ?? 0, ResidentMemory.peakMB)
                growth[transport] = max(growth[transport] ?? 0, ResidentMemory.peakMB - before)
            }
            for transport in transports {
                guard let run = try cli?.upload(source, transport: transport) else { break }
                try await client.files.delete(id: run.fileId)
                cliRates[transport, default: []].append(bytes / 1e6 / run.seconds)
            }
            for (index, variant) in (explore ? Self.variants : []).enumerated() {
                let transfer = TransferOptions(chunkSize: variant.chunkMB << 20, concurrency: variant.concurrency, compression: .never)
                explored[index, default: []].append(
                    try await upload.sdkUpload(source, transport: .urlsession, report: nil, transfer: transfer, poolSize: variant.pool))
            }
            let start = ContinuousClock.now
            try await upload.bareUpload(source)
            bareURLSession.append(bytes / 1e6 / (ContinuousClock.now - start).seconds)
            if let elapsed = try upload.curlUpload(source) { curl.append(bytes / 1e6 / elapsed.seconds) }
        }
        await client.shutdown()
        let peer = Self.median(scriptRates)
        report.note("\(megabytes) MiB, \(rounds) interleaved rounds, medians; ratios are the SDK's rate over the script's")
        report.figure("upload, Python requests script (4 threads, 8 MiB chunks, SHA-256)", peer, "MB/s")
        for transport in transports {
            report.figure("upload, SDK on \(transport.label) (vs the script)", Self.median(sdk[transport] ?? []), "MB/s",
                          reference: peer)
            report.figure("upload peak RSS, SDK on \(transport.label) (bench process, during the SDK's uploads)", peakRSS[transport] ?? 0, "MB")
            report.figure("upload RSS growth, SDK on \(transport.label) (peak over the RSS before the upload)", growth[transport] ?? 0, "MB")
        }
        if cli == nil {
            report.note("iconect is not built next to this binary (swift build -c release --product iconect): its uploads are skipped")
        }
        if cli != nil {
            // What a user waits for: a command's whole run beside the script's whole run.
            let wholeScript = Self.median(scriptProcessRates)
            report.figure("upload, Python requests script, whole process (interpreter start-up and imports included)", wholeScript, "MB/s")
            for transport in transports {
                report.figure("upload, iconect upload --transport \(transport.rawValue), whole process (vs the script's whole process)",
                              Self.median(cliRates[transport] ?? []), "MB/s", reference: wholeScript)
            }
        }
        if environment.serverCPUSeconds != nil {
            // The model behind the ratios: on two cores the transfer is bound by client + server CPU per byte.
            report.figure("client CPU per GiB, Python script", scriptCPU.client, "s")
            for transport in transports {
                report.figure("client CPU per GiB, SDK on \(transport.label) (vs the script)", sdkCPU[transport]?.client ?? 0, "s",
                              reference: scriptCPU.client)
            }
            report.figure("server CPU per GiB, serving the script", scriptCPU.server, "s")
            for transport in transports {
                report.figure("server CPU per GiB, serving the SDK on \(transport.label)", sdkCPU[transport]?.server ?? 0, "s")
            }
        }
        for (index, variant) in Self.variants.enumerated() where explored[index] != nil {
            report.figure("upload, SDK on URLSession, \(variant.pool) sessions, \(variant.chunkMB) MiB chunks, \(variant.concurrency) "
                          + "in flight (vs the script)", Self.median(explored[index] ?? []), "MB/s", reference: peer)
        }
        report.figure("upload, one bare URLSession upload of the whole file (vs the script)", Self.median(bareURLSession), "MB/s",
                      reference: peer)
        if curl.isEmpty {
            report.note("curl not found: the curl -T floor is skipped")
        } else {
            report.figure("upload, curl -T of the whole file (vs the script)", Self.median(curl), "MB/s", reference: peer)
        }
    }

    /// The seconds one run of the script took by its own clock and as a whole process (interpreter start-up and imports
    /// included), and the CPU seconds it counted by its clock; `client` deletes the file it stored.
    private func runScript(_ python: String, script: URL, source: URL, token: String, storeId: String,
                           client: IconectClient) async throws -> (seconds: Double, wholeProcess: Double, cpu: Double) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script.path, environment.configuration.baseURL.appendingPathComponent("v1").absoluteString, token,
                             source.path, environment.projectId, storeId]
        let output = Pipe()
        process.standardOutput = output
        let start = ContinuousClock.now
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let wholeProcess = (ContinuousClock.now - start).seconds
        let fields = text.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard process.terminationStatus == 0, fields.count == 3, let seconds = Double(fields[0]), let cpu = Double(fields[1]) else {
            throw BenchError("the peer script failed (status \(process.terminationStatus)): \(text)")
        }
        try await client.files.delete(id: fields[2])
        return (seconds, wholeProcess, cpu)
    }

    /// The first `python3` on `PATH` (then in the usual places) that imports `requests`, or nil.
    private static func python() -> String? {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
            + ["/usr/local/bin", "/usr/bin", "/bin"]
        for path in directories.map({ $0 + "/python3" }) where FileManager.default.isExecutableFile(atPath: path) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = ["-c", "import requests"]
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { continue }
            process.waitUntilExit()
            if process.terminationStatus == 0 { return path }
        }
        return nil
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }
}
