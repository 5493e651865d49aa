import Foundation
import Iconect
import IconectEmulator
import Testing

/// `iconect jobs wait` as a user runs it: 0 for a completed job, 1 for a failed one or a timeout, 130 on Ctrl-C, which
/// leaves the job alone.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct JobsWaitCommandTests {
    /// An export job of `items` items (the emulator counts through them).
    static func exportJob(_ client: IconectClient, _ emulator: EmulatorServer, items: Int) async throws -> Job {
        try await client.jobs.createCustom(NewJob(name: "Nightly export", projectId: emulator.seed.projectId,
                                                  configuration: ["totalItems": .number(Double(items))]), type: .export)
    }

    /// An import job that fails: its file has a bad line, and it allows none.
    static func failingImport(_ client: IconectClient, _ emulator: EmulatorServer) async throws -> Job {
        let file = try await client.files.upload(Data("{\"documentId\":\"OK-1\"}\n{oops\n".utf8), options: FileUploadOptions(
            fileName: "strict.ndjson", projectId: emulator.seed.projectId, fileStoreId: emulator.seed.fileStoreId))
        return try await client.jobs.createImport(NewJob(name: "Strict load", projectId: emulator.seed.projectId,
                                                         configuration: ["fileId": .string(file.id), "maxErrors": 0]))
    }

    @Test func aCompletedJobExitsZeroAndAFailedOneExitsOne() async throws {
        let configuration = EmulatorConfiguration(seedRecords: 0, jobStepInterval: .milliseconds(5), jobBatchSize: 100)
        try await withCLIEmulator(configuration) { emulator, client, cli in
            let export = try await Self.exportJob(client, emulator, items: 3_000)
            let completed = try await cli.run(["jobs", "wait", export.id, "--json"])
            #expect(completed.status == 0, "\(completed.stderr)")
            let report = try JSONValue(parsing: Data(completed.stdout.utf8))
            #expect(report["completed"] == 1)
            #expect(report["jobs"]?[0]?["outcome"] == "completed")
            #expect(report["jobs"]?[0]?["status"] == "completed")
            #expect(report["jobs"]?[0]?["progress"]?["processedItems"] == 3_000)
            #expect(completed.stderr.contains("completed \(export.id) (Nightly export): 3,000 succeeded, 0 failed, 0 skipped"))
            #expect(try await client.jobs.get(id: export.id).status == .completed)

            let strict = try await Self.failingImport(client, emulator)
            let failed = try await cli.run(["jobs", "wait", strict.id])
            #expect(failed.status == 1, "\(failed.stdout)\n\(failed.stderr)")
            #expect(failed.stdout.contains("failed \(strict.id) (Strict load)"))
            #expect(failed.stdout.contains("TOO_MANY_ERRORS"))
            #expect(!failed.stdout.contains("\u{1B}"), "plain output has no control characters")

            // Several at once: one of them failed, so the whole wait did.
            let both = try await cli.run(["jobs", "wait", export.id, strict.id, "no-such-job", "--json"])
            #expect(both.status == 1)
            let outcomes = try JSONValue(parsing: Data(both.stdout.utf8))["jobs"]?.arrayValue?.compactMap { $0["outcome"]?.stringValue }
            #expect(outcomes == ["completed", "failed", "unavailable"])
        }
    }

    @Test func aTimeoutExitsOneAndCtrlCExits130LeavingTheJobAlone() async throws {
        // The job clock stands still: the job stays pending until the test steps it.
        let configuration = EmulatorConfiguration(seedRecords: 0, jobStepInterval: nil, jobBatchSize: 100)
        try await withCLIEmulator(configuration) { emulator, client, cli in
            let export = try await Self.exportJob(client, emulator, items: 500)
            let timedOut = try await cli.run(["jobs", "wait", export.id, "--timeout", "1s", "--json"])
            #expect(timedOut.status == 1, "\(timedOut.stderr)")
            let entry = try JSONValue(parsing: Data(timedOut.stdout.utf8))["jobs"]?[0]
            #expect(entry?["outcome"] == "timed_out")
            #expect(entry?["status"] == "pending")
            #expect(entry?["error"]?["code"] == "timeout")

            let polls = emulator.stats().count("GET", "/v1/jobs/{id}")
            let running = try cli.start(["jobs", "wait", export.id])
            // Interrupt once the child has polled the job twice (polling what the server received, with a deadline).
            let deadline = ContinuousClock.now + .seconds(60)
            while emulator.stats().count("GET", "/v1/jobs/{id}") < polls + 2, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            running.interrupt()
            let stopped = try await running.wait()
            #expect(stopped.status == 130, "\(stopped.stdout)\n\(stopped.stderr)")
            #expect(stopped.stdout.contains("stopped waiting for \(export.id) (Nightly export) (pending"))
            #expect(emulator.stats().count("POST", "/v1/jobs/{id}/control") == 0, "the job was not touched")
            #expect(try await client.jobs.get(id: export.id).status == .pending)
            emulator.advanceJobs(steps: 7)
            #expect(try await client.jobs.get(id: export.id).status == .completed, "the job goes on")
        }
    }
}
