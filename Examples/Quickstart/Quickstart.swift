// The quickstart: one pass over the SDK's main job against a real deployment (ICONECT_BASE_URL and credentials in the
// environment) or, with nothing configured, against the emulator started in this process.
//
//   swift run quickstart
import Foundation
import Iconect
import IconectEmulator

@main
struct Quickstart {
    static func main() async {
        do {
            try await run()
        } catch {
            FileHandle.standardError.write(Data("quickstart failed: \(error)\n".utf8))
            exit(1)
        }
    }

    static func run() async throws {
        var emulator: EmulatorServer?
        let configuration: IconectConfiguration
        if let fromEnvironment = try IconectConfiguration.fromEnvironment() {
            configuration = fromEnvironment
            print("Using \(configuration.baseURL.absoluteString) from the environment")
        } else {
            let server = try await EmulatorServer.start(EmulatorConfiguration(seedRecords: 5_000))
            emulator = server
            configuration = try IconectConfiguration(
                baseURL: server.baseURL, clientId: "emulator-client", clientSecret: "emulator-secret",
                credentials: .password(username: "demo", password: "demo-password"))
            print("No ICONECT_BASE_URL set: started the embedded emulator at \(server.baseURL.absoluteString)")
        }
        let client = try IconectClient(configuration: configuration)

        // 1. Sign in (the client would also do it on its first call).
        let status = try await client.auth.signIn(with: configuration.credentials)
        print("Signed in with the \(status.grantType ?? "?") grant; token expires \(status.expiresAt.map { "\($0)" } ?? "never")")

        // 2. Projects.
        let projects = try await client.projects.list(ListOptions(pageSize: 10))
        guard let project = projects.data.first else { throw QuickstartError("the deployment has no project") }
        print("\(projects.total) project(s); working in \"\(project.name)\" (\(project.id))")

        // 3. Create a record and read it back.
        let created = try await client.records.create(NewRecord(
            documentId: "QS-\(UUID().uuidString.prefix(8))", projectId: project.id,
            fields: ["title": "Quickstart memo", "custodian": "Quickstart", "docDate": "2024-06-01", "pageCount": 3]))
        let fetched = try await client.records.get(id: created.id)
        guard fetched.fields["title"] == "Quickstart memo" else { throw QuickstartError("the record did not read back") }
        print("Created and read back record \(fetched.id) (\(fetched.documentId ?? "-"))")

        // 4. Search with an operator filter and field selection.
        let query = RecordQuery(projectId: project.id)
            .filter("docDate", .gte("2023-01-01"))
            .fields(["title", "custodian", "docDate"])
            .sorted(by: "docDate", .descending)
            .page(1, size: 100)
        let hits = try await client.records.search(query)
        print("Search docDate >= 2023-01-01: \(hits.total) hit(s); first: \(hits.data.first?.fields["title"]?.stringValue ?? "-")")

        // 5. Bulk-update 1,000 records: batches of 250, 4 in flight, every id accounted for.
        let ids = try await client.records.paginate(RecordQuery(projectId: project.id).fields(["title"]).page(1, size: 1_000))
            .collect(limit: 1_000).map(\.id)
        let (progress, reporter) = AsyncStream.makeStream(of: BulkProgress.self, bufferingPolicy: .bufferingNewest(1))
        async let bulk = client.bulk.updateRecords(ids, in: project.id, changes: RecordChanges(fields: ["reviewBatch": "quickstart"]),
                                                   options: BulkOptions(batchSize: 250), progress: reporter)
        var steps = 0
        for await _ in progress { steps += 1 }
        let report = try await bulk
        print("Bulk update of \(ids.count) records: \(report.summary), \(report.batches.count) operations, "
              + "\(steps) progress reports, \(Int(report.recordsPerSecond)) records/s")
        guard report.isComplete else { throw QuickstartError("the bulk update did not complete for every record") }

        // 6. Upload 20 MB through a chunked session and download it back.
        let stores = try await client.fileStores.list()
        guard let store = stores.data.first else { throw QuickstartError("the deployment has no file store") }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("iconect-quickstart-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = directory.appendingPathComponent("production-volume.bin")
        try writeRandomFile(at: source, bytes: 20 * 1024 * 1024)
        let uploadStarted = ContinuousClock.now
        let file = try await client.files.upload(
            fileAt: source, options: FileUploadOptions(fileName: "production-volume.bin", projectId: project.id,
                                                       fileStoreId: store.id, mimeType: "application/octet-stream"))
        let uploadTime = ContinuousClock.now - uploadStarted
        let copy = directory.appendingPathComponent("downloaded.bin")
        try await client.files.download(id: file.id, to: copy)
        let same = try Data(contentsOf: source) == Data(contentsOf: copy)
        let seconds = Double(uploadTime.components.seconds) + Double(uploadTime.components.attoseconds) / 1e18
        print(String(format: "Uploaded 20 MB as %@ in %.2f s (%.0f MB/s); downloaded back %@", file.id, seconds,
                     20.0 / max(seconds, 0.000_001), same ? "byte-identical" : "DIFFERENT"))
        guard same else { throw QuickstartError("the downloaded file differs from the upload") }

        // 7. What the client measured.
        print("\nPer-operation report:\n\(client.statistics())")
        await client.shutdown()
        await emulator?.stop()
    }

    static func writeRandomFile(at url: URL, bytes: Int) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw QuickstartError("cannot create \(url.path)")
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var generator = SystemRandomNumberGenerator()
        var remaining = bytes
        while remaining > 0 {
            let count = min(remaining, 1 << 20)
            var block = [UInt64](repeating: 0, count: (count + 7) / 8)
            for index in block.indices { block[index] = generator.next() }
            try handle.write(contentsOf: block.withUnsafeBytes { Data($0.prefix(count)) })
            remaining -= count
        }
    }
}

struct QuickstartError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
