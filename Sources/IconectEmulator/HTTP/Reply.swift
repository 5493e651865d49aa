import HTTPTypes
import Hummingbird
import NIOCore

/// A handler's answer, before faults and stats see it.
struct Reply: Sendable {
    /// How the body is produced.
    enum Body: Sendable {
        case empty
        case bytes(ByteBuffer)
        case stream(length: Int, write: @Sendable (inout any ResponseBodyWriter) async throws -> Void)
    }

    var status: HTTPResponse.Status
    var headers: HTTPFields
    var body: Body

    init(status: HTTPResponse.Status, headers: HTTPFields = [:], body: Body = .empty) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    static let jsonContentType = "application/json; charset=utf-8"

    /// A JSON reply from serialized bytes.
    static func json(_ bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Reply {
        Reply(status: status, headers: [.contentType: jsonContentType], body: .bytes(ByteBuffer(bytes: bytes)))
    }

    /// A JSON reply for a value.
    static func json(_ value: JSON, status: HTTPResponse.Status = .ok) -> Reply {
        json(value.encodedBytes, status: status)
    }

    /// 204 with no body.
    static var noContent: Reply { Reply(status: .noContent) }

    /// The CONTRACT error reply.
    static func error(_ error: APIError, requestId: String) -> Reply {
        var reply = json(error.body(requestId: requestId), status: error.status)
        for field in error.headers { reply.headers.append(field) }
        return reply
    }

    /// The buffered body bytes, when the body is not streamed.
    var bufferedBody: ByteBuffer? {
        switch body {
        case .empty: return ByteBuffer()
        case .bytes(let buffer): return buffer
        case .stream: return nil
        }
    }
}
