/// Matches a raw (still percent-encoded) path against the route table.
///
/// The path is split on `/` before decoding, so `%2F` stays inside one segment; each segment is then
/// percent-decoded, and handlers see decoded parameters.
struct Router: Sendable {
    enum Match {
        case found(Route, [String: String])
        case methodNotAllowed([String])
        case notFound
        case badPath
    }

    private let routesBySegmentCount: [Int: [Route]]

    init(routes: [Route]) {
        var table: [Int: [Route]] = [:]
        for route in routes { table[route.segments.count, default: []].append(route) }
        for (count, list) in table { table[count] = list.sorted { $0.specificity > $1.specificity } }
        routesBySegmentCount = table
    }

    func match(method: String, rawPath: String) -> Match {
        let rawSegments = rawPath.split(separator: "/", omittingEmptySubsequences: true)
        var decoded: [String] = []
        decoded.reserveCapacity(rawSegments.count)
        for segment in rawSegments {
            guard let value = PercentDecoding.decode(segment, plusAsSpace: false) else { return .badPath }
            decoded.append(value)
        }
        guard let candidates = routesBySegmentCount[decoded.count] else { return .notFound }
        var allowed: [String] = []
        var boundSpecificity: Int?
        for route in candidates {
            // A path bound by a route with more literal segments (`/jobs/queues`) is never captured by a `/{id}` route.
            if let boundSpecificity, route.specificity < boundSpecificity { break }
            guard let params = Self.bind(route.segments, to: decoded) else { continue }
            boundSpecificity = boundSpecificity ?? route.specificity
            if route.method == method { return .found(route, params) }
            if !allowed.contains(route.method) { allowed.append(route.method) }
        }
        return allowed.isEmpty ? .notFound : .methodNotAllowed(allowed)
    }

    private static func bind(_ segments: [Route.Segment], to values: [String]) -> [String: String]? {
        var params: [String: String] = [:]
        for (segment, value) in zip(segments, values) {
            switch segment {
            case .literal(let literal):
                guard literal == value else { return nil }
            case .parameter(let name):
                guard !value.isEmpty else { return nil }
                params[name] = value
            }
        }
        return params
    }
}
