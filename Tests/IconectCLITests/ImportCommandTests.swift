import Foundation
import Iconect
import IconectEmulator
import Testing

/// `iconect import` as a user runs it: the file uploaded in chunks, an import job waited for, exactly the valid records
/// created, and the failures file naming exactly the bad lines.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct ImportCommandTests {
    /// 3,000 NDJSON lines: every 400th is not JSON, every 701st has no documentId, lines 999 and 1999 carry a priority the
    /// server refuses, line 1500 is blank and line 10 ends in CRLF. Returns the text, the valid count and the bad lines.
    static func volume() -> (text: String, valid: Int, bad: [Int: String]) {
        var lines: [String] = []
        var bad: [Int: String] = [:]
        for number in 1...3_000 {
            let line: String
            if number % 400 == 0 {
                line = "{not json \(number)"
                bad[number] = line
            } else if number % 701 == 0 {
                line = "{\"title\":\"no id on line \(number)\"}"
                bad[number] = line
            } else if number == 999 || number == 1999 {
                line = "{\"documentId\":\"BAD-\(number)\",\"priority\":\"urgent\",\"fields\":{}}"
                bad[number] = line
            } else if number == 1500 {
                line = ""
            } else {
                line = "{\"documentId\":\"IMP-\(number)\",\"custodian\":\"C\(number % 5)\",\"batch\":\"imp\"}" + (number == 10 ? "\r" : "")
            }
            lines.append(line)
        }
        return (lines.joined(separator: "\n") + "\n", 3_000 - bad.count - 1, bad)
    }

    @Test func anNDJSONImportCreatesTheValidRecordsAndListsTheBadLines() async throws {
        let configuration = EmulatorConfiguration(seedRecords: 0, jobStepInterval: .milliseconds(5), jobBatchSize: 250)
        try await withCLIEmulator(configuration) { emulator, client, cli in
            let (text, valid, bad) = Self.volume()
            let file = cli.directory.appendingPathComponent("vol002.ndjson")
            try text.write(to: file, atomically: true, encoding: .utf8)
            let failures = cli.directory.appendingPathComponent("bad-lines.ndjson")
            let result = try await cli.run(["import", file.path, "--project", emulator.seed.projectId, "--store", emulator.seed.fileStoreId,
                                            "--name", "Load VOL002", "--failures", failures.path, "--chunk-size", "1",
                                            "--compress", "never", "--json"])
            #expect(result.status == 1, "lines failed: \(result.stderr)")
            #expect(result.stderr.contains("created import job"))
            let report = try JSONValue(parsing: Data(result.stdout.utf8))
            #expect(report["recordsCreated"]?.intValue == valid)
            #expect(report["linesFailed"]?.intValue == bad.count)
            #expect(report["linesSkipped"] == 1)
            #expect(report["linesLogged"]?.intValue == bad.count)
            #expect(report["failuresFile"]?.stringValue == failures.path)
            #expect(report["file"]?["status"] == "uploaded")
            #expect(report["job"]?["outcome"] == "completed")
            #expect(report["job"]?["name"] == "Load VOL002")

            // What the server holds: exactly the valid lines became records, once each.
            let created = try await client.records.search(RecordQuery(projectId: emulator.seed.projectId)
                .filter("batch", .eq("imp")).page(1, size: 1))
            #expect(created.total == valid)
            let all = try await client.records.search(RecordQuery(projectId: emulator.seed.projectId).page(1, size: 1))
            #expect(all.total == valid)
            let job = try #require(emulator.objects(in: "jobs").first)
            #expect(job["configuration"]?["format"] == "ndjson")

            // The failures file: exactly the bad lines, in order, each with its text and the job log's reason.
            let lines = try String(contentsOf: failures, encoding: .utf8).split(separator: "\n").map { try JSONValue(parsing: Data($0.utf8)) }
            #expect(lines.compactMap { $0["line"]?.intValue } == bad.keys.sorted())
            #expect(lines.allSatisfy { line in line["text"]?.stringValue == line["line"]?.intValue.flatMap { bad[$0] } })
            #expect(lines.allSatisfy { line in line["message"]?.stringValue?.hasPrefix("Line \(line["line"]?.intValue ?? 0):") == true })
        }
    }

    @Test func aCleanCSVImportExitsZeroWithPlainOutput() async throws {
        try await withCLIEmulator(EmulatorConfiguration(seedRecords: 0)) { emulator, client, cli in
            let file = cli.directory.appendingPathComponent("load.csv")
            try "documentId,custodian,title\nCSV-1,Ann,\"Board minutes, Q3\"\nCSV-2,Bo,Memo\n".write(to: file, atomically: true, encoding: .utf8)
            let result = try await cli.run(["import", file.path, "--project", emulator.seed.projectId, "--store", emulator.seed.fileStoreId])
            #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
            #expect(result.stdout.contains("import: 2 records created, 0 lines failed"))
            #expect(result.stdout.contains("completed job_"))
            #expect(!result.stdout.contains("\u{1B}") && !result.stdout.contains("\r"), "plain output has no control characters")
            #expect(try FileManager.default.contentsOfDirectory(atPath: cli.directory.path).allSatisfy { !$0.hasPrefix("iconect-import-failures") },
                    "no failures file when nothing failed")
            let rows = try await client.records.search(RecordQuery(projectId: emulator.seed.projectId).sorted(by: "documentId"))
            #expect(rows.data.map(\.documentId) == ["CSV-1", "CSV-2"])
            #expect(rows.data.first?.fields["title"] == "Board minutes, Q3")
        }
    }

    @Test func aFileWhoseNameDoesNotTellTheFormatIsAUsageError() async throws {
        try await withCLIEmulator(EmulatorConfiguration(seedRecords: 0)) { emulator, _, cli in
            let file = cli.directory.appendingPathComponent("load.txt")
            try "{\"documentId\":\"A\"}\n".write(to: file, atomically: true, encoding: .utf8)
            let result = try await cli.run(["import", file.path, "--project", emulator.seed.projectId, "--store", emulator.seed.fileStoreId])
            #expect(result.status == 64)
            #expect(result.stderr.contains("--format"))
            #expect(emulator.objects(in: "files").isEmpty, "nothing was uploaded")
        }
    }
}
