import Foundation
import HTTPTypes
import Logging
import Synchronization

extension RequestPipeline {
    /// The call's request: its URL, the SDK's headers, an `Idempotency-Key` for a POST, and the gzip form of a large JSON body.
    func prepare(_ endpoint: Endpoint) throws -> PreparedCall {
        var request = try self.request(for: endpoint)
        if !request.headerFields.contains(.accept) { request.headerFields[.accept] = "application/json" }
        request.headerFields[.userAgent] = configuration.userAgent
        if request.method == .post, !request.headerFields.contains(.idempotencyKey) {
            // Once per call, so every retry of this POST is recognised by the server as the same request.
            request.headerFields[.idempotencyKey] = UUID().uuidString
        }
        var body = endpoint.body
        if let compressed = compressedBody(endpoint.body, of: request) {
            body = .data(compressed)
            request.headerFields[.contentEncoding] = "gzip"
        }
        return PreparedCall(operation: endpoint.route.operation, request: request, body: body, plainBody: endpoint.body)
    }

    /// The gzip form of a large JSON body, when compression is on and the server has not refused it.
    private func compressedBody(_ body: HTTPBody, of request: HTTPRequest) -> Data? {
        guard let threshold = configuration.requestCompressionThreshold, case .data(let data) = body,
              data.count >= threshold, !request.headerFields.contains(.contentEncoding),
              request.headerFields[.contentType]?.lowercased().hasPrefix("application/json") == true,
              !compressionRefused.withLock({ $0 })
        else { return nil }
        return try? GzipStream.compress(data)
    }

    /// Puts a current access token in `Authorization` (the one held when it is fresh, else one the token manager obtains)
    /// and returns it.
    func authorise(_ request: inout HTTPRequest) async throws -> String {
        if let fresh = tokens.freshTokenIfAny() {
            request.headerFields[.authorization] = fresh.authorization
            return fresh.token
        }
        let token = try await tokens.accessToken()
        request.headerFields[.authorization] = "Bearer \(token)"
        return token
    }

    /// What to do after the transport failed: the caller cancelled, the client shut the transport down under the call, a
    /// retry the policy allows, or the failure.
    func classify(_ error: any Error, of call: PreparedCall) -> CallOutcome {
        var failure = IconectError.transportFailure(error)
        failure.operation = call.operation
        if Task.isCancelled {
            failure.code = .cancelled
        } else if gate.isClosed, failure.code == .transport || failure.code == .cancelled {
            // The transport was shut down under a call that outlived the grace period.
            failure.code = .shutdown
        } else if let wait = retries.delay(after: failure, attempt: call.attempt) {
            logger.notice("retrying after a transport failure", metadata: [
                "operation": "\(call.operation)", "attempt": "\(call.attempt)", "error": "\(failure.message)"])
            return .retry(after: wait)
        }
        return .fail(failure, answer: nil)
    }

    /// What to do with an answer: keep it, replay once after a 401 with a refreshed token, resend plain after a 415 to a
    /// compressed body, retry what the policy allows, or fail.
    func classify(_ answer: HTTPAnswer, of call: PreparedCall, token: String) async -> CallOutcome {
        logger.debug("response", metadata: ["operation": "\(call.operation)", "status": "\(answer.status)",
                                            "requestId": "\(answer.response.headerFields[.requestId] ?? "-")",
                                            "bytes": "\(answer.body.count)"])
        let limit = configuration.limits.maxResponseBytes
        if answer.body.count > limit {
            // A transport that ignores the limit still does not hand the body on.
            return .fail(IconectError.tooLarge("the response body", limit: limit, setting: "maxResponseBytes",
                                               operation: call.operation), answer: nil)
        }
        if answer.isSuccessful || answer.response.status == .notModified { return .done(answer) }
        if answer.response.status == .unauthorized, !call.replayedAfter401, await tokens.canRefresh {
            // One refresh and one replay, never a loop.
            return .replayAfter401(token: token)
        }
        if answer.response.status == .unsupportedMediaType, call.request.headerFields.contains(.contentEncoding) {
            // The server does not take compressed bodies: send this one (and all later ones) plain.
            return .resendUncompressed
        }
        let failure = IconectError.from(answer, operation: call.operation)
        if let wait = retries.delay(after: failure, attempt: call.attempt) {
            logger.notice("retrying", metadata: ["operation": "\(call.operation)", "status": "\(answer.status)",
                                                 "attempt": "\(call.attempt)", "wait": "\(wait)"])
            return .retry(after: wait)
        }
        return .fail(failure, answer: answer)
    }

    /// Runs `exchange` and follows the redirects ``RedirectPolicy`` allows, at most ``RedirectPolicy/maximumRedirects``;
    /// a redirect it refuses (or one past the maximum) is returned as the answer, and fails the call.
    func followingRedirects(
        _ request: HTTPRequest, body: HTTPBody, _ exchange: (HTTPRequest, HTTPBody) async throws -> HTTPAnswer
    ) async throws -> HTTPAnswer {
        var (request, body) = (request, body)
        var hops = 0
        while true {
            let answer = try await exchange(request, body)
            guard hops < RedirectPolicy.maximumRedirects,
                let next = RedirectPolicy.follow(answer.response, of: request, body: body,
                                                 allowInsecureHTTP: configuration.allowInsecureHTTP)
            else { return answer }
            logger.debug("following a redirect", metadata: ["from": "\(request.url?.absoluteString ?? "-")",
                                                            "to": "\(next.request.url?.absoluteString ?? "-")"])
            (request, body) = next
            hops += 1
        }
    }
}
