import HTTPTypes
import Crypto
import Foundation

/// Chunked upload sessions: initiate, chunks (raw PUT or base64 POST), status, abort, complete.
extension EmulatorState {
    static let minimumChunkSize = 256 * 1024
    static let maximumChunkSize = 64 * 1024 * 1024
    static let defaultChunkSize = 8 * 1024 * 1024

    func initiateChunkedUpload(_ request: APIRequest) throws(APIError) -> Reply {
        let body = try request.jsonObject()
        var errors = ValidationErrors()
        let fileSize = body["fileSize"]?.intValue ?? 0
        if body["fileSize"] == nil {
            errors.add("fileSize", "fileSize is required")
        } else if fileSize < 1 || body["fileSize"]?.intValue == nil {
            errors.add("fileSize", "fileSize must be an integer of at least 1")
        }
        var chunkSize = Self.defaultChunkSize
        if let value = body["chunkSize"], !value.isNull {
            if let size = value.intValue, size >= Self.minimumChunkSize, size <= Self.maximumChunkSize {
                chunkSize = size
            } else {
                errors.add("chunkSize", "chunkSize must be an integer from \(Self.minimumChunkSize) to \(Self.maximumChunkSize)")
            }
        }
        let sha256 = body["sha256"]?.stringValue?.lowercased()
        if let sha256, sha256.count != 64 || !sha256.allSatisfy(\.isHexDigit) {
            errors.add("sha256", "sha256 must be 64 hexadecimal digits")
        }
        try errors.throwIfAny()
        let description = UploadDescription(
            fileName: body["fileName"]?.stringValue ?? "", projectId: body["projectId"]?.stringValue ?? "",
            fileStoreId: body["fileStoreId"]?.stringValue ?? "", folderId: body["folderId"]?.stringValue,
            mimeType: body["mimeType"]?.stringValue, metadata: body["metadata"].flatMap { $0.isNull ? nil : $0 }
        )
        try validateUpload(description)
        let now = ISODate.nowSeconds
        expireUploadSessions(now: now)
        let id = ids.next("ups")
        let data: UploadDataFile
        do {
            try FileStorage.makePrivateDirectory(storage.sessionDirectory(id))
            data = try UploadDataFile(path: storage.sessionDataPath(id), fileSize: fileSize, chunkSize: chunkSize)
        } catch {
            throw APIError(status: .internalServerError, code: "INTERNAL_ERROR", message: "Could not create the session: \(error)")
        }
        let session = UploadSession(
            id: id, fileName: description.fileName, fileSize: fileSize, chunkSize: chunkSize,
            projectId: description.projectId, fileStoreId: description.fileStoreId, folderId: description.folderId,
            mimeType: description.mimeType, sha256: sha256, metadata: description.metadata,
            createdDate: now, expiresAt: now + Int64(max(0, configuration.uploadSessionLifetime)), data: data
        )
        uploads.put(session)
        return .json(session.encoded(), status: .created)
    }

    /// The session `id`; one whose time is up is expired (and its chunks removed) first, so it refuses chunks and completion.
    func requireSession(_ id: String) throws(APIError) -> UploadSession {
        guard let session = uploads.get(id) else { throw APIError.notFound("Upload session", id) }
        guard session.status == .active, !session.finalizing, ISODate.nowSeconds >= session.expiresAt else { return session }
        expireUploadSessions(now: ISODate.nowSeconds)
        return uploads.get(id) ?? session
    }

    /// Expires every session whose time is up, removing its stored chunks, and forgets sessions long ended.
    func expireUploadSessions(now: Int64) {
        for session in uploads.expire(now: now, retention: Int64(max(60, configuration.uploadSessionLifetime))) {
            session.data.close()
            try? FileManager.default.removeItem(at: storage.sessionDirectory(session.id))
        }
    }

