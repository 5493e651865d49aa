import Foundation
import Iconect

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A large random file through the chunked uploader (8 MiB chunks, 4 in flight) on each transport: MB/s and peak RSS.
/// The floors, measured in the same run against the same emulator: one bare `URLSession.upload(for:fromFile:)` of the
/// whole file (the default transport's floor) and `curl -T` of it (the wire's), both to the emulator's body sink.
struct UploadScenario {
    let environment: BenchEnvironment
    let megabytes: Int
    let transports: [BenchTransport]

    func run(_ report: Report) async throws {
        let source = FileManager.default.temporaryDirectory.appendingPathComponent("iconect-bench-upload-\(UUID().uuidString).bin")
        defer { try? FileManager.default.removeItem(at: source) }
        try BenchData.writeNoise(to: source, bytes: megabytes << 20)
        let bytes = Double(megabytes << 20)

        var bareURLSession: Double?
        var curl: Double?
        if environment.hasEmulatorControls {
            let start = ContinuousClock.now
            try await bareUpload(source)
            bareURLSession = bytes / 1e6 / (ContinuousClock.now - start).seconds
            curl = try curlUpload(source).map { bytes / 1e6 / $0.seconds }
            if curl == nil { report.note("curl not found: the curl -T floor is skipped") }
        } else {
            report.note("no emulator body sink on --base-url: the bare floors are skipped")
        }

        if environment.hasEmulatorControls {
            // One unmeasured upload first: on a VM, the first write of fresh memory (here the emulator's page cache for the
            // stored file) costs several times a later one, and that is the machine, not the SDK or the server.
            _ = try await sdkUpload(source, transport: transports[0], report: nil)
        }
        for transport in transports {
            let rate = try await sdkUpload(source, transport: transport, report: report)
            let floorName = transport == .ahc ? "curl -T" : "one bare URLSession upload"
            report.figure("upload \(megabytes) MiB, \(transport.label) (SDK chunked vs \(floorName))", rate, "MB/s",
                          reference: transport == .ahc ? curl : bareURLSession)
            report.figure("upload peak RSS, \(transport.label) (whole bench process)", ResidentMemory.peakMB, "MB")
            if transport == .urlsession, let curl {
                report.figure("upload \(megabytes) MiB, URLSession (SDK chunked vs curl -T)", rate, "MB/s", reference: curl)
            }
        }
    }

    /// MB/s of one chunked upload through the SDK (with `transfer`, and `poolSize` sessions on URLSession), checked and
    /// deleted afterwards; resets the peak RSS first.
    func sdkUpload(_ source: URL, transport: BenchTransport, report: Report?,
                   transfer: TransferOptions = TransferOptions(compression: .never), poolSize: Int? = nil) async throws -> Double {
        let client = try environment.makeClient(transport, poolSize: poolSize)
        let stores = try await client.fileStores.list()
        guard let store = stores.data.first else { throw BenchError("the server has no file store") }
        let options = FileUploadOptions(fileName: "bench-upload.bin", projectId: environment.projectId, fileStoreId: store.id)
        let bytes = Int64(megabytes << 20)
        ResidentMemory.resetPeak()
        let start = ContinuousClock.now
        let file = try await client.files.upload(fileAt: source, options: options, transfer: transfer)
        let elapsed = (ContinuousClock.now - start).seconds
        guard file.size == bytes else { throw BenchError("the server stored \(file.size ?? -1) bytes, expected \(bytes)") }
        let statistics = client.statistics()
        let phases = ["iconect_initiate_chunked_upload", "iconect_upload_chunk", "iconect_complete_chunked_upload"].compactMap { name in
            statistics[name].map { "\(name.replacingOccurrences(of: "iconect_", with: "")) mean \(Int($0.meanMilliseconds)) ms" }
        }
        report?.note("\(transport.label): \(Int(elapsed * 1000)) ms in all; " + phases.joined(separator: ", "))
        try await client.files.delete(id: file.id)
        await client.shutdown()
        return Double(bytes) / 1e6 / elapsed
    }

    /// `URLSession.uploadTask(with:fromFile:)` of the whole file to `/_emulator/sink`.
    func bareUpload(_ source: URL) async throws {
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        var request = environment.controlRequest("sink", method: "PUT")
        request.setValue("application/octet-stream", forHTTPHeaderField: "Content-Type")
        request.timeoutInterval = 600
        let status: Int = try await withCheckedThrowingContinuation { continuation in
            session.uploadTask(with: request, fromFile: source) { _, response, error in
                if let error { continuation.resume(throwing: error) } else {
                    continuation.resume(returning: (response as? HTTPURLResponse)?.statusCode ?? 0)
                }
            }.resume()
        }
        guard status == 200 else { throw BenchError("the bare upload answered \(status)") }
    }

    /// How long `curl -T` takes to PUT the file to `/_emulator/sink`; nil when there is no curl.
    func curlUpload(_ source: URL) throws -> Duration? {
        guard let curl = ["/usr/bin/curl", "/bin/curl", "/usr/local/bin/curl"].first(where: FileManager.default.isExecutableFile)
        else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: curl)
        process.arguments = ["-sS", "-o", "/dev/null", "-w", "%{http_code}", "-T", source.path,
                             "-H", "Authorization: Bearer \(environment.adminToken ?? "")",
                             environment.baseURL.appendingPathComponent("_emulator/sink").absoluteString]
        let output = Pipe()
        process.standardOutput = output
        let start = ContinuousClock.now
        try process.run()
        let status = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let elapsed = ContinuousClock.now - start
        guard process.terminationStatus == 0, status == "200" else { throw BenchError("curl -T answered \(status)") }
        return elapsed
    }
}

/// Test data the scenarios write.
enum BenchData {
    /// `bytes` of incompressible pseudo-random data, written in 8 MiB blocks.
    static func writeNoise(to url: URL, bytes: Int) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else { throw BenchError("cannot create \(url.path)") }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var state: UInt64 = 0x1234_5678
        let block = 8 << 20
        var written = 0
        while written < bytes {
            let count = min(block, bytes - written)
            var data = Data(count: count)
            data.withUnsafeMutableBytes { raw in
                for index in stride(from: 0, to: count - count % 8, by: 8) {
                    state &+= 0x9E37_79B9_7F4A_7C15
                    var z = state
                    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                    raw.storeBytes(of: z ^ (z >> 31), toByteOffset: index, as: UInt64.self)
                }
            }
            try handle.write(contentsOf: data)
            written += count
        }
    }

    /// About `bytes` of CSV-like text: the kind of load file that compresses well.
    static func text(bytes: Int) -> Data {
        var result = Data()
        result.reserveCapacity(bytes + 200)
        var row = 0
        while result.count < bytes {
            let line = "DOC-\(String(format: "%08d", row)),custodian-\(row % 37),\(row % 3 == 0 ? "responsive" : "not responsive"),"
                + "2024-\(row % 12 + 1)-\(row % 28 + 1),\"Re: quarterly figures \(row % 101)\",\(row &* 2_654_435_761 % 100_000)\n"
            result.append(contentsOf: line.utf8)
            row += 1
        }
        return result
    }
}
