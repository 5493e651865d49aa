import Foundation
import Iconect
import IconectEmulator
import Synchronization
import Testing

@Suite("Bulk engine against the emulator", .timeLimit(.minutes(10)))
struct BulkTests {
    /// Retries deep enough that a 15% failure rate never exhausts them (0.15^10 per request).
    static func patientRetries(_ configuration: inout IconectConfiguration) {
        configuration.retryPolicy = RetryPolicy(maxAttempts: 10, baseDelay: .milliseconds(2), maxDelay: .milliseconds(20),
                                                budgetCapacity: 10_000, budgetDepositPerSuccess: 1)
    }

    static func allIds(_ client: IconectClient, _ projectId: String) async throws -> [String] {
        try await client.records.paginate(RecordQuery(projectId: projectId).page(1, size: 1000)).collect().map(\.id)
    }

    static func records(_ client: IconectClient, _ projectId: String) async throws -> [Record] {
        try await client.records.paginate(RecordQuery(projectId: projectId).page(1, size: 1000)).collect()
    }

    @Test("20,000 records updated under 503s, dropped connections and 429s: every record once, no operation started twice", arguments: TransportKind.allCases)
    func bulkUpdateUnderFaults(transport: TransportKind) async throws {
        try await withEmulator(EmulatorConfiguration(seedRecords: 20_000), configure: Self.patientRetries, transport: transport) { emulator, client in
            let projectId = emulator.seed.projectId
            let ids = try await Self.allIds(client, projectId)
            #expect(ids.count == 20_000)
            emulator.setFaults([
                FaultRule(method: "POST", path: "/v1/records/bulk", status: 429, retryAfter: "1", times: 1),
                FaultRule(path: "/v1/*", status: 503, probability: 0.10),
                FaultRule(path: "/v1/*", drop: .afterHandling, probability: 0.05),
            ])
            let report = try await client.bulk.updateRecords(
                ids, in: projectId, changes: RecordChanges(fields: ["reviewBatch": "B7"]), options: BulkOptions(batchSize: 1000))
            emulator.setFaults([])

            #expect(report.isComplete, "\(report.summary)")
            #expect(report.succeeded == ids)
            #expect(report.batches.count == 20)
            // An operation whose POST was answered but whose answer was lost is replayed, not started again.
            #expect(emulator.bulkOperationCount() == 20)
            let stats = emulator.stats()
            #expect(stats.faultsInjected > 0)
            let records = try await Self.records(client, projectId)
            #expect(records.count == 20_000)
            #expect(records.allSatisfy { $0.fields["reviewBatch"] == "B7" })
        }
    }

    @Test("transiently locked records are resubmitted until they succeed; with no attempts left they are reported", arguments: TransportKind.allCases)
    func lockedRecordsAreRetried(transport: TransportKind) async throws {
        try await withEmulator(EmulatorConfiguration(seedRecords: 2_000, bulkLockRate: 0.2), transport: transport) { emulator, client in
            let projectId = emulator.seed.projectId
            let ids = try await Self.allIds(client, projectId)
            let report = try await client.bulk.tagRecords(ids, in: projectId, tags: ["hot"],
                                                          options: BulkOptions(batchSize: 500, recordAttempts: 8))
            #expect(report.isComplete, "\(report.summary)")
            #expect(report.succeeded.count == 2_000)
            #expect(emulator.bulkOperationCount() > 4)  // the 4 batches, then resubmissions of the locked records
            #expect(report.batches.count == emulator.bulkOperationCount())

            let once = try await client.bulk.tagRecords(ids, in: projectId, tags: ["warm"],
                                                        options: BulkOptions(batchSize: 500, recordAttempts: 1))
            #expect(!once.failed.isEmpty)
            #expect(once.succeeded.count + once.failed.count == 2_000)
            #expect(once.failed.allSatisfy { $0.error.serverCode == "RECORD_LOCKED" && $0.error.code == .conflict && $0.attempts == 1 })
            #expect(Set(once.succeeded).isDisjoint(with: once.failed.map(\.recordId)))
        }
    }

