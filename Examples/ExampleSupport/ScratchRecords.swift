import Foundation
import Iconect

/// Records an example creates for itself, so that it changes nothing it did not make, even on a real deployment, and
/// deletes afterwards.
public enum ScratchRecords {
    /// Creates `count` records in the context's project, 16 at a time, and returns their ids in order.
    public static func create(_ count: Int, in context: ExampleContext, label: String) async throws -> [String] {
        let projectId = context.projectId
        let client = context.client
        let run = UUID().uuidString.prefix(8)
        let report = try await client.bulk.run(Array(0..<count), concurrency: 16) { number in
            try await client.records.create(NewRecord(
                documentId: "EX-\(run)-\(number)", projectId: projectId,
                fields: ["title": .string("\(label) \(number)"), "custodian": "Examples", "docDate": "2024-06-01"]))
        }
        guard report.isComplete else {
            throw ExampleError("could not create \(count) scratch records: \(report.failures.first.map { "\($0.error)" } ?? "cancelled")")
        }
        return report.values.map(\.id)
    }

    /// Deletes the records (a bulk delete).
    public static func delete(_ ids: [String], in context: ExampleContext) async throws {
        guard !ids.isEmpty else { return }
        let report = try await context.client.bulk.deleteRecords(ids, in: context.projectId)
        guard report.isComplete else { throw ExampleError("could not delete the scratch records: \(report.summary)") }
    }
}
