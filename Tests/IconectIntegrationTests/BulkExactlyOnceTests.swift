import Foundation
import Iconect
import IconectEmulator
import Testing

/// Bulk jobs whose answers are lost on the way: every id is accounted for once, a change is applied at most once (checked
/// against the emulator's own count of changes per record), and resubmitting the failed ids never applies one twice.
@Suite("Bulk: exactly once under lost answers", .timeLimit(.minutes(5)))
struct BulkExactlyOnceTests {
    @Test("dropped answers to submissions and polls: nothing reported failed, nothing applied twice", arguments: TransportKind.allCases)
    func droppedAnswers(transport: TransportKind) async throws {
        try await withEmulator(EmulatorConfiguration(seedRecords: 1_000), transport: transport) { emulator, client in
            let projectId = emulator.seed.projectId
            let ids = try await BulkTests.allIds(client, projectId)
            #expect(ids.count == 1_000)
            emulator.setFaults([
                FaultRule(method: "POST", path: "/v1/records/bulk", drop: .afterHandling, probability: 0.5),
                FaultRule(method: "GET", path: "/v1/records/bulk/*", drop: .afterHandling, probability: 0.3),
            ])
            let report = try await client.bulk.updateRecords(ids, in: projectId, changes: RecordChanges(priority: .high),
                                                             options: BulkOptions(batchSize: 100, concurrency: 4))
            emulator.setFaults([])
            #expect(emulator.stats().faultsInjected > 0, "answers were dropped")
            let accounted = report.succeeded + report.failed.map(\.recordId) + report.unknown + report.notSubmitted
            #expect(accounted.count == ids.count && Set(accounted) == Set(ids), "every id once")
            #expect(report.failed.isEmpty, "a lost answer is not a failure: \(report.summary)")
            #expect(report.unknown.isEmpty, "every answer was eventually learned: \(report.summary)")
            let revisions = emulator.recordRevisions(ids)
            #expect(revisions.values.allSatisfy { $0 == 1 }, "applied exactly once: \(Dictionary(grouping: revisions.values) { $0 }.mapValues(\.count))")
            // One operation per batch: resubmissions were replays.
            #expect(emulator.bulkOperationCount() == 10)
        }
    }

    @Test("resubmitting the failed ids applies each change once", arguments: TransportKind.allCases)
    func resubmittingFailures(transport: TransportKind) async throws {
        try await withEmulator(EmulatorConfiguration(seedRecords: 400, bulkLockRate: 0.2), transport: transport) { emulator, client in
            let projectId = emulator.seed.projectId
            let ids = try await BulkTests.allIds(client, projectId)
            let missing = (0..<20).map { "rec-missing-\($0)" }
            emulator.setFaults([FaultRule(method: "POST", path: "/v1/records/bulk", drop: .afterHandling, probability: 0.4)])
            // One attempt per record: the locked ones fail (the server reported them unprocessed), with the missing ones.
            let options = BulkOptions(batchSize: 50, concurrency: 4, recordAttempts: 1)
            let first = try await client.bulk.updateRecords(ids + missing, in: projectId, changes: RecordChanges(priority: .low),
                                                            options: options)
            #expect(Set(missing).isSubset(of: Set(first.failed.map(\.recordId))))
            #expect(first.unknown.isEmpty, "\(first.summary)")
            let failedExisting = first.failed.map(\.recordId).filter { !$0.hasPrefix("rec-missing") }
            #expect(!failedExisting.isEmpty, "some records were locked")
            var revisions = emulator.recordRevisions(ids)
            #expect(first.succeeded.allSatisfy { revisions[$0] == 1 })
            #expect(failedExisting.allSatisfy { revisions[$0] == 0 }, "a failed record was not changed")

            // Resubmit what failed, until nothing is locked any more: each record changes once in all.
            var pending = failedExisting
            for _ in 0..<10 where !pending.isEmpty {
                let again = try await client.bulk.updateRecords(pending, in: projectId, changes: RecordChanges(priority: .low),
                                                                options: options)
                #expect(again.unknown.isEmpty, "\(again.summary)")
                pending = again.failed.map(\.recordId)
            }
            revisions = emulator.recordRevisions(ids)
            #expect(revisions.values.allSatisfy { $0 <= 1 }, "never twice")
            #expect(pending.isEmpty || pending.allSatisfy { revisions[$0] == 0 })
        }
    }

    @Test("a server that stays silent leaves the records unknown, not failed", arguments: TransportKind.allCases)
    func silentServer(transport: TransportKind) async throws {
        try await withEmulator(EmulatorConfiguration(seedRecords: 100), transport: transport) { emulator, client in
            let projectId = emulator.seed.projectId
            let ids = try await BulkTests.allIds(client, projectId)
            emulator.setFaults([FaultRule(method: "POST", path: "/v1/records/bulk", drop: .afterHandling)])
            let report = try await client.bulk.tagRecords(ids, in: projectId, tags: ["t"],
                                                          options: BulkOptions(batchSize: 100, confirmationAttempts: 3))
            #expect(report.failed.isEmpty)
            #expect(Set(report.unknown) == Set(ids))
            #expect(emulator.bulkOperationCount() == 1, "resubmissions with the same key started nothing new")
            #expect(emulator.recordRevisions(ids).values.allSatisfy { $0 <= 1 })
        }
    }
}
