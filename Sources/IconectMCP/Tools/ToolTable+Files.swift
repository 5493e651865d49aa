import Foundation
import Iconect
import MCP

/// Files: listing, plain and chunked uploads, downloads. Bytes travel as base64 or through files on the server's machine
/// (`filePath`, `outputPath`); they are never decoded as text.
extension ToolTable {
    static let files: [MCPTool] = [
        MCPTool("iconect_list_files") { arguments, context in
            try await .encoding(context.client.files.list(
                projectId: arguments.string("projectId"), folderId: arguments.string("folderId"), arguments.listOptions()))
        },
        MCPTool("iconect_get_file") { arguments, context in
            try await .encoding(context.client.files.get(id: arguments.requiredString("id")))
        },
        MCPTool("iconect_upload_file") { arguments, context in
            try await FileTransfers.upload(arguments, client: context.client, context: context)
        },
        MCPTool("iconect_initiate_chunked_upload") { arguments, context in
            try await .encoding(context.client.files.initiateChunkedUpload(
                options: FileTransfers.uploadOptions(arguments), fileSize: arguments.int64("fileSize") ?? 0,
                chunkSize: arguments.int("chunkSize")))
        },
        MCPTool("iconect_upload_chunk") { arguments, context in
            let sessionId = try arguments.requiredString("uploadSessionId")
            let number = try arguments.requiredInt("chunkNumber")
            guard let data = try arguments.base64Data("chunkData") else { throw ToolArgumentError.missing("chunkData") }
            try await context.client.files.uploadChunk(sessionId: sessionId, number: number, data: data)
            return .object(["uploadSessionId": .string(sessionId), "chunkNumber": .int(number), "size": .int(data.count),
                            "stored": true])
        },
        MCPTool("iconect_complete_chunked_upload") { arguments, context in
            try await .encoding(context.client.files.completeChunkedUpload(sessionId: arguments.requiredString("uploadSessionId")))
        },
        MCPTool("iconect_get_upload_session") { arguments, context in
            try await .encoding(context.client.files.uploadSession(id: arguments.requiredString("id")))
        },
        MCPTool("iconect_download_file") { arguments, context in
            try await FileTransfers.download(arguments, client: context.client, context: context)
        },
        MCPTool("iconect_delete_file") { arguments, context in
            let id = try arguments.requiredString("id")
            try await context.client.files.delete(id: id)
            return .deleted(id)
        },
    ]
}
