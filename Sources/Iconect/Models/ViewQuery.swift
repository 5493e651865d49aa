/// What a view's `baseQuery`, and a panel's or widget's `configuration`, asks of the records: which ones (``filter``), in
/// which order (``sorting``), which columns (``columns``), and how they are grouped and aggregated.
///
/// ```swift
/// let byCustodian = ViewQuery(
///     filter: Filter().where("docType", .eq("email")),
///     grouping: ["custodian"],
///     aggregations: [.count(as: "documents"), .sum("pageCount", as: "pages")])
/// ```
/// On the wire: `{"filters": {...}, "sorting": [{"field", "order"}], "grouping": ["custodian"],
/// "aggregations": [{"field", "function", "alias"}], "columns": [...]}`. With grouping (or aggregations), each row of the
/// data is the group's keys plus one member per alias; without, each row is a record's columns.
public struct ViewQuery: Codable, Sendable, Hashable {
    /// Which records: the same operators as record search.
    public var filter: Filter
    /// The row order; ties keep the records' order.
    public var sorting: [SortField]
    /// The fields rows are grouped by (empty: no grouping).
    public var grouping: [Grouping]
    /// The figures computed per group (or over all rows, when there is no grouping).
    public var aggregations: [Aggregation]
    /// The record columns of ungrouped rows; `nil` lets the server choose (the view's `displayOptions.columns`, else
    /// `id`, `documentId` and every field).
    public var columns: [String]?

    public init(filter: Filter = Filter(), sorting: [SortField] = [], grouping: [Grouping] = [], aggregations: [Aggregation] = [],
                columns: [String]? = nil) {
        self.filter = filter
        self.sorting = sorting
        self.grouping = grouping
        self.aggregations = aggregations
        self.columns = columns
    }

    /// The query as a JSON object: a panel's or a widget's `configuration` (add display settings beside it as you like).
    public var configuration: [String: JSONValue] {
        var object: [String: JSONValue] = [:]
        if !filter.isEmpty { object["filters"] = filter.json }
        if !sorting.isEmpty { object["sorting"] = .array(sorting.map(\.json)) }
        if !grouping.isEmpty { object["grouping"] = .array(grouping.map(\.json)) }
        if !aggregations.isEmpty { object["aggregations"] = .array(aggregations.map(\.json)) }
        if let columns { object["columns"] = .array(columns.map(JSONValue.string)) }
        return object
    }

    /// Reads a query from JSON (a `baseQuery`, a `configuration`, an MCP argument); other members are ignored.
    /// - Throws: ``IconectError/Code/validation`` naming the offending member (`argument.aggregations[0].function`).
    public init(json: JSONValue, argument: String = "query") throws {
        guard case .object(let members) = json else { throw IconectError.invalidArgument(argument, "must be an object") }
        let filters = members["filters"].flatMap { $0.isNull ? nil : $0 }
        filter = try filters.map { try Filter(json: $0, argument: "\(argument).filters") } ?? Filter()
        sorting = try Self.elements(members["sorting"], "\(argument).sorting") { try SortField(json: $0, argument: $1) }
        grouping = try Self.elements(members["grouping"], "\(argument).grouping") { try Grouping(json: $0, argument: $1) }
        aggregations = try Self.elements(members["aggregations"], "\(argument).aggregations") {
            try Aggregation(json: $0, argument: $1)
        }
        columns = try members["columns"].map { value in
            guard let names = value.arrayValue?.compactMap(\.stringValue), names.count == value.arrayValue?.count else {
                throw IconectError.invalidArgument("\(argument).columns", "must be an array of field names")
            }
            return names
        }
    }

    private static func elements<T>(_ value: JSONValue?, _ argument: String, _ read: (JSONValue, String) throws -> T) throws -> [T] {
        guard let value, !value.isNull else { return [] }
        guard let items = value.arrayValue else { throw IconectError.invalidArgument(argument, "must be an array") }
        return try items.enumerated().map { try read($1, "\(argument)[\($0)]") }
    }

    public init(from decoder: any Decoder) throws {
        let json = try JSONValue(from: decoder)
        do {
            try self.init(json: json, argument: "baseQuery")
        } catch let error as IconectError {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        try JSONValue.object(configuration).encode(to: encoder)
    }
}

/// One sort key of a view, panel or widget query: `{"field": "docDate", "order": "desc"}`.
public struct SortField: Codable, Sendable, Hashable {
    public var field: String
    public var order: SortOrder

    public init(_ field: String, _ order: SortOrder = .ascending) {
        self.field = field
        self.order = order
    }

    /// Reads `{"field", "order"}` (order `asc` when absent).
    /// - Throws: ``IconectError/Code/validation`` naming `argument.field` when the field is missing.
    public init(json: JSONValue, argument: String) throws {
        guard let field = json["field"]?.stringValue, !field.isEmpty else {
            throw IconectError.invalidArgument("\(argument).field", "must name a field")
        }
        self.init(field, SortOrder(rawValue: json["order"]?.stringValue ?? "asc"))
    }

    var json: JSONValue { ["field": .string(field), "order": .string(order.rawValue)] }
}
