import Foundation
import HTTPTypes

/// One answer as the pipeline handles it: the response head and its body in memory (empty for a download, whose body
/// went to a file, except the first bytes of an error read back for its message).
struct HTTPAnswer: Sendable {
    var response: HTTPResponse
    var body: Data

    init(_ response: HTTPResponse, body: Data = Data()) {
        self.response = response
        self.body = body
    }

    /// The status code.
    var status: Int { response.status.code }
    /// Whether the status is 2xx.
    var isSuccessful: Bool { response.status.kind == .successful }
}
