/// A view query, parsed and checked: a view's `baseQuery`, or a panel's or widget's `configuration`, narrowed by a call's
/// `filters`, `sorting` and `dateRange`. One engine evaluates it for view, panel and widget data and their exports.
///
/// CONTRACT shape: `{filters, sorting [{field, order}], grouping [field | {field, interval}], aggregations [{field,
/// function: count|sum|avg|min|max, alias}], columns [field]}`. Errors name the member (`baseQuery.aggregations[0].function`).
struct ViewQuerySpec: Sendable {
    struct Group: Sendable {
        let field: String
        let key: RecordKey
        let interval: Interval?
    }

    enum Interval: String, Sendable, CaseIterable {
        case day, month, year
    }

    struct Aggregate: Sendable {
        let function: Function
        let field: String?
        let key: RecordKey?
        let alias: String
    }

    enum Function: String, Sendable, CaseIterable {
        case count, sum, avg, min, max
    }

    struct Sort: Sendable {
        let field: String
        let descending: Bool
    }

    var conditions: [FilterCondition] = []
    var sorting: [Sort] = []
    var grouping: [Group] = []
    var aggregations: [Aggregate] = []
    /// The record columns of ungrouped rows; nil: `id`, `documentId` and every field the rows have.
    var columns: [String]?
    /// The JSON the spec was built from, canonical (sorted keys): two specs with the same signature select the same rows.
    var signature = ""

    /// Whether rows are groups (grouping or aggregations) rather than records.
    var isGrouped: Bool { !grouping.isEmpty || !aggregations.isEmpty }

    init() {}

    /// Parses a query object; `nil` or `{}` selects every record.
    init(_ json: JSON?, argument: String) throws(APIError) {
        guard let json, !json.isNull else { return }
        guard let members = json.objectValue else { throw APIError.validation(argument, "\(argument) must be an object") }
        signature = json.compactText
        try narrow(filters: members["filters"], argument: argument + ".filters")
        try sort(by: members["sorting"], argument: argument + ".sorting")
        var errors = ValidationErrors()
        for (index, item) in Self.array(members["grouping"], argument + ".grouping", &errors).enumerated() {
            let name = "\(argument).grouping[\(index)]"
            let field = item.stringValue ?? item["field"]?.stringValue ?? ""
            var interval: Interval?
            if let text = item["interval"]?.stringValue {
                interval = Interval(rawValue: text)
                if interval == nil { errors.add(name + ".interval", "\(name).interval must be one of: day, month, year") }
            }
            if field.isEmpty { errors.add(name, "\(name) must be a field name or {\"field\", \"interval\"}") }
            grouping.append(Group(field: field, key: RecordKey(field), interval: interval))
        }
        for (index, item) in Self.array(members["aggregations"], argument + ".aggregations", &errors).enumerated() {
            let name = "\(argument).aggregations[\(index)]"
            let field = item["field"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            guard let function = item["function"]?.stringValue.flatMap(Function.init(rawValue:)) else {
                errors.add(name + ".function", "\(name).function must be one of: count, sum, avg, min, max")
                continue
            }
            if function != .count, field == nil { errors.add(name + ".field", "\(name).field is required for \(function.rawValue)") }
            let alias = item["alias"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
                ?? (field.map { "\(function.rawValue)_\($0)" } ?? function.rawValue)
            aggregations.append(Aggregate(function: function, field: field, key: field.map(RecordKey.init), alias: alias))
        }
        if let value = members["columns"], !value.isNull {
            let names = value.arrayValue?.compactMap { $0.stringValue ?? $0["field"]?.stringValue } ?? []
            if names.count != value.arrayValue?.count ?? -1 || names.contains(where: \.isEmpty) {
                errors.add(argument + ".columns", "\(argument).columns must be an array of field names")
            }
            columns = names
        }
        try errors.throwIfAny()
    }

    private static func array(_ value: JSON?, _ name: String, _ errors: inout ValidationErrors) -> [JSON] {
        guard let value, !value.isNull else { return [] }
        guard let items = value.arrayValue else {
            errors.add(name, "\(name) must be an array")
            return []
        }
        return items
    }

    /// Adds a filter object's conditions (`{"status": "active", "docDate": {"$gte": "2024-01-01"}}`).
    mutating func narrow(filters: JSON?, argument: String) throws(APIError) {
        guard let filters, !filters.isNull else { return }
        guard let members = filters.objectValue else { throw APIError.validation(argument, "\(argument) must be an object") }
        signature += "|filters:" + filters.compactText
        for (key, value) in members.sorted(by: { $0.key < $1.key }) {
            let operators = value.objectValue.map { $0.sorted { $0.key < $1.key } } ?? [("", value)]
            for (op, operand) in operators {
                let name = op.isEmpty ? "filter." + key : "filter.\(key)[\(op)]"
                do {
                    conditions.append(try FilterCondition.parse(name: name, value: Self.operandText(operand)))
                } catch {
                    throw APIError.validation("\(argument).\(key)", error.message)
                }
            }
        }
    }

    /// The conditions of a filter object alone (a delete job's `configuration.filter`), errors naming `argument`.
    static func conditions(filters: JSON?, argument: String) throws(APIError) -> [FilterCondition] {
        var spec = ViewQuerySpec()
        try spec.narrow(filters: filters, argument: argument)
        return spec.conditions
    }

    /// Replaces the sort order with `[{field, order}]`, when one is given.
    mutating func sort(by json: JSON?, argument: String) throws(APIError) {
        guard let json, !json.isNull else { return }
        guard let items = json.arrayValue else { throw APIError.validation(argument, "\(argument) must be an array") }
        var errors = ValidationErrors()
        var sorts: [Sort] = []
        for (index, item) in items.enumerated() {
            let name = "\(argument)[\(index)]"
            let field = item["field"]?.stringValue ?? item.stringValue ?? ""
            let order = item["order"]?.stringValue?.lowercased() ?? "asc"
            if field.isEmpty { errors.add(name + ".field", "\(name).field is required") }
            if order != "asc", order != "desc" { errors.add(name + ".order", "\(name).order must be asc or desc") }
            sorts.append(Sort(field: field, descending: order == "desc"))
        }
        try errors.throwIfAny()
        signature += "|sorting:" + json.compactText
        if !sorts.isEmpty { sorting = sorts }
    }

    /// Adds `{field, from, to}` (inclusive; a bare `to` date covers its whole day).
    mutating func restrict(dateRange json: JSON?, argument: String) throws(APIError) {
        guard let json, !json.isNull else { return }
        guard let field = json["field"]?.stringValue, !field.isEmpty else {
            throw APIError.validation(argument + ".field", "\(argument).field is required")
        }
        signature += "|dateRange:" + json.compactText
        for (bound, op) in [("from", "$gte"), ("to", "$lte")] {
            guard let text = json[bound]?.stringValue, !text.isEmpty else { continue }
            guard ISODate.parse(text) != nil else {
                throw APIError.validation("\(argument).\(bound)", "\(argument).\(bound) must be an ISO-8601 date")
            }
            let value = bound == "to" && text.count == 10 ? text + "T23:59:59Z" : text
            conditions.append(try FilterCondition.parse(name: "filter.\(field)[\(op)]", value: value))
        }
    }

    private static func operandText(_ value: JSON) -> String {
        switch value {
        case .string(let text): return text
        case .array(let values): return values.map(operandText).joined(separator: ",")
        case .null: return "null"
        default: return value.compactText
        }
    }
}
