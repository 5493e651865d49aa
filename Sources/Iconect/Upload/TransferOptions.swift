import Foundation

/// How ``FilesResource/upload(fileAt:options:transfer:progress:)`` moves a file: chunking, parallelism, compression and
/// resume. The defaults suit most files.
///
/// ```swift
/// var transfer = TransferOptions()
/// transfer.resumeDirectory = URL(fileURLWithPath: "/var/lib/loader/resume")   // survive a crash
/// transfer.keepsSessionForResume = true                                      // and a cancellation
/// let file = try await client.files.upload(fileAt: url, options: options, transfer: transfer)
/// ```
public struct TransferOptions: Sendable, Hashable {
    /// Bytes per chunk, from ``ChunkPlan/minimumChunkSize`` to ``ChunkPlan/maximumChunkSize``; default 8 MiB.
    /// Files no larger than one chunk go through a plain upload.
    public var chunkSize: Int
    /// Chunks in flight at once; default 4. Memory is bounded by `chunkSize × concurrency`.
    public var concurrency: Int
    /// Whether the file is stored gzip-compressed; default ``UploadCompression/automatic``.
    public var compression: UploadCompression
    /// Where small resume records are kept, so that an upload interrupted even by the process dying continues where it
    /// stopped when it is started again with the same file and options; nil keeps none.
    public var resumeDirectory: URL?
    /// Whether a cancelled or failed chunked upload keeps its server session (for ``FilesResource/resumeUpload(sessionId:fileAt:transfer:progress:)``
    /// or a resume record) instead of aborting it. Default false: nothing half-done is left on the server.
    public var keepsSessionForResume: Bool
    /// How many times one chunk is sent before the upload fails, counting the first; default 4. Each attempt already
    /// includes the request pipeline's own retries; these also cover a chunk refused for a digest mismatch.
    public var chunkAttempts: Int
    /// Whether the whole file's SHA-256 is also computed, beside the transfer, and compared with the stored file's at
    /// completion (a stored file that differs is deleted, and the upload fails with ``IconectError/Code/checksumMismatch``).
    /// Default false: every chunk already carries its own SHA-256, which the server checks before it keeps the chunk, so
    /// every byte is verified as it arrives; this second check guards against a server that assembles verified chunks
    /// wrongly, and costs one more pass over the file (about a fifth of an upload's time on two cores). A compressed
    /// upload is always checked whole: compressing computes the digest for free.
    public var verifiesWholeFile: Bool

    public init(chunkSize: Int = ChunkPlan.defaultChunkSize, concurrency: Int = 4, compression: UploadCompression = .automatic,
                resumeDirectory: URL? = nil, keepsSessionForResume: Bool = false, chunkAttempts: Int = 4,
                verifiesWholeFile: Bool = false) {
        self.chunkSize = chunkSize
        self.concurrency = concurrency
        self.compression = compression
        self.resumeDirectory = resumeDirectory
        self.keepsSessionForResume = keepsSessionForResume
        self.chunkAttempts = chunkAttempts
        self.verifiesWholeFile = verifiesWholeFile
    }

    /// Checks the values, naming the first bad one.
    func validate(operation: String) throws {
        guard (ChunkPlan.minimumChunkSize...ChunkPlan.maximumChunkSize).contains(chunkSize) else {
            throw IconectError.invalidArgument("chunkSize", "must be from \(ChunkPlan.minimumChunkSize) to \(ChunkPlan.maximumChunkSize) bytes, got \(chunkSize)",
                                               operation: operation)
        }
        guard concurrency >= 1 else {
            throw IconectError.invalidArgument("concurrency", "must be at least 1, got \(concurrency)", operation: operation)
        }
        guard chunkAttempts >= 1 else {
            throw IconectError.invalidArgument("chunkAttempts", "must be at least 1, got \(chunkAttempts)", operation: operation)
        }
    }
}
