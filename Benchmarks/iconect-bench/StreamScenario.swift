import Foundation
import Iconect

/// Streams every seeded record through `paginate(_:).items`: records per second and the process's peak resident memory.
struct StreamScenario {
    let environment: BenchEnvironment
    let records: Int
    let transports: [BenchTransport]

    func run(_ report: Report) async throws {
        for transport in transports { try await run(report, transport) }
    }

    private func run(_ report: Report, _ transport: BenchTransport) async throws {
        let client = try environment.makeClient(transport)
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
        report.figure("stream records, \(transport.label)", Double(count), "records")
        report.figure("stream rate, \(transport.label)", Double(count) / elapsed, "records/s")
        report.figure("stream peak RSS, \(transport.label) (whole bench process)", ResidentMemory.peakMB, "MB")
        report.figure("stream RSS before streaming, \(transport.label)", baseline, "MB")
        if checksum == 0 { report.note("no records") }
        await client.shutdown()
    }
}
