/// A figure computed over the rows of each group: `{"field": "pageCount", "function": "sum", "alias": "pages"}`.
///
/// `count` without a field counts rows; with one, the rows where the field has a value. `sum` and `avg` take the numbers
/// of the field; `min` and `max` its numbers (or, when it holds none, its texts and dates). The result is the group row's
/// member named ``alias`` (default `function_field`, or `count`).
public struct Aggregation: Codable, Sendable, Hashable {
    public var field: String?
    public var function: AggregateFunction
    public var alias: String?

    public init(_ function: AggregateFunction, field: String? = nil, alias: String? = nil) {
        self.function = function
        self.field = field
        self.alias = alias
    }

    /// Counts rows (or, with `field`, the rows where it has a value).
    public static func count(_ field: String? = nil, as alias: String? = nil) -> Aggregation {
        Aggregation(.count, field: field, alias: alias)
    }
    /// The sum of a numeric field.
    public static func sum(_ field: String, as alias: String? = nil) -> Aggregation { Aggregation(.sum, field: field, alias: alias) }
    /// The mean of a numeric field.
    public static func avg(_ field: String, as alias: String? = nil) -> Aggregation { Aggregation(.avg, field: field, alias: alias) }
    /// The smallest value of a field.
    public static func min(_ field: String, as alias: String? = nil) -> Aggregation { Aggregation(.min, field: field, alias: alias) }
    /// The largest value of a field.
    public static func max(_ field: String, as alias: String? = nil) -> Aggregation { Aggregation(.max, field: field, alias: alias) }

    init(json: JSONValue, argument: String) throws {
        guard let function = json["function"]?.stringValue, !function.isEmpty else {
            throw IconectError.invalidArgument("\(argument).function", "is required (count, sum, avg, min or max)")
        }
        self.init(AggregateFunction(rawValue: function), field: json["field"]?.stringValue, alias: json["alias"]?.stringValue)
    }

    var json: JSONValue {
        var object: [String: JSONValue] = ["function": .string(function.rawValue)]
        if let field { object["field"] = .string(field) }
        if let alias { object["alias"] = .string(alias) }
        return .object(object)
    }
}

/// What an ``Aggregation`` computes.
public struct AggregateFunction: ExtensibleEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let count = AggregateFunction(rawValue: "count")
    public static let sum = AggregateFunction(rawValue: "sum")
    public static let avg = AggregateFunction(rawValue: "avg")
    public static let min = AggregateFunction(rawValue: "min")
    public static let max = AggregateFunction(rawValue: "max")
    public static let knownValues: [AggregateFunction] = [.count, .sum, .avg, .min, .max]
}

/// A field rows are grouped by; a date field can be grouped by day, month or year.
///
/// A plain field travels as its name (`"custodian"`), a date grouping as `{"field": "docDate", "interval": "month"}`, whose
/// key is then `2024-03`.
public struct Grouping: Codable, Sendable, Hashable, ExpressibleByStringLiteral {
    public var field: String
    public var interval: GroupingInterval?

    public init(_ field: String, interval: GroupingInterval? = nil) {
        self.field = field
        self.interval = interval
    }

    public init(stringLiteral field: String) { self.init(field) }

    init(json: JSONValue, argument: String) throws {
        if let field = json.stringValue, !field.isEmpty {
            self.init(field)
            return
        }
        guard let field = json["field"]?.stringValue, !field.isEmpty else {
            throw IconectError.invalidArgument(argument, "must be a field name or {\"field\", \"interval\"}")
        }
        self.init(field, interval: json["interval"]?.stringValue.map(GroupingInterval.init(rawValue:)))
    }

    public init(from decoder: any Decoder) throws {
        let json = try JSONValue(from: decoder)
        do {
            try self.init(json: json, argument: "grouping")
        } catch let error as IconectError {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws { try json.encode(to: encoder) }

    var json: JSONValue {
        guard let interval else { return .string(field) }
        return ["field": .string(field), "interval": .string(interval.rawValue)]
    }
}

/// The bucket of a date ``Grouping``.
public struct GroupingInterval: ExtensibleEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let day = GroupingInterval(rawValue: "day")
    public static let month = GroupingInterval(rawValue: "month")
    public static let year = GroupingInterval(rawValue: "year")
    public static let knownValues: [GroupingInterval] = [.day, .month, .year]
}
