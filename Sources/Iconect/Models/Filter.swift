/// Conditions on fields, for list and search operations.
///
/// ```swift
/// let filter = Filter()
///     .where("status", .eq("active"))
///     .where("docDate", .gte("2024-01-01"))
///     .where("custodian", .in(["Alvarez", "Chen"]))
/// ```
/// In a query string each condition travels as `filter.docDate[$gte]=2024-01-01` (`$in` values comma-joined, a plain equality
/// as `filter.status=active`); in a JSON body as `{"docDate": {"$gte": "2024-01-01"}}`.
public struct Filter: Sendable, Hashable {
    /// One condition on a value.
    public enum Condition: Sendable, Hashable {
        case eq(JSONValue)
        case ne(JSONValue)
        case gt(JSONValue)
        case gte(JSONValue)
        case lt(JSONValue)
        case lte(JSONValue)
        case `in`([JSONValue])
        case nin([JSONValue])
        case regex(String)
        case exists(Bool)

        /// The operator's wire name (`$gte`).
        public var operatorName: String {
            switch self {
            case .eq: return "$eq"
            case .ne: return "$ne"
            case .gt: return "$gt"
            case .gte: return "$gte"
            case .lt: return "$lt"
            case .lte: return "$lte"
            case .in: return "$in"
            case .nin: return "$nin"
            case .regex: return "$regex"
            case .exists: return "$exists"
            }
        }

        /// The operand as JSON.
        public var operand: JSONValue {
            switch self {
            case .eq(let value), .ne(let value), .gt(let value), .gte(let value), .lt(let value), .lte(let value): return value
            case .in(let values), .nin(let values): return .array(values)
            case .regex(let pattern): return .string(pattern)
            case .exists(let flag): return .bool(flag)
            }
        }

        /// The condition for a wire operator name and operand, or `nil` when the operator is unknown or the operand does not fit it.
        public init?(operatorName: String, operand: JSONValue) {
            switch operatorName {
            case "$eq": self = .eq(operand)
            case "$ne": self = .ne(operand)
            case "$gt": self = .gt(operand)
            case "$gte": self = .gte(operand)
            case "$lt": self = .lt(operand)
            case "$lte": self = .lte(operand)
            case "$in", "$nin":
                let values = operand.arrayValue ?? [operand]
                self = operatorName == "$in" ? .in(values) : .nin(values)
            case "$regex":
                guard let pattern = operand.stringValue else { return nil }
                self = .regex(pattern)
            case "$exists":
                guard let flag = operand.boolValue ?? operand.stringValue.flatMap({ Bool($0) }) else { return nil }
                self = .exists(flag)
            default: return nil
            }
        }
    }

    /// The conditions, in the order they were added.
    public private(set) var conditions: [(field: String, condition: Condition)] = []

    public init() {}

    /// A copy with one more condition on `field`.
    public func `where`(_ field: String, _ condition: Condition) -> Filter {
        var copy = self
        copy.conditions.append((field, condition))
        return copy
    }

    /// A copy with `field == value`.
    public func `where`(_ field: String, equals value: JSONValue) -> Filter {
        self.where(field, .eq(value))
    }

    public var isEmpty: Bool { conditions.isEmpty }

    /// Reads a filter object as MCP clients and the JSON API write it: `{"status": "active", "date": {"$gte": "2024-01-01"}}`.
    /// - Throws: ``IconectError/Code/validation`` naming the field whose operator or operand is not valid.
    public init(json: JSONValue, argument: String = "filter") throws {
        guard case .object(let members) = json else {
            throw IconectError.invalidArgument(argument, "must be an object of field conditions")
        }
        for field in members.keys.sorted() {
            guard let value = members[field] else { continue }
            guard !field.isEmpty else { throw IconectError.invalidArgument(argument, "has an empty field name") }
            if case .object(let operators) = value, operators.keys.contains(where: { $0.hasPrefix("$") }) {
                // An operator object: every key must be an operator (a mix is ambiguous, so it is refused).
                for name in operators.keys.sorted() {
                    guard let operand = operators[name], let condition = Condition(operatorName: name, operand: operand) else {
                        throw IconectError.invalidArgument(
                            "\(argument).\(field)",
                            "\(name) is not a valid operator here (use $eq $ne $gt $gte $lt $lte $in $nin $regex $exists)")
                    }
                    conditions.append((field, condition))
                }
            } else {
                conditions.append((field, .eq(value)))
            }
        }
    }

    /// The query-string form: `filter.status=active`, `filter.docDate[$gte]=2024-01-01`, `filter.custodian[$in]=Alvarez,Chen`.
    ///
    /// The form is unambiguous whatever the field names and values: a field whose name holds `[` or `]` always carries its
    /// operator (`filter.a[b][$eq]=x`), so its name is never read as an operator; `$in`/`$nin` values that hold a comma
    /// travel as one repeated parameter each (a single one as `$eq`/`$ne`, its exact equivalent) instead of comma-joined.
    /// - Throws: ``IconectError/Code/validation`` for an operand that has no query form (an object or `null`), or an empty
    ///   `$in`/`$nin` list.
    public func queryItems(prefix: String = "filter") throws -> QueryItems {
        var items = QueryItems()
        for (field, condition) in conditions {
            let name = "\(prefix).\(field)"
            func text(_ operand: JSONValue) throws -> String {
                guard let text = operand.queryText else {
                    throw IconectError.invalidArgument(name, "\(operand) cannot travel in a query string")
                }
                return text
            }
            switch condition {
            case .in(let values), .nin(let values):
                guard !values.isEmpty else { throw IconectError.invalidArgument(name, "\(condition.operatorName) needs at least one value") }
                let texts = try values.map(text)
                if !texts.contains(where: { $0.contains(",") }) {
                    items.add("\(name)[\(condition.operatorName)]", texts.joined(separator: ","))
                } else if texts.count == 1 {
                    if case .in = condition { items.add("\(name)[$eq]", texts[0]) } else { items.add("\(name)[$ne]", texts[0]) }
                } else {
                    for value in texts { items.add("\(name)[\(condition.operatorName)]", value) }
                }
            case .eq(let value) where value.arrayValue == nil && !field.contains(where: { $0 == "[" || $0 == "]" }):
                items.add(name, try text(value))
            default:
                items.add("\(name)[\(condition.operatorName)]", try text(condition.operand))
            }
        }
        return items
    }

    /// The JSON-body form, with several operators on one field merged into one object.
    public var json: JSONValue {
        var object: [String: JSONValue] = [:]
        for (field, condition) in conditions {
            if case .eq(let value) = condition, object[field] == nil, conditions.filter({ $0.field == field }).count == 1 {
                object[field] = value
                continue
            }
            var operators = object[field]?.objectValue ?? [:]
            operators[condition.operatorName] = condition.operand
            object[field] = .object(operators)
        }
        return .object(object)
    }

    public static func == (lhs: Filter, rhs: Filter) -> Bool {
        lhs.conditions.elementsEqual(rhs.conditions) { $0.field == $1.field && $0.condition == $1.condition }
    }

    public func hash(into hasher: inout Hasher) {
        for (field, condition) in conditions {
            hasher.combine(field)
            hasher.combine(condition)
        }
    }
}
