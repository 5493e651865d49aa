import Foundation
import HTTPTypes

/// Files: listing, plain and chunked uploads, downloads: `client.files`.
///
/// ```swift
/// let options = FileUploadOptions(fileName: "DOC-0001.pdf", projectId: projectId, fileStoreId: storeId)
/// let file = try await client.files.upload(fileAt: URL(fileURLWithPath: "/data/DOC-0001.pdf"), options: options)
/// try await client.files.download(id: file.id, to: URL(fileURLWithPath: "/tmp/copy.pdf"))
/// ```
public struct FilesResource: Sendable {
    let pipeline: RequestPipeline

    /// One page of files, optionally of one project or folder (`iconect_list_files`).
    public func list(projectId: String? = nil, folderId: String? = nil, _ options: ListOptions = ListOptions(),
                     cache: CachePolicy? = nil) async throws -> Page<File>
    {
        var extra = QueryItems()
        extra.add("projectId", projectId)
        extra.add("folderId", folderId)
        return try await pipeline.list(.listFiles, options, extra: extra, cache: cache)
    }

    /// Every file, optionally of one project or folder, page after page (`iconect_list_files`).
    public func paginate(projectId: String? = nil, folderId: String? = nil, _ options: ListOptions = ListOptions(),
                         prefetch: Int = 1) -> Paginator<File> {
        var extra = QueryItems()
        extra.add("projectId", projectId)
        extra.add("folderId", folderId)
        return pipeline.paginate(.listFiles, options, extra: extra, prefetch: prefetch)
    }

    /// One file's description (`iconect_get_file`).
    public func get(id: String, cache: CachePolicy? = nil) async throws -> File {
        try await pipeline.get(.getFile, id: id, cache: cache)
    }

    /// Removes a file (`iconect_delete_file`).
    public func delete(id: String) async throws {
        try await pipeline.delete(.deleteFile, id: id)
    }

    // MARK: - Uploads

    /// Uploads bytes in memory as one `multipart/form-data` request (`iconect_upload_file`). For large files prefer
    /// ``upload(fileAt:options:chunkSize:concurrency:)``, which streams from disk.
    public func upload(_ data: Data, options: FileUploadOptions) async throws -> File {
        let route = Route.uploadFile
        try options.validate(operation: route.operation)
        var form = MultipartFormData()
        form.addField("fileName", options.fileName)
        form.addField("projectId", options.projectId)
        form.addField("fileStoreId", options.fileStoreId)
        form.addField("folderId", options.folderId)
        form.addField("mimeType", options.mimeType)
        if let metadata = options.metadata {
            form.addField("metadata", JSONValue.object(metadata).description)
        }
        form.addFile("file", fileName: options.fileName, mimeType: options.mimeType ?? "application/octet-stream", data: data)
        return try await pipeline.send(Endpoint(route, body: .data(form.finished()), contentType: form.contentType))
    }

    /// Uploads a file from disk: in one request when it fits in one chunk, else through a chunked session with several
    /// chunks in flight, each with its SHA-256 (checked by the server), and the whole file's checked on completion for a
    /// compressed upload or with ``TransferOptions/verifiesWholeFile``. See ``TransferOptions``
    /// for compression, resume and parallelism; progress arrives through `progress`, which is finished when the upload ends.
    ///
    /// ```swift
    /// let (progress, reporter) = AsyncStream.makeStream(of: UploadProgress.self, bufferingPolicy: .bufferingNewest(1))
    /// async let file = client.files.upload(fileAt: url, options: options, progress: reporter)
    /// for await step in progress { print(Int(step.fractionCompleted * 100), "%") }
    /// print(try await file.id)
    /// ```
    public func upload(fileAt url: URL, options: FileUploadOptions, transfer: TransferOptions = TransferOptions(),
                       progress: AsyncStream<UploadProgress>.Continuation? = nil) async throws -> File {
        do {
            try options.validate(operation: Route.uploadFile.operation)
            try transfer.validate(operation: Route.uploadFile.operation)
        } catch {
            progress?.finish()
            throw error
        }
        do {
            return try await pipeline.gate.admit(operation: Route.uploadFile.operation) {
                try await ChunkedUploader(files: self, transfer: transfer, progress: progress).upload(fileAt: url, options: options)
            }
        } catch {
            progress?.finish()  // also when the client was shut down before the upload began
            throw error
        }
    }

    /// Uploads a file from disk with `chunkSize` bytes per chunk and `concurrency` chunks in flight, uncompressed.
    public func upload(fileAt url: URL, options: FileUploadOptions, chunkSize: Int, concurrency: Int = 4) async throws -> File {
        try await upload(fileAt: url, options: options,
                         transfer: TransferOptions(chunkSize: chunkSize, concurrency: concurrency, compression: .never))
    }

