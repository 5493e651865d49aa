import Foundation

/// A parsed `multipart/form-data` body (RFC 7578).
struct MultipartForm {
    struct Part {
        let name: String
        let fileName: String?
        let contentType: String?
        let body: ArraySlice<UInt8>

        var text: String { String(decoding: body, as: UTF8.self) }
    }

    let parts: [Part]

    /// The boundary parameter of a `multipart/form-data` content type.
    static func boundary(from contentType: String?) -> String? {
        guard let contentType else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingSpaces().lowercased() == "boundary" else { continue }
            let value = pair[1].trimmingSpaces()
            return value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 ? String(value.dropFirst().dropLast()) : value
        }
        return nil
    }

    init(body: [UInt8], boundary: String) throws(APIError) {
        let delimiter = Array(("--" + boundary).utf8)
        let separator = Array(("\r\n--" + boundary).utf8)
        guard var position = Self.find(delimiter, in: body, from: 0) else {
            throw APIError.badRequest("The multipart body has no boundary '\(boundary)'")
        }
        position += delimiter.count
        var parts: [Part] = []
        while true {
            // After a delimiter: "--" ends the body, otherwise CRLF starts a part.
            if position + 1 < body.count, body[position] == UInt8(ascii: "-"), body[position + 1] == UInt8(ascii: "-") { break }
            while position < body.count, body[position] == UInt8(ascii: " ") || body[position] == UInt8(ascii: "\t") { position += 1 }
            guard position + 1 < body.count, body[position] == 0x0D, body[position + 1] == 0x0A else {
                throw APIError.badRequest("The multipart body is malformed")
            }
            position += 2
            guard let headerEnd = Self.find([0x0D, 0x0A, 0x0D, 0x0A], in: body, from: position) else {
                throw APIError.badRequest("A multipart part has no header end")
            }
            let headers = String(decoding: body[position..<headerEnd], as: UTF8.self)
            let contentStart = headerEnd + 4
            guard let contentEnd = Self.find(separator, in: body, from: contentStart) else {
                throw APIError.badRequest("A multipart part is not terminated")
            }
            parts.append(Self.part(headers: headers, body: body[contentStart..<contentEnd]))
            position = contentEnd + separator.count
        }
        self.parts = parts
    }

    subscript(name: String) -> Part? {
        parts.first { $0.name == name }
    }

    private static func part(headers: String, body: ArraySlice<UInt8>) -> Part {
        var name = ""
        var fileName: String?
        var contentType: String?
        for line in headers.split(separator: "\r\n") {
            let pair = line.split(separator: ":", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let headerName = pair[0].trimmingSpaces().lowercased()
            let value = pair[1].trimmingSpaces()
            if headerName == "content-type" {
                contentType = value
            } else if headerName == "content-disposition" {
                for parameter in value.split(separator: ";").dropFirst() {
                    let item = parameter.split(separator: "=", maxSplits: 1)
                    guard item.count == 2 else { continue }
                    var text = item[1].trimmingSpaces()
                    if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 { text = String(text.dropFirst().dropLast()) }
                    switch item[0].trimmingSpaces().lowercased() {
                    case "name": name = text
                    case "filename": fileName = text
                    case "filename*":
                        if let quote = text.range(of: "''") {
                            fileName = PercentDecoding.decode(text[quote.upperBound...], plusAsSpace: false) ?? fileName
                        }
                    default: continue
                    }
                }
            }
        }
        return Part(name: name, fileName: fileName, contentType: contentType, body: body)
    }

    /// The first index of `needle` in `haystack` at or after `start`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        let first = needle[0]
        var index = start
        let last = haystack.count - needle.count
        return haystack.withUnsafeBufferPointer { hay -> Int? in
            while index <= last {
                if hay[index] == first {
                    var offset = 1
                    while offset < needle.count, hay[index + offset] == needle[offset] { offset += 1 }
                    if offset == needle.count { return index }
                }
                index += 1
            }
            return nil
        }
    }
}
