import HTTPTypes
import Foundation
import Hummingbird

/// `/_emulator/*`: stats, reset, faults, record revisions, a body sink for upload floors (never faulted, not counted).
///
/// Every control route requires `Authorization: Bearer <adminToken>`, and a POST or PUT other than the sink requires a
/// JSON body (`Content-Type: application/json`): a web page can send neither without the browser asking the emulator
/// first, which it never allows.
extension EmulatorState {
    func control(method: String, rawPath: String, request: Request, requestId: String) async -> Reply {
        do {
            try authorizeControl(request)
            if method == "POST" || method == "PUT", rawPath != "/_emulator/sink" {
                try requireJSONContentType(request)
            }
            switch (method, rawPath) {
            case ("GET", "/_emulator/stats"):
                return try Self.encode(stats.snapshot())
            case ("POST", "/_emulator/reset"):
                reset()
                return try Self.encode(seed)
            case ("GET", "/_emulator/seed"):
                return try Self.encode(seed)
            case ("GET", "/_emulator/faults"):
                return try Self.encode(faults.rules)
            case ("POST", "/_emulator/faults"), ("PUT", "/_emulator/faults"):
                let body = try await BodyDecoding.collect(request.body, encoding: request.headers[.contentEncoding], limit: 1 << 20, counter: ByteCounter())
                let rules: [FaultRule]
                do {
                    rules = try JSONDecoder().decode([FaultRule].self, from: Data(body.isEmpty ? Array("[]".utf8) : body))
                } catch {
                    throw APIError.badRequest("The body must be a JSON array of fault rules: \(error)")
                }
                faults.setRules(rules)
                return try Self.encode(rules)
            case ("DELETE", "/_emulator/faults"):
                faults.setRules([])
                return .noContent
            case ("POST", "/_emulator/sink"), ("PUT", "/_emulator/sink"):
                // Reads and discards a body of any size: the floor for upload benchmarks (what the server side costs
                // when it does nothing with the bytes).
                var bytes = 0
                for try await buffer in request.body { bytes += buffer.readableBytes }
                return .json(Array("{\"bytes\":\(bytes)}".utf8))
            case ("POST", "/_emulator/revoke-tokens"):
                tokens.revokeAllAccessTokens()
                return .noContent
            case ("POST", "/_emulator/revisions"):
                // How many times each record changed ({"ids": [...]} → {"revisions": {id: n}}): the server's own count, to
                // check that no change was applied twice.
                let body = try await BodyDecoding.collect(request.body, encoding: request.headers[.contentEncoding], limit: 64 << 20, counter: ByteCounter())
                let ids = ((try? JSONParser.parse(body))?["ids"]?.arrayValue ?? []).compactMap(\.stringValue)
                var revisions: [String: JSON] = [:]
                for id in ids { if let row = records.get(id) { revisions[id] = .number(Double(row.revision)) } }
                return .json(["revisions": .object(revisions)])
            default:
                throw APIError(status: .notFound, code: "NOT_FOUND", message: "No emulator control route \(method) \(rawPath)")
            }
        } catch {
            return errorReply(error, requestId: requestId)
        }
    }

    /// Checks `Authorization: Bearer <adminToken>`, comparing in constant time.
    private func authorizeControl(_ request: Request) throws(APIError) {
        let header = request.headers[.authorization] ?? ""
        let presented = header.count > 7 && header.prefix(7).lowercased() == "bearer " ? Array(header.utf8.dropFirst(7)) : []
        let expected = Array(adminToken.utf8)
        var difference = presented.count ^ expected.count
        for index in expected.indices { difference |= Int(expected[index] ^ (index < presented.count ? presented[index] : 0)) }
        guard difference == 0 else {
            var error = APIError.unauthorized("The emulator's control routes need Authorization: Bearer <admin token> "
                                              + "(printed by iconect-emulator at start; EmulatorServer.adminToken in process)")
            error.headers[.wwwAuthenticate] = "Bearer realm=\"iconect-emulator\""
            throw error
        }
    }

    private func requireJSONContentType(_ request: Request) throws(APIError) {
        let mediaType = request.headers[.contentType]?.split(separator: ";").first.map { $0.trimmingSpaces().lowercased() }
        guard mediaType == "application/json" else {
            throw APIError(status: .unsupportedMediaType, code: "UNSUPPORTED_MEDIA_TYPE",
                           message: "Control routes take application/json, got \(mediaType ?? "no Content-Type")")
        }
    }

    private static func encode<T: Encodable>(_ value: T) throws -> Reply {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return .json(Array(try encoder.encode(value)))
    }
}
