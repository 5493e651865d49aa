import Foundation
import Logging

/// Sends a file from disk: optionally gzip-compressed first (streamed to a side file), then in one request when it fits in
/// one chunk, else through a chunked session with several chunks in flight, each read from disk at its offset only when it
/// is sent and carrying its own SHA-256, then completion, checked against the whole file's SHA-256.
///
/// Nothing is hashed before the first chunk goes out: each chunk's task hashes its own bytes just before sending them
/// (the server refuses a chunk whose bytes differ). The whole file's digest, when compression produced it or
/// ``TransferOptions/verifiesWholeFile`` asks for it (then computed beside the transfer), is checked against the stored
/// file's at completion; a stored file whose digest differs is deleted, and the upload fails with
/// ``IconectError/Code/checksumMismatch``.
///
/// Memory is bounded by `chunkSize × concurrency`, never by the file's size. A chunk that fails is sent again (PUT of a
/// stored chunk is harmless) up to ``TransferOptions/chunkAttempts`` times. With a resume directory, a record written when
/// the session opens lets a later run, even in another process, send only the chunks the server lacks. When the upload
/// fails for good or the task is cancelled, the session is aborted unless ``TransferOptions/keepsSessionForResume``.
struct ChunkedUploader: Sendable {
    let files: FilesResource
    let transfer: TransferOptions
    let progress: AsyncStream<UploadProgress>.Continuation?

    private var logger: Logger { files.pipeline.configuration.logger }

    // MARK: - Entry points

    /// Uploads the file at `url`, resuming from a record in the resume directory when one matches.
    func upload(fileAt url: URL, options: FileUploadOptions) async throws -> File {
        defer { progress?.finish() }
        let source = try FileReader(url: url)
        defer { source.close() }
        let modified = Self.modificationTime(of: url)
        let store = try transfer.resumeDirectory.map { try UploadResumeStore(directory: $0) }
        let key = UploadResumeStore.key(source: url, size: source.size, modified: modified, options: options, transfer: transfer)

        if let store, let record = store.load(key) {
            if let file = try await resume(record, source: source, modified: modified, store: store, key: key) { return file }
            store.remove(key)
        }

        // A fresh upload: compress when the policy says so, then plain or chunked.
        var metadata = options.metadata
        var payload = source
        var payloadDigest: String?
        var compressedCopy: URL?
        if transfer.compression.applies(size: source.size, mimeType: options.mimeType, fileName: options.fileName) {
            let writer = try store?.makeCompressedCopy(key) ?? PrivateTemporaryFiles.makeFile(prefix: "upload", suffix: ".gz")
            compressedCopy = writer.url
            let compressed: CompressedFile
            do {
                defer { writer.close() }
                compressed = try GzipStream.compressFile(source, into: writer)
            } catch {
                try? FileManager.default.removeItem(at: writer.url)
                throw error
            }
            metadata = CompressionMetadata.adding(to: metadata, compressed)
            payload = try FileReader(url: writer.url)
            payloadDigest = compressed.sha256
            logger.debug("compressed for upload", metadata: [
                "file": "\(options.fileName)", "bytes": "\(source.size)", "compressed": "\(compressed.size)"])
        }
        var stored = options
        stored.metadata = metadata
        defer {
            if payload.url != source.url { payload.close() }
            // Without a resume store the compressed copy lives only as long as this call.
            if store == nil, let compressedCopy { try? FileManager.default.removeItem(at: compressedCopy) }
        }

        if payload.size <= Int64(transfer.chunkSize) {
            let meter = ThroughputMeter()
            let file = try await files.upload(try payload.read(offset: 0, length: Int(payload.size)), options: stored)
            report(sent: payload.size, total: payload.size, chunksDone: 1, totalChunks: 1, sentThisRun: payload.size, meter: meter)
            if let compressedCopy, store != nil { try? FileManager.default.removeItem(at: compressedCopy) }
            return file
        }

        let plan = try ChunkPlan(fileSize: payload.size, chunkSize: transfer.chunkSize)
        // The server checks the whole file's digest at completion when it has it; here only when compression computed it.
        let session = try await files.initiateChunkedUpload(options: stored, fileSize: payload.size, chunkSize: plan.chunkSize,
                                                            sha256: payloadDigest)
        if let store {
            let record = UploadResumeRecord(
                sessionId: session.id, sourcePath: url.standardizedFileURL.path, sourceSize: source.size, sourceModified: modified,
                uploadPath: payload.url.path, uploadSize: payload.size, uploadSHA256: payloadDigest, chunkSize: plan.chunkSize,
                metadata: metadata)
            do {
                try store.save(record, key: key)
            } catch {
                await abort(sessionId: session.id)
                throw error
            }
        }
        return try await send(payload, plan: plan, fileDigest: payloadDigest, session: session, store: store, key: key)
    }

