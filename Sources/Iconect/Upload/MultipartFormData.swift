import Foundation

/// A `multipart/form-data` body (RFC 7578): text fields and one file part.
struct MultipartFormData: Sendable {
    let boundary: String
    private(set) var body = Data()

    init(boundary: String = "iconect-" + UUID().uuidString) {
        self.boundary = boundary
    }

    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    mutating func addField(_ name: String, _ value: String?) {
        guard let value else { return }
        append("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(Self.quote(name))\"\r\n\r\n")
        append(value)
        append("\r\n")
    }

    mutating func addFile(_ name: String, fileName: String, mimeType: String, data: Data) {
        append("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(Self.quote(name))\"; filename=\"\(Self.quote(fileName))\"\r\n")
        append("Content-Type: \(mimeType)\r\n\r\n")
        body.append(data)
        append("\r\n")
    }

    /// The finished body, with the closing boundary.
    func finished() -> Data {
        var copy = body
        copy.append(Data("--\(boundary)--\r\n".utf8))
        return copy
    }

    private mutating func append(_ text: String) {
        body.append(Data(text.utf8))
    }

    /// Escapes a quoted-string parameter (RFC 7578 §4.2): quotes, backslashes and line breaks are percent-encoded.
    private static func quote(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "%5C").replacingOccurrences(of: "\"", with: "%22")
            .replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }
}
