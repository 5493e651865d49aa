import Foundation
import Iconect
import MCP

/// The two file tools that need more than one call: uploads from base64 or from a path, downloads to a path or inline.
enum FileTransfers {
    static func uploadOptions(_ arguments: ToolArguments) throws(ToolArgumentError) -> FileUploadOptions {
        FileUploadOptions(
            fileName: try arguments.requiredString("fileName"), projectId: try arguments.requiredString("projectId"),
            fileStoreId: try arguments.requiredString("fileStoreId"), folderId: try arguments.string("folderId"),
            mimeType: try arguments.string("mimeType"), metadata: try arguments.object("metadata"))
    }

    /// `iconect_upload_file`: exactly one of `fileContent` (base64, one request) and `filePath` (chunked, from disk).
    static func upload(_ arguments: ToolArguments, client: IconectClient) async throws -> ToolOutput {
        let options = try uploadOptions(arguments)
        switch (try arguments.base64Data("fileContent"), try arguments.absolutePath("filePath")) {
        case (let data?, nil):
            return try .encoding(await client.files.upload(data, options: options))
        case (nil, let url?):
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                FileManager.default.isReadableFile(atPath: url.path)
            else { throw ToolArgumentError("filePath", "filePath: no readable file at \(url.path) on the server's machine") }
            return try .encoding(await client.files.upload(fileAt: url, options: options, transfer: TransferOptions()))
        case (nil, nil):
            throw ToolArgumentError("fileContent", "fileContent (base64) or filePath (a file on the server's machine) is required")
        case (.some, .some):
            throw ToolArgumentError("filePath", "give fileContent or filePath, not both")
        }
    }

    /// `iconect_download_file`: to `outputPath` (any size), or inline as base64 up to `maxInlineBytes`.
    static func download(_ arguments: ToolArguments, client: IconectClient, maxInlineBytes: Int) async throws -> ToolOutput {
        let id = try arguments.requiredString("id")
        let range = try arguments.byteRange("range")
        if let destination = try arguments.absolutePath("outputPath") {
            let folder = destination.deletingLastPathComponent().path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ToolArgumentError("outputPath", "outputPath: the folder \(folder) does not exist on the server's machine")
            }
            try await client.files.download(id: id, to: destination, range: range)
            let size = (try? FileManager.default.attributesOfItem(atPath: destination.path)[.size] as? NSNumber)?.intValue
            var members: [String: Value] = ["id": .string(id), "outputPath": .string(destination.path)]
            if let size { members["size"] = .int(size) }
            return .object(members)
        }
        var members: [String: Value] = ["id": .string(id), "encoding": "base64"]
        if let range {
            try checkInline(id: id, size: range.upperBound - range.lowerBound + 1, limit: maxInlineBytes)
            members["range"] = .object(["start": .int(Int(range.lowerBound)), "end": .int(Int(range.upperBound))])
        } else {
            // Ask for the size first, so an oversized file is refused before its bytes are fetched.
            let file = try await client.files.get(id: id)
            let original = file.metadata?["originalSize"]?.intValue.map(Int64.init)
            if let size = original ?? file.size { try checkInline(id: id, size: size, limit: maxInlineBytes) }
            members["fileName"] = .string(file.name)
            if let mimeType = file.mimeType { members["mimeType"] = .string(mimeType) }
        }
        let data = try await client.files.download(id: id, range: range)
        try checkInline(id: id, size: Int64(data.count), limit: maxInlineBytes)
        members["size"] = .int(data.count)
        members["content"] = .string(data.base64EncodedString())
        return .object(members)
    }

    private static func checkInline(id: String, size: Int64, limit: Int) throws {
        guard size > Int64(limit) else { return }
        throw InlineLimitError(id: id, size: size, limit: limit)
    }
}

/// A download too large to return inline.
struct InlineLimitError: Error, Sendable {
    let id: String
    let size: Int64
    let limit: Int

    var members: [String: Value] {
        ["code": "tooLarge", "argument": "outputPath", "size": .int(Int(size)), "limit": .int(limit),
         "message": .string("file \(id) is \(size) bytes, over the \(limit)-byte limit for inline base64 "
                            + "(\(MCPSettings.EnvironmentKey.maxInlineBytes)); pass outputPath to write it to a file on the "
                            + "server's machine, or a range of at most \(limit) bytes")]
    }
}
