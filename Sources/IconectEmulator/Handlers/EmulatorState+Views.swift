import HTTPTypes

/// `POST /views/{id}/data`: evaluates the view's `baseQuery` (filters, sorting, grouping, aggregations) over the records.
extension EmulatorState {
    func viewData(_ request: APIRequest) throws(APIError) -> Reply {
        let view = try requireObject("views", request.param("id"))
        let body = try request.jsonObject()
        let paging = try Paging(request.query, maxPageSize: 1000)
        let baseQuery = view["baseQuery"]?.objectValue ?? [:]
        var conditions = try Self.conditions(from: baseQuery["filters"])
        conditions += try Self.conditions(from: body["filters"])
        let rows = records.rows(inProject: view["projectId"]?.stringValue ?? "").filter { row in
            conditions.allSatisfy { $0.matches(row.probe($0.key)) }
        }
        let grouping = (baseQuery["grouping"]?.arrayValue ?? []).compactMap(\.stringValue)
        let aggregations = baseQuery["aggregations"]?.arrayValue ?? []
        guard !grouping.isEmpty || !aggregations.isEmpty else {
            var sorted = rows
            let sorting = (body["sorting"] ?? baseQuery["sorting"])?.arrayValue?.first
            if let field = sorting?["field"]?.stringValue {
                let descending = sorting?["order"]?.stringValue == "desc"
                sorted = rows.enumerated().sorted { lhs, rhs in
                    SortKey(lhs.element.probe(field)).precedes(SortKey(rhs.element.probe(field)), descending: descending) ?? (lhs.offset < rhs.offset)
                }.map(\.element)
            }
            let window = paging.range(total: sorted.count)
            return .json(paging.envelope(total: sorted.count) { writer in
                for row in sorted[window] { row.write(to: &writer) }
            })
        }
        var groups: [[JSON]: [RecordRow]] = [:]
        var order: [[JSON]] = []
        for row in rows {
            let key = grouping.map { Self.scalar(row.probe($0)) }
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(row)
        }
        let results: [JSON] = order.map { key in
            var object: [String: JSON] = [:]
            for (name, value) in zip(grouping, key) { object[name] = value }
            for aggregation in aggregations {
                let field = aggregation["field"]?.stringValue ?? "id"
                let function = aggregation["function"]?.stringValue ?? "count"
                let alias = aggregation["alias"]?.stringValue ?? "\(function)_\(field)"
                let values = (groups[key] ?? []).compactMap { Self.scalar($0.probe(field)).numberValue }
                switch function {
                case "sum": object[alias] = .number(values.reduce(0, +))
                case "avg": object[alias] = values.isEmpty ? .null : .number(values.reduce(0, +) / Double(values.count))
                case "min": object[alias] = values.min().map(JSON.number) ?? .null
                case "max": object[alias] = values.max().map(JSON.number) ?? .null
                default: object[alias] = .number(Double(groups[key]?.count ?? 0))
                }
            }
            return .object(object)
        }
        let window = paging.range(total: results.count)
        return .json(paging.envelope(total: results.count) { writer in
            for result in results[window] { writer.value(result) }
        })
    }

    private static func scalar(_ probe: FieldProbe) -> JSON {
        switch probe {
        case .missing: return .null
        case .json(let value): return value
        case .instant(let seconds): return .string(ISODate.string(seconds))
        case .strings(let values): return .array(values.map(JSON.string))
        }
    }

    /// A filter object (`{"status": "active", "createdDate": {"$gte": "2024-01-01"}}`) as conditions.
    static func conditions(from filters: JSON?) throws(APIError) -> [FilterCondition] {
        guard let members = filters?.objectValue else { return [] }
        var conditions: [FilterCondition] = []
        for (key, value) in members.sorted(by: { $0.key < $1.key }) {
            if let operators = value.objectValue {
                for (op, operand) in operators.sorted(by: { $0.key < $1.key }) {
                    conditions.append(try FilterCondition.parse(name: "filter.\(key)[\(op)]", value: operandText(operand)))
                }
            } else {
                conditions.append(try FilterCondition.parse(name: "filter." + key, value: operandText(value)))
            }
        }
        return conditions
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
