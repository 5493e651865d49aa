import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Files: plain upload (multipart or JSON base64), download with ranges, delete, file store stats.
extension EmulatorState {
    /// What an upload describes besides its bytes.
    struct UploadDescription {
        var fileName: String
        var projectId: String
        var fileStoreId: String
        var folderId: String?
        var mimeType: String?
        var metadata: JSON?
    }

    func uploadFile(_ request: APIRequest) throws(APIError) -> Reply {
        let content: ArraySlice<UInt8>
        let description: UploadDescription
        if request.mediaType == "multipart/form-data" {
            guard let boundary = MultipartForm.boundary(from: request.contentType) else {
                throw APIError.badRequest("multipart/form-data needs a boundary")
            }
            let form = try MultipartForm(body: request.body, boundary: boundary)
            guard let filePart = form["file"] else { throw APIError.validation("file", "The multipart body needs a file part") }
            var metadata: JSON?
            if let text = form["metadata"]?.text, !text.isEmpty {
                guard let parsed = try? JSONParser.parse(Array(text.utf8)), parsed.objectValue != nil else {
                    throw APIError.validation("metadata", "metadata must be a JSON object")
                }
                metadata = parsed
            }
            description = UploadDescription(
                fileName: form["fileName"]?.text ?? filePart.fileName ?? "",
                projectId: form["projectId"]?.text ?? "", fileStoreId: form["fileStoreId"]?.text ?? "",
                folderId: form["folderId"]?.text, mimeType: form["mimeType"]?.text ?? filePart.contentType, metadata: metadata
            )
            content = filePart.body
        } else {
            let body = try request.jsonObject()
            var errors = ValidationErrors()
            var decoded: [UInt8] = []
            if let text = body["fileContent"]?.stringValue {
                if let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters) {
                    decoded = Array(data)
                } else {
                    errors.add("fileContent", "fileContent must be base64")
                }
            } else {
                errors.add("fileContent", "fileContent is required")
            }
            if let metadata = body["metadata"], !metadata.isNull, metadata.objectValue == nil {
                errors.add("metadata", "metadata must be an object")
            }
            try errors.throwIfAny()
            description = UploadDescription(
                fileName: body["fileName"]?.stringValue ?? "", projectId: body["projectId"]?.stringValue ?? "",
                fileStoreId: body["fileStoreId"]?.stringValue ?? "", folderId: body["folderId"]?.stringValue,
                mimeType: body["mimeType"]?.stringValue, metadata: body["metadata"].flatMap { $0.isNull ? nil : $0 }
            )
            content = decoded[...]
        }
        try validateUpload(description)
        let fileId = ids.next("fil")
        let path = storage.filePath(fileId)
        do {
            let file = try PosixFile.create(path)
            try file.write(content)
        } catch {
            throw APIError(status: .internalServerError, code: "INTERNAL_ERROR", message: "Could not store the file: \(error)")
        }
        let object = fileObject(id: fileId, description, size: content.count, hash: Digest.sha256Hex(content), actor: request.actor)
        store("files")?.put(object)
        return .json(.object(object), status: .created)
    }

    /// Required fields and references of an upload.
    func validateUpload(_ description: UploadDescription) throws(APIError) {
        var errors = ValidationErrors()
        if description.fileName.isEmpty { errors.add("fileName", "fileName is required") }
        if description.projectId.isEmpty { errors.add("projectId", "projectId is required") }
        if description.fileStoreId.isEmpty { errors.add("fileStoreId", "fileStoreId is required") }
        try errors.throwIfAny()
        try checkReferences(CollectionSpec(name: "", path: "", kind: "", idPrefix: "",
                                           references: ["projectId": "projects", "fileStoreId": "filestores"]),
                            ["projectId": .string(description.projectId), "fileStoreId": .string(description.fileStoreId)])
    }

    /// A CONTRACT File object for stored bytes.
    func fileObject(id: String, _ description: UploadDescription, size: Int, hash: String, actor: String) -> [String: JSON] {
        let stamp = JSON.string(ISODate.string(ISODate.nowSeconds))
        var object: [String: JSON] = [
            "id": .string(id), "name": .string(description.fileName), "originalName": .string(description.fileName),
            "path": .string("/\(description.fileStoreId)/\(description.projectId)/\(id)/\(description.fileName)"),
            "size": .number(Double(size)), "mimeType": .string(description.mimeType ?? Self.mimeType(for: description.fileName)),
            "hash": .string(hash), "projectId": .string(description.projectId), "fileStoreId": .string(description.fileStoreId),
            "status": "available", "createdDate": stamp, "modifiedDate": stamp, "uploadedBy": .string(actor),
        ]
        if let folderId = description.folderId, !folderId.isEmpty { object["folderId"] = .string(folderId) }
        if let metadata = description.metadata { object["metadata"] = metadata }
        return object
    }

    static func mimeType(for fileName: String) -> String {
        switch fileName.split(separator: ".").last?.lowercased() ?? "" {
        case "pdf": return "application/pdf"
        case "txt": return "text/plain"
        case "json": return "application/json"
        case "csv": return "text/csv"
        case "xml": return "application/xml"
        case "html", "htm": return "text/html"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gz": return "application/gzip"
        case "zip": return "application/zip"
        case "doc": return "application/msword"
        case "docx": return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case "xlsx": return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case "msg": return "application/vnd.ms-outlook"
        case "eml": return "message/rfc822"
        default: return "application/octet-stream"
        }
    }

    func deleteFile(_ request: APIRequest) throws(APIError) -> Reply {
        let id = request.param("id")
        guard store("files")?.remove(id) != nil else { throw APIError.notFound("File", id) }
        PosixFile.remove(storage.filePath(id))
        return .noContent
    }

    func downloadFile(_ request: APIRequest) throws(APIError) -> Reply {
        let id = request.param("id")
        let object = try requireObject("files", id)
        let path = storage.filePath(id)
        let size = PosixFile.fileSize(path) ?? 0
        let etag = "\"" + (object["hash"]?.stringValue ?? "\(id)-\(size)") + "\""
        var headers: HTTPFields = [
            .contentType: object["mimeType"]?.stringValue ?? "application/octet-stream",
            .eTag: etag,
            .acceptRanges: "bytes",
            .contentDisposition: Self.contentDisposition(object["name"]?.stringValue ?? id),
        ]
        if let match = request.headers[.ifNoneMatch], match == "*" || match.split(separator: ",").contains(where: { $0.trimmingSpaces() == etag || $0.trimmingSpaces() == "W/" + etag }) {
            return Reply(status: .notModified, headers: headers)
        }
        var start = 0
        var length = size
        var status = HTTPResponse.Status.ok
        if let rangeHeader = request.headers[.range] {
            switch ByteRange.parse(rangeHeader, size: size) {
            case .none:
                break
            case .unsatisfiable:
                headers[.contentRange] = "bytes */\(size)"
                var error = APIError(status: .rangeNotSatisfiable, code: "RANGE_NOT_SATISFIABLE",
                                     message: "Range '\(rangeHeader)' cannot be satisfied for \(size) bytes")
                error.headers = [.contentRange: "bytes */\(size)", .acceptRanges: "bytes"]
                throw error
            case .range(let range):
                start = range.lowerBound
                length = range.count
                status = .partialContent
                headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound - 1)/\(size)"
            }
        }
        let begin = start
        let total = length
        return Reply(status: status, headers: headers, body: .stream(length: total) { writer in
            let file = try PosixFile.openForReading(path)
            var offset = 0
            let block = 256 * 1024
            while offset < total {
                let bytes = try file.read(count: min(block, total - offset), at: begin + offset)
                if bytes.isEmpty { break }
                try await writer.write(ByteBuffer(bytes: bytes))
                offset += bytes.count
            }
            try await writer.finish(nil)
        })
    }

    static func contentDisposition(_ name: String) -> String {
        let ascii = String(name.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 0x20 ? Character($0) : "_" })
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(PercentDecoding.encode(name))"
    }

    func fileStoreStats(_ request: APIRequest) throws(APIError) -> Reply {
        let id = request.param("id")
        let fileStore = try requireObject("filestores", id)
        let files = store("files")?.filter { $0["fileStoreId"]?.stringValue == id } ?? []
        let totalSize = files.reduce(0.0) { $0 + ($1["size"]?.numberValue ?? 0) }
        var byType: [String: JSON] = [:]
        for file in files {
            let type = file["mimeType"]?.stringValue ?? "application/octet-stream"
            byType[type] = .number((byType[type]?.numberValue ?? 0) + 1)
        }
        var body: [String: JSON] = [
            "fileStoreId": .string(id), "totalFiles": .number(Double(files.count)), "totalSize": .number(totalSize),
            "usedSpace": .number(totalSize), "filesByType": .object(byType), "lastUpdated": .string(ISODate.string(ISODate.nowSeconds)),
        ]
        if let capacity = fileStore["capacity"]?.numberValue {
            body["capacity"] = .number(capacity)
            body["availableSpace"] = .number(max(0, capacity - totalSize))
        }
        return .json(.object(body))
    }
}
