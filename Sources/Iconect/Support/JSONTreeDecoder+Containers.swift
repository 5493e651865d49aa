import Foundation

extension JSONTreeDecoder {
    /// The members of a JSON object, read by key.
    struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let decoder: JSONTreeDecoder
        let members: [String: JSONValue]
        var codingPath: [any CodingKey] { decoder.codingPath }
        var allKeys: [Key] { members.keys.compactMap { Key(stringValue: $0) } }

        func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

        private func member(_ key: Key) throws -> JSONValue {
            guard let value = members[key.stringValue] else {
                throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "no member \"\(key.stringValue)\""))
            }
            return value
        }

        private func path(_ key: Key) -> [any CodingKey] { codingPath + [key] }

        func decodeNil(forKey key: Key) throws -> Bool { try member(key) == .null }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decoder.bool(member(key), at: path(key)) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try decoder.string(member(key), at: path(key)) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decoder.double(member(key), at: path(key)) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { Float(try decoder.double(member(key), at: path(key))) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decoder.integer(member(key), as: Int.self, at: path(key)) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decoder.integer(member(key), as: Int8.self, at: path(key)) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decoder.integer(member(key), as: Int16.self, at: path(key)) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decoder.integer(member(key), as: Int32.self, at: path(key)) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decoder.integer(member(key), as: Int64.self, at: path(key)) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decoder.integer(member(key), as: UInt.self, at: path(key)) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decoder.integer(member(key), as: UInt8.self, at: path(key)) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decoder.integer(member(key), as: UInt16.self, at: path(key)) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decoder.integer(member(key), as: UInt32.self, at: path(key)) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decoder.integer(member(key), as: UInt64.self, at: path(key)) }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try decoder.unbox(member(key), as: T.self, at: path(key))
        }

        /// `null` and a missing member both read as `nil`, as with `JSONDecoder`.
        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            guard let value = members[key.stringValue], value != .null else { return nil }
            return try decoder.unbox(value, as: T.self, at: path(key))
        }

        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
            guard let value = members[key.stringValue], value != .null else { return nil }
            return try decoder.string(value, at: path(key))
        }

        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
            guard let value = members[key.stringValue], value != .null else { return nil }
            return try decoder.integer(value, as: Int.self, at: path(key))
        }

        func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
            guard let value = members[key.stringValue], value != .null else { return nil }
            return try decoder.bool(value, at: path(key))
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
            -> KeyedDecodingContainer<NestedKey> {
            try JSONTreeDecoder(value: member(key), codingPath: path(key)).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try JSONTreeDecoder(value: member(key), codingPath: path(key)).unkeyedContainer()
        }

        func superDecoder() throws -> any Decoder {
            let key = DynamicCodingKey(stringValue: "super")
            return JSONTreeDecoder(value: members["super"] ?? .null, codingPath: codingPath + [key])
        }

        func superDecoder(forKey key: Key) throws -> any Decoder {
            JSONTreeDecoder(value: members[key.stringValue] ?? .null, codingPath: path(key))
        }
    }

    /// The elements of a JSON array, read in order.
    struct UnkeyedContainer: UnkeyedDecodingContainer {
        let decoder: JSONTreeDecoder
        let elements: [JSONValue]
        private(set) var currentIndex = 0
        var codingPath: [any CodingKey] { decoder.codingPath }
        var count: Int? { elements.count }
        var isAtEnd: Bool { currentIndex >= elements.count }

        init(decoder: JSONTreeDecoder, elements: [JSONValue]) {
            self.decoder = decoder
            self.elements = elements
        }

        /// The next element and its index; the element's coding path is built only when needed.
        private mutating func next<T>(_ type: T.Type) throws -> (JSONValue, Int) {
            guard !isAtEnd else {
                throw DecodingError.valueNotFound(type, .init(codingPath: path(currentIndex), debugDescription: "the array has no more elements"))
            }
            defer { currentIndex += 1 }
            return (elements[currentIndex], currentIndex)
        }

        private func path(_ index: Int) -> [any CodingKey] { codingPath + [DynamicCodingKey(intValue: index)] }

        mutating func decodeNil() throws -> Bool {
            guard !isAtEnd, elements[currentIndex] == .null else { return false }
            currentIndex += 1
            return true
        }

        mutating func decode(_ type: String.Type) throws -> String {
            let (value, index) = try next(type)
            return try decoder.string(value, at: path(index))
        }

        mutating func decode(_ type: Bool.Type) throws -> Bool {
            let (value, index) = try next(type)
            return try decoder.bool(value, at: path(index))
        }

        mutating func decode(_ type: Double.Type) throws -> Double {
            let (value, index) = try next(type)
            return try decoder.double(value, at: path(index))
        }

        mutating func decode(_ type: Int.Type) throws -> Int {
            let (value, index) = try next(type)
            return try decoder.integer(value, as: Int.self, at: path(index))
        }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            let (value, index) = try next(type)
            return try decoder.unbox(value, as: T.self, at: path(index))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
            -> KeyedDecodingContainer<NestedKey> {
            let (value, index) = try next([String: JSONValue].self)
            return try JSONTreeDecoder(value: value, codingPath: path(index)).container(keyedBy: type)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            let (value, index) = try next([JSONValue].self)
            return try JSONTreeDecoder(value: value, codingPath: path(index)).unkeyedContainer()
        }

        mutating func superDecoder() throws -> any Decoder {
            let (value, index) = try next(JSONValue.self)
            return JSONTreeDecoder(value: value, codingPath: path(index))
        }
    }

    /// One value, read as a scalar or handed to a type's own `init(from:)`.
    struct SingleValueContainer: SingleValueDecodingContainer {
        let decoder: JSONTreeDecoder
        var codingPath: [any CodingKey] { decoder.codingPath }

        func decodeNil() -> Bool { decoder.value == .null }
        func decode(_ type: Bool.Type) throws -> Bool { try decoder.bool(decoder.value, at: codingPath) }
        func decode(_ type: String.Type) throws -> String { try decoder.string(decoder.value, at: codingPath) }
        func decode(_ type: Double.Type) throws -> Double { try decoder.double(decoder.value, at: codingPath) }
        func decode(_ type: Float.Type) throws -> Float { Float(try decoder.double(decoder.value, at: codingPath)) }
        func decode(_ type: Int.Type) throws -> Int { try decoder.integer(decoder.value, as: Int.self, at: codingPath) }
        func decode(_ type: Int8.Type) throws -> Int8 { try decoder.integer(decoder.value, as: Int8.self, at: codingPath) }
        func decode(_ type: Int16.Type) throws -> Int16 { try decoder.integer(decoder.value, as: Int16.self, at: codingPath) }
        func decode(_ type: Int32.Type) throws -> Int32 { try decoder.integer(decoder.value, as: Int32.self, at: codingPath) }
        func decode(_ type: Int64.Type) throws -> Int64 { try decoder.integer(decoder.value, as: Int64.self, at: codingPath) }
        func decode(_ type: UInt.Type) throws -> UInt { try decoder.integer(decoder.value, as: UInt.self, at: codingPath) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try decoder.integer(decoder.value, as: UInt8.self, at: codingPath) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try decoder.integer(decoder.value, as: UInt16.self, at: codingPath) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try decoder.integer(decoder.value, as: UInt32.self, at: codingPath) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try decoder.integer(decoder.value, as: UInt64.self, at: codingPath) }
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.unbox(decoder.value, as: T.self, at: codingPath) }
    }
}
