import Foundation

extension RequestPipeline {
    /// Decodes `T`, mapping failures to ``IconectError/Code/decoding`` with the coding path.
    func decode<T: Decodable>(_ type: T.Type, from data: Data, operation: String) throws -> T {
        do {
            return try JSONCoding.decoder.decode(T.self, from: data)
        } catch let error as DecodingError {
            let (path, reason) = Self.describe(error)
            throw IconectError(.decoding, "the response could not be decoded as \(T.self): \(reason)",
                               operation: operation, decodingPath: path, underlying: error)
        }
    }

    /// The coding path and the reason of a decoding failure, for the error it becomes.
    private static func describe(_ error: DecodingError) -> (path: String, reason: String) {
        func render(_ path: [any CodingKey]) -> String {
            var text = ""
            for key in path {
                if let index = key.intValue { text += "[\(index)]" } else { text += text.isEmpty ? key.stringValue : ".\(key.stringValue)" }
            }
            return text.isEmpty ? "(root)" : text
        }
        switch error {
        case .typeMismatch(let type, let context):
            return (render(context.codingPath), "expected \(type): \(context.debugDescription)")
        case .valueNotFound(let type, let context):
            return (render(context.codingPath), "missing \(type) value: \(context.debugDescription)")
        case .keyNotFound(let key, let context):
            return (render(context.codingPath + [key]), "missing key \"\(key.stringValue)\"")
        case .dataCorrupted(let context):
            return (render(context.codingPath), context.debugDescription)
        @unknown default:
            return ("(unknown)", String(describing: error))
        }
    }
}
