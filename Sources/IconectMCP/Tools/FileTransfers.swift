import Foundation
import Iconect
import MCP

/// The two file tools that need more than one call: uploads from base64 or from a path, downloads to a path or inline.
/// Paths go through ``FileAccess`` (allowed directories, regular files only, no replacing unless asked); long transfers
/// report progress and stop when the call is cancelled.
enum FileTransfers {
    static func uploadOptions(_ arguments: ToolArguments) throws(ToolArgumentError) -> FileUploadOptions {
        FileUploadOptions(
            fileName: try arguments.requiredString("fileName"), projectId: try arguments.requiredString("projectId"),
            fileStoreId: try arguments.requiredString("fileStoreId"), folderId: try arguments.string("folderId"),
            mimeType: try arguments.string("mimeType"), metadata: try arguments.object("metadata"))
    }

    /// `iconect_upload_file`: exactly one of `fileContent` (base64, one request) and `filePath` (chunked, from disk).
    static func upload(_ arguments: ToolArguments, client: IconectClient, context: ToolContext) async throws -> ToolOutput {
        let options = try uploadOptions(arguments)
        switch (try arguments.base64Data("fileContent"), try arguments.string("filePath")) {
        case (let data?, nil):
            return try .encoding(await client.files.upload(data, options: options))
        case (nil, let path?):
            let file = try await context.files.readableFile("filePath", path)
            let uploaded = try await file.withPath { url in
                try await context.progress.forwarding(UploadProgress.self, describe: describe) { reporter in
                    try await client.files.upload(fileAt: url, options: options, transfer: TransferOptions(), progress: reporter)
                }
            }
            return try .encoding(uploaded)
        case (nil, nil):
            throw ToolArgumentError("fileContent", "fileContent (base64) or filePath (a file on the server's machine) is required")
        case (.some, .some):
            throw ToolArgumentError("filePath", "give fileContent or filePath, not both")
        }
    }

    /// `iconect_download_file`: to `outputPath` (any size), or inline as base64 up to the inline limit.
    static func download(_ arguments: ToolArguments, client: IconectClient, context: ToolContext) async throws -> ToolOutput {
        let id = try arguments.requiredString("id")
        let range = try arguments.byteRange("range")
        // A read-only server serves this tool without outputPath and overwrite.
        let writes = arguments.schema.writesLocalFiles
        let overwrite = writes ? try arguments.bool("overwrite") : nil
        guard writes, let outputPath = try arguments.string("outputPath") else {
            if overwrite != nil { throw ToolArgumentError("overwrite", "overwrite applies to outputPath, which is not given") }
            return try await inline(id: id, range: range, client: client, limit: context.settings.inlineDownloadLimit)
        }
        let target = try await context.files.downloadTarget("outputPath", outputPath, overwrite: overwrite ?? false)
        let staging = try target.stage()
        do {
            try await context.progress.forwarding(DownloadProgress.self, describe: describe) { reporter in
                try await client.files.download(id: id, to: staging.file, range: range, progress: reporter)
            }
            try target.commit(staging)
        } catch {
            staging.discard()
            throw error
        }
        var members: [String: Value] = ["id": .string(id), "outputPath": .string(outputPath)]
        if let size = (try? FileManager.default.attributesOfItem(atPath: target.path)[.size] as? NSNumber)?.intValue {
            members["size"] = .int(size)
        }
        return .object(members)
    }

    private static func inline(id: String, range: ClosedRange<Int64>?, client: IconectClient, limit: Int) async throws -> ToolOutput {
        var members: [String: Value] = ["id": .string(id), "encoding": "base64"]
        if let range {
            try checkInline(id: id, size: range.upperBound - range.lowerBound + 1, limit: limit)
            members["range"] = .object(["start": .int(Int(range.lowerBound)), "end": .int(Int(range.upperBound))])
        } else {
            // Ask for the size first, so an oversized file is refused before its bytes are fetched.
            let file = try await client.files.get(id: id)
            let original = file.metadata?["originalSize"]?.intValue.map(Int64.init)
            if let size = original ?? file.size { try checkInline(id: id, size: size, limit: limit) }
            members["fileName"] = .string(file.name)
            if let mimeType = file.mimeType { members["mimeType"] = .string(mimeType) }
        }
        let data = try await client.files.download(id: id, range: range)
        try checkInline(id: id, size: Int64(data.count), limit: limit)
        members["size"] = .int(data.count)
        members["content"] = .string(data.base64EncodedString())
        return .object(members)
    }

    private static func checkInline(id: String, size: Int64, limit: Int) throws {
        guard size > Int64(limit) else { return }
        throw InlineLimitError(id: id, size: size, limit: limit)
    }

    private static func describe(_ step: UploadProgress) -> ProgressStep {
        ProgressStep(done: Double(step.bytesSent), total: Double(step.totalBytes),
                     message: "uploaded \(mebibytes(step.bytesSent)) of \(mebibytes(step.totalBytes)) "
                        + "(chunk \(step.chunksDone) of \(step.totalChunks))")
    }

    private static func describe(_ step: DownloadProgress) -> ProgressStep {
        ProgressStep(done: Double(step.bytesReceived), total: step.totalBytes.map(Double.init),
                     message: "downloaded \(mebibytes(step.bytesReceived))" + (step.totalBytes.map { " of \(mebibytes($0))" } ?? ""))
    }

    private static func mebibytes(_ bytes: Int64) -> String {
        String(format: "%.1f MiB", Double(bytes) / 1_048_576)
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
                            + "(\(MCPSettings.EnvironmentKey.maxInlineBytes), and the result cap "
                            + "\(MCPSettings.EnvironmentKey.maxResultBytes)); pass outputPath to write it to a file on the "
                            + "server's machine, or a range of at most \(limit) bytes")]
    }
}
