import Foundation
import Iconect
import IconectEmulator

/// An import job on an in-process emulator whose job clock runs flat out (`jobStepInterval: .zero`, 5,000 lines a
/// step): an NDJSON file of `records` lines uploaded from disk, then the job from creation to `completed`, in records/s.
struct ImportJobScenario {
    let records: Int

    func run(_ report: Report) async throws {
        let server = try await EmulatorServer.start(EmulatorConfiguration(jobStepInterval: .zero, jobBatchSize: 5_000))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bench-import-\(UUID().uuidString).ndjson")
        defer { try? FileManager.default.removeItem(at: url) }
        var text = ""
        text.reserveCapacity(records * 96)
        for line in 1...max(1, records) {
            text += "{\"documentId\":\"BENCH-\(line)\",\"custodian\":\"C\(line % 17)\",\"title\":\"Document \(line)\",\"pages\":\(line % 300)}\n"
        }
        try Data(text.utf8).write(to: url)
        let client = try IconectClient(configuration: IconectConfiguration(
            baseURL: server.baseURL, clientId: "emulator-client", clientSecret: "emulator-secret",
            credentials: .password(username: "demo", password: "demo-password")))
        do {
            let file = try await client.files.upload(fileAt: url, options: FileUploadOptions(
                fileName: "bench.ndjson", projectId: server.seed.projectId, fileStoreId: server.seed.fileStoreId))
            let start = ContinuousClock.now
            let job = try await client.jobs.createImport(NewJob(name: "bench import", projectId: server.seed.projectId,
                                                                configuration: ["fileId": .string(file.id)]))
            let done = try await client.jobs.waitForCompletion(
                id: job.id, polling: RetryPolicy(baseDelay: .milliseconds(1), maxDelay: .milliseconds(10)))
            let rate = Double(done.progress?.successfulItems ?? 0) / (ContinuousClock.now - start).seconds
            guard done.progress?.successfulItems == records else { throw BenchError("the import created \(done.progress?.successfulItems ?? 0) records") }
            report.figure("import job, \(records) NDJSON lines (emulator, clock flat out)", rate, "records/s")
        } catch {
            await client.shutdown()
            await server.stop()
            throw error
        }
        await client.shutdown()
        await server.stop()
    }
}
