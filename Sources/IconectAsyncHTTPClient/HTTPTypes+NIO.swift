import AsyncHTTPClient
import HTTPTypes
import Iconect
import NIOHTTP1

extension HTTPHeaders {
    /// NIO's headers holding `fields`, in order.
    init(_ fields: HTTPFields) {
        self.init()
        reserveCapacity(fields.count)
        for field in fields { add(name: field.name.rawName, value: field.value) }
    }
}

extension HTTPFields {
    /// The fields of NIO's `headers`, in order; one whose name is not a valid token (RFC 9110) is dropped.
    init(_ headers: HTTPHeaders) {
        self.init()
        reserveCapacity(headers.count)
        for (name, value) in headers {
            guard let name = HTTPField.Name(name) else { continue }
            append(HTTPField(name: name, value: value))
        }
    }
}

extension HTTPResponse {
    /// The status and header fields of AsyncHTTPClient's response.
    /// - Throws: ``IconectError/Code/transport`` for a status over 999, which is no HTTP status.
    init(_ response: HTTPClientResponse) throws {
        let code = Int(response.status.code)
        guard code <= 999 else { throw IconectError(.transport, "the server answered with \(code), which is no HTTP status") }
        self.init(status: Status(code: code), headerFields: HTTPFields(response.headers))
    }
}
