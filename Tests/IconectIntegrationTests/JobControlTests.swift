import Foundation
import Iconect
import IconectEmulator
import Testing

/// Jobs on the emulator's manual clock (`jobStepInterval: nil`): each `advanceJobs` is one step of 100 items.
@Suite("Job life cycle, control and waiting", .timeLimit(.minutes(10)))
struct JobControlTests {
    static let manualClock = EmulatorConfiguration(jobStepInterval: nil, jobBatchSize: 100)

    static func customJob(_ client: IconectClient, _ emulator: EmulatorServer, items: Int, priority: Priority? = nil,
                          queueId: String? = nil, name: String = "export") async throws -> Job {
        var configuration: [String: JSONValue] = ["totalItems": .number(Double(items))]
        if let queueId { configuration["queueId"] = .string(queueId) }
        return try await client.jobs.createCustom(NewJob(name: name, projectId: emulator.seed.projectId, configuration: configuration,
                                                         priority: priority), type: .export)
    }

    @Test("pause stops progress, resume finishes the job", arguments: TransportKind.allCases)
    func pauseAndResume(transport: TransportKind) async throws {
        try await withEmulator(Self.manualClock, transport: transport) { emulator, client in
            let job = try await Self.customJob(client, emulator, items: 1_000)
            emulator.advanceJobs(steps: 2)
            let running = try await client.jobs.get(id: job.id)
            #expect(running.status == .running)
            #expect(running.progress?.processedItems == 200)
            #expect(running.startedDate != nil)

            let paused = try await client.jobs.control(id: job.id, action: .pause, reason: "nightly window")
            #expect(paused.status == .paused)
            emulator.advanceJobs(steps: 5)
            let still = try await client.jobs.get(id: job.id)
            #expect(still.status == .paused)
            #expect(still.progress?.processedItems == 200)

            #expect(try await client.jobs.control(id: job.id, action: .resume).status == .queued)
            emulator.advanceJobs(steps: 8)
            let done = try await client.jobs.get(id: job.id, includeResults: true)
            #expect(done.status == .completed)
            #expect(done.progress?.processedItems == 1_000)
            #expect(done.progress?.percentage == 100)
            #expect(done.results?["itemsProcessed"] == 1_000)
            let infos = try await client.jobs.logs(id: job.id, level: .info).data.map(\.message)
            #expect(infos.contains("Job pause: nightly window → paused"))
            #expect(infos.contains("Job resume → queued"))
        }
    }

    @Test("an action the state does not allow is a conflict that changes nothing", arguments: TransportKind.allCases)
    func conflictChangesNothing(transport: TransportKind) async throws {
        try await withEmulator(Self.manualClock, transport: transport) { emulator, client in
            let job = try await Self.customJob(client, emulator, items: 100)
            emulator.advanceJobs(steps: 1)
            let completed = try await client.jobs.get(id: job.id, includeLogs: true)
            #expect(completed.status == .completed)
            for action in [JobControlAction.resume, .pause, .start, .cancel] {
                let error = try await expectIconectError { try await client.jobs.control(id: job.id, action: action) }
                #expect(error.code == .conflict)
                #expect(error.status == 409)
                #expect(error.serverCode == "INVALID_JOB_STATE")
                #expect(error.details?["status"] == "completed")
            }
            let after = try await client.jobs.get(id: job.id, includeLogs: true)
            #expect(after == completed)

            let restarted = try await client.jobs.control(id: job.id, action: .restart)
            #expect(restarted.status == .queued)
            #expect(restarted.progress?.processedItems == 0)
            emulator.advanceJobs()
            #expect(try await client.jobs.get(id: job.id).status == .completed)

            let running = try await Self.customJob(client, emulator, items: 1_000)
            emulator.advanceJobs()
            let busy = try await expectIconectError { try await client.jobs.delete(id: running.id) }
            #expect(busy.code == .conflict)
            _ = try await client.jobs.control(id: running.id, action: .cancel)
            try await client.jobs.delete(id: running.id)
            #expect(try await expectIconectError { try await client.jobs.get(id: running.id) }.code == .notFound)
        }
    }

    @Test("waitForCompletion throws with the job on a failed, a cancelled and an unfinished job", arguments: TransportKind.allCases)
    func waitingThrowsWithTheJob(transport: TransportKind) async throws {
        let fast = EmulatorConfiguration(jobStepInterval: .milliseconds(2), jobBatchSize: 100)
        try await withEmulator(fast, transport: transport) { emulator, client in
            let lines = (1...500).map { $0 % 50 == 0 ? "oops" : "{\"documentId\":\"D\($0)\"}" }.joined(separator: "\n")
            let file = try await client.files.upload(Data(lines.utf8), options: JobImportTests.options(emulator, "bad.ndjson"))
            let job = try await client.jobs.createImport(NewJob(name: "strict", projectId: emulator.seed.projectId,
                                                                configuration: ["fileId": .string(file.id), "maxErrors": 3]))
            let polling = RetryPolicy(baseDelay: .milliseconds(5), maxDelay: .milliseconds(40))
            let failed = try await expectIconectError { try await client.jobs.waitForCompletion(id: job.id, polling: polling) }
            #expect(failed.code == .jobFailed)
            #expect(failed.serverCode == "TOO_MANY_ERRORS")
            #expect(failed.job?.status == .failed)
            #expect(failed.job?.id == job.id)
            #expect((failed.job?.progress?.failedItems ?? 0) > 3)
            #expect(failed.job?.error?.code == "TOO_MANY_ERRORS")
        }
        try await withEmulator(Self.manualClock, transport: transport) { emulator, client in
            let job = try await Self.customJob(client, emulator, items: 1_000)
            let polling = RetryPolicy(baseDelay: .milliseconds(5), maxDelay: .milliseconds(20))
            let timedOut = try await expectIconectError {
                try await client.jobs.waitForCompletion(id: job.id, timeout: .milliseconds(200), polling: polling)
            }
            #expect(timedOut.code == .timeout)
            #expect(timedOut.job?.status == .pending)
            _ = try await client.jobs.control(id: job.id, action: .cancel)
            let cancelled = try await expectIconectError { try await client.jobs.waitForCompletion(id: job.id, polling: polling) }
            #expect(cancelled.code == .jobCancelled)
            #expect(cancelled.job?.status == .cancelled)
        }
    }

