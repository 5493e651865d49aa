import Foundation

/// What a filter compares against: a value of a stored object, looked up by key.
enum FieldProbe {
    case missing
    case json(JSON)
    /// A stored instant (seconds since 1970), e.g. a record's `createdDate`.
    case instant(Int64)
    case strings([String])
}

/// One operand of a filter, pre-parsed in every way it may be compared.
struct FilterOperand {
    let raw: String
    let number: Double?
    let instant: Double?
    let bool: Bool?

    init(_ raw: String) {
        self.raw = raw
        let trimmed = raw.trimming(" ")
        number = trimmed.isEmpty ? nil : Double(trimmed)
        instant = ISODate.parse(trimmed)
        switch trimmed.lowercased() {
        case "true": bool = true
        case "false": bool = false
        default: bool = nil
        }
    }

    var isNull: Bool { raw == "null" }
}

/// A filter operator of the CATALOGUE's query-string form `filter.<key>[$op]=value`.
enum FilterOperator: String, CaseIterable {
    case eq = "$eq", ne = "$ne", gt = "$gt", gte = "$gte", lt = "$lt", lte = "$lte"
    case `in` = "$in", nin = "$nin", regex = "$regex", exists = "$exists"
}

/// One parsed filter condition, evaluated against a ``FieldProbe``.
struct FilterCondition {
    let key: String
    let op: FilterOperator
    let operand: FilterOperand
    let list: [FilterOperand]
    let regex: LinearRegex?

    /// Parses every `filter.*` query parameter; throws a validation error naming a bad parameter.
    ///
    /// A `$in`/`$nin` parameter given once holds comma-separated values; given several times, each occurrence is one value
    /// taken as it is (commas included), and the occurrences form one condition.
    static func parse(_ query: QueryParameters) throws(APIError) -> [FilterCondition] {
        var conditions: [FilterCondition] = []
        var listIndex: [String: Int] = [:]
        let filters = query.pairs.filter { $0.name.hasPrefix("filter.") }
        var occurrences: [String: Int] = [:]
        for (name, _) in filters { occurrences[name, default: 0] += 1 }
        for (name, value) in filters {
            let repeated = occurrences[name, default: 0] > 1
            let condition = try parse(name: name, value: value, splitList: !repeated)
            guard repeated, condition.op == .in || condition.op == .nin else {
                conditions.append(condition)
                continue
            }
            if let index = listIndex[name] {
                conditions[index] = conditions[index].adding(condition.list)
            } else {
                listIndex[name] = conditions.count
                conditions.append(condition)
            }
        }
        return conditions
    }

    /// The same condition with more list values.
    private func adding(_ values: [FilterOperand]) -> FilterCondition {
        FilterCondition(key: key, op: op, operand: operand, list: list + values, regex: regex)
    }

    static func parse(name: String, value: String, splitList: Bool = true) throws(APIError) -> FilterCondition {
        var key = String(name.dropFirst("filter.".count))
        var op = FilterOperator.eq
        if key.hasSuffix("]"), let open = key.lastIndex(of: "[") {
            var opName = String(key[key.index(after: open)..<key.index(before: key.endIndex)])
            if !opName.hasPrefix("$") { opName = "$" + opName }
            guard let parsed = FilterOperator(rawValue: opName) else {
                throw APIError.validation(name, "Unknown filter operator '\(opName)'; use one of \(FilterOperator.allCases.map(\.rawValue).joined(separator: " "))")
            }
            op = parsed
            key = String(key[..<open])
        }
        guard !key.isEmpty else { throw APIError.validation(name, "A filter needs a field name") }
        var regex: LinearRegex?
        if op == .regex {
            do {
                regex = try LinearRegex(value)
            } catch {
                throw APIError.validation(name, "Invalid or unsupported regular expression: \(error.reason)")
            }
        }
        if op == .exists, FilterOperand(value).bool == nil {
            throw APIError.validation(name, "$exists takes true or false")
        }
        let list: [FilterOperand]
        if op == .in || op == .nin {
            list = splitList
                ? value.split(separator: ",", omittingEmptySubsequences: false).map { FilterOperand($0.trimmingSpaces()) }
                : [FilterOperand(value)]
        } else {
            list = []
        }
        return FilterCondition(key: key, op: op, operand: FilterOperand(value), list: list, regex: regex)
    }

    func matches(_ probe: FieldProbe) -> Bool {
        switch op {
        case .exists:
            let present: Bool
            switch probe {
            case .missing: present = false
            case .json(let value): present = !value.isNull
            default: present = true
            }
            return present == (operand.bool ?? true)
        case .eq: return any(probe) { Self.compare($0, operand) == 0 }
        case .ne: return !any(probe) { Self.compare($0, operand) == 0 }
        case .gt: return any(probe) { (Self.compare($0, operand) ?? 0) > 0 }
        case .gte: return any(probe) { (Self.compare($0, operand) ?? -1) >= 0 }
        case .lt: return any(probe) { (Self.compare($0, operand) ?? 0) < 0 }
        case .lte: return any(probe) { (Self.compare($0, operand) ?? 1) <= 0 }
        case .in: return any(probe) { value in list.contains { Self.compare(value, $0) == 0 } }
        case .nin: return !any(probe) { value in list.contains { Self.compare(value, $0) == 0 } }
        case .regex:
            guard let regex else { return false }
            return any(probe) { value in
                let text: String
                switch value {
                case .string(let string), .json(.string(let string)): text = string
                default: return false
                }
                return regex.firstMatch(in: text)
            }
        }
    }

    /// A scalar view of a probe element, so arrays match when any element does.
    private enum Scalar {
        case json(JSON)
        case string(String)
        case instant(Int64)
    }

    private func any(_ probe: FieldProbe, _ test: (Scalar) -> Bool) -> Bool {
        switch probe {
        case .missing: return false
        case .instant(let value): return test(.instant(value))
        case .strings(let values): return values.contains { test(.string($0)) }
        case .json(.array(let values)): return values.contains { test(.json($0)) }
        case .json(let value): return test(.json(value))
        }
    }

    /// -1, 0, 1, or nil when the two cannot be compared.
    private static func compare(_ value: Scalar, _ operand: FilterOperand) -> Int? {
        switch value {
        case .string(let text):
            return compareString(text, operand)
        case .instant(let seconds):
            if let instant = operand.instant { return order(Double(seconds), instant) }
            if let number = operand.number { return order(Double(seconds), number) }
            return nil
        case .json(let json):
            switch json {
            case .number(let number):
                guard let other = operand.number else { return nil }
                return order(number, other)
            case .string(let text):
                return compareString(text, operand)
            case .bool(let flag):
                guard let other = operand.bool else { return nil }
                return order(flag ? 1 : 0, other ? 1 : 0)
            case .null:
                return operand.isNull ? 0 : nil
            case .array, .object:
                return nil
            }
        }
    }

    private static func compareString(_ text: String, _ operand: FilterOperand) -> Int? {
        if let instant = operand.instant, let value = ISODate.parse(text) {
            return order(value, instant)
        }
        if text == operand.raw { return 0 }
        return text.utf8.lexicographicallyPrecedes(operand.raw.utf8) ? -1 : 1
    }

    private static func order(_ a: Double, _ b: Double) -> Int {
        a < b ? -1 : (a > b ? 1 : 0)
    }
}
