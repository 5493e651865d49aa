/// The query of a request: ordered name/value pairs, encoded strictly (RFC 3986 unreserved characters only).
///
/// `nil` values are skipped, so optional parameters can be added unconditionally.
public struct QueryItems: Sendable, Hashable {
    public private(set) var items: [Item]

    /// One query parameter.
    public struct Item: Sendable, Hashable {
        public var name: String
        public var value: String
    }

    public init() { items = [] }

    public var isEmpty: Bool { items.isEmpty }

    /// Appends `name=value` when `value` is not `nil`.
    public mutating func add(_ name: String, _ value: String?) {
        if let value { items.append(Item(name: name, value: value)) }
    }

    /// Appends an integer parameter when it is not `nil`.
    public mutating func add(_ name: String, _ value: Int?) {
        add(name, value.map(String.init))
    }

    /// Appends a Boolean parameter (`true`/`false`) when it is not `nil`.
    public mutating func add(_ name: String, _ value: Bool?) {
        add(name, value.map { $0 ? "true" : "false" })
    }

    /// Appends a list parameter, comma-joined, when it is not `nil` or empty.
    public mutating func add(_ name: String, _ values: [String]?) {
        guard let values, !values.isEmpty else { return }
        add(name, values.joined(separator: ","))
    }

    /// Appends a value that has a raw string form (an enum-like type), when it is not `nil`.
    public mutating func add<Value: RawRepresentable>(_ name: String, _ value: Value?) where Value.RawValue == String {
        add(name, value?.rawValue)
    }

    /// Appends every parameter of `other`.
    public mutating func append(contentsOf other: QueryItems) {
        items.append(contentsOf: other.items)
    }

    /// `a=1&b=x%20y`, or the empty string.
    public var encoded: String {
        items.map { "\(PercentEncoding.encode($0.name))=\(PercentEncoding.encode($0.value))" }.joined(separator: "&")
    }

    /// The same items sorted by name then value: the canonical form a cache key uses.
    var sorted: QueryItems {
        var copy = self
        copy.items.sort { ($0.name, $0.value) < ($1.name, $1.value) }
        return copy
    }
}
