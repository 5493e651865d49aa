import Synchronization

/// A chunked upload session.
struct UploadSession: Sendable {
    enum Status: String, Sendable {
        case active, completed, failed, expired
    }

    let id: String
    let fileName: String
    let fileSize: Int
    let chunkSize: Int
    let projectId: String
    let fileStoreId: String
    let folderId: String?
    let mimeType: String?
    let sha256: String?
    let metadata: JSON?
    let createdDate: Int64
    let expiresAt: Int64
    /// Where the chunks are written, in place.
    let data: UploadDataFile
    var uploadedChunks: Set<Int> = []
    var status = Status.active
    var finalizing = false
    var fileId: String?

    var totalChunks: Int { max(1, (fileSize + chunkSize - 1) / chunkSize) }

    /// The exact size chunk `n` must have: `chunkSize`, except the last.
    func expectedSize(ofChunk number: Int) -> Int {
        number < totalChunks - 1 ? chunkSize : fileSize - chunkSize * (totalChunks - 1)
    }

    var missingChunks: [Int] {
        (0..<totalChunks).filter { !uploadedChunks.contains($0) }
    }

    func encoded() -> [UInt8] {
        var writer = JSONWriter(capacity: 384)
        writer.beginObject()
        writer.key("id")
        writer.string(id)
        writer.key("fileName")
        writer.string(fileName)
        writer.key("fileSize")
        writer.int(fileSize)
        writer.key("chunkSize")
        writer.int(chunkSize)
        writer.key("totalChunks")
        writer.int(totalChunks)
        writer.key("uploadedChunks")
        writer.beginArray()
        for number in uploadedChunks.sorted() { writer.int(number) }
        writer.endArray()
        writer.key("status")
        writer.string(status.rawValue)
        writer.key("projectId")
        writer.string(projectId)
        writer.key("fileStoreId")
        writer.string(fileStoreId)
        if let folderId {
            writer.key("folderId")
            writer.string(folderId)
        }
        if let sha256 {
            writer.key("sha256")
            writer.string(sha256)
        }
        if let fileId {
            writer.key("fileId")
            writer.string(fileId)
        }
        writer.key("expiresAt")
        writer.date(expiresAt)
        writer.key("createdDate")
        writer.date(createdDate)
        writer.endObject()
        return writer.bytes
    }
}

/// The chunked upload sessions, by id.
final class UploadSessionStore: Sendable {
    private let sessions = Mutex<[String: UploadSession]>([:])

    func put(_ session: UploadSession) {
        sessions.withLock { $0[session.id] = session }
    }

    func get(_ id: String) -> UploadSession? {
        sessions.withLock { $0[id] }
    }

    /// Changes a session in place; nil when it does not exist. The closure may throw to leave it unchanged.
    func update<E: Error>(_ id: String, _ change: (inout UploadSession) throws(E) -> Void) throws(E) -> UploadSession? {
        try sessions.withLock { (sessions: inout [String: UploadSession]) throws(E) -> UploadSession? in
            guard var session = sessions[id] else { return nil }
            try change(&session)
            sessions[id] = session
            return session
        }
    }

    @discardableResult
    func remove(_ id: String) -> UploadSession? {
        sessions.withLock { $0.removeValue(forKey: id) }
    }

    func removeAll() {
        sessions.withLock { $0.removeAll() }
    }

    /// Marks every active session whose time is up (`expiresAt` reached at `now`) as expired and returns them, so their
    /// stored chunks can be removed; forgets sessions that ended more than `retention` seconds after their expiry.
    func expire(now: Int64, retention: Int64) -> [UploadSession] {
        sessions.withLock { sessions in
            var expired: [UploadSession] = []
            for (id, var session) in sessions {
                if session.status == .active, !session.finalizing, now >= session.expiresAt {
                    session.status = .expired
                    sessions[id] = session
                    expired.append(session)
                } else if session.status != .active, now >= session.expiresAt + retention {
                    sessions[id] = nil
                }
            }
            return expired
        }
    }
}
