import Foundation
import Logging
import Synchronization

extension RequestPipeline {
    /// The call's request: its URL, the SDK's headers, an `Idempotency-Key` for a POST, and the gzip form of a large JSON body.
    func prepare(_ endpoint: Endpoint) throws -> PreparedCall {
        var request = HTTPRequest(method: endpoint.route.method, url: try url(for: endpoint), headers: endpoint.headers,
                                  body: endpoint.body, timeout: configuration.requestTimeout)
        request.headers["Accept"] = request.headers["Accept"] ?? "application/json"
        request.headers["User-Agent"] = configuration.userAgent
        if request.method == .post, request.headers["Idempotency-Key"] == nil {
            // Once per call, so every retry of this POST is recognised by the server as the same request.
            request.headers["Idempotency-Key"] = UUID().uuidString
        }
        let plainBody = request.body
        if let compressed = compressedBody(of: request) {
            request.body = .data(compressed)
            request.headers["Content-Encoding"] = "gzip"
        }
        return PreparedCall(operation: endpoint.route.operation, request: request, plainBody: plainBody)
    }

    /// The gzip form of a large JSON body, when compression is on and the server has not refused it.
    private func compressedBody(of request: HTTPRequest) -> Data? {
        guard let threshold = configuration.requestCompressionThreshold, case .data(let data) = request.body,
              data.count >= threshold, request.headers["Content-Encoding"] == nil,
              request.headers["Content-Type"]?.lowercased().hasPrefix("application/json") == true,
              !compressionRefused.withLock({ $0 })
        else { return nil }
        return try? GzipStream.compress(data)
    }

    /// Puts a current access token in `Authorization` (the one held when it is fresh, else one the token manager obtains)
    /// and returns it.
    func authorise(_ request: inout HTTPRequest) async throws -> String {
        if let fresh = tokens.freshTokenIfAny() {
            request.headers["Authorization"] = fresh.authorization
            return fresh.token
        }
        let token = try await tokens.accessToken()
        request.headers["Authorization"] = "Bearer \(token)"
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
        return .fail(failure, response: nil)
    }

    /// What to do with an answer: keep it, replay once after a 401 with a refreshed token, resend plain after a 415 to a
    /// compressed body, retry what the policy allows, or fail.
    func classify(_ response: HTTPResponse, of call: PreparedCall, token: String) async -> CallOutcome {
        logger.debug("response", metadata: ["operation": "\(call.operation)", "status": "\(response.status)",
                                            "requestId": "\(response.headers["X-Request-Id"] ?? "-")",
                                            "bytes": "\(response.body.count)"])
        let limit = configuration.limits.maxResponseBytes
        if response.body.count > limit {
            // A transport that ignores the limit still does not hand the body on.
            return .fail(IconectError.tooLarge("the response body", limit: limit, setting: "maxResponseBytes",
                                               operation: call.operation), response: nil)
        }
        if (200..<300).contains(response.status) || response.status == 304 { return .done(response) }
        if response.status == 401, !call.replayedAfter401, await tokens.canRefresh {
            // One refresh and one replay, never a loop.
            return .replayAfter401(token: token)
        }
        if response.status == 415, call.request.headers["Content-Encoding"] != nil {
            // The server does not take compressed bodies: send this one (and all later ones) plain.
            return .resendUncompressed
        }
        let failure = IconectError.from(response, operation: call.operation)
        if let wait = retries.delay(after: failure, attempt: call.attempt) {
            logger.notice("retrying", metadata: ["operation": "\(call.operation)", "status": "\(response.status)",
                                                 "attempt": "\(call.attempt)", "wait": "\(wait)"])
            return .retry(after: wait)
        }
        return .fail(failure, response: response)
    }

    /// Runs `exchange` and follows the redirects ``RedirectPolicy`` allows, at most ``RedirectPolicy/maximumRedirects``;
    /// a redirect it refuses (or one past the maximum) is returned as the response, and fails the call.
    func followingRedirects(
        _ request: HTTPRequest, _ exchange: (HTTPRequest) async throws -> HTTPResponse
    ) async throws -> HTTPResponse {
        var request = request
        var hops = 0
        while true {
            let response = try await exchange(request)
            guard hops < RedirectPolicy.maximumRedirects,
                let next = RedirectPolicy.follow(response, of: request, allowInsecureHTTP: configuration.allowInsecureHTTP)
            else { return response }
            logger.debug("following a redirect", metadata: ["from": "\(request.url.absoluteString)", "to": "\(next.url.absoluteString)"])
            request = next
            hops += 1
        }
    }
}
