import Foundation
import Iconect

/// Individual record updates fanned out with `client.bulk.run` at a fixed concurrency, beside the same PUTs through a bare
/// `URLSession` at the same concurrency.
struct FanoutScenario {
    let environment: BenchEnvironment
    let updates: Int
    let concurrency: Int
    let transports: [BenchTransport]

    func run(_ report: Report) async throws {
        let lister = try environment.makeClient()
        let ids = try await lister.records.paginate(RecordQuery(projectId: environment.projectId).page(1, size: 1000))
            .items.prefix(updates).reduce(into: [String]()) { $0.append($1.id) }
        await lister.shutdown()
        guard !ids.isEmpty else { throw BenchError("the project has no records") }
        let work = (0..<updates).map { ids[$0 % ids.count] }

        let bare = try await BareClient(environment: environment, path: "records", connections: concurrency)
        let body = Data(#"{"fields":{"benchFanout":"bare"}}"#.utf8)
        let floorStart = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    for index in stride(from: worker, to: work.count, by: concurrency) {
                        _ = try await bare.send("PUT", "records/\(work[index])", json: body)
                    }
                }
            }
            try await group.waitForAll()
        }
        let floor = Double(work.count) / (ContinuousClock.now - floorStart).seconds
        bare.close()

        for transport in transports {
            let client = try environment.makeClient(transport, connections: concurrency)
            let start = ContinuousClock.now
            let result = try await client.bulk.run(work, concurrency: concurrency) { id in
                try await client.records.update(id: id, RecordChanges(fields: ["benchFanout": "sdk"]))
            }
            let rate = Double(work.count) / (ContinuousClock.now - start).seconds
            guard result.isComplete else {
                throw BenchError("fan-out: \(result.failures.count) failed, first: \(String(describing: result.failures.first?.error))")
            }
            report.figure("fan-out \(updates) updates at \(concurrency), \(transport.label) (SDK vs bare URLSession)", rate,
                          "records/s", reference: floor)
            await client.shutdown()
        }
    }
}
