import Foundation

/// What an export answers (views, panels, dashboards): the rendered content and how to save it.
///
/// `{"format": "csv", "contentType": "text/csv; charset=utf-8", "fileName": "view.csv", "rowCount": 12, "encoding": "utf8",
/// "content": "..."}`. Text formats (`csv`, `json`) carry their text; a binary format would carry base64 with
/// `encoding: "base64"`.
public struct ExportedContent: Codable, Sendable, Hashable {
    public var format: ExportFormat
    public var contentType: String?
    public var fileName: String?
    /// How many data rows the content holds (absent for an export without data).
    public var rowCount: Int?
    /// `utf8` (the default) or `base64`.
    public var encoding: String?
    public var content: String

    /// The content's bytes (decoded from base64 when ``encoding`` says so).
    public var data: Data? {
        encoding == "base64" ? Data(base64Encoded: content) : Data(content.utf8)
    }
}

/// The format of an export.
public struct ExportFormat: ExtensibleEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let csv = ExportFormat(rawValue: "csv")
    public static let json = ExportFormat(rawValue: "json")
    public static let xlsx = ExportFormat(rawValue: "xlsx")
    public static let pdf = ExportFormat(rawValue: "pdf")
    public static let png = ExportFormat(rawValue: "png")
    public static let knownValues: [ExportFormat] = [.csv, .json, .xlsx, .pdf, .png]
}
