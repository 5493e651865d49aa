import Foundation

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

    /// The request that follows `response` to `request`, or nil when `response` is not a redirect the SDK follows.
    static func follow(_ response: HTTPResponse, of request: HTTPRequest, allowInsecureHTTP: Bool) -> HTTPRequest? {
        guard [301, 302, 303, 307, 308].contains(response.status), let location = response.headers["Location"], !location.isEmpty,
            let target = URL(string: location, relativeTo: request.url)?.absoluteURL,
            let scheme = target.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = target.host, !host.isEmpty, target.user == nil, target.password == nil
        else { return nil }
        var next = request
        next.url = target
        let becomesGet = (response.status == 303 && request.method != .head)
            || ((response.status == 301 || response.status == 302) && request.method == .post)
        if becomesGet {
            next.method = .get
            next.body = .none
            for name in ["Content-Type", "Content-Encoding", "Content-Length", "Idempotency-Key"] { next.headers[name] = nil }
        }
        if isSameOrigin(request.url, target) { return next }
        guard next.method == .get || next.method == .head, case .none = next.body else { return nil }
        let fromLoopback = request.url.host.map(IconectConfiguration.isLoopback) ?? false
        guard scheme == "https" || allowInsecureHTTP || (fromLoopback && IconectConfiguration.isLoopback(host)) else { return nil }
        for name in ["Authorization", "Proxy-Authorization", "Cookie"] { next.headers[name] = nil }
        return next
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
