/// One row of the collection table: everything the generic engine needs to serve an area's CRUD routes.
struct CollectionSpec: Sendable {
    /// The JSON type a field must have.
    enum ValueType: Sendable {
        case string, number, integer, bool, object, array, stringArray, any
    }

    /// The CRUD operations the engine routes for the collection.
    enum Operation: Sendable, CaseIterable {
        case list, get, create, update, delete
    }

    /// The collection name, as used by ``EmulatorServer/insert(into:_:)`` (e.g. `projects`).
    let name: String
    /// The path under `/v1` (e.g. `/projects`).
    let path: String
    /// The object kind for messages (e.g. `Project`).
    let kind: String
    let idPrefix: String
    var required: [String] = []
    var types: [String: ValueType] = [:]
    var enums: [String: [String]] = [:]
    var defaults: [String: JSON] = [:]
    var minimums: [String: Double] = [:]
    var maximums: [String: Double] = [:]
    /// Query parameter → object key, matched by equality on list.
    var filterKeys: [String: String] = [:]
    /// Object key → the collection its id must exist in.
    var references: [String: String] = [:]
    /// Keys that `PUT` leaves alone.
    var createOnly: Set<String> = []
    /// A query parameter doing case-insensitive free-text search over these keys (e.g. `q` over names).
    var textSearch: (parameter: String, keys: [String])? = nil
    var operations: Set<Operation> = Set(Operation.allCases)
    var maxPageSize = 100

    /// Keys the server owns; a body cannot set them.
    static let serverKeys: Set<String> = ["id", "createdDate", "modifiedDate"]

    /// Checks the present fields of `body` (and, when `creating`, the required ones); throws a `VALIDATION_ERROR`.
    func validate(_ body: [String: JSON], creating: Bool) throws(APIError) {
        var errors = ValidationErrors()
        if creating {
            for key in required where body[key] == nil || body[key] == .null || body[key] == .string("") {
                errors.add(key, "\(key) is required")
            }
        }
        for (key, value) in body where value != .null {
            if let type = types[key], !Self.conforms(value, to: type) {
                errors.add(key, "\(key) must be \(Self.describe(type))")
                continue
            }
            if let allowed = enums[key] {
                if let text = value.stringValue, allowed.contains(text) { continue }
                errors.add(key, "\(key) must be one of: \(allowed.joined(separator: ", "))")
            }
            if let minimum = minimums[key], let number = value.numberValue, number < minimum {
                errors.add(key, "\(key) must be at least \(JSON.number(minimum).compactText)")
            }
            if let maximum = maximums[key], let number = value.numberValue, number > maximum {
                errors.add(key, "\(key) must be at most \(JSON.number(maximum).compactText)")
            }
        }
        try errors.throwIfAny()
    }

    static func conforms(_ value: JSON, to type: ValueType) -> Bool {
        switch (type, value) {
        case (.any, _), (.string, .string), (.number, .number), (.bool, .bool), (.object, .object), (.array, .array): return true
        case (.integer, .number(let number)): return number.rounded() == number
        case (.stringArray, .array(let values)): return values.allSatisfy { $0.stringValue != nil }
        default: return false
        }
    }

    private static func describe(_ type: ValueType) -> String {
        switch type {
        case .string: return "a string"
        case .number: return "a number"
        case .integer: return "an integer"
        case .bool: return "a boolean"
        case .object: return "an object"
        case .array: return "an array"
        case .stringArray: return "an array of strings"
        case .any: return "a value"
        }
    }
}

extension JSON {
    /// The value as compact JSON text.
    var compactText: String { String(decoding: encodedBytes, as: UTF8.self) }
}