    @Test("updates(id:) yields each change and ends at the final state", arguments: TransportKind.allCases)
    func updatesEndAtFinalState(transport: TransportKind) async throws {
        let fast = EmulatorConfiguration(jobStepInterval: .milliseconds(5), jobBatchSize: 100)
        try await withEmulator(fast, transport: transport) { emulator, client in
            let job = try await Self.customJob(client, emulator, items: 500)
            var snapshots: [Job] = []
            for try await snapshot in client.jobs.updates(id: job.id, polling: RetryPolicy(baseDelay: .milliseconds(2), maxDelay: .milliseconds(10))) {
                snapshots.append(snapshot)
            }
            #expect(snapshots.last?.status == .completed)
            #expect(snapshots.filter { $0.status.isFinal }.count == 1)
            #expect(zip(snapshots, snapshots.dropFirst()).allSatisfy { $0.status != $1.status || $0.progress != $1.progress })
        }
    }

    @Test("a delete job removes exactly the records its filter matches", arguments: TransportKind.allCases)
    func deleteByQuery(transport: TransportKind) async throws {
        try await withEmulator(EmulatorConfiguration(seedRecords: 300, jobStepInterval: nil, jobBatchSize: 50), transport: transport) { emulator, client in
            let projectId = emulator.seed.projectId
            let custodian = try #require(try await client.records.search(RecordQuery(projectId: projectId).page(1, size: 1))
                .data.first?.fields["custodian"])
            let matching = try await client.records.search(RecordQuery(projectId: projectId).filter("custodian", .eq(custodian)).page(1, size: 1)).total
            #expect(matching > 0)
            let job = try await client.jobs.createDelete(NewJob(name: "purge", projectId: projectId,
                                                                configuration: ["filter": Filter().where("custodian", equals: custodian).json]))
            emulator.advanceJobs(steps: 10)
            let done = try await client.jobs.get(id: job.id, includeResults: true)
            #expect(done.status == .completed)
            #expect(done.progress?.totalItems == matching)
            #expect(done.results?["recordsDeleted"] == .number(Double(matching)))
            let left = try await client.records.search(RecordQuery(projectId: projectId).filter("custodian", .eq(custodian)).page(1, size: 1))
            #expect(left.total == 0)
            let rest = try await client.records.search(RecordQuery(projectId: projectId).page(1, size: 1))
            #expect(rest.total == 300 - matching)
            let marked = try await client.records.search(RecordQuery(projectId: projectId).status([.deleted]).page(1, size: 1))
            #expect(marked.total == matching)

            let invalid = try await expectIconectError {
                try await client.jobs.createDelete(NewJob(name: "all", projectId: projectId, configuration: [:]))
            }
            #expect(invalid.fieldErrors["configuration.filter"] != nil)
        }
    }

    @Test("jobs list by filter and date range, update, and page their logs by level and time", arguments: TransportKind.allCases)
    func listUpdateAndLogs(transport: TransportKind) async throws {
        try await withEmulator(Self.manualClock, transport: transport) { emulator, client in
            let first = try await Self.customJob(client, emulator, items: 300, priority: .high, name: "first")
            let second = try await Self.customJob(client, emulator, items: 100, name: "second")
            emulator.advanceJobs(steps: 1)
            #expect(try await client.jobs.list(status: .completed).data.map(\.id) == [second.id])
            #expect(try await client.jobs.list(priority: .high).data.map(\.id) == [first.id])
            #expect(try await client.jobs.list(type: .import).total == 0)
            let today = DateRange(field: "createdDate", from: Date().addingTimeInterval(-3_600), to: Date().addingTimeInterval(3_600))
            #expect(try await client.jobs.paginate(dateRange: today).collect().count == 2)
            #expect(try await client.jobs.list(dateRange: DateRange(field: "createdDate", from: "2001-01-01", to: "2001-12-31")).total == 0)

            let updated = try await client.jobs.update(id: first.id, JobChanges(description: "re-run", assignedTo: "reviewer7"))
            #expect(updated.description == "re-run")
            #expect(updated.assignedTo == "reviewer7")
            #expect(try await client.jobs.list(assignedTo: "reviewer7").data.map(\.id) == [first.id])

            let all = try await client.jobs.paginateLogs(id: first.id, pageSize: 2).collect()
            #expect(all.map(\.id) == Array(1...all.count))
            #expect(all.contains { $0.level == .debug })
            #expect(try await client.jobs.logs(id: first.id, level: .info).data.allSatisfy { $0.level != .debug })
            #expect(try await client.jobs.logs(id: first.id, startTime: Date().addingTimeInterval(60)).total == 0)
            #expect(try await client.jobs.logs(id: first.id, endTime: Date().addingTimeInterval(60)).total == all.count)
            let tooBig = try await expectIconectError { try await client.jobs.logs(id: first.id, pageSize: 1_001) }
            #expect(tooBig.fieldErrors["pageSize"] != nil)
        }
    }
}
