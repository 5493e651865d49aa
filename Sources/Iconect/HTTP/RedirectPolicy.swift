import Foundation
import HTTPTypes

/// Which redirects the SDK follows, and how; the transports follow none themselves, so both behave alike.
///
/// - Within the request's origin (scheme, host and port): followed, with its credentials; a 303, or a 301/302 after a
///   POST, becomes a GET without a body (RFC 9110 §15.4).
/// - To another origin: followed only for a read without a body (GET or HEAD), only to `https` (or to `http` when the
///   configuration allows it, or from loopback to loopback), and without `Authorization`: credentials never leave the
///   origin they were meant for.
/// - Anything else (a body or a write crossing origins, a downgrade to `http`, another scheme) is not followed: the 3xx
///   fails the call as ``IconectError/Code/httpStatus``, naming the `Location`.
enum RedirectPolicy {
    /// The most redirects one exchange follows.
    static let maximumRedirects = 5

    /// The request (and body) that follows `response` to `request` sent with `body`, or nil when `response` is not a
    /// redirect the SDK follows.
    static func follow(_ response: HTTPResponse, of request: HTTPRequest, body: HTTPBody,
                       allowInsecureHTTP: Bool) -> (request: HTTPRequest, body: HTTPBody)? {
        let status = response.status.code
        guard [301, 302, 303, 307, 308].contains(status), let location = response.headerFields[.location], !location.isEmpty,
            let origin = request.url, let target = URL(string: location, relativeTo: origin)?.absoluteURL,
            let scheme = target.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = target.host, !host.isEmpty, target.user == nil, target.password == nil,
            let split = RequestTarget(target)
        else { return nil }
        var next = split.request(request.method, headerFields: request.headerFields)
        var nextBody = body
        let becomesGet = (status == 303 && request.method != .head) || ((status == 301 || status == 302) && request.method == .post)
        if becomesGet {
            next.method = .get
            nextBody = .none
            for name in [HTTPField.Name.contentType, .contentEncoding, .contentLength, .idempotencyKey] { next.headerFields[name] = nil }
        }
        if isSameOrigin(origin, target) { return (next, nextBody) }
        guard next.method == .get || next.method == .head, case .none = nextBody else { return nil }
        let fromLoopback = origin.host.map(IconectConfiguration.isLoopback) ?? false
        guard scheme == "https" || allowInsecureHTTP || (fromLoopback && IconectConfiguration.isLoopback(host)) else { return nil }
        for name in [HTTPField.Name.authorization, .proxyAuthorization, .cookie] { next.headerFields[name] = nil }
        return (next, nextBody)
    }

    /// Whether two URLs share scheme, host and port (the default port of the scheme when none is given).
    static func isSameOrigin(_ first: URL, _ second: URL) -> Bool {
        func origin(_ url: URL) -> (String, String, Int)? {
            guard let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased() else { return nil }
            return (scheme, host, url.port ?? (scheme == "https" ? 443 : 80))
        }
        guard let a = origin(first), let b = origin(second) else { return false }
        return a == b
    }
}