    /// The session and chunk number of a chunk request, checked.
    private func chunkTarget(_ request: APIRequest) throws(APIError) -> (session: UploadSession, number: Int) {
        let session = try requireSession(request.param("id"))
        guard session.status == .active else {
            throw APIError.conflict("Upload session '\(session.id)' is \(session.status.rawValue)")
        }
        guard let number = Int(request.param("n")), number >= 0, number < session.totalChunks else {
            throw APIError.validation("chunkNumber", "chunkNumber must be from 0 to \(session.totalChunks - 1)")
        }
        return (session, number)
    }

    private static func wrongSize(_ session: UploadSession, _ number: Int, got: Int) -> APIError {
        let expected = session.expectedSize(ofChunk: number)
        return .conflict("Chunk \(number) must be \(expected) bytes, got \(got)",
                         details: ["chunkNumber": .number(Double(number)), "expectedSize": .number(Double(expected)), "receivedSize": .number(Double(got))])
    }

    private static func digestMismatch(_ number: Int, expected: String, actual: String) -> APIError {
        APIError(status: .badRequest, code: "CHECKSUM_MISMATCH", message: "Chunk \(number) does not match X-Chunk-SHA256",
                 details: ["chunkNumber": .number(Double(number)), "expected": .string(expected), "actual": .string(actual)])
    }

    /// `PUT …/chunks/{n}`: the raw bytes, hashed as they arrive, written in place once they match their digest.
    func putChunk(_ request: APIRequest) async throws -> Reply {
        let (session, number) = try chunkTarget(request)
        let expected = session.expectedSize(ofChunk: number)
        _ = try Self.requiredDigest(request.headers[.chunkSHA256], chunk: number)  // refused before the body is read
        if request.headers[.contentEncoding] == nil, let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared != expected {
            throw Self.wrongSize(session, number, got: declared)
        }
        var hasher = SHA256()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(expected)
        var received = 0
        try await request.forEachBodyBuffer { buffer in
            received += buffer.count
            guard received <= expected else { return }
            hasher.update(bufferPointer: buffer)
            bytes.append(contentsOf: buffer)
        }
        guard received == expected else { throw Self.wrongSize(session, number, got: received) }
        return try storeChunk(session: session, number: number, bytes: bytes, digest: Digest.hex(hasher.finalize()),
                              claimed: request.headers[.chunkSHA256])
    }

    /// `POST …/chunks/{n}` with `{"chunkData": base64}`.
    func postChunk(_ request: APIRequest) throws(APIError) -> Reply {
        let (session, number) = try chunkTarget(request)
        let body = try request.jsonObject()
        guard let text = body["chunkData"]?.stringValue, let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else {
            throw APIError.validation("chunkData", "chunkData must be base64")
        }
        let bytes = Array(data)
        guard bytes.count == session.expectedSize(ofChunk: number) else { throw Self.wrongSize(session, number, got: bytes.count) }
        let claimed = request.headers[.chunkSHA256] ?? body["sha256"]?.stringValue ?? body["checksum"]?.stringValue
        return try storeChunk(session: session, number: number, bytes: bytes, digest: Digest.sha256Hex(bytes), claimed: claimed)
    }

    /// The claimed digest, lower-cased; a chunk without one is refused: damaged bytes must never be stored unchecked.
    private static func requiredDigest(_ claimed: String?, chunk number: Int) throws(APIError) -> String {
        guard let claimed = claimed?.trimming(" ").lowercased(), !claimed.isEmpty else {
            throw APIError(status: .badRequest, code: "CHECKSUM_REQUIRED",
                           message: "Chunk \(number) needs its SHA-256 in X-Chunk-SHA256 (hex)",
                           details: ["fields": ["X-Chunk-SHA256": ["X-Chunk-SHA256 is required"]]])
        }
        return claimed
    }