    /// Continues the session `sessionId` with the file at `url`, sending only the chunks the server lacks. When the session
    /// holds a compressed upload of the file, the file is compressed again (gzip output is deterministic) and the
    /// server's whole-file digest check at completion proves the two copies agree.
    func resume(sessionId: String, fileAt url: URL) async throws -> File {
        defer { progress?.finish() }
        let session = try await files.uploadSession(id: sessionId)
        guard session.status == nil || session.status == .active else {
            throw IconectError(.conflict, "upload session \(sessionId) is \(session.status?.rawValue ?? "not active") and cannot be resumed",
                               operation: Route.getUploadSession.operation)
        }
        let source = try FileReader(url: url)
        defer { source.close() }
        var payload = source
        var compressedCopy: URL?
        if source.size != session.fileSize {
            let writer = try PrivateTemporaryFiles.makeFile(prefix: "resume", suffix: ".gz")
            defer { writer.close() }
            compressedCopy = writer.url
            _ = try GzipStream.compressFile(source, into: writer)
            payload = try FileReader(url: writer.url)
        }
        defer {
            if payload.url != source.url { payload.close() }
            if let compressedCopy { try? FileManager.default.removeItem(at: compressedCopy) }
        }
        guard payload.size == session.fileSize else {
            throw IconectError.invalidArgument("fileURL", "\(url.lastPathComponent) has \(source.size) bytes but session \(sessionId) "
                                               + "expects \(session.fileSize)")
        }
        let plan = try ChunkPlan(fileSize: payload.size, chunkSize: session.chunkSize)
        return try await send(payload, plan: plan, fileDigest: nil, session: session, store: nil, key: "")
    }

    // MARK: - Sessions

    /// Continues the upload a resume record describes; nil when the record no longer applies (the file changed, the
    /// session is gone or ended, the compressed copy is missing), so the caller starts afresh.
    private func resume(_ record: UploadResumeRecord, source: FileReader, modified: Double, store: UploadResumeStore,
                        key: String) async throws -> File? {
        guard record.version == 1, record.sourceSize == source.size, record.sourceModified == modified else { return nil }
        let session: UploadSession
        do {
            session = try await files.uploadSession(id: record.sessionId)
        } catch let error as IconectError where error.code == .notFound {
            return nil
        }
        guard session.status == nil || session.status == .active, session.fileSize == record.uploadSize,
              session.chunkSize == record.chunkSize else {
            return nil
        }
        let payload: FileReader
        if record.uploadPath == source.url.path {
            payload = source
        } else {
            guard let copy = try? FileReader(url: URL(fileURLWithPath: record.uploadPath)), copy.size == record.uploadSize else {
                return nil
            }
            payload = copy
        }
        defer { if payload.url != source.url { payload.close() } }
        logger.info("resuming upload", metadata: [
            "session": "\(session.id)", "chunksOnServer": "\(session.uploadedChunks.count)", "chunks": "\(session.totalChunks)"])
        let plan = try ChunkPlan(fileSize: record.uploadSize, chunkSize: record.chunkSize)
        return try await send(payload, plan: plan, fileDigest: record.uploadSHA256, session: session, store: store, key: key)
    }

    /// Sends the chunks the session lacks (while the whole file's digest is computed beside them, when it is to be checked
    /// and not known), completes the session and checks the stored file's digest; on failure aborts the session (unless
    /// it is kept for resuming) and forgets the resume record.
    private func send(_ payload: FileReader, plan: ChunkPlan, fileDigest: String?, session: UploadSession,
                      store: UploadResumeStore?, key: String) async throws -> File {
        do {
            // A child task: cancelled and awaited with this scope if a chunk fails for good.
            async let computed = Self.digest(of: payload, known: fileDigest, computes: transfer.verifiesWholeFile)
            try await sendChunks(plan: plan, reader: payload, sessionId: session.id, present: Set(session.uploadedChunks))
            let expected = try await computed
            let file = try await files.completeChunkedUpload(sessionId: session.id)
            if let digest = expected, let hash = file.hash, hash.count == 64, hash.lowercased() != digest {
                // The stored file is not the local one: it must not stay behind as if it were, and its completed session
                // cannot be resumed.
                await delete(fileId: file.id)
                store?.remove(key)
                throw IconectError(.checksumMismatch, "the server stored \(payload.url.lastPathComponent) with SHA-256 \(hash), "
                                   + "but the file's is \(digest); the stored copy was deleted",
                                   operation: Route.completeChunkedUpload.operation)
            }
            store?.remove(key)
            return file
        } catch {
            if transfer.keepsSessionForResume {
                logger.info("upload interrupted; session kept for resuming", metadata: ["session": "\(session.id)"])
            } else {
                await abort(sessionId: session.id)
                store?.remove(key)
            }
            throw error
        }
    }

