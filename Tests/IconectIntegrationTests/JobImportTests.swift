import Foundation
import Iconect
import IconectEmulator
import Testing

@Suite("Import jobs against the emulator", .timeLimit(.minutes(10)))
struct JobImportTests {
    /// A 10,000-line NDJSON file of records: every 250th line is not JSON, every 333rd has no documentId, and lines
    /// 499, 1499, ... carry a priority the server refuses. Returns the file, the valid count and the bad line numbers.
    static func volume(lines: Int = 10_000) throws -> (url: URL, valid: Int, bad: Set<Int>) {
        var text = ""
        var bad = Set<Int>()
        for line in 1...lines {
            if line % 250 == 0 {
                text += "{not json\n"
                bad.insert(line)
            } else if line % 333 == 0 {
                text += "{\"title\":\"no id on line \(line)\"}\n"
                bad.insert(line)
            } else if line % 1000 == 499 {
                text += "{\"documentId\":\"BAD-\(line)\",\"priority\":\"urgent\",\"fields\":{}}\n"
                bad.insert(line)
            } else {
                text += "{\"documentId\":\"VOL001-\(String(format: "%05d", line))\",\"custodian\":\"C\(line % 7)\",\"batch\":\"vol001\"}\n"
            }
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vol001-\(UUID().uuidString).ndjson")
        try Data(text.utf8).write(to: url)
        return (url, lines - bad.count, bad)
    }

    static func options(_ emulator: EmulatorServer, _ name: String) -> FileUploadOptions {
        FileUploadOptions(fileName: name, projectId: emulator.seed.projectId, fileStoreId: emulator.seed.fileStoreId)
    }

    @Test("10,000 NDJSON lines through a chunked upload and an import job: exactly the valid rows exist, the bad lines are logged",
          arguments: TransportKind.allCases)
    func tenThousandLineImport(transport: TransportKind) async throws {
        let configuration = EmulatorConfiguration(jobStepInterval: .milliseconds(2), jobBatchSize: 500)
        try await withEmulator(configuration, transport: transport) { emulator, client in
            let (url, valid, bad) = try Self.volume()
            defer { try? FileManager.default.removeItem(at: url) }
            let file = try await client.files.upload(fileAt: url, options: Self.options(emulator, "vol001.ndjson"), chunkSize: 262_144)
            #expect(emulator.stats().requests.keys.contains { $0.hasPrefix("PUT ") && $0.contains("/chunks/") })

            let job = try await client.jobs.createImport(NewJob(
                name: "Load VOL001", projectId: emulator.seed.projectId, configuration: ["fileId": .string(file.id)]))
            #expect(job.status == .pending)
            #expect(job.type == .import)
            let (stream, reporter) = AsyncStream.makeStream(of: JobProgress.self)
            let done = try await client.jobs.waitForCompletion(id: job.id, polling: RetryPolicy(baseDelay: .milliseconds(20),
                                                                                                 maxDelay: .milliseconds(200)),
                                                               progress: reporter)
            var seen: [JobProgress] = []
            for await step in stream { seen.append(step) }
            #expect(done.status == .completed)
            #expect(done.progress == JobProgress(totalItems: 10_000, processedItems: 10_000, successfulItems: valid,
                                                 failedItems: bad.count, skippedItems: 0, percentage: 100))
            #expect(seen.last == done.progress)
            #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.processedItems <= $1.processedItems })

            let imported = try await client.records.search(RecordQuery(projectId: emulator.seed.projectId)
                .filter("batch", .eq("vol001")).page(1, size: 1))
            #expect(imported.total == valid)
            let all = try await client.records.search(RecordQuery(projectId: emulator.seed.projectId).page(1, size: 1))
            #expect(all.total == valid)

            let errors = try await client.jobs.paginateLogs(id: job.id, level: .error).collect()
            #expect(Set(errors.compactMap(\.line)) == bad)
            #expect(errors.contains { $0.line == 250 && $0.message.hasPrefix("Line 250: not JSON") })
            #expect(errors.contains { $0.line == 333 && $0.message.contains("no documentId") })
            #expect(errors.contains { $0.line == 499 && $0.message.contains("priority") })
            let results = try await client.jobs.get(id: job.id, includeResults: true, includeLogs: true)
            #expect(results.results?["recordsCreated"] == .number(Double(valid)))
            #expect(results.logs?.last?.message.hasPrefix("Job completed") == true)
        }
    }

    @Test("a CSV import maps the header to fields; a file compressed on upload is read back", arguments: TransportKind.allCases)
    func csvImport(transport: TransportKind) async throws {
        try await withEmulator(EmulatorConfiguration(jobStepInterval: nil), transport: transport) { emulator, client in
            let csv = "documentId,custodian,title\nCSV-1,Ann,\"Board minutes, Q3\"\nCSV-2,Bo\n\nCSV-3,Cy,\"Memo \"\"final\"\"\"\n"
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("load-\(UUID().uuidString).csv")
            try Data((csv + "\n").utf8).write(to: url)
            defer { try? FileManager.default.removeItem(at: url) }
            let file = try await client.files.upload(fileAt: url, options: Self.options(emulator, "load.csv"),
                                                     transfer: TransferOptions(compression: .always))
            #expect(file.metadata?["compressed"] == true)
            let job = try await client.jobs.createImport(NewJob(name: "CSV", projectId: emulator.seed.projectId,
                                                                configuration: ["fileId": .string(file.id)]))
            emulator.advanceJobs(steps: 3)
            let done = try await client.jobs.get(id: job.id)
            #expect(done.status == .completed)
            #expect(done.progress?.successfulItems == 2)
            #expect(done.progress?.failedItems == 1)
            #expect(done.progress?.skippedItems == 2)
            let rows = try await client.records.search(RecordQuery(projectId: emulator.seed.projectId).sorted(by: "documentId"))
            #expect(rows.data.map(\.documentId) == ["CSV-1", "CSV-3"])
            #expect(rows.data.first?.fields["title"] == "Board minutes, Q3")
            #expect(rows.data.last?.fields["title"] == "Memo \"final\"")
            let logs = try await client.jobs.logs(id: job.id, level: .warn)
            #expect(logs.data.map(\.line) == [3])
        }
    }

    @Test("an import names a missing file, an unknown format and a bad maxErrors before it is created", arguments: TransportKind.allCases)
    func importValidation(transport: TransportKind) async throws {
        try await withEmulator(EmulatorConfiguration(jobStepInterval: nil), transport: transport) { emulator, client in
            let projectId = emulator.seed.projectId
            let missing = try await expectIconectError {
                try await client.jobs.createImport(NewJob(name: "x", projectId: projectId, configuration: ["fileId": "fil_nope"]))
            }
            #expect(missing.code == .validation)
            #expect(missing.fieldErrors["configuration.fileId"] != nil)
            let file = try await client.files.upload(Data("x".utf8), options: Self.options(emulator, "notes.bin"))
            let format = try await expectIconectError {
                try await client.jobs.createImport(NewJob(name: "x", projectId: projectId,
                                                          configuration: ["fileId": .string(file.id), "maxErrors": -1]))
            }
            #expect(Set(format.fieldErrors.keys) == ["configuration.format", "configuration.maxErrors"])
            let total = try await client.jobs.list(projectId: projectId).total
            #expect(total == 0)
        }
    }
}
