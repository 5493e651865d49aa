import Foundation
import Testing

@testable import Iconect

@Suite("MultipartFormData")
struct MultipartFormDataTests {
    struct Part: Equatable {
        var headers: [String]
        var body: Data
    }

    /// Splits a multipart body on its boundary (RFC 2046 §5.1.1), independently of the builder.
    static func parse(_ body: Data, boundary: String) throws -> [Part] {
        let delimiter = Data("--\(boundary)".utf8)
        let crlf = Data("\r\n".utf8)
        var parts: [Part] = []
        guard body.starts(with: delimiter) else { throw ParseError("the body does not open with the boundary") }
        var cursor = body.startIndex + delimiter.count
        while true {
            let rest = body[cursor...]
            if rest.starts(with: Data("--\r\n".utf8)) {
                guard cursor + 4 == body.endIndex else { throw ParseError("bytes after the closing boundary") }
                return parts
            }
            guard rest.starts(with: crlf) else { throw ParseError("no CRLF after a boundary") }
            let partStart = cursor + 2
            guard let next = body.range(of: crlf + delimiter, in: partStart..<body.endIndex) else {
                throw ParseError("unterminated part")
            }
            let part = body[partStart..<next.lowerBound]
            guard let split = part.range(of: crlf + crlf) else { throw ParseError("no blank line after the part headers") }
            let headers = String(decoding: part[part.startIndex..<split.lowerBound], as: UTF8.self)
                .components(separatedBy: "\r\n")
            parts.append(Part(headers: headers, body: Data(part[split.upperBound...])))
            cursor = next.upperBound
        }
    }

    struct ParseError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    @Test func fieldsAndFileParseBack() throws {
        var form = MultipartFormData(boundary: "test-boundary-123")
        form.addField("fileName", "memo.pdf")
        form.addField("projectId", "p-1")
        form.addField("folderId", nil)
        let bytes = Data([0x25, 0x50, 0x44, 0x46, 0x0D, 0x0A, 0x00, 0xFF, 0x2D, 0x2D])
        form.addFile("file", fileName: "memo.pdf", mimeType: "application/pdf", data: bytes)
        form.addField("metadata", #"{"custodian":"Chen"}"#)
        #expect(form.contentType == "multipart/form-data; boundary=test-boundary-123")
        let parts = try Self.parse(form.finished(), boundary: "test-boundary-123")
        #expect(parts.count == 4, "a nil field is left out")
        #expect(parts[0] == Part(headers: [#"Content-Disposition: form-data; name="fileName""#], body: Data("memo.pdf".utf8)))
        #expect(parts[1] == Part(headers: [#"Content-Disposition: form-data; name="projectId""#], body: Data("p-1".utf8)))
        #expect(parts[2].headers == [#"Content-Disposition: form-data; name="file"; filename="memo.pdf""#, "Content-Type: application/pdf"])
        #expect(parts[2].body == bytes, "binary content, CRLF and dashes included, survives byte for byte")
        #expect(parts[3].body == Data(#"{"custodian":"Chen"}"#.utf8))
    }

    @Test func emptyFormIsJustTheClosingBoundary() throws {
        let form = MultipartFormData(boundary: "b")
        #expect(text(form.finished()) == "--b--\r\n")
        #expect(try Self.parse(form.finished(), boundary: "b").isEmpty)
    }

    @Test func finishedDoesNotChangeTheForm() throws {
        var form = MultipartFormData(boundary: "b")
        form.addField("a", "1")
        let first = form.finished()
        #expect(form.finished() == first)
        form.addField("b", "2")
        #expect(try Self.parse(form.finished(), boundary: "b").count == 2)
    }

    @Test func quotesBackslashesAndLineBreaksInNamesAreEscaped() throws {
        var form = MultipartFormData(boundary: "b")
        form.addFile("file", fileName: #"evil".pdf\"#, mimeType: "application/pdf", data: Data("x".utf8))
        form.addField("na\"me", "v")
        form.addFile("file", fileName: "a.pdf\r\nContent-Type: text/html", mimeType: "application/pdf", data: Data("y".utf8))
        form.addFile("file", fileName: "lf\nonly\rcr.txt", mimeType: "text/plain", data: Data())
        let parts = try Self.parse(form.finished(), boundary: "b")
        #expect(parts.count == 4)
        #expect(parts[0].headers[0] == #"Content-Disposition: form-data; name="file"; filename="evil%22.pdf%5C""#)
        #expect(parts[1].headers[0] == #"Content-Disposition: form-data; name="na%22me""#)
        #expect(parts[2].headers == [
            #"Content-Disposition: form-data; name="file"; filename="a.pdf%0D%0AContent-Type: text/html""#, "Content-Type: application/pdf",
        ], "a CRLF in a file name cannot inject a header")
        #expect(parts[3].headers[0] == #"Content-Disposition: form-data; name="file"; filename="lf%0Aonly%0Dcr.txt""#)
        #expect(parts[3].body.isEmpty)
    }

    @Test func nonAsciiFileNamesTravelAsUTF8() throws {
        var form = MultipartFormData(boundary: "b")
        form.addFile("file", fileName: "Protokoll März 日本.pdf", mimeType: "application/pdf", data: Data("z".utf8))
        let parts = try Self.parse(form.finished(), boundary: "b")
        #expect(parts[0].headers[0] == #"Content-Disposition: form-data; name="file"; filename="Protokoll März 日本.pdf""#)
    }

    @Test func defaultBoundariesAreUniqueAndTokenSafe() {
        let one = MultipartFormData()
        let two = MultipartFormData()
        #expect(one.boundary != two.boundary)
        #expect(one.boundary.hasPrefix("iconect-"))
        #expect(one.boundary.count <= 70, "RFC 2046 limits a boundary to 70 characters")
        #expect(one.boundary.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
    }
}
