import Foundation

/// A type the response decoder builds straight from a parsed ``JSONValue``, without going through `Decoder`.
///
/// For the types that arrive by the thousand (records in search pages): `Decoder`'s generic, existential-boxed calls cost
/// more than reading the members out of the parsed dictionary. Conforming types must read exactly what their
/// `init(from:)` reads, with the same errors, so the two paths cannot be told apart (tests compare them).
protocol JSONValueInitializable {
    init(json: JSONValue, at path: @autoclosure () -> [any CodingKey]) throws
}

/// Reads the members of one JSON object, throwing the `DecodingError`s `JSONDecoder` would, with their coding path.
struct JSONObjectReader {
    let members: [String: JSONValue]
    let codingPath: [any CodingKey]

    init(_ value: JSONValue, at path: [any CodingKey], type: Any.Type) throws {
        guard case .object(let members) = value else {
            throw DecodingError.misfit(type, value, path)
        }
        self.members = members
        self.codingPath = path
    }

    private func keyPath(_ key: String) -> [any CodingKey] { codingPath + [DynamicCodingKey(stringValue: key)] }

    private func mismatch(_ type: Any.Type, _ key: String, _ value: JSONValue) -> DecodingError {
        DecodingError.misfit(type, value, keyPath(key))
    }

    /// The member, nil when missing or `null`.
    func value(_ key: String) -> JSONValue? {
        guard let value = members[key], value != .null else { return nil }
        return value
    }

    func string(_ key: String) throws -> String? {
        guard let value = value(key) else { return nil }
        guard case .string(let text) = value else { throw mismatch(String.self, key, value) }
        return text
    }

    func requiredString(_ key: String) throws -> String {
        guard let text = try string(key) else {
            throw DecodingError.keyNotFound(DynamicCodingKey(stringValue: key), .init(codingPath: codingPath, debugDescription: "no member \"\(key)\""))
        }
        return text
    }

    func strings(_ key: String) throws -> [String]? {
        guard let value = value(key) else { return nil }
        guard case .array(let elements) = value else { throw mismatch([String].self, key, value) }
        return try elements.map { element in
            guard case .string(let text) = element else { throw mismatch(String.self, key, element) }
            return text
        }
    }

    func object(_ key: String) throws -> [String: JSONValue]? {
        guard let value = value(key) else { return nil }
        guard case .object(let members) = value else { throw mismatch([String: JSONValue].self, key, value) }
        return members
    }

    func enumeration<E: ExtensibleEnum>(_ key: String, as type: E.Type = E.self) throws -> E? {
        try string(key).map(E.init(rawValue:))
    }

    func date(_ key: String) throws -> Date? {
        guard let text = try string(key) else { return nil }
        guard let date = IconectDate.parse(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: keyPath(key), debugDescription: "\"\(text)\" is not an ISO-8601 or iCONECT DATETIME date"))
        }
        return date
    }

    func int(_ key: String) throws -> Int? {
        guard let value = value(key) else { return nil }
        guard case .number(let number) = value else { throw mismatch(Int.self, key, value) }
        guard number.rounded(.towardZero) == number, let result = Int(exactly: number) else {
            throw DecodingError.dataCorrupted(.init(codingPath: keyPath(key), debugDescription: "\(number) does not fit in Int"))
        }
        return result
    }

    func bool(_ key: String) throws -> Bool? {
        guard let value = value(key) else { return nil }
        guard case .bool(let flag) = value else { throw mismatch(Bool.self, key, value) }
        return flag
    }
}

extension Record: JSONValueInitializable {
    init(json: JSONValue, at path: @autoclosure () -> [any CodingKey]) throws {
        let reader = try JSONObjectReader(json, at: path(), type: Record.self)
        id = try reader.requiredString("id")
        documentId = try reader.string("documentId")
        projectId = try reader.string("projectId")
        folderId = try reader.string("folderId")
        status = try reader.enumeration("status")
        fields = try reader.object("fields") ?? [:]
        fileIds = try reader.strings("fileIds")
        tags = try reader.strings("tags")
        priority = try reader.enumeration("priority")
        assignedTo = try reader.string("assignedTo")
        reviewStatus = try reader.enumeration("reviewStatus")
        metadata = try reader.object("metadata")
        createdDate = try reader.date("createdDate")
        modifiedDate = try reader.date("modifiedDate")
        createdBy = try reader.string("createdBy")
        modifiedBy = try reader.string("modifiedBy")
    }
}

extension Page: JSONValueInitializable where Item: JSONValueInitializable {
    init(json: JSONValue, at path: @autoclosure () -> [any CodingKey]) throws {
        let base = path()
        let reader = try JSONObjectReader(json, at: base, type: Page.self)
        guard let value = reader.value("data") else {
            throw DecodingError.keyNotFound(DynamicCodingKey(stringValue: "data"), .init(codingPath: base, debugDescription: "no member \"data\""))
        }
        guard case .array(let elements) = value else {
            throw DecodingError.typeMismatch([Item].self, .init(codingPath: base + [DynamicCodingKey(stringValue: "data")],
                                                                debugDescription: "expected an array but found \(value.kind)"))
        }
        var items: [Item] = []
        items.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            items.append(try Item(json: element, at: base + [DynamicCodingKey(stringValue: "data"), DynamicCodingKey(intValue: index)]))
        }
        data = items
        total = try reader.int("total") ?? items.count
        page = try reader.int("page") ?? 1
        pageSize = try reader.int("pageSize") ?? items.count
        hasMore = try reader.bool("hasMore") ?? (page * max(pageSize, 1) < total)
    }
}