    /// Continues the chunked upload session `sessionId` with the file at `url`: asks the server which chunks it holds and
    /// sends only the others, then completes the session. Works across processes: keep the session id (or use
    /// ``TransferOptions/resumeDirectory``, which does this for you).
    public func resumeUpload(sessionId: String, fileAt url: URL, transfer: TransferOptions = TransferOptions(),
                             progress: AsyncStream<UploadProgress>.Continuation? = nil) async throws -> File {
        do {
            try transfer.validate(operation: Route.getUploadSession.operation)
        } catch {
            progress?.finish()
            throw error
        }
        do {
            return try await pipeline.gate.admit(operation: Route.getUploadSession.operation) {
                try await ChunkedUploader(files: self, transfer: transfer, progress: progress).resume(sessionId: sessionId, fileAt: url)
            }
        } catch {
            progress?.finish()
            throw error
        }
    }

    /// Opens a chunked upload session (`iconect_initiate_chunked_upload`).
    public func initiateChunkedUpload(options: FileUploadOptions, fileSize: Int64, chunkSize: Int? = nil, sha256: String? = nil)
        async throws -> UploadSession
    {
        let route = Route.initiateChunkedUpload
        try options.validate(operation: route.operation)
        guard fileSize >= 1 else { throw IconectError.invalidArgument("fileSize", "must be at least 1, got \(fileSize)", operation: route.operation) }
        if let chunkSize { _ = try ChunkPlan(fileSize: fileSize, chunkSize: chunkSize) }
        let body = InitiateUploadRequest(fileName: options.fileName, fileSize: fileSize, projectId: options.projectId,
                                         fileStoreId: options.fileStoreId, folderId: options.folderId, mimeType: options.mimeType,
                                         chunkSize: chunkSize, sha256: sha256, metadata: options.metadata)
        return try await pipeline.create(route, body)
    }

    /// Sends chunk `number` (from 0) of a session as raw bytes with its SHA-256 (`PUT .../chunks/{n}`).
    public func uploadChunk(sessionId: String, number: Int, data: Data) async throws {
        try await uploadChunk(sessionId: sessionId, number: number, body: .data(data), sha256: sha256Hex(data))
    }

    /// Sends chunk `number` as `length` bytes of the file at `url` from `offset`, read by the transport as it sends them.
    func uploadChunk(sessionId: String, number: Int, region url: URL, offset: Int64, length: Int64, sha256: String) async throws {
        try await uploadChunk(sessionId: sessionId, number: number, body: .fileRegion(url, offset: offset, length: length), sha256: sha256)
    }

    private func uploadChunk(sessionId: String, number: Int, body: HTTPBody, sha256: String) async throws {
        let route = Route.putChunk
        guard number >= 0 else { throw IconectError.invalidArgument("chunkNumber", "must be 0 or more, got \(number)", operation: route.operation) }
        var endpoint = Endpoint(route, path: ["uploadSessionId": sessionId, "chunkNumber": String(number)], body: body,
                                contentType: "application/octet-stream")
        endpoint.headers[.chunkSHA256] = sha256
        try await pipeline.send(endpoint)
    }

    /// A session's state, with the chunks the server holds (`iconect_get_upload_session`).
    public func uploadSession(id: String) async throws -> UploadSession {
        try await pipeline.get(.getUploadSession, id: id)
    }

    /// Finishes a session once every chunk is stored (`iconect_complete_chunked_upload`).
    public func completeChunkedUpload(sessionId: String) async throws -> File {
        try await pipeline.send(Endpoint(.completeChunkedUpload, path: ["uploadSessionId": sessionId]))
    }

    /// Abandons a session and frees what the server stored for it.
    public func abortChunkedUpload(sessionId: String) async throws {
        try await pipeline.send(Endpoint(.abortChunkedUpload, path: ["id": sessionId]))
    }

    // MARK: - Downloads

    /// A file's bytes in memory (`iconect_download_file`), or the bytes of `range` only (offsets inclusive).
    ///
    /// A file an SDK stored gzip-compressed comes back as its original bytes, checked against their digest, unless
    /// `restoresOriginal` is false or a `range` is asked for.
    /// The bytes held in memory are bounded by ``IconectConfiguration/Limits/maxResponseBytes``, and a restored original by
    /// ``IconectConfiguration/Limits/maxInflatedBytes`` and ``IconectConfiguration/Limits/maxCompressionRatio``; past them
    /// the call fails with ``IconectError/Code/tooLarge``. For large files, download to a file instead.
    public func download(id: String, range: ClosedRange<Int64>? = nil, restoresOriginal: Bool = true) async throws -> Data {
        try await pipeline.gate.admit(operation: Route.downloadFile.operation) {
            try await downloadToMemory(id: id, range: range, restoresOriginal: restoresOriginal)
        }
    }

