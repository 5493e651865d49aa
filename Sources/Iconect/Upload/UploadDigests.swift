import Foundation

/// The SHA-256 digests an upload needs before its chunks go out: the whole file's (for the session) and each pending
/// chunk's (for `X-Chunk-SHA256`), computed in one go with the work spread over the cores.
///
/// Hashing is the client's main work in an upload. Done up front, while nothing else can run yet (the session needs the
/// whole file's digest), it keeps every core busy; done during the transfer, it would compete with the I/O instead.
struct UploadDigests: Sendable {
    /// The whole file's digest.
    let file: String
    /// The digest of every pending chunk, by number.
    let chunks: [Int: String]

    /// Hashes the file (unless `fileDigest` is already known) and the chunks `pending` of `plan`, reading from `reader`.
    static func compute(_ plan: ChunkPlan, pending: [Int], reader: FileReader, fileDigest: String?,
                        cores: Int = ProcessInfo.processInfo.activeProcessorCount) async throws -> UploadDigests {
        let needsFile = fileDigest == nil
        // One task for the whole file when it is needed; the chunks split into contiguous runs over the other cores.
        let runs = max(1, cores - (needsFile ? 1 : 0))
        let perRun = max(1, (pending.count + runs - 1) / runs)
        return try await withThrowingTaskGroup(of: (String?, [Int: String]).self) { group in
            if needsFile {
                group.addTask { (try reader.sha256(), [:]) }
            }
            for start in stride(from: 0, to: pending.count, by: perRun) {
                let numbers = pending[start..<min(start + perRun, pending.count)]
                group.addTask {
                    var digests: [Int: String] = [:]
                    digests.reserveCapacity(numbers.count)
                    for number in numbers {
                        try Task.checkCancellation()
                        let (offset, length) = plan.range(of: number)
                        digests[number] = try reader.sha256(offset: offset, length: Int64(length))
                    }
                    return (nil, digests)
                }
            }
            var file = fileDigest
            var chunks: [Int: String] = [:]
            chunks.reserveCapacity(pending.count)
            for try await (digest, digests) in group {
                if let digest { file = digest }
                chunks.merge(digests) { first, _ in first }
            }
            guard let file else { throw IconectError(.transport, "the file's digest was not computed") }
            return UploadDigests(file: file, chunks: chunks)
        }
    }
}
