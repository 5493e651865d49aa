import Foundation
import Iconect

/// Streams every seeded record through `paginate(_:).items`: records per second and the process's peak resident memory.
struct StreamScenario {
    let environment: BenchEnvironment
    let records: Int

    func run(_ report: Report) async throws {
        let client = try environment.makeClient()
        let query = RecordQuery(projectId: environment.projectId)
        _ = try await client.records.search(query.page(1, size: 10))
        let baseline = ResidentMemory.currentMB
        ResidentMemory.resetPeak()
        let start = ContinuousClock.now
        var count = 0
        var checksum = 0
        for try await record in client.records.paginate(query).items {
            count += 1
            checksum &+= record.id.utf8.count
        }
        let elapsed = (ContinuousClock.now - start).seconds
        guard count >= min(records, 1) else { throw BenchError("streamed \(count) records, expected \(records)") }
        report.figure("stream records", Double(count), "records")
        report.figure("stream rate", Double(count) / elapsed, "records/s")
        report.figure("stream peak RSS (whole bench process)", ResidentMemory.peakMB, "MB")
        report.figure("stream RSS before streaming", baseline, "MB")
        if checksum == 0 { report.note("no records") }
        await client.shutdown()
    }
}
