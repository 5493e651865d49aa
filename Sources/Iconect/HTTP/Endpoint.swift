import Foundation
import HTTPTypes

/// One concrete call of a ``Route``: its path parameters, query and body.
struct Endpoint: Sendable {
    var route: Route
    var pathParameters: [String: String]
    var query: QueryItems
    var body: HTTPBody
    var headers: HTTPFields
    /// How a GET uses the response cache; `nil` takes the area's default from ``CacheConfiguration``.
    var cachePolicy: CachePolicy?

    init(_ route: Route, path: [String: String] = [:], query: QueryItems = QueryItems(), body: HTTPBody = .none,
         contentType: String? = nil) {
        self.route = route
        self.pathParameters = path
        self.query = query
        self.body = body
        self.headers = HTTPFields()
        if let contentType { headers[.contentType] = contentType }
    }

    /// An endpoint whose body is `value` as JSON.
    init(_ route: Route, path: [String: String] = [:], query: QueryItems = QueryItems(), json value: some Encodable) throws {
        let data: Data
        do {
            data = try JSONCoding.encoder.encode(value)
        } catch {
            throw IconectError(.validation, "the request body could not be encoded as JSON: \(error)",
                               operation: route.operation, underlying: error)
        }
        self.init(route, path: path, query: query, body: .data(data), contentType: "application/json; charset=utf-8")
    }
}

/// The JSON encoder and decoder every request and response goes through.
enum JSONCoding {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(IconectDate.format(date))
        }
        // Sorted keys: the same value always encodes to the same bytes, so a POST sent again under its Idempotency-Key
        // (a bulk submission whose answer was lost) is recognised by the server as the same request.
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return encoder
    }()

    /// Reads responses: ``JSONParser`` plus a tree decoder that knows the SDK's date forms (see ``JSONValueDecoder``).
    static let decoder = JSONValueDecoder()

    /// Foundation's decoder with the SDK's date forms: the reference the fast decoder is tested against.
    static func decodeWithFoundation<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = IconectDate.parse(text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\"\(text)\" is not a date"))
            }
            return date
        }
        return try decoder.decode(type, from: data)
    }
}
