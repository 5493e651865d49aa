import Crypto
import Foundation
import Iconect
import Synchronization

/// One soak worker: until the deadline, a random mix of searches through the cache, paginated reads, record creates and
/// updates, bulk updates, and uploads each followed by a download whose bytes are checked, everything entered in the ledger.
struct SoakWorkload: Sendable {
    let client: IconectClient
    let ledger: SoakLedger
    let environment: BenchEnvironment
    let worker: Int
    /// The seeded records this worker bulk-updates, in turn (disjoint from every other worker's).
    let pool: [String]
    let fileStoreId: String
    let scratch: URL

    static let custodians = ["Alvarez", "Chen", "Okafor", "Novak", "Haddad", "Lindqvist", "Mbeki", "Tanaka"]

    func run(until deadline: ContinuousClock.Instant) async {
        var random = SystemRandomNumberGenerator()
        var sequence = 0
        var created: [String] = []
        var uploads: [(id: String, digest: String)] = []
        var poolOffset = 0
        while ContinuousClock.now < deadline {
            sequence += 1
            let name = "SOAK-\(ledger.transport.rawValue)-\(worker)-\(sequence)"
            let roll = Int.random(in: 0..<100, using: &random)
            switch roll {
            case 0..<30:
                let custodian = Self.custodians.randomElement(using: &random) ?? "Chen"
                await ledger.measure {
                    _ = try await client.records.search(RecordQuery(projectId: environment.projectId)
                        .filter("custodian", .eq(.string(custodian))).page(1, size: 50), cache: .useCache)
                }
            case 30..<40:
                await ledger.measure {
                    var seen = 0
                    for try await _ in client.records.paginate(RecordQuery(projectId: environment.projectId).page(1, size: 100)).items {
                        seen += 1
                        if seen >= 300 { break }
                    }
                }
            case 40..<60:
                await ledger.measure {
                    do {
                        let record = try await client.records.create(NewRecord(documentId: name, projectId: environment.projectId,
                                                                               fields: ["custodian": "Soak", "n": .number(Double(sequence))]))
                        created.append(record.id)
                        ledger.state.withLock { $0.created.append(name) }
                    } catch {
                        ledger.state.withLock { $0.createFailed.append(name) }
                        throw error
                    }
                }
            case 60..<75:
                guard let id = created.randomElement(using: &random) else { continue }
                await ledger.measure { _ = try await client.records.update(id: id, RecordChanges(fields: ["n": .number(Double(sequence))])) }
            case 75..<85:
                let ids = (0..<100).map { pool[(poolOffset + $0) % pool.count] }
                poolOffset += 100
                await ledger.measure {
                    let report = try await client.bulk.updateRecords(ids, in: environment.projectId,
                                                                     changes: RecordChanges(fields: ["soak": .number(Double(sequence))]),
                                                                     options: BulkOptions(batchSize: 50, concurrency: 2))
                    ledger.state.withLock { state in
                        for id in report.succeeded { state.applied[id, default: 0] += 1 }
                        for id in report.unknown { state.unknown[id, default: 0] += 1 }
                    }
                    if let failure = report.failed.first { throw failure.error }
                }
            case 85..<95:
                let size = Int.random(in: 16_384...1_500_000, using: &random)
                await ledger.measure {
                    if let upload = try await uploadAndCheck(name: name + ".bin", size: size) { uploads.append(upload) }
                }
            default:
                guard let upload = uploads.randomElement(using: &random) else { continue }
                await ledger.measure {
                    let bytes = try await client.files.download(id: upload.id)
                    if SHA256.hash(data: bytes).hexString != upload.digest { ledger.state.withLock { $0.bytesWrong += 1 } }
                }
            }
        }
    }

    /// Uploads `size` random bytes from a file (chunked past 256 KiB), downloads them to a file, and counts a mismatch.
    private func uploadAndCheck(name: String, size: Int) async throws -> (id: String, digest: String)? {
        var bytes = Data(count: size)
        bytes.withUnsafeMutableBytes { raw in
            var generator = SystemRandomNumberGenerator()
            for index in stride(from: 0, to: raw.count, by: 8) {
                var value = generator.next()
                withUnsafeBytes(of: &value) { word in
                    for offset in 0..<min(8, raw.count - index) { raw[index + offset] = word[offset] }
                }
            }
        }
        let digest = SHA256.hash(data: bytes).hexString
        let source = scratch.appendingPathComponent(name)
        let copy = scratch.appendingPathComponent(name + ".down")
        defer {
            try? FileManager.default.removeItem(at: source)
            try? FileManager.default.removeItem(at: copy)
        }
        try bytes.write(to: source)
        let file: File
        do {
            file = try await client.files.upload(fileAt: source, options: FileUploadOptions(
                fileName: name, projectId: environment.projectId, fileStoreId: fileStoreId),
                transfer: TransferOptions(chunkSize: 256 * 1024, concurrency: 2, compression: .never))
            ledger.state.withLock { $0.uploaded.append(name) }
        } catch {
            ledger.state.withLock { $0.uploadFailed.append(name) }
            throw error
        }
        try await client.files.download(id: file.id, to: copy, segmentSize: 512 * 1024)
        let reader = try FileHandle(forReadingFrom: copy)
        defer { try? reader.close() }
        if SHA256.hash(data: reader.readDataToEndOfFile()).hexString != digest { ledger.state.withLock { $0.bytesWrong += 1 } }
        return (file.id, digest)
    }
}

extension Digest {
    /// Lower-case hexadecimal.
    var hexString: String { map { String(format: "%02x", $0) }.joined() }
}
