import Foundation
import Iconect

/// The files an upload sends: each file argument as itself, each directory as every regular file under it, named by its
/// path from the directory's parent (`volume001/natives/DOC-1.pdf`), so a directory comes back whole on download.
struct UploadPlan: Sendable {
    struct Item: Sendable, Hashable {
        let url: URL
        /// The stored name.
        let name: String
        let size: Int64
    }

    let items: [Item]
    /// Entries under the directories that are not regular files (links, sockets, ...), which are not sent.
    let skipped: Int

    var totalBytes: Int64 { items.reduce(0) { $0 + $1.size } }

    /// Collects the files of `paths`, sorted by name within each argument.
    /// - Throws: ``IconectError/Code/validation`` naming a path that does not exist or cannot be read.
    init(paths: [String]) throws {
        var items: [Item] = []
        var skipped = 0
        let manager = FileManager.default
        for path in paths {
            let url = URL(fileURLWithPath: path).standardizedFileURL
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                throw IconectError.invalidArgument(path, "no such file or directory")
            }
            guard isDirectory.boolValue else {
                items.append(Item(url: url, name: url.lastPathComponent, size: try Self.size(of: url)))
                continue
            }
            let keys: [URLResourceKey] = [.isRegularFileKey, .isDirectoryKey, .fileSizeKey]
            guard let walker = manager.enumerator(at: url, includingPropertiesForKeys: keys) else {
                throw IconectError.invalidArgument(path, "cannot read the directory")
            }
            var found: [Item] = []
            let prefix = url.path.hasSuffix("/") ? url.path : url.path + "/"
            for case let file as URL in walker {
                let values = try file.resourceValues(forKeys: Set(keys))
                if values.isDirectory == true { continue }
                guard values.isRegularFile == true else {
                    skipped += 1
                    continue
                }
                let relative = file.standardizedFileURL.path.hasPrefix(prefix)
                    ? String(file.standardizedFileURL.path.dropFirst(prefix.count)) : file.lastPathComponent
                found.append(Item(url: file, name: url.lastPathComponent + "/" + relative, size: Int64(values.fileSize ?? 0)))
            }
            items += found.sorted { $0.name < $1.name }
        }
        self.items = items
        self.skipped = skipped
    }

    private static func size(of url: URL) throws -> Int64 {
        guard let size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.int64Value else {
            throw IconectError.invalidArgument(url.path, "cannot read its size")
        }
        return size
    }
}
