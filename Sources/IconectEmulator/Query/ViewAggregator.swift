/// Groups records by a spec's grouping and computes its aggregations per group.
///
/// A grouping field holding an array (tags) puts the record in one group per element. A date grouping with an interval
/// keys by `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. Groups are ordered by the spec's sorting (over keys and aliases), else by
/// their keys ascending, `null` last. With aggregations but no grouping there is one row over every record.
struct ViewAggregator {
    let spec: ViewQuerySpec

    func groups(of rows: [RecordRow]) -> [[String: JSON]] {
        var members: [[JSON]: [Int]] = [:]
        var order: [[JSON]] = []
        if spec.grouping.isEmpty {
            members[[]] = Array(rows.indices)
            order = [[]]
        } else {
            for (index, row) in rows.enumerated() {
                for key in combinations(spec.grouping.map { values(of: row, $0) }) {
                    if members[key] == nil { order.append(key) }
                    members[key, default: []].append(index)
                }
            }
        }
        var results: [[String: JSON]] = order.map { key in
            var object: [String: JSON] = [:]
            for (group, value) in zip(spec.grouping, key) { object[group.field] = value }
            let indices = members[key] ?? []
            for aggregate in spec.aggregations { object[aggregate.alias] = compute(aggregate, rows, indices) }
            return object
        }
        let sorting = spec.sorting.isEmpty ? spec.grouping.map { ViewQuerySpec.Sort(field: $0.field, descending: false) } : spec.sorting
        results = results.enumerated().sorted { lhs, rhs in
            for sort in sorting {
                let left = SortKey(lhs.element[sort.field] ?? .null)
                let right = SortKey(rhs.element[sort.field] ?? .null)
                if let precedes = left.precedes(right, descending: sort.descending) { return precedes }
            }
            return lhs.offset < rhs.offset
        }.map(\.element)
        return results
    }

    /// The group key values of one record for one grouping (several for an array).
    private func values(of row: RecordRow, _ group: ViewQuerySpec.Group) -> [JSON] {
        let value = ViewResult.scalar(row.probe(group.key))
        let elements = value.arrayValue.map { $0.isEmpty ? [JSON.null] : $0 } ?? [value]
        guard let interval = group.interval else { return elements }
        return elements.map { element in
            guard let text = element.stringValue, let seconds = ISODate.parse(text) else { return element }
            let day = ISODate.dayString(Int64(seconds.rounded(.down)))
            switch interval {
            case .day: return .string(day)
            case .month: return .string(String(day.prefix(7)))
            case .year: return .string(String(day.prefix(4)))
            }
        }
    }

    private func combinations(_ lists: [[JSON]]) -> [[JSON]] {
        lists.reduce([[]]) { partial, list in partial.flatMap { prefix in list.map { prefix + [$0] } } }
    }

    private func compute(_ aggregate: ViewQuerySpec.Aggregate, _ rows: [RecordRow], _ indices: [Int]) -> JSON {
        guard let key = aggregate.key else { return .number(Double(indices.count)) }
        let values = indices.map { ViewResult.scalar(rows[$0].probe(key)) }.filter { !$0.isNull }
        let numbers = values.compactMap(\.numberValue)
        switch aggregate.function {
        case .count: return .number(Double(values.count))
        case .sum: return .number(numbers.reduce(0, +))
        case .avg: return numbers.isEmpty ? .null : .number(numbers.reduce(0, +) / Double(numbers.count))
        case .min, .max:
            let candidates = numbers.isEmpty ? values : numbers.map(JSON.number)
            let descending = aggregate.function == .max
            return candidates.min { SortKey($0).precedes(SortKey($1), descending: descending) ?? false } ?? .null
        }
    }
}
