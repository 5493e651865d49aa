import Foundation
import Logging

/// Sends a file from disk through a chunked upload session: the whole-file SHA-256 first (streamed), then the chunks with
/// several in flight, each read from disk at its offset only when it is sent and carrying its own SHA-256, then completion.
///
/// Memory is bounded by `chunkSize × concurrency`, never by the file's size. A chunk that fails is retried by the request
/// pipeline (PUT is idempotent: resending a stored chunk is harmless); when the upload fails for good or the task is cancelled,
/// the session is aborted.
struct ChunkedUploader: Sendable {
    let files: FilesResource
    let chunkSize: Int
    let concurrency: Int

    /// Uploads the file `reader` has open (the caller owns and closes it).
    func upload(_ reader: FileReader, options: FileUploadOptions) async throws -> File {
        let url = reader.url
        let plan = try ChunkPlan(fileSize: reader.size, chunkSize: chunkSize)
        let digest = try reader.sha256()
        let session = try await files.initiateChunkedUpload(options: options, fileSize: reader.size, chunkSize: plan.chunkSize,
                                                            sha256: digest)
        do {
            try await sendChunks(plan: plan, reader: reader, sessionId: session.id, skipping: Set(session.uploadedChunks))
            let file = try await files.completeChunkedUpload(sessionId: session.id)
            if let hash = file.hash, hash.count == 64, hash.lowercased() != digest {
                throw IconectError(.checksumMismatch, "the server stored \(url.lastPathComponent) with SHA-256 \(hash), "
                                   + "but the file's is \(digest)", operation: Route.completeChunkedUpload.operation)
            }
            return file
        } catch {
            // Leave nothing half-done on the server; the abort must run even when this task was cancelled.
            let sessionId = session.id
            let files = self.files
            await Task.detached { try? await files.abortChunkedUpload(sessionId: sessionId) }.value
            throw error
        }
    }

    private func sendChunks(plan: ChunkPlan, reader: FileReader, sessionId: String, skipping: Set<Int>) async throws {
        let pending = (0..<plan.chunkCount).filter { !skipping.contains($0) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = pending.makeIterator()
            func startNext() -> Bool {
                guard let number = next.next() else { return false }
                group.addTask {
                    let (offset, length) = plan.range(of: number)
                    let bytes = try reader.read(offset: offset, length: length)
                    try await files.uploadChunk(sessionId: sessionId, number: number, data: bytes)
                }
                return true
            }
            for _ in 0..<max(1, concurrency) where !startNext() { break }
            while try await group.next() != nil {
                _ = startNext()
            }
        }
    }
}
