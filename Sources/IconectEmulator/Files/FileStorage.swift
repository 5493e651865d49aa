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
        try Self.makePrivateDirectory(root)
        try Self.makePrivateDirectory(filesDirectory)
        try Self.makePrivateDirectory(uploadsDirectory)
    }

    /// Creates `directory` readable by this user only (0700), or makes an existing one so.
    static func makePrivateDirectory(_ directory: URL) throws {
        let manager = FileManager.default
        try manager.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try manager.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory.path)
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
        try? Self.makePrivateDirectory(filesDirectory)
        try? Self.makePrivateDirectory(uploadsDirectory)
    }

    /// Removes the temporary root, or, for a caller's directory, what this run stored in it (stop).
    func removeIfOwned() {
        if ownsRoot {
            try? FileManager.default.removeItem(at: root)
        } else {
            try? FileManager.default.removeItem(at: filesDirectory)
            try? FileManager.default.removeItem(at: uploadsDirectory)
        }
    }

    static func safeName(_ id: String) -> String {
        Digest.sha256Hex(Array(id.utf8)).prefix(40).description
    }
}
