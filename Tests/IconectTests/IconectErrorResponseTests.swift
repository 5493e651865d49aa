import Foundation
import HTTPTypes
import Testing

@testable import Iconect

@Suite("IconectError from a response")
struct IconectErrorResponseTests {
    static let operation = "iconect_get_project"

    /// The error of an answer; header names are given as a server spells them, in any case.
    private func error(_ status: Int, _ body: String = "", headers: KeyValuePairs<String, String> = [:]) -> IconectError {
        var fields = HTTPFields()
        for (name, value) in headers { fields.append(HTTPField(name: HTTPField.Name(name)!, value: value)) }
        return IconectError.from(HTTPAnswer(HTTPResponse(status: .init(code: status), headerFields: fields), body: Data(body.utf8)),
                                 operation: Self.operation)
    }

    private func contractBody(code: String, message: String, details: String = "null", requestId: String = "req-body") -> String {
        #"{"error": {"code": "\#(code)", "message": "\#(message)", "details": \#(details), "requestId": "\#(requestId)"}}"#
    }

    @Test func contractErrorBodyKeepsEverything() {
        let failure = error(
            404, contractBody(code: "NOT_FOUND", message: "Project p-9 not found", details: #"{"id": "p-9"}"#),
            headers: ["X-Request-Id": "req-header", "Content-Type": "application/json"])
        #expect(failure.code == .notFound)
        #expect(failure.status == 404)
        #expect(failure.serverCode == "NOT_FOUND")
        #expect(failure.message == "Project p-9 not found")
        #expect(failure.requestId == "req-header", "the header wins over the body")
        #expect(failure.operation == Self.operation)
        #expect(failure.details == ["id": "p-9"])
        #expect(failure.fieldErrors.isEmpty)
        #expect(failure.retryAfter == nil)
    }

    @Test func requestIdFromTheBodyWhenTheHeaderIsMissing() {
        #expect(error(500, contractBody(code: "INTERNAL", message: "boom", requestId: "req-7")).requestId == "req-7")
    }

    @Test func requestIdHeaderIsCaseInsensitive() {
        #expect(error(500, "", headers: ["x-request-id": "req-lower"]).requestId == "req-lower")
        #expect(error(500, "", headers: ["X-REQUEST-ID": "req-upper"]).requestId == "req-upper")
    }

    @Test func validationErrorsCarryFieldMessages() {
        let details = #"{"fields": {"pageSize": ["must be at most 100", "must be a number"], "name": "is required", "n": 3}}"#
        let failure = error(400, contractBody(code: "VALIDATION_ERROR", message: "Invalid input", details: details))
        #expect(failure.code == .validation)
        #expect(failure.fieldErrors["pageSize"] == ["must be at most 100", "must be a number"])
        #expect(failure.fieldErrors["name"] == ["is required"])
        #expect(failure.fieldErrors["n"] == ["3"])
        #expect(failure.details?["fields"]?["name"] == "is required")
        #expect(failure.description.contains("pageSize: must be at most 100; must be a number"))
    }

    @Test func nonStringMessagesInAFieldListAreKeptAsJSON() {
        let failure = error(422, contractBody(code: "UNPROCESSABLE", message: "x", details: #"{"fields": {"a": ["text", 5, {"k": 1}]}}"#))
        #expect(failure.code == .validation)
        #expect(failure.fieldErrors["a"] == ["text", "5", #"{"k":1}"#])
    }

    @Test func oauthErrorBody() {
        let failure = error(400, #"{"error": "invalid_grant", "error_description": "The user credentials were incorrect."}"#)
        #expect(failure.serverCode == "invalid_grant")
        #expect(failure.message == "The user credentials were incorrect.")
        #expect(failure.status == 400)
    }

    @Test func oauthErrorWithoutDescriptionFallsBackToTheBodyText() {
        let failure = error(401, #"{"error": "invalid_client"}"#)
        #expect(failure.code == .unauthorized)
        #expect(failure.serverCode == "invalid_client")
        #expect(failure.message.contains("401"))
        #expect(failure.message.contains("invalid_client"))
    }

    @Test func nonJSONBodyBecomesTheMessage() {
        let failure = error(502, "<html><body>Bad Gateway</body></html>\n", headers: ["Content-Type": "text/html"])
        #expect(failure.code == .server)
        #expect(failure.status == 502)
        #expect(failure.serverCode == nil)
        #expect(failure.message.hasPrefix("HTTP 502"))
        #expect(failure.message.contains("<html><body>Bad Gateway</body></html>"))
    }

    @Test func emptyBodyStillNamesTheStatus() {
        let failure = error(500)
        #expect(failure.message.hasPrefix("HTTP 500"))
        #expect(failure.code == .server)
    }

    @Test func longBodiesAreTruncatedInTheMessage() {
        let failure = error(500, String(repeating: "x", count: 10_000))
        #expect(failure.message.count < 400)
    }

    @Test func malformedErrorObjectFallsBack() {
        let failure = error(409, #"{"error": {"code": 42}}"#)
        #expect(failure.code == .conflict)
        #expect(failure.serverCode == nil)
        #expect(failure.message.contains("409"))
    }

    @Test(arguments: [
        (400, IconectError.Code.validation), (401, .unauthorized), (403, .forbidden), (404, .notFound), (409, .conflict),
        (422, .validation), (429, .rateLimited), (500, .server), (502, .server), (503, .server), (504, .server),
        (418, .httpStatus), (405, .httpStatus), (410, .httpStatus), (302, .httpStatus),
    ])
    func statusMapsToCode(status: Int, code: IconectError.Code) {
        let failure = error(status)
        #expect(failure.code == code)
        #expect(failure.status == status)
    }

    @Test func throttlingCarriesRetryAfter() {
        let limited = error(429, contractBody(code: "RATE_LIMITED", message: "slow down"), headers: ["Retry-After": "30"])
        #expect(limited.code == .rateLimited)
        #expect(limited.retryAfter == .seconds(30))
        let unavailable = error(503, "", headers: ["retry-after": "5"])
        #expect(unavailable.code == .rateLimited, "503 with Retry-After is throttling")
        #expect(unavailable.retryAfter == .seconds(5))
        let down = error(503)
        #expect(down.code == .server, "503 without Retry-After is a server failure")
        #expect(down.retryAfter == nil)
        let garbage = error(503, "", headers: ["Retry-After": "later"])
        #expect(garbage.code == .server)
        #expect(error(429).retryAfter == nil)
    }

    @Test func descriptionNamesCodeOperationStatusAndRequest() {
        let failure = error(404, contractBody(code: "NOT_FOUND", message: "gone"), headers: ["X-Request-Id": "r-1"])
        #expect(failure.description == "IconectError.notFound operation=iconect_get_project status=404 serverCode=NOT_FOUND requestId=r-1: gone")
    }

    @Test func invalidArgumentHelper() {
        let failure = IconectError.invalidArgument("pageSize", "must be between 1 and 100", operation: "op")
        #expect(failure.code == .validation)
        #expect(failure.fieldErrors == ["pageSize": ["must be between 1 and 100"]])
        #expect(failure.message == "pageSize: must be between 1 and 100")
        #expect(failure.operation == "op")
        #expect(failure.status == nil)
    }

    @Test func retryableFailures() {
        for code in [IconectError.Code.transport, .timeout] {
            #expect(RetryPolicy.isRetryable(IconectError(code, "x")))
        }
        for status in [429, 500, 502, 503, 504] {
            #expect(RetryPolicy.isRetryable(IconectError(.server, "x", status: status)))
        }
        for status in [400, 401, 403, 404, 409, 413, 422, 501, 505] {
            #expect(!RetryPolicy.isRetryable(IconectError(.server, "x", status: status)))
        }
        for code in [IconectError.Code.validation, .unauthorized, .forbidden, .notFound, .conflict, .cancelled, .decoding,
                     .tooLarge, .shutdown, .checksumMismatch] {
            #expect(!RetryPolicy.isRetryable(IconectError(code, "x")))
        }
    }
}
