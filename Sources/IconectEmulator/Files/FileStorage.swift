import Foundation

/// Where file bytes and upload chunks live on disk.
struct FileStorage: Sendable {
    let root: URL
    let ownsRoot: Bool

    init(directory: URL?) throws {
        if let directory {
            root = directory
            ownsRoot = false
        } else {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("iconect-emulator-\(UUID().uuidString)", isDirectory: true)
            ownsRoot = true
        }
        try FileManager.default.createDirectory(at: filesDirectory, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: uploadsDirectory, withIntermediateDirectories: true)
    }

    var filesDirectory: URL { root.appendingPathComponent("files", isDirectory: true) }
    var uploadsDirectory: URL { root.appendingPathComponent("uploads", isDirectory: true) }

    /// The bytes of a stored file (the name is a hash of the id, so any id is a safe file name).
    func filePath(_ fileId: String) -> String {
        filesDirectory.appendingPathComponent(Self.safeName(fileId)).path
    }

    func sessionDirectory(_ sessionId: String) -> URL {
        uploadsDirectory.appendingPathComponent(Self.safeName(sessionId), isDirectory: true)
    }

    /// The file a session's chunks are written into, in place.
    func sessionDataPath(_ sessionId: String) -> String {
        sessionDirectory(sessionId).appendingPathComponent("data").path
    }

    /// Removes every stored file and chunk (reset).
    func clear() {
        try? FileManager.default.removeItem(at: filesDirectory)
        try? FileManager.default.removeItem(at: uploadsDirectory)
        try? FileManager.default.createDirectory(at: filesDirectory, withIntermediateDirectories: true)
        try? FileManager.default.createDirectory(at: uploadsDirectory, withIntermediateDirectories: true)
    }

    /// Removes the temporary root (stop).
    func removeIfOwned() {
        if ownsRoot { try? FileManager.default.removeItem(at: root) }
    }

    static func safeName(_ id: String) -> String {
        Digest.sha256Hex(Array(id.utf8)).prefix(40).description
    }
}
