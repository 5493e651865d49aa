import Foundation
import HTTPTypes

/// Where a request goes, split as `HTTPRequest` holds it: scheme, authority (host and port, without user info) and path
/// (with the query). The pipeline splits the API root once, so each call's request is assembled by concatenation, without
/// parsing a URL.
struct RequestTarget: Sendable, Equatable {
    var scheme: String
    var authority: String
    /// The percent-encoded path and, after `?`, the query; empty for a URL without either.
    var path: String

    /// A request to this target, with `suffix` (a path and query, already percent-encoded) appended to its path.
    func request(_ method: HTTPRequest.Method, appending suffix: String = "", headerFields: HTTPFields = [:]) -> HTTPRequest {
        let path = self.path + suffix
        return HTTPRequest(method: method, scheme: scheme, authority: authority, path: path.isEmpty ? "/" : path,
                           headerFields: headerFields)
    }
}

extension RequestTarget {
    /// The parts of an absolute URL, as its text spells them (brackets of an IPv6 host kept, the fragment dropped); nil
    /// for a URL without a scheme or a host.
    init?(_ url: URL) {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: true), let text = components.string,
            let schemeRange = components.rangeOfScheme, let hostRange = components.rangeOfHost, !hostRange.isEmpty
        else { return nil }
        var path = components.rangeOfPath.map { String(text[$0]) } ?? ""
        if let query = components.rangeOfQuery { path += "?" + text[query] }
        self.init(scheme: String(text[schemeRange]),
                  authority: String(text[hostRange.lowerBound..<(components.rangeOfPort?.upperBound ?? hostRange.upperBound)]),
                  path: path)
    }
}