    /// Checks the claimed digest, writes the chunk in place and records it.
    private func storeChunk(session: UploadSession, number: Int, bytes: [UInt8], digest: String, claimed: String?) throws(APIError)
        -> Reply
    {
        let claimed = try Self.requiredDigest(claimed, chunk: number)
        guard claimed == digest else { throw Self.digestMismatch(number, expected: claimed, actual: digest) }
        let current = try requireSession(session.id)
        guard current.status == .active, !current.finalizing else {
            throw APIError.conflict("Upload session '\(session.id)' is \(current.finalizing ? "completing" : current.status.rawValue)")
        }
        do {
            try session.data.write(chunk: number, bytes: bytes, digest: digest)
        } catch {
            throw APIError(status: .internalServerError, code: "INTERNAL_ERROR", message: "Could not store chunk: \(error)")
        }
        let updated = try uploads.update(session.id) { (current: inout UploadSession) throws(APIError) in
            guard current.status == .active else {
                throw APIError.conflict("Upload session '\(session.id)' is \(current.status.rawValue)")
            }
            current.uploadedChunks.insert(number)
        }
        guard let updated else { throw APIError.notFound("Upload session", session.id) }
        return .json(updated.encoded())
    }

    func getUploadSession(_ request: APIRequest) throws(APIError) -> Reply {
        .json(try requireSession(request.param("id")).encoded())
    }

    func abortUploadSession(_ request: APIRequest) throws(APIError) -> Reply {
        let id = request.param("id")
        guard let session = uploads.remove(id) else { throw APIError.notFound("Upload session", id) }
        session.data.close()
        try? FileManager.default.removeItem(at: storage.sessionDirectory(id))
        return .noContent
    }

    func completeChunkedUpload(_ request: APIRequest) async throws(APIError) -> Reply {
        let id = request.param("id")
        let claimed = try uploads.update(id) { (session: inout UploadSession) throws(APIError) in
            if session.status == .completed { return }
            guard session.status == .active else { throw APIError.conflict("Upload session '\(id)' is \(session.status.rawValue)") }
            guard !session.finalizing else { throw APIError.conflict("Upload session '\(id)' is already completing") }
            let missing = session.missingChunks
            guard missing.isEmpty else {
                let listed = missing.prefix(20).map(String.init).joined(separator: ", ") + (missing.count > 20 ? ", …" : "")
                throw APIError.conflict("Upload session '\(id)' is missing chunks: \(listed)",
                                        details: ["missingChunks": .array(missing.map { .number(Double($0)) })])
            }
            session.finalizing = true
        }
        guard let session = claimed else { throw APIError.notFound("Upload session", id) }
        if session.status == .completed, let fileId = session.fileId {
            return .json(.object(try requireObject("files", fileId)))
        }
        do {
            return try await assemble(session, actor: request.actor)
        } catch {
            _ = uploads.update(id) { $0.finalizing = false }
            throw error
        }
    }

    /// Moves the data file into the file store once its digest (mostly computed as the chunks arrived) matches.
    private func assemble(_ session: UploadSession, actor: String) async throws(APIError) -> Reply {
        let digest: String
        do {
            digest = try await session.data.finalDigest()
        } catch {
            throw APIError(status: .internalServerError, code: "INTERNAL_ERROR", message: "Could not read the upload: \(error)")
        }
        if let expected = session.sha256, expected != digest {
            _ = uploads.update(session.id) { current in
                current.finalizing = false
                current.status = .failed
            }
            throw APIError(status: .badRequest, code: "CHECKSUM_MISMATCH", message: "The assembled file does not match sha256",
                           details: ["expected": .string(expected), "actual": .string(digest)])
        }
        let fileId = ids.next("fil")
        session.data.close()
        do {
            try PosixFile.move(session.data.path, to: storage.filePath(fileId))
        } catch {
            throw APIError(status: .internalServerError, code: "INTERNAL_ERROR", message: "Could not store the file: \(error)")
        }
        let description = UploadDescription(fileName: session.fileName, projectId: session.projectId, fileStoreId: session.fileStoreId,
                                             folderId: session.folderId, mimeType: session.mimeType, metadata: session.metadata)
        let object = fileObject(id: fileId, description, size: session.fileSize, hash: digest, actor: actor)
        store("files")?.put(object)
        _ = uploads.update(session.id) { current in
            current.finalizing = false
            current.status = .completed
            current.fileId = fileId
        }
        try? FileManager.default.removeItem(at: storage.sessionDirectory(session.id))
        return .json(.object(object), status: .created)
    }
}
