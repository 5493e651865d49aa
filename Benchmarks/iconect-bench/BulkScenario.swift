import Foundation
import Iconect

/// Updating many records through the bulk endpoint with `client.bulk` (batches of 1,000, 4 in flight, each polled to its
/// end), beside a bare `URLSession` loop that submits and polls the same batches.
struct BulkScenario {
    let environment: BenchEnvironment
    let records: Int
    let transports: [BenchTransport]

    func run(_ report: Report) async throws {
        let lister = try environment.makeClient()
        let ids = try await lister.records.paginate(RecordQuery(projectId: environment.projectId).page(1, size: 1000))
            .items.prefix(records).reduce(into: [String]()) { $0.append($1.id) }
        await lister.shutdown()
        guard ids.count == records else { throw BenchError("the project has \(ids.count) records, the bulk scenario needs \(records)") }

        let bare = try await BareClient(environment: environment, path: "records/bulk")
        let floorStart = ContinuousClock.now
        try await bareBulk(bare, ids)
        let floor = Double(ids.count) / (ContinuousClock.now - floorStart).seconds
        bare.close()

        for transport in transports {
            let client = try environment.makeClient(transport)
            let start = ContinuousClock.now
            let result = try await client.bulk.updateRecords(ids, in: environment.projectId,
                                                             changes: RecordChanges(fields: ["benchBatch": "sdk"]))
            let rate = Double(ids.count) / (ContinuousClock.now - start).seconds
            guard result.isComplete else { throw BenchError("bulk update: \(result.summary)") }
            report.figure("bulk update \(records) records, \(transport.label) (SDK vs bare URLSession loop)", rate, "records/s",
                          reference: floor)
            await client.shutdown()
        }
    }

    /// The same batches through bare requests: 4 workers, each submitting a batch and polling it to the end.
    private func bareBulk(_ bare: BareClient, _ ids: [String]) async throws {
        let batches = stride(from: 0, to: ids.count, by: 1000).map { Array(ids[$0..<min($0 + 1000, ids.count)]) }
        let projectId = environment.projectId
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    for batch in stride(from: worker, to: batches.count, by: 4).map({ batches[$0] }) {
                        let body: [String: Any] = ["projectId": projectId, "action": "update", "recordIds": batch,
                                                   "parameters": ["fields": ["benchBatch": "bare"]]]
                        let started = try await bare.send("POST", "records/bulk", json: JSONSerialization.data(withJSONObject: body))
                        guard let object = try JSONSerialization.jsonObject(with: started) as? [String: Any],
                              let id = object["operationId"] as? String else { throw BenchError("no operationId") }
                        var status = object["status"] as? String
                        var wait = Duration.milliseconds(10)
                        while status != "completed" && status != "failed" {
                            try await Task.sleep(for: wait)
                            wait = min(wait * 2, .seconds(1))
                            let polled = try await bare.send("GET", "records/bulk/\(id)", json: Data())
                            status = (try JSONSerialization.jsonObject(with: polled) as? [String: Any])?["status"] as? String
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}
