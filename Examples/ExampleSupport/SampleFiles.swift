import Foundation

/// Files for the upload sections: random bytes (which do not compress) and load-file text (which compresses well), written
/// in 1 MiB blocks into a temporary directory that ``remove()`` deletes.
public struct SampleFiles: Sendable {
    public let directory: URL

    public init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("iconect-example-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// A file of `bytes` random bytes.
    public func random(_ name: String, bytes: Int) throws -> URL {
        var generator = SystemRandomNumberGenerator()
        return try write(name, bytes: bytes) { count in
            var block = [UInt64](repeating: 0, count: (count + 7) / 8)
            for index in block.indices { block[index] = generator.next() }
            return block.withUnsafeBytes { Data($0.prefix(count)) }
        }
    }

    /// A CSV load file of about `bytes` bytes, the kind of text a production volume carries.
    public func loadFile(_ name: String, bytes: Int) throws -> URL {
        var row = 0
        return try write(name, bytes: bytes) { count in
            var text = row == 0 ? "control,custodian,docDate,title,pages\n" : ""
            while text.utf8.count < count {
                row += 1
                text += "DOC-\(String(format: "%07d", row)),Custodian \(row % 37),2024-\(String(format: "%02d", row % 12 + 1))-"
                    + "\(String(format: "%02d", row % 28 + 1)),Re: quarterly review of matter \(row % 211),\(row % 40 + 1)\n"
            }
            return Data(text.utf8.prefix(count))
        }
    }

    /// Deletes the directory and everything in it.
    public func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    private func write(_ name: String, bytes: Int, block: (Int) -> Data) throws -> URL {
        let url = directory.appendingPathComponent(name)
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw ExampleError("cannot create \(url.path)")
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var remaining = bytes
        while remaining > 0 {
            let count = min(remaining, 1 << 20)
            try handle.write(contentsOf: block(count))
            remaining -= count
        }
        return url
    }
}
