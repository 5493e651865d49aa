import Foundation

/// A fresh directory under the system's temporary directory, removed when the value goes away.
final class TemporaryFolder {
    let path: String

    init() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("iconect-mcp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = url.path
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// `path/name`.
    func file(_ name: String) -> String { path + "/" + name }

    /// Writes `text` to `name`, creating folders on the way.
    @discardableResult
    func write(_ name: String, _ text: String = "content") throws -> String {
        let url = URL(fileURLWithPath: file(name))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url.path
    }
}

/// `count` random bytes from the kernel: a byte-at-a-time generator in a debug build takes long enough on a loaded
/// machine to hold up every test sharing the cooperative pool.
func randomBytes(_ count: Int) throws -> Data {
    let source = try FileHandle(forReadingFrom: URL(fileURLWithPath: "/dev/urandom"))
    defer { try? source.close() }
    var data = Data()
    while data.count < count {
        guard let piece = try source.read(upToCount: min(count - data.count, 1 << 20)), !piece.isEmpty else { break }
        data.append(piece)
    }
    return data
}