    /// `known`, else (when `computes`) the SHA-256 of the whole file, read in stretches that let the chunk tasks run
    /// between them, else nil.
    private static func digest(of payload: FileReader, known: String?, computes: Bool) async throws -> String? {
        if let known { return known }
        return computes ? try await payload.sha256Interleaved() : nil
    }

    /// Aborts a session; runs to the end even when the calling task was cancelled, and never throws.
    private func abort(sessionId: String) async {
        let files = self.files
        await Task.detached { try? await files.abortChunkedUpload(sessionId: sessionId) }.value
    }

    /// Deletes a stored file; runs to the end even when the calling task was cancelled, and never throws.
    private func delete(fileId: String) async {
        let files = self.files
        await Task.detached { try? await files.delete(id: fileId) }.value
    }

    // MARK: - Chunks

    /// Sends the chunks of `plan` not in `present`, `transfer.concurrency` at a time, reporting progress as each lands.
    private func sendChunks(plan: ChunkPlan, reader: FileReader, sessionId: String, present: Set<Int>) async throws {
        let pending = (0..<plan.chunkCount).filter { !present.contains($0) }
        let alreadySent = present.filter { $0 < plan.chunkCount }.reduce(Int64(0)) { $0 + Int64(plan.range(of: $1).length) }
        var tally = (bytes: alreadySent, chunks: present.count, sentNow: Int64(0))
        let meter = ThroughputMeter()
        report(sent: alreadySent, total: plan.fileSize, chunksDone: present.count, totalChunks: plan.chunkCount, sentThisRun: 0,
               meter: meter)
        try await withThrowingTaskGroup(of: Int64.self) { group in
            var next = pending.makeIterator()
            func startNext() -> Bool {
                guard let number = next.next() else { return false }
                group.addTask {
                    let (offset, length) = plan.range(of: number)
                    try await sendChunk(number, sessionId: sessionId, from: reader, offset: offset, length: length)
                    return Int64(length)
                }
                return true
            }
            for _ in 0..<transfer.concurrency where !startNext() { break }
            // Counted here, as each chunk lands, so the tally needs no lock.
            while let length = try await group.next() {
                tally.bytes += length
                tally.chunks += 1
                tally.sentNow += length
                report(sent: tally.bytes, total: plan.fileSize, chunksDone: tally.chunks, totalChunks: plan.chunkCount,
                       sentThisRun: tally.sentNow, meter: meter)
                _ = startNext()
            }
        }
    }

    /// Sends one chunk as a region of the file, which the transport reads from disk only when it sends it, with the
    /// digest this task computes just before; again after a retryable failure (including a digest mismatch, which means
    /// the bytes were damaged on the way).
    private func sendChunk(_ number: Int, sessionId: String, from reader: FileReader, offset: Int64, length: Int) async throws {
        let digest = try reader.sha256(offset: offset, length: Int64(length))
        var attempt = 1
        while true {
            do {
                try await files.uploadChunk(sessionId: sessionId, number: number, region: reader.url, offset: offset,
                                            length: Int64(length), sha256: digest)
                return
            } catch let error as IconectError {
                // A digest mismatch means the bytes were damaged on the way: worth sending again, like a lost connection.
                guard let wait = files.pipeline.retries.delay(
                    after: error, attempt: attempt, maxAttempts: transfer.chunkAttempts,
                    retryable: error.code == .checksumMismatch || RetryPolicy.isRetryable(error))
                else { throw error }
                logger.warning("chunk failed; sending it again", metadata: [
                    "session": "\(sessionId)", "chunk": "\(number)", "attempt": "\(attempt)", "error": "\(error.code)"])
                try await RetryDecider.sleep(wait, operation: Route.putChunk.operation)
                attempt += 1
            }
        }
    }

    private func report(sent: Int64, total: Int64, chunksDone: Int, totalChunks: Int, sentThisRun: Int64, meter: ThroughputMeter) {
        guard let progress else { return }
        let rate = meter.rate(done: Double(sentThisRun))
        progress.yield(UploadProgress(
            bytesSent: sent, totalBytes: total, chunksDone: chunksDone, totalChunks: totalChunks, bytesPerSecond: rate,
            estimatedTimeRemaining: ThroughputMeter.eta(remaining: Double(total - sent), rate: rate), elapsed: meter.elapsed()))
    }

    static func modificationTime(of url: URL) -> Double {
        let date = (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate]) as? Date
        return date?.timeIntervalSince1970 ?? 0
    }
}