    @Test("records that do not exist are reported as not found, never dropped; duplicates are processed once", arguments: TransportKind.allCases)
    func missingRecordsAreReported(transport: TransportKind) async throws {
        try await withEmulator(EmulatorConfiguration(seedRecords: 50), transport: transport) { emulator, client in
            let projectId = emulator.seed.projectId
            let ids = try await Self.allIds(client, projectId)
            let report = try await client.bulk.assignRecords(["missing-1"] + ids + ["missing-2", ids[0]], in: projectId, to: "reviewer7",
                                                             options: BulkOptions(batchSize: 20))
            #expect(report.succeeded == ids)
            #expect(report.failed.map(\.recordId) == ["missing-1", "missing-2"])
            #expect(report.failed.allSatisfy { $0.error.code == .notFound })
            #expect(emulator.bulkOperationCount() == 3)  // 52 distinct ids in batches of 20
            #expect(try await client.records.get(id: ids[3]).assignedTo == "reviewer7")
        }
    }

    @Test("invalid arguments throw before anything is sent", arguments: TransportKind.allCases)
    func invalidArguments(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let projectId = emulator.seed.projectId
            let error = try await expectIconectError {
                try await client.bulk.deleteRecords(["a"], in: projectId, options: BulkOptions(batchSize: 20_000))
            }
            #expect(error.code == .validation && error.fieldErrors["batchSize"] != nil)
            let empty = try await expectIconectError { try await client.bulk.tagRecords(["a"], in: projectId, tags: []) }
            #expect(empty.fieldErrors["tags"] != nil)
            let report = try await client.bulk.deleteRecords([], in: projectId)
            #expect(report.isComplete && report.succeeded.isEmpty)
            #expect(emulator.stats().count("POST", "/v1/records/bulk") == 0)
        }
    }

    @Test("progress counts up to the total and the stream ends with the job", arguments: TransportKind.allCases)
    func progressReachesTheTotal(transport: TransportKind) async throws {
        try await withEmulator(EmulatorConfiguration(seedRecords: 3_000), transport: transport) { emulator, client in
            let projectId = emulator.seed.projectId
            let ids = try await Self.allIds(client, projectId)
            let (progress, reporter) = AsyncStream.makeStream(of: BulkProgress.self)
            async let report = client.bulk.moveRecords(ids, in: projectId, toFolder: "folder-9",
                                                       options: BulkOptions(batchSize: 500, concurrency: 2), progress: reporter)
            var seen: [BulkProgress] = []
            for await step in progress { seen.append(step) }
            #expect(try await report.isComplete)
            #expect(seen.first?.done == 0)
            #expect(seen.last?.done == 3_000 && seen.last?.total == 3_000 && seen.last?.failed == 0)
            #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.done <= $1.done })
        }
    }

    @Test("cancelling a bulk job stops submitting and accounts for every id", arguments: TransportKind.allCases)
    func cancellationReportsEverything(transport: TransportKind) async throws {
        try await withEmulator(EmulatorConfiguration(seedRecords: 2_000), transport: transport) { emulator, client in
            let projectId = emulator.seed.projectId
            let ids = try await Self.allIds(client, projectId)
            emulator.setFaults([FaultRule(method: "POST", path: "/v1/records/bulk", latencyMs: 50)])
            let (progress, reporter) = AsyncStream.makeStream(of: BulkProgress.self)
            let job = Task {
                try await client.bulk.tagRecords(ids, in: projectId, tags: ["x"], options: BulkOptions(batchSize: 100, concurrency: 1),
                                                 progress: reporter)
            }
            for await step in progress where step.done >= 200 {
                job.cancel()
                break
            }
            let report = try await job.value
            #expect(report.wasCancelled)
            #expect(report.succeeded.count >= 200)
            #expect(!report.notSubmitted.isEmpty)
            let accounted = report.succeeded + report.failed.map(\.recordId) + report.unknown + report.notSubmitted
            #expect(accounted.count == ids.count && Set(accounted) == Set(ids))
            // Operations the server started: every succeeded batch, and at most the unknown ones besides.
            #expect(emulator.bulkOperationCount() * 100 >= report.succeeded.count)
            #expect(emulator.bulkOperationCount() * 100 <= report.succeeded.count + report.unknown.count)
        }
    }

    @Test("client-side fan-out: outcomes in input order, failures kept, nothing created twice", arguments: TransportKind.allCases)
    func runKeepsOrderAndFailures(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let projectId = emulator.seed.projectId
            let documents = (0..<300).map { String(format: "FAN-%04d", $0) }
            let report = try await client.bulk.run(documents, concurrency: 16) { document in
                if document.hasSuffix("7") { throw IconectError(.validation, "refused \(document)") }
                return try await client.records.create(NewRecord(documentId: document, projectId: projectId, fields: ["n": 1])).documentId
            }
            #expect(report.outcomes.count == 300)
            #expect(report.values == documents.filter { !$0.hasSuffix("7") })
            #expect(report.failures.map(\.index) == documents.indices.filter { documents[$0].hasSuffix("7") })
            #expect(report.notRunCount == 0 && !report.wasCancelled)
            #expect(emulator.stats().count("POST", "/v1/records", status: 201) == 270)
        }
    }

    @Test("stopOnFirstError leaves later items not run", arguments: TransportKind.allCases)
    func stopOnFirstError(transport: TransportKind) async throws {
        let report = try await withEmulator(transport: transport) { _, client in
            try await client.bulk.run(Array(0..<50), concurrency: 1, stopOnFirstError: true) { item in
                if item == 5 { throw IconectError(.validation, "five") }
                return item
            }
        }
        #expect(report.values == [0, 1, 2, 3, 4])
        #expect(report.failures.map(\.index) == [5])
        #expect(report.notRunCount == 44)
    }

    @Test("the rate limit spaces the starts", arguments: TransportKind.allCases)
    func rateLimit(transport: TransportKind) async throws {
        let started = Mutex<[ContinuousClock.Instant]>([])
        let report = try await withEmulator(transport: transport) { _, client in
            try await client.bulk.run(Array(0..<21), concurrency: 8, ratePerSecond: 100) { item in
                started.withLock { $0.append(.now) }
                return item
            }
        }
        #expect(report.isComplete)
        let times = started.withLock { $0 }.sorted()
        // 21 starts at 100/s: the first is free, the other 20 need at least 200 ms between them.
        #expect(try #require(times.last) - (try #require(times.first)) >= .milliseconds(190))
    }

    @Test("large JSON bodies go gzip-compressed; a server that refuses that gets plain bodies from then on", arguments: TransportKind.allCases)
    func compressedRequestBodies(transport: TransportKind) async throws {
        try await withEmulator(EmulatorConfiguration(seedRecords: 4_000), transport: transport) { emulator, client in
            let projectId = emulator.seed.projectId
            let ids = try await Self.allIds(client, projectId)
            _ = try await client.bulk.tagRecords(ids, in: projectId, tags: ["a"], options: BulkOptions(batchSize: 4_000))
            let first = try #require(emulator.stats().recentRequests.last { $0.method == "POST" && $0.route == "/v1/records/bulk" })
            #expect(first.contentEncoding == "gzip")

            emulator.setFaults([FaultRule(method: "POST", path: "/v1/records/bulk", status: 415, times: 1)])
            let report = try await client.bulk.tagRecords(ids, in: projectId, tags: ["b"], options: BulkOptions(batchSize: 4_000))
            #expect(report.isComplete)
            _ = try await client.bulk.tagRecords(ids, in: projectId, tags: ["c"], options: BulkOptions(batchSize: 4_000))
            let posts = emulator.stats().recentRequests.filter { $0.method == "POST" && $0.route == "/v1/records/bulk" }
            #expect(posts.suffix(3).map(\.contentEncoding) == ["gzip", nil, nil])
            #expect(emulator.bulkOperationCount() == 3)
        }
    }
}
