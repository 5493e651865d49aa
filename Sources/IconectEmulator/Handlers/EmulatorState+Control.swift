import HTTPTypes
import Foundation
import Hummingbird

/// `/_emulator/*`: stats, reset, faults, a body sink for upload floors (no auth, never faulted, not counted).
extension EmulatorState {
    func control(method: String, rawPath: String, request: Request, requestId: String) async -> Reply {
        do {
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
            default:
                throw APIError(status: .notFound, code: "NOT_FOUND", message: "No emulator control route \(method) \(rawPath)")
            }
        } catch {
            return errorReply(error, requestId: requestId)
        }
    }

    private static func encode<T: Encodable>(_ value: T) throws -> Reply {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return .json(Array(try encoder.encode(value)))
    }
}