    private func downloadToMemory(id: String, range: ClosedRange<Int64>?, restoresOriginal: Bool) async throws -> Data {
        let body = try await pipeline.execute(downloadEndpoint(id: id, range: range)).body
        // Only a body that starts like gzip can be a compressed upload: others need no second request.
        guard range == nil, restoresOriginal, body.starts(with: [0x1F, 0x8B]) else { return body }
        let file = try await get(id: id, cache: .reloadIgnoringCache)
        guard CompressionMetadata.isCompressed(file) else { return body }
        let limits = pipeline.configuration.limits
        let limit = try CompressionMetadata.restoreLimit(of: file, storedSize: Int64(body.count), limits: limits,
                                                        memoryCap: Int64(limits.maxInflatedBytes))
        let original: Data
        do {
            original = try GzipStream.decompress(body, limit: Int(limit.bytes))
        } catch let error as IconectError where error.code == .tooLarge {
            throw IconectError(.tooLarge, "restoring \(file.name) would exceed \(limit.bytes) bytes (\(limit.name))",
                               operation: Route.downloadFile.operation)
        }
        if let digest = file.metadata?[CompressionMetadata.originalSHA256]?.stringValue, digest.lowercased() != sha256Hex(original) {
            throw IconectError(.checksumMismatch, "restored \(file.name) does not match the original's SHA-256 \(digest)",
                               operation: Route.downloadFile.operation)
        }
        return original
    }

    /// Streams a file's bytes into `destination` (created or replaced), in constant memory.
    ///
    /// Without `range`, the file is fetched in segments of `segmentSize` bytes with `Range` requests into a partial file
    /// beside `destination`, so an interruption, even of the process, costs at most one segment: calling again continues
    /// where the partial file ends. The result is checked against the file's SHA-256, and a file an SDK stored
    /// gzip-compressed is restored to its original bytes (checked against their digest) unless `restoresOriginal` is false.
    /// With `range` (offsets inclusive), exactly those stored bytes are written, in one request. Progress arrives through
    /// `progress` once per segment (once in all with `range`), which is finished when the download ends.
    ///
    /// The bytes are written to a file of their own in `destination`'s directory and renamed over `destination` only once
    /// complete and verified, so `destination` is untouched by any failure. `destination` must be a regular file or
    /// absent: a directory, a symbolic link or a FIFO there is refused (``IconectError/Code/validation`` naming
    /// `destination`) before anything is sent. A new file is readable by its owner only (0600); a replaced one keeps its
    /// permissions.
    public func download(id: String, to destination: URL, range: ClosedRange<Int64>? = nil, restoresOriginal: Bool = true,
                         segmentSize: Int = ChunkPlan.defaultChunkSize,
                         progress: AsyncStream<DownloadProgress>.Continuation? = nil) async throws {
        defer { progress?.finish() }
        guard segmentSize >= 1 else { throw IconectError.invalidArgument("segmentSize", "must be at least 1, got \(segmentSize)") }
        try await pipeline.gate.admit(operation: Route.downloadFile.operation) {
            guard let range else {
                return try await ResumableDownload(files: self, id: id, destination: destination, restoresOriginal: restoresOriginal,
                                                   segmentSize: segmentSize, progress: progress).run()
            }
            let target = try DownloadTarget(destination)
            let endpoint = try downloadEndpoint(id: id, range: range)
            let meter = ThroughputMeter()
            let file = try target.makeTemporaryFile()
            do {
                file.close()
                _ = try await pipeline.download(endpoint, to: file.url)
                let written = try FileWriter(appendingTo: file.url)
                let count = written.written
                try target.commit(written)
                progress?.yield(DownloadProgress(bytesReceived: count, totalBytes: count, bytesPerSecond: meter.rate(done: Double(count)),
                                                 estimatedTimeRemaining: .zero, elapsed: meter.elapsed()))
            } catch {
                try? FileManager.default.removeItem(at: file.url)
                throw error
            }
        }
    }

    /// The request for a file's bytes, or the bytes of `range`.
    func downloadEndpoint(id: String, range: ClosedRange<Int64>?) throws -> Endpoint {
        var endpoint = Endpoint(.downloadFile, path: ["id": id])
        endpoint.headers[.accept] = "*/*"
        if let range {
            guard range.lowerBound >= 0 else { throw IconectError.invalidArgument("range", "must not start below 0") }
            endpoint.headers[.range] = "bytes=\(range.lowerBound)-\(range.upperBound)"
        }
        return endpoint
    }
}

extension IconectClient {
    /// Files and uploads.
    public nonisolated var files: FilesResource { FilesResource(pipeline: pipeline) }
}
