import Foundation

/// Where a chunked upload session stands.
public struct UploadSessionStatus: ExtensibleEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let active = UploadSessionStatus(rawValue: "active")
    public static let completed = UploadSessionStatus(rawValue: "completed")
    public static let failed = UploadSessionStatus(rawValue: "failed")
    public static let expired = UploadSessionStatus(rawValue: "expired")
    public static let knownValues: [UploadSessionStatus] = [.active, .completed, .failed, .expired]
}

/// A chunked upload session: which chunks the server holds, and until when.
public struct UploadSession: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var fileName: String?
    public var fileSize: Int64
    public var chunkSize: Int
    public var totalChunks: Int
    /// The chunk numbers (from 0) the server has stored: what a resumed upload skips.
    public var uploadedChunks: [Int]
    public var status: UploadSessionStatus?
    public var expiresAt: Date?
    public var createdDate: Date?

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        fileName = try container.decodeIfPresent(String.self, forKey: .fileName)
        fileSize = try container.decode(Int64.self, forKey: .fileSize)
        chunkSize = try container.decode(Int.self, forKey: .chunkSize)
        let divisor = Int64(max(chunkSize, 1))
        totalChunks = try container.decodeIfPresent(Int.self, forKey: .totalChunks) ?? Int((fileSize + divisor - 1) / divisor)
        uploadedChunks = try container.decodeIfPresent([Int].self, forKey: .uploadedChunks) ?? []
        status = try container.decodeIfPresent(UploadSessionStatus.self, forKey: .status)
        expiresAt = try container.decodeIfPresent(Date.self, forKey: .expiresAt)
        createdDate = try container.decodeIfPresent(Date.self, forKey: .createdDate)
    }
}

/// The body of `POST /files/upload/chunked/initiate`.
struct InitiateUploadRequest: Encodable, Sendable {
    var fileName: String
    var fileSize: Int64
    var projectId: String
    var fileStoreId: String
    var folderId: String?
    var mimeType: String?
    var chunkSize: Int?
    var sha256: String?
    var metadata: [String: JSONValue]?
}
