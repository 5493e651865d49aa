import Foundation

/// Where a file stands in its lifecycle.
public struct FileStatus: ExtensibleEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let uploading = FileStatus(rawValue: "uploading")
    public static let processing = FileStatus(rawValue: "processing")
    public static let available = FileStatus(rawValue: "available")
    public static let error = FileStatus(rawValue: "error")
    public static let deleted = FileStatus(rawValue: "deleted")
    public static let knownValues: [FileStatus] = [.uploading, .processing, .available, .error, .deleted]
}

/// A stored file: a native, an image, a production volume.
public struct File: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String
    public var originalName: String?
    public var path: String?
    /// Size in bytes (of the stored form: a file stored compressed reports its compressed size; see ``metadata``).
    public var size: Int64?
    public var mimeType: String?
    /// The content digest the server computed, when it reports one.
    public var hash: String?
    public var projectId: String?
    public var fileStoreId: String?
    public var folderId: String?
    public var status: FileStatus?
    public var metadata: [String: JSONValue]?
    public var createdDate: Date?
    public var modifiedDate: Date?
    public var uploadedBy: String?
}

/// Where an upload goes and what it is called.
public struct FileUploadOptions: Sendable, Hashable {
    public var fileName: String
    public var projectId: String
    public var fileStoreId: String
    public var folderId: String?
    public var mimeType: String?
    public var metadata: [String: JSONValue]?

    public init(fileName: String, projectId: String, fileStoreId: String, folderId: String? = nil, mimeType: String? = nil,
                metadata: [String: JSONValue]? = nil) {
        self.fileName = fileName
        self.projectId = projectId
        self.fileStoreId = fileStoreId
        self.folderId = folderId
        self.mimeType = mimeType
        self.metadata = metadata
    }

    func validate(operation: String) throws {
        for (name, value) in [("fileName", fileName), ("projectId", projectId), ("fileStoreId", fileStoreId)] where value.isEmpty {
            throw IconectError.invalidArgument(name, "must not be empty", operation: operation)
        }
    }
}
