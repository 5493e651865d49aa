import Foundation

extension JSONValue {
    /// The JSON form of an `Encodable` value.
    init(encoding value: some Encodable) throws {
        self = try JSONCoding.decoder.decode(JSONValue.self, from: JSONCoding.encoder.encode(value))
    }
}
