// The performance guide's chapter "Batch Operations", run: one function per section. It works on records it creates and
// deletes afterwards, so it changes nothing else, even on a real deployment.
//
//   swift run batch-operations [--small]
import ExampleSupport
import Foundation
import Iconect

@main
struct BatchOperations {
    static func main() async {
        await Example.run("Batch Operations") { context in
            try await bulkRecordOperations(context)
            try await batchProcessingPattern(context)
        }
    }

    /// Bulk Record Operations: one `client.bulk` call per job, split into server-side operations of 1,000 records, 4 at once,
    /// each polled to its end, with every id accounted for in the report.
    static func bulkRecordOperations(_ context: ExampleContext) async throws {
        context.report.section("Bulk Record Operations")
        let ids = try await ScratchRecords.create(context.size(10_000, small: 1_000), in: context, label: "Bulk example")
        let singles = Array(ids.prefix(context.size(500, small: 100)))

        // The guide's "bad" way: one update request per record.
        let (_, singleTime) = try await timed {
            for id in singles {
                _ = try await context.client.records.update(id: id, RecordChanges(fields: ["status": "processed"]))
            }
        }
        // The SDK's way: one bulk job.
        let (report, bulkTime) = try await timed {
            try await context.client.bulk.updateRecords(ids, in: context.projectId, changes: RecordChanges(fields: ["status": "processed"]))
        }
        let bulkRate = Double(report.succeeded.count) / bulkTime.seconds
        let singleRate = Double(singles.count) / singleTime.seconds
        context.report.figure("bulk update of \(ids.count) records", "\(Format.rate(bulkRate, unit: "records/s")), "
                              + "\(report.batches.count) operations", target: "> 100 records/s",
                              naive: "a request per record: \(Format.rate(singleRate, unit: "records/s"))")
        context.report.note(report.summary)
        context.report.check(report.isComplete, "every record of the bulk job succeeded")
        context.report.check(bulkRate > 100, "the bulk job runs at more than 100 records/s")
        context.report.check(bulkRate > singleRate, "the bulk job beats a request per record")
        let sample = try await context.client.records.get(id: ids[ids.count / 2])
        context.report.check(sample.fields["status"] == "processed", "a record in the middle of the job carries the new value")
        try await ScratchRecords.delete(ids, in: context)
    }

    /// Batch Processing Pattern: for work with no bulk endpoint, `client.bulk.run` keeps a number of calls in flight under a
    /// token-bucket rate limit, instead of the guide's bursts of 100 followed by a 1-second pause.
    static func batchProcessingPattern(_ context: ExampleContext) async throws {
        context.report.section("Batch Processing Pattern")
        let count = context.size(600, small: 150)
        let limit = Double(context.size(300, small: 150))
        let projectId = context.projectId
        let client = context.client
        let create: @Sendable (Int) async throws -> Record = { number in
            try await client.records.create(NewRecord(documentId: "EX-BATCH-\(UUID().uuidString.prefix(8))-\(number)",
                                                      projectId: projectId, fields: ["title": .string("Batch example \(number)")]))
        }

        // The guide's processBatch: 100 at once, then a 1-second pause.
        let (naiveIds, naiveTime) = try await timed {
            var ids: [String] = []
            for start in stride(from: 0, to: count, by: 100) {
                ids += try await withThrowingTaskGroup(of: String.self) { group in
                    for number in start..<min(start + 100, count) { group.addTask { try await create(number).id } }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                if start + 100 < count { try await Task.sleep(for: .seconds(1)) }
            }
            return ids
        }

        // The SDK's: at most 16 in flight, at most `limit` starts a second, outcomes in input order.
        let (run, time) = try await timed {
            try await client.bulk.run(Array(0..<count), concurrency: 16, ratePerSecond: limit) { try await create($0) }
        }
        let rate = Double(run.succeededCount) / time.seconds
        context.report.figure("\(count) creations at ≤ \(Int(limit))/s, 16 in flight",
                              "\(Format.duration(time)), \(Format.rate(rate, unit: "records/s"))",
                              naive: "bursts of 100 + 1 s pauses: \(Format.duration(naiveTime)), "
                                  + Format.rate(naiveIds.count, per: naiveTime, unit: "records/s"))
        context.report.check(run.isComplete, "every item of the run succeeded, in input order")
        context.report.check(rate <= limit * 1.1, "the rate limit held (\(Int(rate)) ≤ \(Int(limit)) a second, 10% slack)")
        context.report.check(time < naiveTime, "the rate-limited run finished before the bursts-and-pauses pattern")
        try await ScratchRecords.delete(naiveIds + run.values.map(\.id), in: context)
    }
}
