import Foundation
import HTTPTypes
import Iconect
import IconectEmulator
import Testing

/// The bulk engine's failure branches: a submission the server refuses, a status that cannot be read, an operation that
/// fails as a whole.
@Suite("Bulk engine: refusals and lost status", .timeLimit(.minutes(10)))
struct BulkFailureTests {
    @Test("a refused submission fails every record of its batch with the server's error; nothing is applied",
          arguments: TransportKind.allCases)
    func refusedSubmission(transport: TransportKind) async throws {
        try await withEmulator(EmulatorConfiguration(seedRecords: 30), transport: transport) { emulator, client in
            let projectId = emulator.seed.projectId
            let ids = try await BulkTests.allIds(client, projectId)
            // The second submission is refused (403), the others go through.
            emulator.setFaults([FaultRule(method: "POST", path: "/v1/records/bulk", status: 403, times: 1, skip: 1)])
            let report = try await client.bulk.tagRecords(ids, in: projectId, tags: ["refused"],
                                                          options: BulkOptions(batchSize: 10, concurrency: 1))
            #expect(report.succeeded == Array(ids[0..<10]) + Array(ids[20..<30]), "\(report.summary)")
            #expect(report.failed.map(\.recordId) == Array(ids[10..<20]))
            #expect(report.failed.allSatisfy { $0.error.code == .forbidden && $0.error.status == 403 && $0.attempts == 1 })
            #expect(report.unknown.isEmpty)
            #expect(!report.isComplete)
            let stats = emulator.stats()
            #expect(stats.count("POST", "/v1/records/bulk", status: 403) == 1, "a refusal is not resubmitted")
            #expect(emulator.bulkOperationCount() == 2)
            let revisions = emulator.recordRevisions(Array(ids[10..<20]))
            #expect(revisions.values.allSatisfy { $0 == 0 }, "the refused records were not touched: \(revisions)")
        }
    }

    @Test("a status that cannot be read leaves the records unknown and names the operation to check later",
          arguments: TransportKind.allCases)
    func statusPollFails(transport: TransportKind) async throws {
        try await withEmulator(EmulatorConfiguration(seedRecords: 20), transport: transport) { emulator, client in
            let projectId = emulator.seed.projectId
            let ids = try await BulkTests.allIds(client, projectId)
            // The job runs on the server, but every poll of its status fails.
            emulator.setFaults([FaultRule(method: "GET", path: "/v1/records/bulk/*", status: 503)])
            let report = try await client.bulk.tagRecords(
                ids, in: projectId, tags: ["unseen"],
                options: BulkOptions(batchSize: 20, pollInterval: .milliseconds(5), maxPollInterval: .milliseconds(20),
                                     confirmationAttempts: 3))
            #expect(report.failed.isEmpty, "an unread status is no failure: \(report.summary)")
            #expect(Set(report.unknown) == Set(ids))
            #expect(report.succeeded.isEmpty)
            let operationId = try #require(report.pendingOperationIds.first)
            #expect(report.pendingOperationIds.count == 1)
            #expect(emulator.stats().count("GET", "/v1/records/bulk/{id}", status: 503) >= 3)
            #expect(emulator.bulkOperationCount() == 1, "the submission was not repeated")

            // Once the status can be read again, the named operation tells what happened.
            emulator.setFaults([])
            let operation = try await client.records.bulkOperation(id: operationId)
            #expect(operation.totalRecords == ids.count)
        }
    }

    @Test("an operation that fails as a whole without per-record errors leaves its records unknown, not failed",
          arguments: TransportKind.allCases)
    func operationFailsAsAWhole(transport: TransportKind) async throws {
        let failWholesale: RewritingTransport.Rewrite = { request, response in
            guard request.path?.contains("/records/bulk") == true, (200..<300).contains(response.status),
                  var object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any], object["operationId"] != nil
            else { return }
            object["status"] = "failed"
            object["errors"] = [Any]()
            if let body = try? JSONSerialization.data(withJSONObject: object) { response.body = body }
        }
        try await withEmulator(EmulatorConfiguration(seedRecords: 10), transport: transport,
                               wrap: { RewritingTransport($0, rewrite: failWholesale) }) { emulator, client in
            let projectId = emulator.seed.projectId
            let ids = try await BulkTests.allIds(client, projectId)
            let report = try await client.bulk.tagRecords(ids, in: projectId, tags: ["x"], options: BulkOptions(batchSize: 10))
            #expect(report.failed.isEmpty, "\(report.summary)")
            #expect(Set(report.unknown) == Set(ids))
            #expect(report.batches.count == 1)
            #expect(emulator.bulkOperationCount() == 1, "an operation that ended is not resubmitted")
        }
    }
}
