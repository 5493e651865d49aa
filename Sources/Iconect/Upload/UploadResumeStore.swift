import Crypto
import Foundation

/// What an interrupted chunked upload needs to continue: written when the session opens, removed when it completes.
struct UploadResumeRecord: Codable, Sendable, Hashable {
    /// The record's format, for future changes.
    var version = 1
    var sessionId: String
    /// The file the caller asked to upload, and its size and modification time when the session opened: a file that
    /// changed since is uploaded afresh.
    var sourcePath: String
    var sourceSize: Int64
    var sourceModified: Double
    /// The bytes actually sent: the source itself, or its compressed copy kept beside this record.
    var uploadPath: String
    var uploadSize: Int64
    /// The digest of the bytes sent, when it was known as the session opened (a compressed copy's); otherwise the
    /// whole file is hashed again beside the resumed transfer.
    var uploadSHA256: String?
    var chunkSize: Int
    /// The metadata sent at initiation (it carries the compression keys for a compressed upload).
    var metadata: [String: JSONValue]?
}

/// Resume records in a caller-chosen directory, one small JSON file per upload, named by a digest of what identifies the
/// upload (file path, size, modification time, destination and chunk size).
struct UploadResumeStore: Sendable {
    let directory: URL

    init(directory: URL) throws {
        self.directory = directory
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw IconectError.invalidArgument("resumeDirectory", "cannot create \(directory.path): \(error.localizedDescription)")
        }
    }

    /// The identity of one upload of one version of a file.
    static func key(source: URL, size: Int64, modified: Double, options: FileUploadOptions, transfer: TransferOptions) -> String {
        let identity = [source.standardizedFileURL.path, String(size), String(modified), options.projectId, options.fileStoreId,
                        options.folderId ?? "", options.fileName, String(transfer.chunkSize), "\(transfer.compression)"]
            .joined(separator: "\u{1F}")
        return String(SHA256.hash(data: Data(identity.utf8)).hexString.prefix(32))
    }

    func recordURL(_ key: String) -> URL { directory.appendingPathComponent("\(key).upload.json") }

    /// Where the compressed copy of an upload is kept while its session lives.
    func compressedCopyURL(_ key: String) -> URL { directory.appendingPathComponent("\(key).gz") }

    /// Creates (or empties) the compressed copy of an upload, private to this user (0600).
    func makeCompressedCopy(_ key: String) throws -> FileWriter {
        let writer = try FileWriter(replacing: compressedCopyURL(key))
        writer.setPermissions(0o600)
        return writer
    }

    func load(_ key: String) -> UploadResumeRecord? {
        guard let data = try? Data(contentsOf: recordURL(key)) else { return nil }
        return try? JSONCoding.decoder.decode(UploadResumeRecord.self, from: data)
    }

    /// Writes the record atomically, so a crash leaves the old record or the new one, never half of one.
    func save(_ record: UploadResumeRecord, key: String) throws {
        let data = try JSONCoding.encoder.encode(record)
        do {
            try data.write(to: recordURL(key), options: .atomic)
        } catch {
            throw IconectError(.transport, "cannot write the resume record in \(directory.path): \(error.localizedDescription)")
        }
    }

    /// Removes the record and any compressed copy.
    func remove(_ key: String) {
        try? FileManager.default.removeItem(at: recordURL(key))
        try? FileManager.default.removeItem(at: compressedCopyURL(key))
    }
}
