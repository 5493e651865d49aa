import Foundation
import Iconect
import Synchronization

/// What one transport's soak workers were told by the SDK, to check against what the server holds at the end: the records
/// it reported created, the bulk changes it reported applied (or unknown), the files it reported uploaded; plus the
/// errors by code, the latencies, and the bytes that came back wrong.
final class SoakLedger: Sendable {
    struct State {
        var created: [String] = []
        var createFailed: [String] = []
        /// Record id → bulk changes reported applied / of unknown fate.
        var applied: [String: Int] = [:]
        var unknown: [String: Int] = [:]
        var uploaded: [String] = []
        var uploadFailed: [String] = []
        var errors: [String: Int] = [:]
        var bytesWrong = 0
        var operations = 0
        var latencies = Samples(capacity: 100_000)
    }

    let transport: BenchTransport
    let state = Mutex(State())

    init(transport: BenchTransport) {
        self.transport = transport
    }

    /// Runs one workload operation, timing it and counting its error by code.
    func measure(_ operation: () async throws -> Void) async {
        let start = ContinuousClock.now
        do {
            try await operation()
        } catch let error as IconectError {
            state.withLock { $0.errors[error.code.rawValue, default: 0] += 1 }
        } catch {
            state.withLock { $0.errors["other", default: 0] += 1 }
        }
        let elapsed = ContinuousClock.now - start
        state.withLock { state in
            state.operations += 1
            state.latencies.add(elapsed)
        }
    }

    /// What the server holds against what the SDK reported.
    struct Verdict {
        var lost = 0
        var appliedTwice = 0
    }

    /// Checks the ledger against the server, with a client that sees no faults.
    func verify(with client: IconectClient, environment: BenchEnvironment) async throws -> Verdict {
        let snapshot = state.withLock { $0 }
        var verdict = Verdict()
        // Records: every one reported created exists once; none of the failed creates exists twice.
        let counts = try await documentCounts(snapshot.created + snapshot.createFailed, client: client, projectId: environment.projectId)
        verdict.lost += snapshot.created.filter { counts[$0, default: 0] == 0 }.count
        verdict.appliedTwice += counts.values.filter { $0 > 1 }.count
        // Bulk changes: the server's own count of changes per record lies between what was reported applied and that plus
        // what was unknown.
        let touched = Array(Set(snapshot.applied.keys).union(snapshot.unknown.keys))
        var revisions: [String: Int] = [:]
        for start in stride(from: 0, to: touched.count, by: 5_000) {
            revisions.merge(try await environment.revisions(Array(touched[start..<min(start + 5_000, touched.count)]))) { $1 }
        }
        for id in touched {
            let actual = revisions[id, default: 0]
            let applied = snapshot.applied[id, default: 0]
            if actual < applied { verdict.lost += 1 }
            if actual > applied + snapshot.unknown[id, default: 0] { verdict.appliedTwice += 1 }
        }
        // Files: every one reported uploaded exists once; none of the failed uploads exists twice.
        let names = try await client.files.paginate(projectId: environment.projectId, ListOptions(pageSize: 100)).collect().map(\.name)
        let fileCounts = Dictionary(names.map { ($0, 1) }, uniquingKeysWith: +)
        verdict.lost += snapshot.uploaded.filter { fileCounts[$0, default: 0] == 0 }.count
        verdict.appliedTwice += (snapshot.uploaded + snapshot.uploadFailed).filter { fileCounts[$0, default: 0] > 1 }.count
        return verdict
    }

    /// How many records the server holds for each of `documentIds`.
    private func documentCounts(_ documentIds: [String], client: IconectClient, projectId: String) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for start in stride(from: 0, to: documentIds.count, by: 200) {
            let batch = documentIds[start..<min(start + 200, documentIds.count)].map(JSONValue.string)
            let query = RecordQuery(projectId: projectId).filter("documentId", .in(Array(batch))).fields(["documentId"]).page(1, size: 1000)
            for record in try await client.records.search(query).data {
                if let documentId = record.documentId { counts[documentId, default: 0] += 1 }
            }
        }
        return counts
    }
}
